using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Baseline;
using Octopus.Privacy.Analyzers.Dataflow;
using Octopus.Privacy.Analyzers.Rules;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers
{
    /// <summary>
    /// OPRIV001, OPRIV002 and OPRIV003: personal data that reaches a log or a third party on a path with no consent
    /// check, and secret data that reaches one at all. One dataflow over each method's control-flow graph finds all three.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PiiFlowAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxNamedSources = 3;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(PiiLoggedWithoutConsent.Descriptor, PiiLoggedWithoutConsent.ExceptionDescriptor, PiiSharedWithoutConsent.Descriptor, SecretDataLoggedOrShared.Descriptor, DataMapEntry.SiteDescriptor, DataMapEntry.SourceDescriptor);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code is skipped, except what Razor generates from a component's or page's @code: its
            // #line directives map each diagnostic back to the .razor or .cshtml file.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (!PrivacySymbols.MayHoldPersonalData(start.Compilation, start.CancellationToken))
                {
                    // A library with no personal data anywhere it can see (most of a solution's, in a real build): one
                    // look at its declarations' attributes, nothing resolved, no method analysed.
                    return;
                }

                var symbols = PrivacySymbols.Resolve(start.Compilation);
                if (!symbols.HasSources && symbols.RequiresConsent == null)
                {
                    // Nothing in this compilation can be personal data: cost nothing.
                    return;
                }

                var privacy = new PrivacyContext(start.Compilation, start.Options, symbols, start.CancellationToken);
                start.RegisterOperationBlockAction(block => AnalyzeBlock(block, privacy));
                if (privacy.DataMap)
                {
                    start.RegisterSymbolAction(member => ReportSources(member, privacy), SymbolKind.Property, SymbolKind.Field);
                }
            });
        }

        private static void AnalyzeBlock(OperationBlockAnalysisContext context, PrivacyContext privacy)
        {
            if (context.IsGeneratedCode && !IsRazorGenerated(context.OperationBlocks.FirstOrDefault()?.Syntax.SyntaxTree.FilePath))
            {
                return;
            }

            var method = context.OwningSymbol as IMethodSymbol;
            var roots = new HashSet<IOperation>();
            foreach (var block in context.OperationBlocks)
            {
                var operation = PrivacyContext.RootOf(block);

                // The graph is built for the block's root (the method body); the block itself is what the context accepts.
                if (!(operation is IMethodBodyOperation || operation is IConstructorBodyOperation || operation is IBlockOperation) || !roots.Add(operation))
                {
                    continue;
                }

                if (!privacy.MaySendFrom(operation) || !privacy.MayReportIn(operation, method))
                {
                    // Most methods send nothing anywhere, or touch no personal data: a scan of their operations is all they cost.
                    continue;
                }

                var graph = privacy.GraphOf(method, operation, () => context.GetControlFlowGraph(block));
                var findings = TaintAnalysis.FindSinks(privacy, graph, method, context.CancellationToken);
                foreach (var localFunction in graph.LocalFunctions)
                {
                    // Its own sources; what it captures and is passed is followed where it is called.
                    var inner = graph.GetLocalFunctionControlFlowGraph(localFunction, context.CancellationToken);
                    findings.AddRange(TaintAnalysis.FindSinks(privacy, inner, localFunction, context.CancellationToken));
                }

                // A private method that every caller calls only after a consent check has succeeded is guarded by it.
                Report(context, privacy, CallerGuards.Apply(privacy, method, findings, context.CancellationToken));
            }
        }

        /// <summary>
        /// One site of a method (its sinks are all in the method's syntax tree) with a rule or a sink. Text, not a tuple:
        /// the framework has precompiled code for a set of strings, and a set of tuples was compiled in every build.
        /// </summary>
        private static string SiteKey(Location location, string what) =>
            location.SourceSpan.Start.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + location.SourceSpan.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + what;

        /// <summary>A file the Razor source generator wrote for a component (<c>Pages_Profile_razor.g.cs</c>) or a page.</summary>
        internal static bool IsRazorGenerated(string? path) =>
            path != null
            && (path.EndsWith("_razor.g.cs", System.StringComparison.OrdinalIgnoreCase) || path.EndsWith(".razor.g.cs", System.StringComparison.OrdinalIgnoreCase)
                || path.EndsWith("_cshtml.g.cs", System.StringComparison.OrdinalIgnoreCase) || path.EndsWith(".cshtml.g.cs", System.StringComparison.OrdinalIgnoreCase));

        private static void Report(OperationBlockAnalysisContext context, PrivacyContext privacy, List<FlowFinding> findings)
        {
            if (privacy.DataMap)
            {
                ReportSites(context, privacy, findings);
            }

            // One diagnostic per site and rule, naming what every finding there carries: a call to a callee that sends two
            // of its parameters (the address and a body naming the user) is two findings at one site.
            var sites = new List<SiteFinding>();
            var index = new Dictionary<string, int>(System.StringComparer.Ordinal);
            foreach (var finding in findings)
            {
                var taint = Taint.WithoutInputs(finding.Taint);
                var secret = taint.Where(t => t.IsPolicyCategory && privacy.Vocabulary.IsSecret(t.Category));
                if (finding.Guarded && secret.IsEmpty)
                {
                    // A guarded flow of data that is not secret: nothing to report, nothing to compute.
                    continue;
                }

                var location = finding.Sink.Syntax.GetLocation();
                if (!secret.IsEmpty)
                {
                    AddToSite(sites, index, SecretDataLoggedOrShared.Descriptor.Id, finding, location, secret);
                }

                var personal = taint.Except(secret);
                if (finding.Guarded || (personal.IsEmpty && !(finding.RequiresConsent && secret.IsEmpty)))
                {
                    continue;
                }

                AddToSite(sites, index, finding.Kind == SinkKind.Log ? PiiLoggedWithoutConsent.Descriptor.Id : PiiSharedWithoutConsent.Descriptor.Id, finding, location, personal);
            }

            string? owner = null;
            foreach (var site in sites)
            {
                owner ??= Fingerprint.MemberId(context.OwningSymbol);
                var member = Fingerprint.MemberId(owner, site.Finding.Sink.Syntax);
                var finding = site.Finding;
                if (site.Id == SecretDataLoggedOrShared.Descriptor.Id)
                {
                    var fingerprint = Fingerprint.AddTo(ImmutableDictionary<string, string?>.Empty, member, finding.SinkName, Describe(site.Taint, int.MaxValue));
                    context.ReportDiagnostic(SecretDataLoggedOrShared.Create(finding, site.Location, SourceLocations(context.Compilation, site.Taint), fingerprint, Describe(site.Taint)));
                    continue;
                }

                var personal = site.Taint;
                var what = personal.IsEmpty ? "Data that requires consent" : Describe(personal);
                var sources = SourceLocations(context.Compilation, personal);
                var properties = Fingerprint.AddTo(FixProperties(personal, finding), member, finding.SinkName, personal.IsEmpty ? "(requires consent)" : Describe(personal, int.MaxValue));
                context.ReportDiagnostic(finding.Kind == SinkKind.Log
                    ? PiiLoggedWithoutConsent.Create(finding, site.Location, sources, properties, what)
                    : PiiSharedWithoutConsent.Create(finding, site.Location, sources, properties, what));
            }
        }

        /// <summary>Adds what a finding carries to its site's diagnostic for a rule, the first finding there standing for the site.</summary>
        private static void AddToSite(List<SiteFinding> sites, Dictionary<string, int> index, string id, FlowFinding finding, Location location, TaintSet taint)
        {
            var key = SiteKey(location, id);
            if (!index.TryGetValue(key, out var at))
            {
                index[key] = sites.Count;
                sites.Add(new SiteFinding(id, finding, location, taint));
                return;
            }

            var site = sites[at];
            sites[at] = new SiteFinding(id, Joined(site.Finding, finding), location, Taint.Union(site.Taint, taint));
        }

        /// <summary>Two findings at one site as one: each sink path and recipient named once, in the order found.</summary>
        private static FlowFinding Joined(FlowFinding first, FlowFinding second)
        {
            if (first.SinkName == second.SinkName && first.Recipient == second.Recipient && first.PolicyRecipient == second.PolicyRecipient
                && first.IsException == second.IsException && (first.RequiresConsent || !second.RequiresConsent))
            {
                return first;
            }

            return new FlowFinding(
                first.Sink,
                Join(first.SinkName, second.SinkName, ", "),
                first.Kind,
                Join(first.Recipient, second.Recipient, " and "),
                Taint.Union(first.Taint, second.Taint),
                first.Guarded && second.Guarded,
                first.RequiresConsent || second.RequiresConsent,
                first.IsException && second.IsException)
            {
                PolicyRecipient = first.PolicyRecipient == second.PolicyRecipient ? first.PolicyRecipient : null,
            };
        }

        private static string Join(string first, string second, string separator) =>
            first == second || first.Split(new[] { separator }, System.StringSplitOptions.None).Contains(second) ? first : first + separator + second;

        /// <summary>One diagnostic to report: its rule, the finding that stands for its site, and what it names.</summary>
        private sealed class SiteFinding
        {
            public SiteFinding(string id, FlowFinding finding, Location location, TaintSet taint)
            {
                Id = id;
                Finding = finding;
                Location = location;
                Taint = taint;
            }

            public string Id { get; }

            public FlowFinding Finding { get; }

            public Location Location { get; }

            public TaintSet Taint { get; }
        }

        /// <summary>
        /// The data map's entries of a method's sites (only in the build <c>octopus-privacy map</c> runs): each with its
        /// verdict, and the rule an ordinary build reports it under, if any.
        /// </summary>
        private static void ReportSites(OperationBlockAnalysisContext context, PrivacyContext privacy, List<FlowFinding> findings)
        {
            var member = context.OwningSymbol.ContainingType is INamedTypeSymbol type
                ? type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "." + context.OwningSymbol.Name
                : context.OwningSymbol.Name;
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var finding in findings)
            {
                var location = finding.Sink.Syntax.GetLocation();
                if (!seen.Add(SiteKey(location, finding.SinkName)))
                {
                    continue;
                }

                var taint = Taint.WithoutInputs(finding.Taint);
                var secret = taint.Any(t => t.IsPolicyCategory && privacy.Vocabulary.IsSecret(t.Category));
                var personal = !taint.IsEmpty;
                var verdict = DataMapEntry.VerdictOf(finding, secret, personal);

                // An ordinary build judges purposes only against a policy of the project's own.
                var reportedInBuild = secret || verdict == "finding" || (verdict == "policy-conflict" && privacy.Vocabulary.IsProjectPolicy);
                var id = secret ? SecretDataLoggedOrShared.Descriptor.Id
                    : !reportedInBuild ? null
                    : finding.Kind == SinkKind.Log ? PiiLoggedWithoutConsent.Descriptor.Id
                    : PiiSharedWithoutConsent.Descriptor.Id;
                context.ReportDiagnostic(DataMapEntry.Site(finding, location, member, verdict, id));
            }
        }

        /// <summary>The data map's entries of a member declared here that holds personal data, one per category.</summary>
        private static void ReportSources(SymbolAnalysisContext context, PrivacyContext privacy)
        {
            if (context.Symbol.IsImplicitlyDeclared || context.Symbol.Locations.FirstOrDefault() is not { IsInSource: true } location)
            {
                return;
            }

            foreach (var category in privacy.Sources.OfMember(context.Symbol).Where(s => !s.IsInput && !s.InObject).Select(s => s.Category).Distinct().OrderBy(c => c, System.StringComparer.Ordinal))
            {
                context.ReportDiagnostic(DataMapEntry.Source(context.Symbol, category, location));
            }
        }

        /// <summary>What the code fixes need: the policy categories that reach the sink, and the policy's recipient it names.</summary>
        private static ImmutableDictionary<string, string?> FixProperties(TaintSet personal, FlowFinding finding)
        {
            var categories = personal.Where(t => t.IsPolicyCategory).Select(t => t.Category).Distinct().OrderBy(c => c, System.StringComparer.Ordinal);
            return ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticIds.CategoriesProperty, string.Join(",", categories))
                .Add(DiagnosticIds.RecipientProperty, finding.PolicyRecipient);
        }

        private static string Describe(TaintSet taint, int named = MaxNamedSources)
        {
            var names = taint.Select(t => t.ToString()).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToList();
            var shown = string.Join(", ", names.Take(named));
            return names.Count > named ? shown + " and " + (names.Count - named) + " more" : shown;
        }

        /// <summary>The declarations of the members that leak, where they are in this compilation (not a referenced project's).</summary>
        private static IEnumerable<Location> SourceLocations(Compilation compilation, TaintSet taint) =>
            taint.OrderBy(t => t.ToString(), System.StringComparer.Ordinal)
                .Select(t => t.Location)
                .Where(l => l?.SourceTree != null && compilation.ContainsSyntaxTree(l.SourceTree))
                .Distinct()
                .Take(MaxNamedSources)!;
    }
}
