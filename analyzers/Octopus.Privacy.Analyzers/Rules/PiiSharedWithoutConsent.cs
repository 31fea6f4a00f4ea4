using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Octopus.Privacy.Analyzers.Dataflow;

namespace Octopus.Privacy.Analyzers.Rules
{
    /// <summary>OPRIV002: Personal data is shared without a consent check.</summary>
    internal static class PiiSharedWithoutConsent
    {
        public static readonly DiagnosticDescriptor Descriptor = new DiagnosticDescriptor(
            DiagnosticIds.PiiSharedWithoutConsent,
            title: "Personal data is shared without a consent check",
            messageFormat: "{0} is sent to {1} by '{2}' with no consent check on the path",
            category: DiagnosticIds.Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Personal data reaches a third party (a [DataRecipient] method or parameter, an HTTP request, an e-mail, a [RequiresConsent] method) on a path where no consent check has succeeded.",
            helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.PiiSharedWithoutConsent));

        /// <summary>The finding of a third party reached with no consent check, naming the recipient.</summary>
        public static Diagnostic Create(FlowFinding finding, Location location, IEnumerable<Location> sources, ImmutableDictionary<string, string?> properties, string what) =>
            Diagnostic.Create(Descriptor, location, sources, properties, what, finding.Recipient, finding.SinkName);
    }
}
