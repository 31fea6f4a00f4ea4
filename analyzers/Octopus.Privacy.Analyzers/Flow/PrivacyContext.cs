using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Policy;

namespace Octopus.Privacy.Analyzers.Flow
{
    /// <summary>Everything the analysis of one compilation shares: symbols, sources, policy, options and summaries.</summary>
    internal sealed class PrivacyContext
    {
        public const string AdditionalLogSinksOption = "octopus_privacy.additional_log_sinks";
        public const string AdditionalShareSinksOption = "octopus_privacy.additional_share_sinks";
        public const string AdditionalConsentChecksOption = "octopus_privacy.additional_consent_checks";
        public const string MaxTypeDepthOption = "octopus_privacy.max_type_depth";

        private const int MaxSummaryDepth = 4;

        private static readonly string[] DiagnosticsWriteMethods =
            { "Write", "WriteLine", "WriteIf", "WriteLineIf", "Print", "Fail", "Assert", "TraceInformation", "TraceWarning", "TraceError" };

        private static readonly string[] HttpMethods = { "PostAsync", "PutAsync", "PatchAsync", "SendAsync", "Send" };
        private static readonly string[] HttpJsonMethods = { "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync" };
        private static readonly string[] MailMethods = { "Send", "SendAsync", "SendMailAsync" };
        private static readonly char[] IdSeparators = { ',', ';', ' ' };

        [ThreadStatic]
        private static int summaryDepth;

        [ThreadStatic]
        private static HashSet<IMethodSymbol>? summariesInProgress;

        private readonly Compilation _compilation;
        private readonly AnalyzerOptions _options;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableHashSet<TaintSource>> _summaries = new ConcurrentDictionary<IMethodSymbol, ImmutableHashSet<TaintSource>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, ImmutableHashSet<ISymbol>> _namedSymbols = new ConcurrentDictionary<string, ImmutableHashSet<ISymbol>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<IMethodSymbol, MethodFacts> _facts = new ConcurrentDictionary<IMethodSymbol, MethodFacts>(SymbolEqualityComparer.Default);

        public PrivacyContext(Compilation compilation, AnalyzerOptions options, PrivacySymbols symbols, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            _options = options;
            Symbols = symbols;
            var depth = options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(MaxTypeDepthOption, out var text) && int.TryParse(text, out var parsed) && parsed >= 0
                ? parsed
                : 2;
            Sources = new PiiSources(symbols, depth);
            Vocabulary = PolicyVocabulary.For(options, cancellationToken);
        }

        public PrivacySymbols Symbols { get; }

        public PiiSources Sources { get; }

        public PolicyVocabulary Vocabulary { get; }

        public bool IsConsentCheck(IMethodSymbol method) => Facts(method).IsConsentCheck;

        public bool IsSanitizer(IMethodSymbol method) => Facts(method).IsSanitizer;

        public bool RequiresConsent(IMethodSymbol method) => Facts(method).RequiresConsent;

        /// <summary>What kind of sink a call is, who receives the data, and which arguments leave (null: all).</summary>
        public (SinkKind Kind, string Recipient, Func<IArgumentOperation, bool>? Relevant) ClassifySink(IInvocationOperation invocation)
        {
            var facts = Facts(invocation.TargetMethod);
            return (facts.Sink, facts.Recipient, facts.Relevant);
        }

        /// <summary>Everything the analysis asks about a called method, computed once per method and compilation.</summary>
        private MethodFacts Facts(IMethodSymbol method) => _facts.GetOrAdd(method, m => new MethodFacts(
            Symbols.IsConsentCheck(m) || Configured(AdditionalConsentChecksOption, m),
            Symbols.IsSanitizer(m),
            Symbols.RequiresConsentCall(m),
            ComputeSink(m)));

        private (SinkKind Kind, string Recipient, Func<IArgumentOperation, bool>? Relevant) ComputeSink(IMethodSymbol target)
        {
            var method = target.ReducedFrom ?? target;
            var type = method.ContainingType?.OriginalDefinition;
            if (type != null && Symbols.LogTypes.Contains(type) && IsLogMethod(type, method.Name))
            {
                return (SinkKind.Log, "a log", NotALogger);
            }

            if (PrivacySymbols.HasAttributeInHierarchy(method, Symbols.LoggerMessage) || Configured(AdditionalLogSinksOption, method))
            {
                return (SinkKind.Log, "a log", NotALogger);
            }

            if (Symbols.DataRecipient != null)
            {
                if (RecipientOf(method) is string recipient)
                {
                    return (SinkKind.Share, "recipient '" + recipient + "'", null);
                }

                var marked = method.Parameters.Where(p => RecipientOf(p) != null).ToList();
                if (marked.Count > 0)
                {
                    return (SinkKind.Share, "recipient '" + RecipientOf(marked[0]) + "'", a => a.Parameter != null && marked.Any(p => p.Ordinal == a.Parameter.Ordinal));
                }
            }

            if ((Symbols.HttpClient != null && PrivacySymbols.IsOrDerives(type, Symbols.HttpClient) && HttpMethods.Contains(method.Name))
                || (Symbols.HttpClientJson != null && SymbolEqualityComparer.Default.Equals(type, Symbols.HttpClientJson) && HttpJsonMethods.Contains(method.Name)))
            {
                return (SinkKind.Share, "an HTTP endpoint", null);
            }

            if (Symbols.SmtpClient != null && PrivacySymbols.IsOrDerives(type, Symbols.SmtpClient) && MailMethods.Contains(method.Name))
            {
                return (SinkKind.Share, "an e-mail recipient", null);
            }

            if (Configured(AdditionalShareSinksOption, method))
            {
                return (SinkKind.Share, "a third party", null);
            }

            return (SinkKind.None, string.Empty, null);
        }

