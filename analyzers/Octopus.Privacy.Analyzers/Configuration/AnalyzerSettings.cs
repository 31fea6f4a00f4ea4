using Microsoft.CodeAnalysis.Diagnostics;
using Octopus.Privacy.Analyzers.Policy;
using Octopus.Privacy.Analyzers.Rules;

namespace Octopus.Privacy.Analyzers.Configuration
{
    /// <summary>
    /// The analyzer's options, typed, read once per compilation from the project's analyzer configuration. The lists of
    /// methods (<c>additional_*</c>) are read per syntax tree by <see cref="ConfiguredMethods"/>.
    /// </summary>
    internal sealed class AnalyzerSettings
    {
        public const string AdditionalLogSinksOption = "octopus_privacy.additional_log_sinks";
        public const string AdditionalShareSinksOption = "octopus_privacy.additional_share_sinks";
        public const string AdditionalConsentChecksOption = "octopus_privacy.additional_consent_checks";
        public const string MaxTypeDepthOption = "octopus_privacy.max_type_depth";

        private const int DefaultMaxTypeDepth = 2;

        private AnalyzerSettings(int maxTypeDepth, bool reportExceptions, IdentityOptions identity)
        {
            MaxTypeDepth = maxTypeDepth;
            ReportExceptions = reportExceptions;
            Identity = identity;
        }

        /// <summary>How deep to look for personal members of member types; default 2.</summary>
        public int MaxTypeDepth { get; }

        /// <summary>Whether exceptions built from personal data are reported (OPRIV001); default true.</summary>
        public bool ReportExceptions { get; }

        /// <summary>How ASP.NET Core Identity's members map to the policy's categories.</summary>
        public IdentityOptions Identity { get; }

        public static AnalyzerSettings Read(AnalyzerConfigOptions options, PolicyVocabulary vocabulary)
        {
            var depth = options.TryGetValue(MaxTypeDepthOption, out var text) && int.TryParse(text.Trim(), out var parsed) && parsed >= 0
                ? parsed
                : DefaultMaxTypeDepth;
            var reportExceptions = !(options.TryGetValue(PiiLoggedWithoutConsent.ReportExceptionsOption, out var exceptions)
                && bool.TryParse(exceptions.Trim(), out var report) && !report);
            return new AnalyzerSettings(depth, reportExceptions, new IdentityOptions(options, vocabulary));
        }
    }
}
