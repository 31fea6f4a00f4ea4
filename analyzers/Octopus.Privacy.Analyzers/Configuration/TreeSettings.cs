using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Configuration
{
    /// <summary>The options in force for the code of one syntax tree, typed (see <see cref="ConfiguredMethods"/>).</summary>
    internal sealed class TreeSettings
    {
        private readonly ImmutableHashSet<ISymbol> _logSinks;
        private readonly ImmutableHashSet<ISymbol> _shareSinks;
        private readonly ImmutableHashSet<ISymbol> _consentChecks;

        public TreeSettings(ImmutableHashSet<ISymbol> logSinks, ImmutableHashSet<ISymbol> shareSinks, ImmutableHashSet<ISymbol> consentChecks, bool reportExceptions)
        {
            _logSinks = logSinks;
            _shareSinks = shareSinks;
            _consentChecks = consentChecks;
            ReportExceptions = reportExceptions;
        }

        /// <summary>Whether exceptions built from personal data are reported (OPRIV001); default true.</summary>
        public bool ReportExceptions { get; }

        /// <summary>A method named in <c>octopus_privacy.additional_log_sinks</c>.</summary>
        public bool IsLogSink(IMethodSymbol method) => Lists(_logSinks, method);

        /// <summary>A method named in <c>octopus_privacy.additional_share_sinks</c>.</summary>
        public bool IsShareSink(IMethodSymbol method) => Lists(_shareSinks, method);

        /// <summary>A method named in <c>octopus_privacy.additional_consent_checks</c>.</summary>
        public bool IsConsentCheck(IMethodSymbol method) => Lists(_consentChecks, method);

        /// <summary>
        /// A <c>bool</c> property or field named in <c>octopus_privacy.additional_consent_checks</c>: a preference the
        /// application keeps itself (<c>P:Spa.User.NotifyByEmail</c>), read as a consent check wherever it is read.
        /// </summary>
        public bool IsConsentFlag(ISymbol member) =>
            !_consentChecks.IsEmpty
            && (member switch { IPropertySymbol property => property.Type, IFieldSymbol field => field.Type, _ => null })?.SpecialType == SpecialType.System_Boolean
            && _consentChecks.Contains(member.OriginalDefinition);

        private static bool Lists(ImmutableHashSet<ISymbol> methods, IMethodSymbol method) =>
            !methods.IsEmpty && (methods.Contains(method.OriginalDefinition) || (method.ReducedFrom != null && methods.Contains(method.ReducedFrom.OriginalDefinition)));
    }
}
