using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Rules
{
    /// <summary>OPRIV001: Personal data is logged without a consent check.</summary>
    internal static class PiiLoggedWithoutConsent
    {
        public static readonly DiagnosticDescriptor Descriptor = new DiagnosticDescriptor(
            DiagnosticIds.PiiLoggedWithoutConsent,
            title: "Personal data is logged without a consent check",
            messageFormat: "{0} is written to a log by '{1}' with no consent check on the path",
            category: DiagnosticIds.Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Personal data marked [Pii] (or [PersonalData], or a data classification) reaches a logging call on a path where no consent check has succeeded.",
            helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.PiiLoggedWithoutConsent));
    }
}
