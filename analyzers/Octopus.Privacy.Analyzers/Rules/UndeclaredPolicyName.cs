using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Rules
{
    /// <summary>OPRIV005: [Pii] or [DataRecipient] names something the policy does not declare.</summary>
    internal static class UndeclaredPolicyName
    {
        public static readonly DiagnosticDescriptor Descriptor = new DiagnosticDescriptor(
            DiagnosticIds.UndeclaredPolicyName,
            title: "[Pii] or [DataRecipient] names something the policy does not declare",
            messageFormat: "'{0}' is not a {1} declared by the policy '{2}'",
            category: DiagnosticIds.Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "The category or recipient must be declared by the policy the project uses, or the engine denies every use of it as unknown.",
            helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.UndeclaredPolicyName));
    }
}
