using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Octopus.Privacy.Analyzers.Dataflow;

namespace Octopus.Privacy.Analyzers.Rules
{
    /// <summary>OPRIV001: Personal data is logged without a consent check.</summary>
    internal static class PiiLoggedWithoutConsent
    {
        /// <summary>Option: <c>false</c> stops reporting exceptions built from personal data; default <c>true</c>.</summary>
        public const string ReportExceptionsOption = "octopus_privacy.report_exceptions";

        public static readonly DiagnosticDescriptor Descriptor = new DiagnosticDescriptor(
            DiagnosticIds.PiiLoggedWithoutConsent,
            title: "Personal data is logged without a consent check",
            messageFormat: "{0} is written to a log by '{1}' with no consent check on the path",
            category: DiagnosticIds.Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Personal data marked [Pii] (or [PersonalData], or a data classification) reaches a logging call on a path where no consent check has succeeded.",
            helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.PiiLoggedWithoutConsent));

        /// <summary>The same rule where the log is an exception's message: the exception is reported where it is created.</summary>
        public static readonly DiagnosticDescriptor ExceptionDescriptor = new DiagnosticDescriptor(
            DiagnosticIds.PiiLoggedWithoutConsent,
            title: "Personal data is logged without a consent check",
            messageFormat: "{0} is put in the message of '{1}', which ends up in logs, with no consent check on the path",
            category: DiagnosticIds.Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "An exception whose message is built from personal data: exception messages are written to logs by whoever catches or lets them through. Set octopus_privacy.report_exceptions = false to turn this off.",
            helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.PiiLoggedWithoutConsent));

        /// <summary>The finding of a log, or of an exception's message, reached with no consent check.</summary>
        public static Diagnostic Create(FlowFinding finding, Location location, IEnumerable<Location> sources, ImmutableDictionary<string, string?> properties, string what) =>
            Diagnostic.Create(finding.IsException ? ExceptionDescriptor : Descriptor, location, sources, properties, what, finding.SinkName);
    }
}
