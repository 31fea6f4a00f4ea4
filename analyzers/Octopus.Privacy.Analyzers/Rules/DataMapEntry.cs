using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Octopus.Privacy.Analyzers.Dataflow;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Rules
{
    /// <summary>
    /// OPRIV900 and OPRIV901: the entries of the data map that <c>octopus-privacy map</c> draws. Reported only in the
    /// build that command runs (the MSBuild property <c>OctopusPrivacyDataMap</c>), never in an ordinary build; each
    /// carries its facts as diagnostic properties, which the command reads from the build's SARIF log.
    /// </summary>
    internal static class DataMapEntry
    {
        public const string Member = "member";
        public const string Categories = "categories";
        public const string Sink = "sink";
        public const string SinkName = "sinkName";
        public const string Recipient = "recipient";
        public const string GuardedBy = "guardedBy";
        public const string Verdict = "verdict";
        public const string Diagnostic = "diagnostic";
        public const string Sources = "sources";
        public const string Category = "category";

        public static readonly DiagnosticDescriptor SiteDescriptor = new DiagnosticDescriptor(
            DiagnosticIds.DataMapSite,
            title: "Data map: a place where personal data is logged or shared",
            messageFormat: "{0} reaches {1} by '{2}': {3}",
            category: DiagnosticIds.Category,
            defaultSeverity: DiagnosticSeverity.Info,
            isEnabledByDefault: true,
            description: "An entry of the data map that octopus-privacy map draws; reported only in the build that command runs.",
            helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.DataMapSite));

        public static readonly DiagnosticDescriptor SourceDescriptor = new DiagnosticDescriptor(
            DiagnosticIds.DataMapSource,
            title: "Data map: a member that holds personal data",
            messageFormat: "'{0}' holds personal data of category '{1}'",
            category: DiagnosticIds.Category,
            defaultSeverity: DiagnosticSeverity.Info,
            isEnabledByDefault: true,
            description: "An entry of the data map that octopus-privacy map draws; reported only in the build that command runs.",
            helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.DataMapSource));

        /// <summary>What the map says of a site: the analyzer reports it, a check guards it, it is redacted, or the check cannot make it lawful.</summary>
        public static string VerdictOf(FlowFinding finding, bool secret, bool personal)
        {
            if (secret)
            {
                return "finding";
            }

            if (!personal && !finding.RequiresConsent)
            {
                return "redacted";
            }

            return finding.Guarded ? "guarded" : finding.Checked ? "policy-conflict" : "finding";
        }

        /// <summary>The data-map entry of one site.</summary>
        public static Microsoft.CodeAnalysis.Diagnostic Site(FlowFinding finding, Location location, string member, string verdict, string? reported)
        {
            var taint = Taint.WithoutInputs(finding.Taint);
            var shown = taint.IsEmpty ? finding.Redacted : taint;
            var categories = shown.Select(t => t.Category).Distinct().OrderBy(c => c, System.StringComparer.Ordinal).ToList();
            var sources = shown.Select(t => t.Member).Distinct().OrderBy(m => m, System.StringComparer.Ordinal);
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(Member, member)
                .Add(Categories, string.Join(",", categories))
                .Add(Sink, ChannelName(finding.Channel))
                .Add(SinkName, finding.SinkName)
                .Add(Recipient, finding.PolicyRecipient)
                .Add(GuardedBy, string.Join(",", finding.Purposes))
                .Add(Verdict, verdict)
                .Add(Diagnostic, reported)
                .Add(Sources, string.Join(",", sources));
            var what = categories.Count == 0 ? "Data that requires consent" : string.Join(", ", categories);
            return Microsoft.CodeAnalysis.Diagnostic.Create(SiteDescriptor, location, properties, what, finding.Recipient, finding.SinkName, verdict);
        }

        /// <summary>The data-map entry of a member that holds personal data of one category.</summary>
        public static Microsoft.CodeAnalysis.Diagnostic Source(ISymbol member, string category, Location location)
        {
            var name = member.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "." + member.Name;
            var properties = ImmutableDictionary<string, string?>.Empty.Add(Member, name).Add(Category, category);
            return Microsoft.CodeAnalysis.Diagnostic.Create(SourceDescriptor, location, properties, name, category);
        }

        private static string ChannelName(SinkChannel channel)
        {
            switch (channel)
            {
                case SinkChannel.Log: return "log";
                case SinkChannel.Mail: return "mail";
                case SinkChannel.Http: return "http";
                case SinkChannel.Message: return "message";
                default: return "other";
            }
        }
    }
}
