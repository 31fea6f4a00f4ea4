using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Octopus.Privacy.Analyzers.Dataflow;

namespace Octopus.Privacy.Analyzers.Rules
{
    /// <summary>OPRIV003: Secret data is logged or shared.</summary>
    internal static class SecretDataLoggedOrShared
    {
        public static readonly DiagnosticDescriptor Descriptor = new DiagnosticDescriptor(
            DiagnosticIds.SecretDataLoggedOrShared,
            title: "Secret data is logged or shared",
            messageFormat: "{0} is secret data and must never be {1}, whatever the consent ('{2}')",
            category: DiagnosticIds.Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The policy marks the category secret: it must never be logged or shared, guarded or not. Consent does not make it acceptable.",
            helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.SecretDataLoggedOrShared));

        /// <summary>Reported whether or not a consent check guards the sink: consent does not make secret data loggable.</summary>
        public static Diagnostic Create(FlowFinding finding, Location location, IEnumerable<Location> sources, ImmutableDictionary<string, string?> properties, string what) =>
            Diagnostic.Create(Descriptor, location, sources, properties, what, finding.Kind == SinkKind.Log ? "logged" : "shared", finding.SinkName);
    }
}
