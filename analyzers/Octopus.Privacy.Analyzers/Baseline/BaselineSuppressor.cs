using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Octopus.Privacy.Analyzers.Baseline
{
    /// <summary>
    /// Suppresses the findings a project's baseline accepts, so that a build fails only on new ones. Suppressed
    /// findings stay in the build's SARIF log, marked as suppressed, which is how <c>octopus-privacy baseline check</c>
    /// tells accepted findings that still exist from stale entries.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BaselineSuppressor : DiagnosticSuppressor
    {
        /// <summary>The suppression ids: this prefix and the rule id, <c>OPRIVBASE_OPRIV001</c>.</summary>
        public const string SuppressionIdPrefix = "OPRIVBASE_";

        private static readonly ImmutableArray<SuppressionDescriptor> Descriptors = ImmutableArray.Create(
            Descriptor(DiagnosticIds.PiiLoggedWithoutConsent),
            Descriptor(DiagnosticIds.PiiSharedWithoutConsent),
            Descriptor(DiagnosticIds.SecretDataLoggedOrShared),
            Descriptor(DiagnosticIds.ConsentCheckResultDiscarded),
            Descriptor(DiagnosticIds.UndeclaredPolicyName));

        public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions => Descriptors;

        public override void ReportSuppressions(SuppressionAnalysisContext context)
        {
            var baseline = BaselineFile.For(context.Options, context.Compilation, context.CancellationToken);
            if (baseline.AcceptsNothing)
            {
                return;
            }

            foreach (var diagnostic in context.ReportedDiagnostics)
            {
                if (Fingerprint.Of(diagnostic) is Fingerprint fingerprint && baseline.Accepts(fingerprint))
                {
                    context.ReportSuppression(Suppression.Create(Descriptors.First(d => d.SuppressedDiagnosticId == diagnostic.Id), diagnostic));
                }
            }
        }

        private static SuppressionDescriptor Descriptor(string rule) =>
            new SuppressionDescriptor(SuppressionIdPrefix + rule, rule, "The finding is accepted by the project's baseline (octopus_privacy.baseline_file); new findings are still reported.");
    }
}