        private sealed class MethodFacts
        {
            public MethodFacts(bool isConsentCheck, bool isSanitizer, bool requiresConsent, (SinkKind Kind, string Recipient, Func<IArgumentOperation, bool>? Relevant) sink)
            {
                IsConsentCheck = isConsentCheck;
                IsSanitizer = isSanitizer;
                RequiresConsent = requiresConsent;
                Sink = sink.Kind;
                Recipient = sink.Recipient;
                Relevant = sink.Relevant;
            }

            public bool IsConsentCheck { get; }

            public bool IsSanitizer { get; }

            public bool RequiresConsent { get; }

            public SinkKind Sink { get; }

            public string Recipient { get; }

            public Func<IArgumentOperation, bool>? Relevant { get; }
        }

        /// <summary>The taint a method's return value carries from sources inside it; computed once per method.</summary>
        public ImmutableHashSet<TaintSource> Summary(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (method.DeclaringSyntaxReferences.IsEmpty || method.IsAbstract || method.IsExtern)
            {
                return Taint.Clean;
            }

            if (_summaries.TryGetValue(method, out var cached))
            {
                return cached;
            }

            var inProgress = summariesInProgress ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            if (summaryDepth >= MaxSummaryDepth || !inProgress.Add(method))
            {
                return Taint.Clean;
            }

            summaryDepth++;
            try
            {
                var graph = GraphOf(method, cancellationToken);
                var summary = graph == null ? Taint.Clean : TaintAnalysis.ReturnTaint(this, graph, method, cancellationToken);

                // Only a summary computed from the top is complete; one cut short by the depth cap is not cached.
                if (summaryDepth == 1)
                {
                    _summaries.TryAdd(method, summary);
                }

                return summary;
            }
            finally
            {
                summaryDepth--;
                inProgress.Remove(method);
            }
        }

        private ControlFlowGraph? GraphOf(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
#pragma warning disable RS1030 // A callee's summary needs the semantic model of the tree that declares it; computed once per method.
            var model = _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            switch (model.GetOperation(syntax, cancellationToken))
            {
                case IMethodBodyOperation body:
                    return ControlFlowGraph.Create(body, cancellationToken);
                case IConstructorBodyOperation constructor:
                    return ControlFlowGraph.Create(constructor, cancellationToken);
                case IBlockOperation block when block.Parent == null:
                    return ControlFlowGraph.Create(block, cancellationToken);
                default:
                    return null;
            }
        }

        private string? RecipientOf(ISymbol symbol)
        {
            var attribute = symbol.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, Symbols.DataRecipient));
            return attribute?.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        }

        private bool NotALogger(IArgumentOperation argument) =>
            !(argument.Value.Type is INamedTypeSymbol type && (Symbols.LogTypes.Contains(type.OriginalDefinition) || type.AllInterfaces.Any(i => Symbols.LogTypes.Contains(i.OriginalDefinition))))
            && !(argument.Value is IConversionOperation conversion && conversion.Operand.Type is INamedTypeSymbol inner && Symbols.LogTypes.Contains(inner.OriginalDefinition));

        private static bool IsLogMethod(INamedTypeSymbol type, string name)
        {
            switch (type.ToDisplayString())
            {
                case "System.Console":
                    return name.StartsWith("Write", StringComparison.Ordinal);
                case "System.Diagnostics.Debug":
                case "System.Diagnostics.Trace":
                    return DiagnosticsWriteMethods.Contains(name);
                case "Microsoft.Extensions.Logging.ILogger":
                    return name == "Log" || name == "BeginScope";
                case "Microsoft.Extensions.Logging.LoggerExtensions":
                    return name.StartsWith("Log", StringComparison.Ordinal) || name == "BeginScope";
                default:
                    return !name.StartsWith("Is", StringComparison.Ordinal) && name != "ForContext" && name != "BindMessageTemplate" && name != "BindProperty";
            }
        }

        /// <summary>True when an .editorconfig option lists the method by its documentation-comment id.</summary>
        private bool Configured(string option, IMethodSymbol method)
        {
            var syntaxTree = method.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree;
            var options = syntaxTree != null ? _options.AnalyzerConfigOptionsProvider.GetOptions(syntaxTree) : _options.AnalyzerConfigOptionsProvider.GlobalOptions;
            if (!options.TryGetValue(option, out var value) && !_options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(option, out value))
            {
                return false;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                return false;
            }

            var symbols = _namedSymbols.GetOrAdd(value, ids => ResolveIds(ids));
            return symbols.Contains(method.OriginalDefinition) || (method.ReducedFrom != null && symbols.Contains(method.ReducedFrom));
        }

        private ImmutableHashSet<ISymbol> ResolveIds(string ids)
        {
            var builder = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var id in ids.Split(IdSeparators, StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var symbol in DocumentationCommentId.GetSymbolsForDeclarationId(id.Trim(), _compilation))
                {
                    builder.Add(symbol);
                }
            }

            return builder.ToImmutable();
        }
    }
}
