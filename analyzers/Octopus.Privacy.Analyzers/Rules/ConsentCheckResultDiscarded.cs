using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Rules
{
    /// <summary>OPRIV004: The result of a consent check is discarded.</summary>
    internal static class ConsentCheckResultDiscarded
    {
        public static readonly DiagnosticDescriptor Descriptor = new DiagnosticDescriptor(
            DiagnosticIds.ConsentCheckResultDiscarded,
            title: "The result of a consent check is discarded",
            messageFormat: "The result of consent check '{0}' is discarded, so it checks nothing",
            category: DiagnosticIds.Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A [ConsentCheck] method that returns its answer only guards code that uses the answer.",
            helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.ConsentCheckResultDiscarded));
    }
}
