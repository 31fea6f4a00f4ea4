using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Rules
{
    /// <summary>OPRIV006: a file the project gives the analyzers (its policy, its baseline) cannot be found, read or parsed.</summary>
    internal static class UnreadablePolicyFile
    {
        public static readonly DiagnosticDescriptor Descriptor = new DiagnosticDescriptor(
            DiagnosticIds.UnreadablePolicyFile,
            title: "A file the privacy analyzers read cannot be used",
            messageFormat: "The privacy analyzers cannot use {0}",
            category: DiagnosticIds.Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The analyzers decide which categories are secret and which names are declared from the project's policy, "
                + "and which findings are accepted from its baseline. A file that is named but missing, ambiguous, unreadable or "
                + "malformed would otherwise be replaced without a word (the policy by the embedded default, so that a secret "
                + "category's error silently becomes a passing build). The build fails instead; a broken baseline accepts nothing.",
            helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.UnreadablePolicyFile));
    }
}
