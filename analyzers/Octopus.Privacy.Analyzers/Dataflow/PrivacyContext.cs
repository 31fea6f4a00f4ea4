using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Configuration;
using Octopus.Privacy.Analyzers.Policy;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>Everything the analysis of one compilation shares: symbols, sources, policy, options and summaries.</summary>
    internal sealed class PrivacyContext
    {
        private static readonly string[] DiagnosticsWriteMethods =
            { "Write", "WriteLine", "WriteIf", "WriteLineIf", "Print", "Fail", "Assert", "TraceInformation", "TraceWarning", "TraceError" };

        private static readonly string[] HttpMethods = { "PostAsync", "PutAsync", "PatchAsync", "SendAsync", "Send" };
        private static readonly string[] HttpJsonMethods = { "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync" };
        private static readonly string[] MailMethods = { "Send", "SendAsync", "SendMailAsync" };

        private readonly Compilation _compilation;
        private readonly ConfiguredMethods _configured;
        private readonly ConcurrentDictionary<ITypeSymbol, ImmutableHashSet<string>?> _shapes = new ConcurrentDictionary<ITypeSymbol, ImmutableHashSet<string>?>(SymbolEqualityComparer.Default);
        private Func<ISymbol, TaintSet>? _storedFactory;
        private readonly ConcurrentDictionary<ITypeSymbol, TaintSet> _written = new ConcurrentDictionary<ITypeSymbol, TaintSet>(SymbolEqualityComparer.Default);
        private Func<ITypeSymbol, TaintSet>? _writtenFactory;
        private Dictionary<ITypeSymbol, List<IMethodSymbol>>? _channelWriters;
        private readonly ConcurrentDictionary<ISymbol, TaintSet> _stored = new ConcurrentDictionary<ISymbol, TaintSet>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ITypeSymbol, TaintSet> _recordTexts = new ConcurrentDictionary<ITypeSymbol, TaintSet>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _plainData = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
        private Func<INamedTypeSymbol, bool>? _plainDataFactory;
        private readonly CancellationToken _cancellationToken;
        /// <summary>What calls of a method find: its body and, when it dispatches, its overrides and implementations.</summary>
        private readonly SummaryCache _dispatched = new SummaryCache();
        /// <summary>What a method's own body does, none of its overrides: for <c>base.M()</c> and a narrowed dispatch.</summary>
        private readonly SummaryCache _ownBodies = new SummaryCache();
        /// <summary>
        /// Per class a call's receiver is, what methods of its bases do on such an object (<see cref="OnReceiver"/>): their
        /// own bodies, with the calls they make on themselves dispatched as that class dispatches them.
        /// </summary>
        private readonly ConcurrentDictionary<ITypeSymbol, SummaryCache> _onReceivers = new ConcurrentDictionary<ITypeSymbol, SummaryCache>(SymbolEqualityComparer.Default);
        private Func<ITypeSymbol, SummaryCache>? _onReceiverFactory;
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _dispatchesOnItself = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        private Func<IMethodSymbol, bool>? _dispatchesOnItselfFactory;
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _returnsPersonalData = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _implementationsIdentify = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _identifiesInputs = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _computedGetters = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<MethodAtDepth, bool> _returnsNothingAt = new ConcurrentDictionary<MethodAtDepth, bool>();
        private readonly ConcurrentDictionary<IMethodSymbol, int> _claimTypeParameters = new ConcurrentDictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, int> _directClaimTypeParameters = new ConcurrentDictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IParameterSymbol, bool> _givenOnlyConstants = new ConcurrentDictionary<IParameterSymbol, bool>(SymbolEqualityComparer.Default);
        private Func<IMethodSymbol, int>? _claimTypeParameterFactory;
        private Func<IMethodSymbol, int>? _directClaimTypeParameterFactory;
        private Func<IParameterSymbol, bool>? _givenOnlyConstantsFactory;
        private Func<IArgumentOperation, bool>? _messageText;
        /// <summary>Per method called and static type of its receiver, the implementations the call can run, when fewer than all.</summary>
        private readonly ConcurrentDictionary<CallThrough, List<IMethodSymbol>?> _implementationsThrough = new ConcurrentDictionary<CallThrough, List<IMethodSymbol>?>();
        private Func<CallThrough, List<IMethodSymbol>?>? _implementationsThroughFactory;
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _forwarders = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        private Func<IMethodSymbol, bool>? _forwarderFactory;
        private OwnServiceClients? _ownServiceClients;
        private readonly ConcurrentDictionary<INamedTypeSymbol, Dictionary<object, TaintSet>> _identifiedMembers =
            new ConcurrentDictionary<INamedTypeSymbol, Dictionary<object, TaintSet>>(SymbolEqualityComparer.Default);
        private Func<INamedTypeSymbol, Dictionary<object, TaintSet>>? _identifiedMembersFactory;
        private ServedRoutes? _servedRoutes;
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _sends = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _mayStorePersonalData = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, Dictionary<string, List<IMethodSymbol>>> _assigners =
            new ConcurrentDictionary<INamedTypeSymbol, Dictionary<string, List<IMethodSymbol>>>(SymbolEqualityComparer.Default);
        private Func<INamedTypeSymbol, Dictionary<string, List<IMethodSymbol>>>? _assignersFactory;
        private readonly ConcurrentDictionary<IMethodSymbol, Dictionary<ISymbol, TaintSet>> _storesOfMethod =
            new ConcurrentDictionary<IMethodSymbol, Dictionary<ISymbol, TaintSet>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, ControlFlowGraph?> _graphs = new ConcurrentDictionary<IMethodSymbol, ControlFlowGraph?>(SymbolEqualityComparer.Default);
        private Func<IMethodSymbol, ControlFlowGraph?>? _graphFactory;
        private readonly ConcurrentDictionary<IMethodSymbol, MethodFacts> _facts = new ConcurrentDictionary<IMethodSymbol, MethodFacts>(SymbolEqualityComparer.Default);
        private Func<IMethodSymbol, MethodFacts>? _factsFactory;
        private readonly ConcurrentDictionary<ITypeSymbol, List<IMethodSymbol>> _handlers =
            new ConcurrentDictionary<ITypeSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
        private Func<ITypeSymbol, List<IMethodSymbol>>? _handlersFactory;
        private ImmutableArray<INamedTypeSymbol> _handlerInterfaces;
        private readonly ConcurrentDictionary<ITypeSymbol, PipelineRequest> _pipelineRequests = new ConcurrentDictionary<ITypeSymbol, PipelineRequest>(SymbolEqualityComparer.Default);
        private Func<ITypeSymbol, PipelineRequest>? _pipelineRequestsFactory;
        private readonly ConcurrentDictionary<IMethodSymbol, TaintSet> _handledRequests = new ConcurrentDictionary<IMethodSymbol, TaintSet>(SymbolEqualityComparer.Default);
        private Func<IMethodSymbol, TaintSet>? _handledRequestsFactory;
        private Func<ITypeSymbol?, bool>? _destructuredWhole;
        private Func<ITypeSymbol?, bool>? _printedWhole;
        private readonly object _implementationsGate = new object();
        private readonly AnalyzerOptions _options;
        private int _redaction;
        private Implementations? _implementations;

        // 0 not yet known, 1 no, 2 yes: see SourceSequencePrints.
        private int _sourceSequencePrints;

        public PrivacyContext(Compilation compilation, AnalyzerOptions options, PrivacySymbols symbols, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            _options = options;
            _cancellationToken = cancellationToken;
            Symbols = symbols;
            Vocabulary = PolicyVocabulary.For(options, compilation, cancellationToken);
            Settings = AnalyzerSettings.Read(options.AnalyzerConfigOptionsProvider, compilation, Vocabulary);
            Sources = new PiiSources(symbols, Settings.MaxTypeDepth, Settings.Identity, ReadClaimedMembers);
            _configured = new ConfiguredMethods(compilation, options.AnalyzerConfigOptionsProvider);
            DataMap = IsDataMapBuild(options);
        }

        /// <summary>The MSBuild property that <c>octopus-privacy map</c> sets on the build it draws the map from.</summary>
        public const string DataMapProperty = "build_property.OctopusPrivacyDataMap";

        /// <summary>
        /// True in the build <c>octopus-privacy map</c> runs: every site is reported as a data-map entry (OPRIV900), and
        /// consent checks are judged by purpose against the policy the map is drawn with, the default one included.
        /// </summary>
        public bool DataMap { get; }

        /// <summary>True when the build is the one <c>octopus-privacy map</c> runs.</summary>
        public static bool IsDataMapBuild(AnalyzerOptions options) =>
            options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(DataMapProperty, out var value)
            && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>The project's options, typed.</summary>
        public AnalyzerSettings Settings { get; }

        public PrivacySymbols Symbols { get; }

        public PiiSources Sources { get; }

        public PolicyVocabulary Vocabulary { get; }

        /// <summary>The options in force for the code of a syntax tree.</summary>
        public TreeSettings SettingsFor(SyntaxTree? tree) => _configured.For(tree);

        /// <summary>A [ConsentCheck] method (or an override or implementation of one), or one the options name.</summary>
        public bool IsConsentCheck(IMethodSymbol method, TreeSettings settings) => Facts(method).IsConsentCheck || settings.IsConsentCheck(method);

        public bool IsSanitizer(IMethodSymbol method) => Facts(method).IsSanitizer;

        public bool RequiresConsent(IMethodSymbol method) => Facts(method).RequiresConsent;

        /// <summary>What kind of sink a call is, who receives the data, and which arguments leave (null: all).</summary>
        public Sink ClassifySink(IInvocationOperation invocation, TreeSettings settings)
        {
            var facts = Facts(invocation.TargetMethod);
            if (facts.Sink.Kind != SinkKind.None)
            {
                return (facts.Sink.Channel == SinkChannel.Http && ToOwnService(invocation))
                    || (facts.Sink.Channel == SinkChannel.Mail && ToNoOpSender(invocation))
                    ? Sink.None
                    : facts.Sink;
            }

            if (IsConsoleWriter(invocation))
            {
                return Sink.Log(null);
            }

            if (settings.IsLogSink(invocation.TargetMethod))
            {
                return Sink.Log(NotALogger);
            }

            return settings.IsShareSink(invocation.TargetMethod) ? Sink.ThirdParty(SinkChannel.Other) : Sink.None;
        }

        /// <summary>
        /// A request that an HTTP client of the application's own service sends to a relative URI
        /// (<see cref="OwnServiceClients"/>: a typed client registered with a base address of the application's own, or
        /// the <c>HttpClient</c> the compilation registers only so), or that a client no registration points at another
        /// host sends to a path the compilation's own controllers or endpoints serve (<see cref="ServedRoutes"/>): to
        /// that service, no third party. The client is the
        /// <c>HttpClient</c> its class is given by the container (a primary-constructor parameter, a field or property of a
        /// class whose constructor takes one, or a component's injected property).
        /// </summary>
        private bool ToOwnService(IInvocationOperation invocation)
        {
            var receiver = ValueOf(invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null));

            if (receiver == null || Symbols.HttpClient == null || !PrivacySymbols.IsOrDerives(receiver.Type, Symbols.HttpClient))
            {
                return false;
            }

            var uri = InitialValue(invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "requestUri")?.Value
                ?? RequestUriOf(invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "request")?.Value));
            if (PathFromOwnBase(uri) is IOperation path)
            {
                // Http.PostAsJsonAsync(NavigationManager.BaseUri + "api/account/x", ...): the application's own address,
                // whatever client asks, for a path its own controllers or endpoints serve.
                return ServedRoutesIndex().Serves(path);
            }

            INamedTypeSymbol? client;
            var injected = false;
            switch (receiver)
            {
                case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } }:
                    client = constructor.ContainingType;
                    break;
                case IFieldReferenceOperation { Instance: IInstanceReferenceOperation } field:
                    client = field.Field.ContainingType;
                    break;
                case IPropertyReferenceOperation { Instance: IInstanceReferenceOperation } property:
                    client = property.Property.ContainingType;

                    // A component's @inject HttpClient Http: a property the framework sets from the container.
                    injected = property.Property.GetAttributes().Any(a => a.AttributeClass is { Name: "InjectAttribute" } inject && Names.NamespaceIs(inject.ContainingNamespace, "Microsoft.AspNetCore.Components"));
                    break;
                default:
                    return false;
            }

            if (client == null || uri == null || !OwnServiceClients.IsRelative(uri)
                || !(injected || client.InstanceConstructors.Any(c => c.Parameters.Any(p => PrivacySymbols.IsOrDerives(p.Type, Symbols.HttpClient)))))
            {
                return false;
            }

            var clients = Volatile.Read(ref _ownServiceClients)
                ?? Interlocked.CompareExchange(ref _ownServiceClients, OwnServiceClients.Find(_compilation, _cancellationToken), null)
                ?? _ownServiceClients!;
            if (clients.CallsOwnService(client))
            {
                return true;
            }

            // A client pointed at no other host, asking for a path the application's own controllers or endpoints serve.
            if (!clients.MayCallOwnService(client))
            {
                return false;
            }

            return ServedRoutesIndex().Serves(uri);
        }

        private ServedRoutes ServedRoutesIndex() =>
            Volatile.Read(ref _servedRoutes)
            ?? Interlocked.CompareExchange(ref _servedRoutes, ServedRoutes.Find(_compilation, _cancellationToken), null)
            ?? _servedRoutes!;

        /// <summary>
        /// The path of an address made from the application's own base address (<c>NavigationManager.BaseUri + "api/x"</c>
        /// of ASP.NET Core's components); null for any other.
        /// </summary>
        private static IOperation? PathFromOwnBase(IOperation? uri) =>
            uri is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add
            && Unconverted(add.LeftOperand) is IPropertyReferenceOperation { Property: { Name: "BaseUri", ContainingType: { Name: "NavigationManager" } navigation } }
            && Names.NamespaceIs(navigation.ContainingNamespace, "Microsoft.AspNetCore.Components")
                ? add.RightOperand
                : null;

        /// <summary>
        /// The URI of the <c>HttpRequestMessage</c> that <c>SendAsync(request)</c> sends: the <c>requestUri</c> it was
        /// created with, in place or in the local's declaration, when nothing in that method sets its <c>RequestUri</c>.
        /// </summary>
        private IOperation? RequestUriOf(IOperation? request)
        {
            request = ValueOf(request);
            var creation = request as IObjectCreationOperation;
            if (request is ILocalReferenceOperation { Local: { } local }
                && local.DeclaringSyntaxReferences.Length == 1
                && local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer: { Value: { } value } } declarator
                && _compilation.ContainsSyntaxTree(declarator.SyntaxTree)
                && !(declarator.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax>() is { } member
                    && member.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax>().Any(a => SimpleName(a.Left) == "RequestUri")))
            {
                creation = ModelOf(declarator.SyntaxTree).GetOperation(value, _cancellationToken) as IObjectCreationOperation;
            }

            return creation != null && creation.Type?.Name == "HttpRequestMessage"
                && !(creation.Initializer?.Initializers.Any(i => i is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "RequestUri" } }) ?? false)
                ? creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "requestUri")?.Value
                : null;
        }

        /// <summary>
        /// The value a field starts with and keeps: its initializer, when the field is read-only or private and no method
        /// of its type assigns it (<c>private readonly string _baseUrl = "/api/orders/"</c>); else the operation itself.
        /// </summary>
        private IOperation? InitialValue(IOperation? operation)
        {
            var value = ValueOf(operation);
            return value is IFieldReferenceOperation { Field: { IsConst: false } field } && InitializerOf(field) is IOperation initial ? initial : value;
        }

        /// <summary>
        /// True for a field that starts with a constant and keeps it (<c>private readonly string _admin = "admin@example.com"</c>):
        /// the program's own text, whatever a method hands it to.
        /// </summary>
        public bool KeepsConstant(IFieldSymbol field) => InitializerOf(field) is { ConstantValue.HasValue: true };

        private IOperation? InitializerOf(IFieldSymbol field)
        {
            if (!(field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private) || AssignersOf(field.ContainingType).ContainsKey(field.Name))
            {
                return null;
            }

            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(_cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer: { Value: { } value } }
                    && _compilation.ContainsSyntaxTree(value.SyntaxTree))
                {
                    return ModelOf(value.SyntaxTree).GetOperation(value, _cancellationToken);
                }
            }

            return null;
        }

        /// <summary>
        /// A mail call on ASP.NET Core Identity's <c>NoOpEmailSender</c>, which sends nothing: one created in place, or
        /// one held in a field initialized with it and never assigned (the Blazor template's <c>IdentityNoOpEmailSender</c>
        /// forwards every message to such a field until the application brings a real sender).
        /// </summary>
        private bool ToNoOpSender(IInvocationOperation invocation)
        {
            switch (ValueOf(invocation.Instance))
            {
                case IObjectCreationOperation creation:
                    return IsNoOpSender(creation.Type);
                case IFieldReferenceOperation { Field: { } field }:
                    return InitializerOf(field) is IObjectCreationOperation initial && IsNoOpSender(initial.Type);
                default:
                    return false;
            }
        }

        /// <summary>
        /// True when a call of Identity's <c>IEmailSender.SendEmailAsync</c> is made on its <c>NoOpEmailSender</c> (see
        /// <see cref="ToNoOpSender"/>): it runs that class's method, which sends nothing, not the project's implementations
        /// of the interface.
        /// </summary>
        public bool CallsNoOpSender(IInvocationOperation invocation) =>
            invocation.TargetMethod.Name == "SendEmailAsync" && invocation.Instance != null && ToNoOpSender(invocation);

        private static bool IsNoOpSender(ITypeSymbol? type) =>
            type?.Name == "NoOpEmailSender" && Names.NamespaceIs(type.ContainingNamespace, "Microsoft.AspNetCore.Identity.UI.Services");

        /// <summary>The value an operand stands for: the operation a capture stands for, without its conversions.</summary>
        private IOperation? ValueOf(IOperation? operation) => Unconverted(BeforeCapture(operation));

        /// <summary>
        /// The operation a control-flow graph's capture stands for (<c>_http</c> in <c>_http.PostAsJsonAsync(...)</c> is
        /// captured before the arguments are evaluated): the tree's own operation for the same syntax.
        /// </summary>
        private IOperation? BeforeCapture(IOperation? operation) =>
            operation is IFlowCaptureReferenceOperation capture && _compilation.ContainsSyntaxTree(capture.Syntax.SyntaxTree)
                ? ModelOf(capture.Syntax.SyntaxTree).GetOperation(capture.Syntax, _cancellationToken) ?? operation
                : operation;

        /// <summary>Everything the analysis asks about a called method, computed once per method and compilation.</summary>
        private MethodFacts Facts(IMethodSymbol method) => _facts.GetOrAdd(method, _factsFactory ??= ComputeFacts);

        private MethodFacts ComputeFacts(IMethodSymbol method)
        {
            var marks = Symbols.MarksInHierarchy(method);
            return new MethodFacts(
                (marks & MethodMarks.ConsentCheck) != 0,
                (marks & MethodMarks.Sanitizer) != 0,
                (marks & MethodMarks.RequiresConsent) != 0,
                ComputeSink(method, marks));
        }

        private Sink ComputeSink(IMethodSymbol target, MethodMarks marks)
        {
            var method = target.ReducedFrom ?? target;
            var type = method.ContainingType?.OriginalDefinition;
            if (type != null && Symbols.LogTypes.Contains(type) && IsLogMethod(type, method.Name))
            {
                return Sink.Log(NotALogger);
            }

            if ((method.IsExtensionMethod && method.Name.StartsWith("Log", StringComparison.Ordinal) && method.Parameters.Length > 1
                    && Symbols.ILogger != null && PrivacySymbols.IsOrImplements(method.Parameters[0].Type, Symbols.ILogger)
                    && !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly))
                || IsLoggerAbstraction(method))
            {
                // A logging wrapper of a library or another project (logger.LogErrorMessage($"...")), or the application's
                // own logger interface implemented in another project (IAppLogger<T>.LogWarning(message)): its body is not
                // in this compilation to follow. A Log method writes the text it is given (its message, its format's
                // arguments); an object of another type (logger.LogResult(result)) may be read for a flag only.
                return Sink.Log(_messageText ??= a => NotALogger(a) && a.Parameter != null && IsMessageParameter(a.Parameter.Type));
            }

            if ((marks & MethodMarks.LoggerMessage) != 0)
            {
                // Parameters with a data classification are redacted by the Microsoft.Extensions.Compliance pipeline;
                // one classified by policy category (Octopus.Privacy.Compliance) only where the project enables redaction.
                return Sink.Log(a => NotALogger(a) && !(a.Parameter != null && Sources.IsClassifiedParameter(a.Parameter)
                    && (!Sources.IsPrivacyCategoryParameter(a.Parameter) || RedactionEnabled)));
            }

            if (method.MethodKind == MethodKind.DelegateInvoke && Symbols.ILogger != null && method.Parameters.Length > 1
                && PrivacySymbols.IsOrImplements(method.Parameters[0].Type, Symbols.ILogger))
            {
                // The Action<ILogger, T1, ...> that LoggerMessage.Define returns.
                return Sink.Log(NotALogger);
            }

            if (Names.NamespaceIs(type?.ContainingNamespace, "Serilog") && method.Name == "ForContext" && method.Parameters.Length >= 2
                && method.Parameters[0].Type.SpecialType == SpecialType.System_String)
            {
                // ForContext("Email", email): the value is attached to every event the logger writes.
                return Sink.Log(NotALogger);
            }

            foreach (var entry in Symbols.ThirdParties)
            {
                if (entry.Matches(type, method.Name))
                {
                    // A mail interface implemented in this compilation (Identity's IEmailSender<TUser>): what its
                    // implementations do with each argument is followed (most are given the user and write only the
                    // address and the link). So is an implementation called as itself (a page's @inject of the class).
                    return entry.Channel == SinkChannel.Mail && (method.IsAbstract ? ImplementedHere(method) : HasBodyHere(method))
                        ? Sink.None
                        : entry.SendsReceiver ? Sink.ThirdPartyBuilt(entry.Channel) : Sink.ThirdParty(entry.Channel);
                }
            }

            if (Symbols.DataRecipient != null)
            {
                if (RecipientOf(method) is string recipient)
                {
                    return Sink.Named(recipient, null);
                }

                var marked = method.Parameters.Where(p => RecipientOf(p) != null).ToList();
                if (marked.Count > 0)
                {
                    return Sink.Named(RecipientOf(marked[0])!, a => a.Parameter != null && marked.Any(p => p.Ordinal == a.Parameter.Ordinal));
                }
            }

            if ((Symbols.HttpClient != null && PrivacySymbols.IsOrDerives(type, Symbols.HttpClient) && HttpMethods.Contains(method.Name))
                || (Symbols.HttpClientJson != null && SymbolEqualityComparer.Default.Equals(type, Symbols.HttpClientJson) && HttpJsonMethods.Contains(method.Name)))
            {
                return Sink.ThirdParty(SinkChannel.Http);
            }

            if (Symbols.SmtpClient != null && PrivacySymbols.IsOrDerives(type, Symbols.SmtpClient) && MailMethods.Contains(method.Name))
            {
                return Sink.ThirdParty(SinkChannel.Mail);
            }

            if (MessagingAbstraction(method) is SinkChannel channel)
            {
                return Sink.ThirdParty(channel);
            }

            return Sink.None;
        }

        private sealed class MethodFacts
        {
            public MethodFacts(bool isConsentCheck, bool isSanitizer, bool requiresConsent, Sink sink)
            {
                IsConsentCheck = isConsentCheck;
                IsSanitizer = isSanitizer;
                RequiresConsent = requiresConsent;
                Sink = sink;
            }

            public bool IsConsentCheck { get; }

            public bool IsSanitizer { get; }

            public bool RequiresConsent { get; }

            public Sink Sink { get; }
        }

        /// <summary>
        /// What callers need to know of a method: from its body, or from the bodies of its implementations in this
        /// compilation when it is abstract, virtual or an interface member. Null when the compilation holds no body.
        /// Computed once per method when neither the depth of calls followed nor a recursion cut anything short in it (then
        /// it is what the method does from any depth); otherwise once at the top of a call chain, and once per depth below
        /// it when no recursion was cut short in it. What a call is found to do depends only on the method and the depth,
        /// never on the order in which methods were analysed (they are analysed concurrently).
        /// </summary>
        public MethodSummary? Summary(IMethodSymbol method, SummaryStack stack, CancellationToken cancellationToken) =>
            Summary(method, null, stack, cancellationToken);

        /// <summary>
        /// What a call on a receiver of static type <paramref name="receiverType"/> (the method's own type when null)
        /// finds: as <see cref="Summary(IMethodSymbol, SummaryStack, CancellationToken)"/>, with only the implementations a
        /// value of that type can run. <c>csvExporter.ExportAsync(...)</c> does not run <c>AuditExporter</c>'s override of
        /// <c>Exporter.ExportAsync</c>, <c>Mapper&lt;RegisterCommand, Result&lt;User&gt;&gt;.Map</c> runs the overrides of that
        /// type only, not every <c>Mapper</c>'s, and <c>IBaseService&lt;Project, CreateProject&gt;.CreateAsync</c> runs
        /// <c>BaseService</c>'s own body, not <c>UserService</c>'s override.
        /// </summary>
        public MethodSummary? Summary(IMethodSymbol method, ITypeSymbol? receiverType, SummaryStack stack, CancellationToken cancellationToken)
        {
            method = method.ReducedFrom ?? method;
            if ((receiverType ?? method.ContainingType) is INamedTypeSymbol receiver && ImplementationsThrough(method, receiver) is List<IMethodSymbol> narrowed)
            {
                // The list holds every override that can run, so each is taken for its own body.
                MethodSummary? union = null;
                foreach (var implementation in narrowed)
                {
                    if (OwnSummary(implementation, receiverType, stack, cancellationToken) is MethodSummary other)
                    {
                        union = union == null ? other : MethodSummary.Union(union, other);
                    }
                }

                return union;
            }

            method = method.OriginalDefinition;
            if (OnReceiver(method, receiverType) is SummaryCache onReceiver && !IsOverriddenHere(method, cancellationToken))
            {
                // Nothing overrides it: its own body is all a call runs, on an object of the receiver's class.
                return Summarize(method, onReceiver, stack, cancellationToken);
            }

            return Summarize(method, _dispatched, stack, cancellationToken);
        }

        /// <summary>
        /// What a method's own body does, none of its overrides or implementations: what <c>base.CreateAsync(dto)</c>
        /// runs. The same as <see cref="Summary(IMethodSymbol, SummaryStack, CancellationToken)"/> for a method that nothing here overrides.
        /// </summary>
        public MethodSummary? OwnSummary(IMethodSymbol method, SummaryStack stack, CancellationToken cancellationToken) =>
            OwnSummary(method, null, stack, cancellationToken);

        /// <summary>
        /// What a method's own body does on an object of static type <paramref name="receiverType"/> (the method's own type
        /// when null): as <see cref="OwnSummary(IMethodSymbol, SummaryStack, CancellationToken)"/>, with the calls the body
        /// makes on itself dispatched as that type dispatches them (<see cref="OnReceiver"/>).
        /// </summary>
        public MethodSummary? OwnSummary(IMethodSymbol method, ITypeSymbol? receiverType, SummaryStack stack, CancellationToken cancellationToken)
        {
            method = (method.ReducedFrom ?? method).OriginalDefinition;
            if (OnReceiver(method, receiverType) is SummaryCache onReceiver)
            {
                return Summarize(method, onReceiver, stack, cancellationToken);
            }

            return IsOverriddenHere(method, cancellationToken)
                ? Summarize(method, _ownBodies, stack, cancellationToken)
                : Summarize(method, _dispatched, stack, cancellationToken);
        }

        /// <summary>True when the method dispatches and this compilation overrides or implements it: its own body is not all a call runs.</summary>
        private bool IsOverriddenHere(IMethodSymbol method, CancellationToken cancellationToken) =>
            Dispatches(method) && ImplementationsIndex(cancellationToken).Of(method).Count > 0;

        /// <summary>
        /// The summaries of methods run on an object of class <paramref name="receiverType"/> when <paramref name="method"/>
        /// is declared by a class it derives from and calls overridable methods on itself: <c>BaseService&lt;T&gt;.CreateAsync</c>
        /// calls <c>CreatePreHookAsync(entity)</c>, which on a <c>UserService</c> runs <c>UserService</c>'s override only,
        /// not <c>AssessmentService</c>'s. Null otherwise (the method's own class, an interface, a method that calls
        /// nothing overridable on itself): its summary does not depend on the receiver.
        /// </summary>
        private SummaryCache? OnReceiver(IMethodSymbol method, ITypeSymbol? receiverType)
        {
            if (!(receiverType is INamedTypeSymbol { TypeKind: TypeKind.Class } receiver) || method.IsStatic
                || !(method.ContainingType is { TypeKind: TypeKind.Class } declaring)
                || SymbolEqualityComparer.Default.Equals(receiver.OriginalDefinition, declaring))
            {
                return null;
            }

            if (!PrivacySymbols.IsOrDerives(receiver.BaseType, declaring) || !_dispatchesOnItself.GetOrAdd(method, _dispatchesOnItselfFactory ??= DispatchesOnItself))
            {
                return null;
            }

            return _onReceivers.GetOrAdd(receiver, _onReceiverFactory ??= type => new SummaryCache(type));
        }

        /// <summary>
        /// True when a method's body (its lambdas and local functions among it) calls an overridable method on its own
        /// object: what it does then depends on the class of that object.
        /// </summary>
        private bool DispatchesOnItself(IMethodSymbol method)
        {
            if (!HasBodyHere(method) || !(BodyOf(method, _cancellationToken) is IOperation body))
            {
                return false;
            }

            foreach (var operation in body.Descendants())
            {
                if (operation is IInvocationOperation { IsVirtual: true, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } call
                    && !call.TargetMethod.IsSealed && !(call.TargetMethod.ContainingType is { IsSealed: true }))
                {
                    return true;
                }
            }

            return false;
        }

        private MethodSummary? Summarize(IMethodSymbol method, SummaryCache cache, SummaryStack stack, CancellationToken cancellationToken)
        {
            if (cache.Complete.TryGetValue(method, out var complete) && stack.Depth + complete.Height <= SummaryStack.MaxDepth)
            {
                // Nothing was cut short where it was computed, and nothing would be from here.
                stack.TakeReaching(complete.Height);
                return complete.Summary;
            }

            // A summary computed at the top of a call chain that the depth or a recursion cut short follows calls
            // deeper than one computed below it: it is taken at the top only, so that what a call is found to do never
            // depends on which was computed first.
            if (cache.Top.TryGetValue(method, out var cached) && (cached == null || stack.Depth == 0))
            {
                if (cached != null)
                {
                    stack.TakeBounded();
                }

                return cached;
            }

            // A method of a project this one references through a compilation (as IDEs do) has syntax, but not here.
            var hasBody = HasBodyHere(method);
            var implementations = cache == _dispatched && Dispatches(method) ? ImplementationsIndex(cancellationToken).Of(method) : (IReadOnlyList<IMethodSymbol>)Array.Empty<IMethodSymbol>();
            if (!hasBody && implementations.Count == 0)
            {
                cache.Top.TryAdd(method, null);
                return null;
            }

            var depth = stack.Depth;
            if (depth > 0 && cache.Nested.TryGetValue(new MethodAtDepth(method, depth), out var nested))
            {
                stack.TakeBounded();
                return nested;
            }

            var cuts = stack.CycleCuts;
            var depthCuts = stack.DepthCuts;
            // An interface or abstract method only dispatches to its implementations, and an overload that only passes
            // its parameters on only forwards: neither uses up the depth of calls followed.
            var forwarder = !hasBody || IsForwarder(method);
            var outerReach = stack.BeginReach();
            if (!stack.TryEnter(method, forwarder))
            {
                stack.EndReach(outerReach);
                return MethodSummary.Empty;
            }

            var top = depth == 0;
            MethodSummary? summary = null;
            try
            {
                if (hasBody && GraphOf(method, cancellationToken) is ControlFlowGraph graph)
                {
                    summary = TaintAnalysis.Summarize(this, graph, method, cache.Receiver, stack, cancellationToken);
                }

                foreach (var implementation in implementations)
                {
                    if (!SymbolEqualityComparer.Default.Equals(implementation, method) && Summary(implementation, stack, cancellationToken) is MethodSummary other)
                    {
                        summary = summary == null ? other : MethodSummary.Union(summary, other);
                    }
                }
            }
            finally
            {
                stack.Exit(method, forwarder);
            }

            var height = stack.EndReach(outerReach);
            if (stack.CycleCuts == cuts && stack.DepthCuts == depthCuts)
            {
                // Nothing was cut short: the calls followed from any depth that leaves them room find the same.
                cache.Complete.TryAdd(method, new CompleteSummary(summary, height));
            }
            else if (top)
            {
                cache.Top.TryAdd(method, summary);
            }
            else if (stack.CycleCuts == cuts)
            {
                // Below the top, calls are followed less deep; a summary with no recursion cut short depends only on
                // the method and this depth, so every later call at this depth takes it as it is.
                cache.Nested.TryAdd(new MethodAtDepth(method, depth), summary);
            }

            return summary;
        }

        /// <summary>
        /// True when this compilation declares a sequence (a type implementing <c>IEnumerable&lt;T&gt;</c>) that overrides
        /// <c>ToString()</c> (a record's counts): then a value typed by a collection interface may print its elements.
        /// Decided once per compilation.
        /// </summary>
        private bool SourceSequencePrints()
        {
            var known = Volatile.Read(ref _sourceSequencePrints);
            if (known == 0)
            {
                var toString = _compilation.GetSpecialType(SpecialType.System_Object).GetMembers(nameof(ToString)).OfType<IMethodSymbol>().FirstOrDefault();
                var prints = toString != null && ImplementationsIndex(_cancellationToken).Of(toString).Any(
                    o => o.ContainingType.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T));
                known = prints ? 2 : 1;
                Volatile.Write(ref _sourceSequencePrints, known);
            }

            return known == 2;
        }

        /// <summary>
        /// An overload that only passes its parameters on to another overload of its type
        /// (<c>Log(level, message, args) =&gt; Log(-1, level, null, message, args)</c>): followed without using up the depth
        /// of calls followed. Decided once per method.
        /// </summary>
        private bool IsForwarder(IMethodSymbol method) => _forwarders.GetOrAdd(method, _forwarderFactory ??= Forwards);

        private bool Forwards(IMethodSymbol method)
        {
            // The syntax first, so that only a method that looks like one is bound again.
            if (!LooksLikeForwarder(method)
                || !(BodyOf(method, _cancellationToken) is IMethodBodyOperation body) || !((body.BlockBody ?? body.ExpressionBody) is IBlockOperation block)
                || block.Operations.Length != 1)
            {
                return false;
            }

            var single = block.Operations[0] switch
            {
                IExpressionStatementOperation statement => statement.Operation,
                IReturnOperation returned => returned.ReturnedValue,
                _ => null,
            };
            return single is IInvocationOperation call
                && call.TargetMethod.Name == method.Name
                && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType.OriginalDefinition, method.ContainingType.OriginalDefinition)
                && (call.Instance == null || call.Instance is IInstanceReferenceOperation)
                && call.Arguments.All(argument => IsPassedOn(argument.Value));
        }

        /// <summary>A method whose body is one call of a method of its own name: <c>=&gt; Log(-1, message, args)</c>.</summary>
        private bool LooksLikeForwarder(IMethodSymbol method)
        {
            if (!(method.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax declaration))
            {
                return false;
            }

            var single = declaration.ExpressionBody?.Expression
                ?? (declaration.Body is { Statements.Count: 1 } block
                    ? block.Statements[0] switch
                    {
                        Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax statement => statement.Expression,
                        Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax returned => returned.Expression,
                        _ => null,
                    }
                    : null);
            return single is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call
                && SimpleName(call.Expression) is string name
                && name == method.Name;
        }

        /// <summary>A parameter, a constant or a default, as an argument (through conversions).</summary>
        private static bool IsPassedOn(IOperation value)
        {
            value = Unconverted(value)!;
            return value is IParameterReferenceOperation || value is IDefaultValueOperation || value.ConstantValue.HasValue;
        }

        /// <summary>
        /// What a mediator's <c>Send</c> or <c>Publish</c> does with its message (<see cref="Mediators"/>): the summaries of
        /// the handlers of the message's type in this compilation as one, each handler's <c>Handle</c> taking the message
        /// as its first parameter as the call does. Null when the call is not a dispatch or no handler is here.
        /// </summary>
        public MethodSummary? DispatchSummary(IInvocationOperation invocation, SummaryStack stack, out IMethodSymbol? handler)
        {
            handler = null;
            if (invocation.Arguments.Length == 0 || !Mediators.IsDispatch(invocation.TargetMethod))
            {
                return null;
            }

            var message = ValueOf(invocation.Arguments[0].Value);
            if (message?.Type == null)
            {
                return null;
            }

            var handlers = _handlers.GetOrAdd(message.Type, _handlersFactory ??= HandlersOf);
            MethodSummary? summary = null;
            foreach (var handle in handlers)
            {
                if (Summary(handle, stack, _cancellationToken) is MethodSummary one)
                {
                    summary = summary == null ? one : MethodSummary.Union(summary, one);
                }
            }

            handler = handlers.Count == 1 ? handlers[0] : null;
            return summary;
        }

        /// <summary>
        /// True for a type whose values a structured logger's destructuring writes personal data of even when nothing
        /// flowed into them: a principal or an identity (its claims), a pipeline stage's request (<see cref="OfPipelineRequest"/>).
        /// </summary>
        public bool IsDestructuredWhole(ITypeSymbol? type) => PiiSources.IsPrincipal(type) || !OfPipelineRequest(type).IsEmpty;

        /// <summary>True for a pipeline stage's request whose text carries personal data (a record's, <see cref="TextOfPipelineRequest"/>).</summary>
        public bool IsPrintedWhole(ITypeSymbol? type) => !TextOfPipelineRequest(type).IsEmpty;

        /// <summary><see cref="IsPrintedWhole"/> as one delegate for the compilation.</summary>
        public Func<ITypeSymbol?, bool> PrintedWhole => _printedWhole ??= IsPrintedWhole;

        /// <summary><see cref="IsDestructuredWhole"/> as one delegate for the compilation.</summary>
        public Func<ITypeSymbol?, bool> DestructuredWhole => _destructuredWhole ??= IsDestructuredWhole;

        /// <summary>
        /// What a value typed by the request type parameter of a mediator's pipeline stage carries
        /// (<c>LoggingBehaviour&lt;TRequest, TResponse&gt; : IPipelineBehavior&lt;TRequest, TResponse&gt;</c>, a
        /// pre-processor): the stage runs for every request, so the value is any request a handler of this compilation
        /// receives that the type parameter's constraints admit, with what each carries (by its type, and what its handler
        /// says of its members); typed by the response type parameter, any response such a handler returns. Clean for any
        /// other type.
        /// </summary>
        public TaintSet OfPipelineRequest(ITypeSymbol? type) => PipelineRequestOf(type).Members;

        /// <summary>
        /// What the text of a pipeline stage's request carries (<see cref="OfPipelineRequest"/>): for each request, what its
        /// type prints (a record its members, a class without an override its name).
        /// </summary>
        public TaintSet TextOfPipelineRequest(ITypeSymbol? type) => PipelineRequestOf(type).Text;

        private PipelineRequest PipelineRequestOf(ITypeSymbol? type) =>
            type is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Type } parameter
                ? _pipelineRequests.GetOrAdd(parameter, _pipelineRequestsFactory ??= PipelineRequests)
                : PipelineRequest.None;

        private PipelineRequest PipelineRequests(ITypeSymbol type)
        {
            var parameter = (ITypeParameterSymbol)type;
            var stageInterface = parameter.DeclaringType?.AllInterfaces.FirstOrDefault(i => Mediators.IsPipelineStage(i) && i.TypeArguments.Contains(parameter, SymbolEqualityComparer.Default));
            if (stageInterface == null || !(stageInterface.TypeArguments[0] is ITypeParameterSymbol requestParameter))
            {
                return PipelineRequest.None;
            }

            // The request (the first type argument), or the response its handler returns (the second:
            // IPipelineBehavior<TRequest, TResponse>, IRequestPostProcessor<TRequest, TResponse>).
            var isResponse = !SymbolEqualityComparer.Default.Equals(requestParameter, parameter);
            var requests = Taint.Clean;
            var text = Taint.Clean;
            var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var handlerInterface in HandlerInterfacesOf())
            {
                if (handlerInterface.Name.IndexOf("Notification", StringComparison.Ordinal) >= 0)
                {
                    // A pipeline stage runs for requests sent, not for notifications published.
                    continue;
                }

                foreach (var handle in handlerInterface.GetMembers("Handle").OfType<IMethodSymbol>())
                {
                    foreach (var implementation in ImplementationsIndex(_cancellationToken).Of(handle))
                    {
                        var request = implementation.Parameters.Length > 0 ? implementation.Parameters[0].Type as INamedTypeSymbol : null;
                        if (request == null || !Mediators.Admits(requestParameter, request))
                        {
                            continue;
                        }

                        var value = isResponse ? Names.Awaited(implementation.ReturnType) as INamedTypeSymbol : request;
                        if (value is INamedTypeSymbol named && seen.Add(named) && Mediators.Admits(parameter, named))
                        {
                            // A request carries what its type declares, and what its handler says of its members (the
                            // sign-in's Password handed to a hasher, its Email to FindByEmailAsync).
                            var carried = isResponse ? Sources.OfType(named) : Taint.Union(Sources.OfType(named), HandledRequest(implementation));
                            requests = Taint.Union(requests, carried);
                            text = Taint.Union(text, Text(named, carried, new SummaryStack()));
                        }
                    }
                }
            }

            return new PipelineRequest(requests, text);
        }

        /// <summary>
        /// What a handler says of its request's members (<see cref="TaintAnalysis.IdentifiedInFirstParameter"/>), once per
        /// handler: every pipeline stage of the compilation (logging, timing, exceptions) asks it of the same handlers.
        /// </summary>
        private TaintSet HandledRequest(IMethodSymbol handler) =>
            _handledRequests.GetOrAdd(handler, _handledRequestsFactory ??= h => TaintAnalysis.IdentifiedInFirstParameter(this, h, _cancellationToken));

        /// <summary>What a pipeline stage's request carries, as its members and as its text.</summary>
        private sealed class PipelineRequest
        {
            public static readonly PipelineRequest None = new PipelineRequest(Taint.Clean, Taint.Clean);

            public PipelineRequest(TaintSet members, TaintSet text)
            {
                Members = members;
                Text = text;
            }

            public TaintSet Members { get; }

            public TaintSet Text { get; }
        }

        private ImmutableArray<INamedTypeSymbol> HandlerInterfacesOf()
        {
            if (_handlerInterfaces.IsDefault)
            {
                ImmutableInterlocked.InterlockedInitialize(ref _handlerInterfaces, Mediators.HandlerInterfaces(_compilation));
            }

            return _handlerInterfaces;
        }

        private List<IMethodSymbol> HandlersOf(ITypeSymbol message)
        {
            var handlers = new List<IMethodSymbol>();
            foreach (var handlerInterface in HandlerInterfacesOf())
            {
                foreach (var handle in handlerInterface.GetMembers("Handle").OfType<IMethodSymbol>())
                {
                    foreach (var implementation in ImplementationsIndex(_cancellationToken).Of(handle))
                    {
                        if (!handlers.Contains(implementation, SymbolEqualityComparer.Default)
                            && implementation.ContainingType.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, handlerInterface)
                                && Mediators.Receives(message, i.TypeArguments[0])))
                        {
                            handlers.Add(implementation);
                        }
                    }
                }
            }

            return handlers;
        }

        private Implementations ImplementationsIndex(CancellationToken cancellationToken)
        {
            var index = Volatile.Read(ref _implementations);
            if (index != null)
            {
                return index;
            }

            // Built once: blocks analysed at the same time wait for the first instead of each walking the compilation.
            lock (_implementationsGate)
            {
                if (_implementations == null)
                {
                    Volatile.Write(ref _implementations, Implementations.Build(_compilation, cancellationToken));
                }

                return _implementations!;
            }
        }

        /// <summary>A method as messages name it: <c>SmtpClient.Send</c>.</summary>
        public static string NameOf(IMethodSymbol method)
        {
            method = method.ReducedFrom ?? method;
            return method.MethodKind == MethodKind.Constructor
                ? "new " + method.ContainingType.Name
                : method.ContainingType.Name + "." + method.Name;
        }

        /// <summary>A System.Linq operator (Enumerable, Queryable, and the like).</summary>
        public static bool IsLinq(IMethodSymbol method)
        {
            var type = (method.ReducedFrom ?? method).ContainingType;
            return type != null && (type.Name == "Enumerable" || type.Name == "Queryable" || type.Name == "ParallelEnumerable" || type.Name == "AsyncEnumerable")
                && Names.NamespaceIs(type.ContainingNamespace, "System.Linq");
        }


        /// <summary>The option that says whether the project's logging runs redaction, for a library whose host enables it.</summary>
        public const string RedactionEnabledOption = "octopus_privacy.redaction_enabled";

        /// <summary>
        /// Whether the project's logging redacts classified values: the option <see cref="RedactionEnabledOption"/>
        /// when set, else whether the project's code calls <c>EnableRedaction</c> or <c>AddConsentAwareRedaction</c>
        /// (looked for once per compilation, and only when a value reaches a parameter classified by policy category).
        /// </summary>
        public bool RedactionEnabled
        {
            get
            {
                if (_redaction == 0)
                {
                    var enabled = AnalyzerSettings.ProjectValue(_options.AnalyzerConfigOptionsProvider, _compilation, RedactionEnabledOption) is string text && bool.TryParse(text.Trim(), out var set)
                        ? set
                        : _compilation.SyntaxTrees.Any(t =>
                        {
                            var source = t.GetText(_cancellationToken).ToString();
                            return source.IndexOf("EnableRedaction", System.StringComparison.Ordinal) >= 0 || source.IndexOf("AddConsentAwareRedaction", System.StringComparison.Ordinal) >= 0;
                        });
                    _redaction = enabled ? 1 : 2;
                }

                return _redaction == 1;
            }
        }

        public bool IsException(ITypeSymbol? type) => Symbols.Exception != null && PrivacySymbols.IsOrDerives(type, Symbols.Exception);

        /// <summary>
        /// True when an exception type of this compilation, or a base of it here, writes its own text (overrides
        /// <c>Message</c> or <c>ToString()</c>): what its constructors pass to their base is then not all that is logged.
        /// </summary>
        public bool WritesOwnText(ITypeSymbol? type)
        {
            for (var current = type; current != null && DeclaredHere(current); current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if ((member is IPropertySymbol { Name: "Message", IsOverride: true }) || (member is IMethodSymbol { Name: nameof(ToString), IsOverride: true, Parameters.Length: 0 }))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A type or member declared in this compilation's own source (not another project's, even one given as source).</summary>
        public bool DeclaredHere(ISymbol symbol) =>
            !symbol.DeclaringSyntaxReferences.IsEmpty && _compilation.ContainsSyntaxTree(symbol.DeclaringSyntaxReferences[0].SyntaxTree);

        /// <summary>
        /// The call a constructor declared here makes to another constructor: <c>: base(...)</c>, <c>: this(...)</c>, or a
        /// primary constructor's base arguments (<c>class NotFound(User user) : Exception($"...{user.Email}")</c>). False
        /// when its source cannot be read; true with a null call when it calls its base's constructor implicitly, with
        /// no arguments.
        /// </summary>
        public bool TryGetChainedCall(IMethodSymbol constructor, out IInvocationOperation? call)
        {
            call = null;
            if (constructor.DeclaringSyntaxReferences.Length != 1 || !DeclaredHere(constructor))
            {
                return false;
            }

            var syntax = constructor.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken);
            SyntaxNode? chained;
            switch (syntax)
            {
                case ConstructorDeclarationSyntax declaration:
                    chained = declaration.Initializer;
                    break;
                case TypeDeclarationSyntax type:
                    chained = type.BaseList?.Types.OfType<PrimaryConstructorBaseTypeSyntax>().FirstOrDefault();
                    break;
                default:
                    return false;
            }

            if (chained == null)
            {
                return true;
            }

            call = ModelOf(chained.SyntaxTree).GetOperation(chained, _cancellationToken) as IInvocationOperation;
            return call != null;
        }

        /// <summary>
        /// What an argument really sends beyond its text: parameters and members that carry a data classification are
        /// redacted by the Microsoft.Extensions.Compliance pipeline of [LoggerMessage] methods (what a formatted value
        /// prints is decided where it is formatted, see <see cref="Text"/>).
        /// </summary>
        public TaintSet AsSent(IArgumentOperation argument, TaintSet taint, SinkKind kind)
        {
            if (kind == SinkKind.Log && !taint.IsEmpty && argument.Parameter != null && Symbols.LogProperties != null
                && PrivacySymbols.HasAttribute(argument.Parameter.OriginalDefinition, Symbols.LogProperties))
            {
                // [LogProperties]: each member is its own tag, and classified members are redacted.
                return taint.Where(t => !t.IsClassification);
            }

            return taint;
        }

        /// <summary>How values are written as text.</summary>
        public TextForms TextForms { get; } = new TextForms();

        /// <summary>
        /// What the text of a value carries (<c>ToString()</c>, interpolation, concatenation), given what the value
        /// carries: an object of a class without an override prints its type name; a record prints its members; an
        /// override in source prints what its body returns; anything else, all it carries.
        /// </summary>
        public TaintSet Text(ITypeSymbol? type, TaintSet taint, SummaryStack stack)
        {
            if (taint.IsEmpty)
            {
                return taint;
            }

            var (form, writer) = TextForms.Of(type);
            switch (form)
            {
                case TextForm.TypeName:
                    return Taint.Clean;
                case TextForm.Collection:
                    // identity.Claims.ToString(): List<Claim> and LINQ's iterators print their type name.
                    return SourceSequencePrints() ? taint : Taint.Clean;
                case TextForm.Members:
                    // What its members' types print, and values stored in them; an object it was built from (an
                    // entity whose graph reaches a user, in a member that prints its type's name) prints nothing more,
                    // unless a member is typed to hold any object.
                    var stored = taint.Except(Sources.OfType(type));
                    return Taint.Union(HasOpenMember(type!) ? stored : stored.Where(t => !t.InObject), RecordText(type!));
                case TextForm.Override:
                    // What the override returns; what the object holds beyond its type's own members only when the
                    // override reads the object (`=> nameof(SignerKeySubmitted)` prints nothing it holds).
                    var printed = Summary((IMethodSymbol)writer!, stack, _cancellationToken);
                    return printed == null ? taint
                        : printed.Returned(0) ? Taint.Union(taint.Except(Sources.OfType(type)), printed.Returns)
                        : printed.Returns;
                case TextForm.Member:
                    // IdentityUser prints its user name: that, and what was stored in the object beyond its type's own
                    // members; not its e-mail address or phone number.
                    var own = Sources.OfType(type);
                    var name = Sources.OfMember(writer!);
                    return Taint.Union(taint.Except(own), taint.Any(t => name.Contains(t.Value)) ? name : Taint.Clean);
                default:
                    return taint;
            }
        }

        /// <summary>
        /// What a logger writes for a message argument: a sequence element by element (Microsoft.Extensions.Logging and
        /// Serilog both enumerate it), anything else as its <see cref="Text"/>.
        /// </summary>
        public TaintSet Formatted(ITypeSymbol? type, TaintSet taint, SummaryStack stack)
        {
            if (taint.IsEmpty || !(TextForms.SequenceElement(type) is ITypeSymbol element))
            {
                return Text(type, taint, stack);
            }

            // What was put in the sequence, and the elements' own members, count as the elements print them: a list of
            // Identity's errors prints their type's name whatever their descriptions say.
            return Taint.Union(Text(element, taint.Except(Sources.OfType(type)), stack), Text(element, Sources.OfType(element), stack));
        }

        /// <summary>
        /// What a value of <paramref name="type"/> can really hold of the objects that flowed into it: written whole by
        /// a serializer, or read member by member. A DTO built from an entity that references a user holds the user's
        /// e-mail address only if it has a member for it (one whose name ends like <c>Email</c>, or one typed to hold
        /// any object); the personal members the type declares or reaches stay, and so do values stored in it.
        /// </summary>
        public TaintSet Holdable(ITypeSymbol? type, TaintSet taint)
        {
            if (taint.IsEmpty || !taint.Any(t => t.InObject))
            {
                return taint;
            }

            var shape = ShapeOf(type);
            if (shape == null)
            {
                return taint;
            }

            var declared = Sources.OfType(type);
            return taint.Where(t => !t.InObject || declared.Contains(t) || shape.Any(name => name.EndsWith(t.Name, StringComparison.OrdinalIgnoreCase)));
        }

        /// <summary>
        /// The names of the text members a value of the type holds (its own and its members' in this compilation, to
        /// the configured depth), or null when it can hold any object (a member typed <c>object</c>, an interface, a
        /// type parameter) or is not a type of this compilation's code.
        /// </summary>
        private ImmutableHashSet<string>? ShapeOf(ITypeSymbol? type)
        {
            if (type == null)
            {
                return null;
            }

            if (TextForms.SequenceElement(type) is ITypeSymbol element && type.SpecialType != SpecialType.System_String)
            {
                return ShapeOf(element);
            }

            return _shapes.GetOrAdd(type, t => Shape(t, Settings.MaxTypeDepth, ImmutableHashSet<ITypeSymbol>.Empty.WithComparer(SymbolEqualityComparer.Default)));
        }

        private static ImmutableHashSet<string>? Shape(ITypeSymbol type, int depth, ImmutableHashSet<ITypeSymbol> visiting)
        {
            if (!(type is INamedTypeSymbol named) || (named.TypeKind != TypeKind.Class && named.TypeKind != TypeKind.Struct)
                || named.IsAnonymousType || named.DeclaringSyntaxReferences.IsEmpty || named.SpecialType != SpecialType.None)
            {
                return null;
            }

            if (depth <= 0 || visiting.Contains(type))
            {
                return ImmutableHashSet<string>.Empty;
            }

            visiting = visiting.Add(type);
            var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (member, memberType) in PiiSources.DataMembers(named))
            {
                var values = memberType.SpecialType == SpecialType.System_String ? memberType : TextForms.SequenceElement(memberType) ?? memberType;
                switch (values.TypeKind)
                {
                    case TypeKind.Interface:
                    case TypeKind.TypeParameter:
                    case TypeKind.Dynamic:
                    case TypeKind.Error:
                        return null;
                }

                if (values.SpecialType == SpecialType.System_Object)
                {
                    return null;
                }

                if (values.SpecialType == SpecialType.System_String)
                {
                    names.Add(member.Name);
                }
                else if (!values.DeclaringSyntaxReferences.IsEmpty && values.TypeKind == TypeKind.Class)
                {
                    // A member of one of the application's own classes: what that class holds.
                    var inner = Shape(values, depth - 1, visiting);
                    if (inner == null)
                    {
                        return null;
                    }

                    names.UnionWith(inner);
                }
            }

            return names.ToImmutable();
        }

        /// <summary>A public member whose declared type does not say what it prints (<see cref="TextForms.IsOpen"/>).</summary>
        private static bool HasOpenMember(ITypeSymbol type)
        {
            foreach (var (_, memberType) in PiiSources.DataMembers(type))
            {
                if (TextForms.IsOpen(memberType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>What a record's compiler-written ToString() prints of its members' own personal data.</summary>
        private TaintSet RecordText(ITypeSymbol type) =>
            _recordTexts.GetOrAdd(type, t => RecordText(t, Settings.MaxTypeDepth, ImmutableHashSet<ITypeSymbol>.Empty.WithComparer(SymbolEqualityComparer.Default)));

        private TaintSet RecordText(ITypeSymbol type, int depth, ImmutableHashSet<ITypeSymbol> visiting)
        {
            if (depth <= 0 || visiting.Contains(type))
            {
                return Taint.Clean;
            }

            visiting = visiting.Add(type);
            var printed = Taint.Clean;
            foreach (var (member, memberType) in PiiSources.DataMembers(type))
            {
                printed = Taint.Union(printed, Sources.OfMember(member));
                var (form, writer) = TextForms.Of(memberType);
                switch (form)
                {
                    case TextForm.Members:
                        printed = Taint.Union(printed, RecordText(memberType, depth - 1, visiting));
                        break;
                    case TextForm.Member:
                        printed = Taint.Union(printed, Sources.OfMember(writer!));
                        break;
                    case TextForm.TypeName:
                        break;
                    case TextForm.Collection when !SourceSequencePrints():
                        break;
                    default:
                        // A member printed by an override or by its runtime type: what it carries.
                        printed = Taint.Union(printed, Sources.OfType(memberType));
                        break;
                }
            }

            return printed;
        }

        /// <summary>
        /// The gate of the analysis that reports: <see cref="MayInvolvePersonalData"/> with reads of members that other
        /// methods of its type store personal data in. When the method was already scanned without them (it assigns a
        /// member another method reads), that answer is taken and only its member reads are looked at again.
        /// </summary>
        public bool MayReportIn(IOperation body, IMethodSymbol? method)
        {
            if (method != null && _mayStorePersonalData.TryGetValue(method, out var involves))
            {
                return involves || ReadsStoredPersonalData(body) || ReadsIdentifiedMember(body, method);
            }

            return MayInvolvePersonalData(body, method, new SummaryStack(), readsStored: true) || ReadsIdentifiedMember(body, method);
        }

        /// <summary>
        /// True when the body of an instance method reads a text member of its own object that another method of the
        /// object says is personal (<see cref="IdentifiedMembersOf"/>: the page's helper reading <c>Input.Email</c>).
        /// </summary>
        private bool ReadsIdentifiedMember(IOperation body, IMethodSymbol? method)
        {
            if (method == null || method.IsStatic || !(method.ContainingType is { } type))
            {
                return false;
            }

            Dictionary<object, TaintSet>? identified = null;
            foreach (var operation in body.Descendants())
            {
                if (!(operation is IMemberReferenceOperation { Member: { IsStatic: false } } reference)
                    || !(reference is IPropertyReferenceOperation || reference is IFieldReferenceOperation)
                    || reference.Type?.SpecialType != SpecialType.System_String
                    || !IsOnThis(reference.Instance))
                {
                    continue;
                }

                identified ??= IdentifiedMembersOf(type);
                if (identified.Count == 0)
                {
                    return false;
                }

                if (TaintAnalysis.KeyOf(reference, 3) is object key && identified.ContainsKey(key))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True for <c>this</c>, or a member (of a member) of it, read plainly or conditionally.</summary>
        private static bool IsOnThis(IOperation? instance)
        {
            while (instance is IMemberReferenceOperation || instance is IConditionalAccessInstanceOperation)
            {
                // Input.Email, Input?.Email: the member's holder, or the receiver the conditional access tested.
                instance = instance is IMemberReferenceOperation { Instance: var holder } ? holder : TaintAnalysis.ReceiverOf((IConditionalAccessInstanceOperation)instance);
            }

            return instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
        }

        /// <summary>
        /// The other half of the gate of the analysis that reports: true when the body holds a call where a finding could
        /// be reported. Findings are reported at a sink or a <c>[RequiresConsent]</c> method, at a mediator's dispatch
        /// (what its handlers send), at an exception built from something other than literals (its message ends up in
        /// logs), and at a call or a construction of a method of this compilation that may itself reach one of these
        /// (<see cref="MaySendThrough"/>: what it sends is reported at the call). A body with none of these reports
        /// nothing, however much personal data it handles, so its control-flow graph is not built. Lambdas and local
        /// functions are part of the body.
        /// </summary>
        public bool MaySendFrom(IOperation body)
        {
            var search = new SendSearch();
            if (Sends(body, search))
            {
                return true;
            }

            // Nothing reachable from here sends: neither does any method the search went through.
            foreach (var method in search.Undecided)
            {
                _sends.TryAdd(method, false);
            }

            return false;
        }

        /// <summary>
        /// True when a call of the method may reach a sink, a <c>[RequiresConsent]</c> method or a mediator's dispatch:
        /// its body does, or a method of this compilation it calls or constructs (or an implementation of it) does, at any
        /// depth; a superset of what its summary can find, which follows calls only so deep. An exception it builds from
        /// something other than literals counts too: what a caller gives it may end up in the message. Known
        /// once per method: one found to send sends from any caller; one found not to, when the search below it met no
        /// method it had already entered, or when nothing the whole search reached sends.
        /// </summary>
        private bool MaySendThrough(IMethodSymbol method, SendSearch search)
        {
            method = (method.ReducedFrom ?? method).OriginalDefinition;
            if (method.MethodKind == MethodKind.LocalFunction)
            {
                // Part of the body that calls it, scanned with it.
                return false;
            }

            if (_sends.TryGetValue(method, out var known))
            {
                return known;
            }

            if (!search.Visited.Add(method))
            {
                // Entered before on this search: still open (recursion), or found not to send with a cut below it. Either
                // way, what it reaches is being or was already searched.
                search.Cuts++;
                return false;
            }

            var cuts = search.Cuts;
            var sends = (HasBodyHere(method) && BodyOf(method, _cancellationToken) is IOperation body && Sends(body, search))
                || (Dispatches(method) && AnyImplementationSends(method, search));
            if (sends || search.Cuts == cuts)
            {
                _sends.TryAdd(method, sends);
            }
            else
            {
                search.Undecided.Add(method);
            }

            return sends;
        }

        private bool AnyImplementationSends(IMethodSymbol method, SendSearch search)
        {
            foreach (var implementation in ImplementationsIndex(_cancellationToken).Of(method))
            {
                if (!SymbolEqualityComparer.Default.Equals(implementation, method) && MaySendThrough(implementation, search))
                {
                    return true;
                }
            }

            return false;
        }

        private bool Sends(IOperation body, SendSearch search)
        {
            var settings = SettingsFor(body.Syntax.SyntaxTree);
            foreach (var operation in body.Descendants())
            {
                switch (operation.Kind)
                {
                    case OperationKind.Invocation:
                        var invocation = (IInvocationOperation)operation;
                        var target = invocation.TargetMethod;
                        if (Mediators.IsDispatch(target) || RequiresConsent(target) || ClassifySink(invocation, settings).Kind != SinkKind.None || MaySendThrough(target, search))
                        {
                            return true;
                        }

                        break;
                    case OperationKind.ObjectCreation:
                        var creation = (IObjectCreationOperation)operation;
                        if ((IsException(creation.Type) && !OfLiteralsOnly(creation.Arguments))
                            || (creation.Constructor is IMethodSymbol constructor && MaySendThrough(constructor, search)))
                        {
                            return true;
                        }

                        break;

                    // The calls the control-flow graph makes of these (a resource's Dispose, an enumerator's MoveNext) are
                    // not operations of the body.
                    case OperationKind.Using:
                        var statement = (IUsingOperation)operation;
                        if (DisposalSends(statement.Resources, statement.IsAsynchronous, search))
                        {
                            return true;
                        }

                        break;
                    case OperationKind.UsingDeclaration:
                        var declaration = (IUsingDeclarationOperation)operation;
                        if (DisposalSends(declaration.DeclarationGroup, declaration.IsAsynchronous, search))
                        {
                            return true;
                        }

                        break;
                    case OperationKind.Loop when operation is IForEachLoopOperation loop:
                        if (EnumerationSends(loop, search))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>What the graph calls to dispose of a <c>using</c>'s resources (a declaration's locals, or an expression).</summary>
        private bool DisposalSends(IOperation resources, bool asynchronous, SendSearch search)
        {
            if (resources is IVariableDeclarationGroupOperation group)
            {
                foreach (var local in group.GetDeclaredVariables())
                {
                    if (CalledSends(local.Type, asynchronous ? "DisposeAsync" : "Dispose", search))
                    {
                        return true;
                    }
                }

                return false;
            }

            return CalledSends(StripConversions(resources).Type, asynchronous ? "DisposeAsync" : "Dispose", search);
        }

        /// <summary>What the graph calls to run a <c>foreach</c>: the collection's enumerator, its MoveNext and its disposal.</summary>
        private bool EnumerationSends(IForEachLoopOperation loop, SendSearch search)
        {
            var asynchronous = loop.IsAsynchronous;
            var collection = StripConversions(loop.Collection).Type;
            if (collection == null || collection.TypeKind == TypeKind.Array || collection.SpecialType == SpecialType.System_String)
            {
                return false;
            }

            foreach (var getEnumerator in Callable(collection, asynchronous ? "GetAsyncEnumerator" : "GetEnumerator"))
            {
                var enumerator = getEnumerator.ReturnType;
                if (MaySendThrough(getEnumerator, search)
                    || CalledSends(enumerator, asynchronous ? "MoveNextAsync" : "MoveNext", search)
                    || CalledSends(enumerator, asynchronous ? "DisposeAsync" : "Dispose", search))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when a parameterless method of that name the type has (or inherits, or implements) may send.</summary>
        private bool CalledSends(ITypeSymbol? type, string name, SendSearch search)
        {
            foreach (var method in Callable(type, name))
            {
                if (MaySendThrough(method, search))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The parameterless methods of that name a type declares, inherits or implements through its interfaces (the
        /// interface's own member too: a call through it dispatches to the implementations here).
        /// </summary>
        private static IEnumerable<IMethodSymbol> Callable(ITypeSymbol? type, string name)
        {
            if (type == null)
            {
                yield break;
            }

            var types = type is ITypeParameterSymbol parameter ? parameter.ConstraintTypes : ImmutableArray.Create(type);
            foreach (var candidate in types)
            {
                for (var current = candidate; current != null; current = current.BaseType)
                {
                    foreach (var member in current.GetMembers(name))
                    {
                        if (member is IMethodSymbol method && method.Parameters.Length == 0)
                        {
                            yield return method;
                        }
                    }
                }

                foreach (var implemented in candidate.AllInterfaces)
                {
                    foreach (var member in implemented.GetMembers(name))
                    {
                        if (member is IMethodSymbol method && method.Parameters.Length == 0)
                        {
                            yield return method;
                        }
                    }
                }
            }
        }

        private static IOperation StripConversions(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>Arguments that are all literals or <c>nameof</c> (<c>new ArgumentException("Invalid format", nameof(file))</c>): they carry nothing.</summary>
        private static bool OfLiteralsOnly(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                var value = StripConversions(argument.Value);
                if (!(value.Kind == OperationKind.Literal || value.Kind == OperationKind.NameOf || value.Kind == OperationKind.DefaultValue))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A read of a member that other methods of its type store personal data in (<see cref="StoredIn"/>), or of a
        /// channel other methods write personal data to (<see cref="WrittenTo"/>).
        /// </summary>
        private bool ReadsStoredPersonalData(IOperation body)
        {
            foreach (var operation in body.Descendants())
            {
                switch (operation.Kind)
                {
                    case OperationKind.PropertyReference when !StoredIn(((IPropertyReferenceOperation)operation).Property).IsEmpty:
                    case OperationKind.FieldReference when !StoredIn(((IFieldReferenceOperation)operation).Field).IsEmpty:
                    case OperationKind.Invocation when ReadsWrittenChannel((IInvocationOperation)operation):
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the body reads a personal member, handles an object with personal members, calls a method whose
        /// result carries personal data, makes a personal claim of a value (<c>new Claim(ClaimTypes.Email, email)</c>), or calls a
        /// [RequiresConsent] method or one of Identity's that takes a password: only then can it reach a finding. A scan of
        /// the operations, with callees asked the same question (once each), not analyzed. With
        /// <paramref name="readsStored"/>, a read of a member that other methods of its type store personal data in counts
        /// too; only the analysis that reports reads stored members, so summaries and stores are scanned without them.
        /// </summary>
        public bool MayInvolvePersonalData(IOperation body, IMethodSymbol? method, SummaryStack stack, bool readsStored = false)
        {
            if (method != null && method.Parameters.Any(p => !Sources.OfMember(p).IsEmpty || Sources.IsClassified(p.Type)))
            {
                return true;
            }

            foreach (var operation in body.Descendants())
            {
                // By kind, then one cast: most operations are none of these, and each interface type test would scan them.
                switch (operation.Kind)
                {
                    case OperationKind.PropertyReference when !Sources.OfMember(((IPropertyReferenceOperation)operation).Property).IsEmpty:
                    case OperationKind.FieldReference when !Sources.OfMember(((IFieldReferenceOperation)operation).Field).IsEmpty:
                    case OperationKind.PropertyReference when readsStored && !StoredIn(((IPropertyReferenceOperation)operation).Property).IsEmpty:
                    case OperationKind.PropertyReference when ComputesPersonalData(((IPropertyReferenceOperation)operation).Property, stack):
                    case OperationKind.FieldReference when readsStored && !StoredIn(((IFieldReferenceOperation)operation).Field).IsEmpty:
                    case OperationKind.Invocation when readsStored && ReadsWrittenChannel((IInvocationOperation)operation):
                    case OperationKind.LocalReference when Sources.IsClassified(operation.Type):
                    case OperationKind.InstanceReference when Sources.IsClassified(operation.Type):
                    case OperationKind.ParameterReference when Sources.IsClassified(operation.Type) || !Sources.OfMember(((IParameterReferenceOperation)operation).Parameter).IsEmpty:
                    case OperationKind.AnonymousFunction when ((IAnonymousFunctionOperation)operation).Symbol.Parameters.Any(p => !Sources.OfMember(p).IsEmpty):
                    case OperationKind.ObjectCreation when TaintAnalysis.ClaimMadeOf((IObjectCreationOperation)operation, this) != null:
                        return true;
                    case OperationKind.Invocation:
                        var invocation = (IInvocationOperation)operation;
                        var target = invocation.TargetMethod;
                        if (RequiresConsent(target) || !Sources.OfMember(target).IsEmpty || !Sources.OfCall(invocation).IsEmpty || !OfClaimReader(invocation).IsEmpty
                            || Sources.IsClassified(target.ReturnType) || PiiSources.TakesPassword(target) || PiiSources.IsHasherByName(target)
                            || (Scalars.MayHoldPersonalData(target.ReturnType) && !IsResultDiscarded(invocation) && (ReturnsPersonalData(target, stack) || (stack.Depth == 0 && SaysWhatArgumentsHold(target, stack))))
                            || (stack.Depth == 0 && MayIdentifyArguments(invocation) && IdentifiesInputs(target, stack))
                            || TaintAnalysis.MayDestructure(invocation, DestructuredWhole) || TaintAnalysis.MayWrite(invocation, PrintedWhole, destructured: false))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the summary the look above just computed (or an earlier one) says what parts of the callee's inputs
        /// hold (<see cref="MethodSummary.Identified"/>): a controller whose service hands <c>request.PhoneNumber</c> to
        /// a look-up of users by phone number logs a phone number when it logs that member, though it reads nothing
        /// personal itself. No summary of the callee itself is computed for this: asked only for the method the gate
        /// decides on (the top of its stack), where the look at the result has just computed the callee's top summary
        /// whenever its body may involve personal data, so the answer does not depend on the order in which methods are
        /// analysed. A call through an interface asks its implementations (<see cref="ImplementationsIdentify"/>).
        /// </summary>
        private bool SaysWhatArgumentsHold(IMethodSymbol target, SummaryStack stack)
        {
            var method = (target.ReducedFrom ?? target).OriginalDefinition;
            var summary = _dispatched.Complete.TryGetValue(method, out var complete) ? complete.Summary
                : _dispatched.Top.TryGetValue(method, out var cached) ? cached
                : null;
            if (summary != null && !summary.Identified.IsEmpty)
            {
                return true;
            }

            if (!Dispatches(method))
            {
                return false;
            }

            if (!_implementationsIdentify.TryGetValue(method, out var identify))
            {
                identify = _implementationsIdentify.GetOrAdd(method, ImplementationsIdentify(method, stack));
            }

            return identify;
        }

        /// <summary>
        /// True when a call hands text, or an object of a type declared here, to a method of this compilation (or to an
        /// interface's or abstract method declared here, which its implementations here run) that returns nothing able to
        /// hold personal data (a flag, a number, a task): such a callee can still say what the text or a member of the
        /// object is (<c>EmailExistsAsync(request.Email)</c>, whose query compares it with the users' addresses;
        /// <c>ResetPasswordAsync(dto)</c>, which finds the user by <c>dto.Email</c>), so its summary is read for that,
        /// though it gives nothing back to follow.
        /// </summary>
        public bool MayIdentifyArguments(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (Scalars.MayHoldPersonalData(method.ReturnType) || !(HasBodyHere(method) || (Dispatches(method) && DeclaredHere(method))))
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type is ITypeSymbol type
                    && (type.SpecialType == SpecialType.System_String || (type.TypeKind is TypeKind.Class or TypeKind.Struct && DeclaredHere(type))))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when a callee says what one of its inputs holds (<see cref="MethodSummary.Identified"/>), whatever it
        /// returns: its own summary when its body may involve personal data, or its implementations' (<see cref="ImplementationsIdentify"/>).
        /// Asked only from the top of a gate's stack; the answer depends only on the method, so it is kept.
        /// </summary>
        private bool IdentifiesInputs(IMethodSymbol target, SummaryStack stack)
        {
            var method = (target.ReducedFrom ?? target).OriginalDefinition;
            if (_identifiesInputs.TryGetValue(method, out var known))
            {
                return known;
            }

            var identifies = SaysWhatArgumentsHold(method, stack) || (HasBodyHere(method) && OwnBodyIdentifies(method, stack));
            return _identifiesInputs.GetOrAdd(method, identifies);
        }

        private bool OwnBodyIdentifies(IMethodSymbol method, SummaryStack stack)
        {
            if (!stack.TryEnter(method))
            {
                return false;
            }

            bool involves;
            try
            {
                involves = BodyOf(method, _cancellationToken) is IOperation body && MayInvolvePersonalData(body, method, stack);
            }
            finally
            {
                stack.Exit(method);
            }

            return involves && Summary(method, stack, _cancellationToken) is { Identified.IsEmpty: false };
        }

        /// <summary>
        /// True when an implementation of an interface's or an abstract method, one call down, says what an input holds
        /// (<c>IAccountService.DeleteAccount(userName)</c>, whose implementation finds the user by it). Each implementation
        /// whose body may involve personal data is summarized for this, from the top of a call chain: the answer depends
        /// only on the method, so it is kept.
        /// </summary>
        private bool ImplementationsIdentify(IMethodSymbol method, SummaryStack stack)
        {
            if (!stack.TryEnter(method))
            {
                return false;
            }

            try
            {
                foreach (var implementation in ImplementationsIndex(_cancellationToken).Of(method))
                {
                    if (!SymbolEqualityComparer.Default.Equals(implementation, method) && HasBodyHere(implementation)
                        && BodyOf(implementation, _cancellationToken) is IOperation body && MayInvolvePersonalData(body, implementation, stack)
                        && Summary(implementation, stack, _cancellationToken) is { Identified.IsEmpty: false })
                    {
                        return true;
                    }
                }

                return false;
            }
            finally
            {
                stack.Exit(method);
            }
        }

        /// <summary>
        /// True when a call is a statement of its own that throws its result away (<c>app.MapIdentityApi();</c>), or what
        /// such a statement awaits (through <c>ConfigureAwait</c>): what the callee returns goes nowhere.
        /// </summary>
        public static bool IsResultDiscarded(IInvocationOperation invocation)
        {
            IOperation? parent = invocation.Parent;
            if (parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured && configured.Instance == invocation)
            {
                parent = configured.Parent;
            }

            if (parent is IAwaitOperation awaited)
            {
                parent = awaited.Parent;
            }

            return parent is IExpressionStatementOperation;
        }

        /// <summary>
        /// What reading a computed property returns of its own accord, as a call of its getter would
        /// (<c>CurrentUser.Email =&gt; _accessor.HttpContext?.User.FindFirstValue(ClaimTypes.Email)</c>, read through the
        /// service's interface): its getter's summary, or its implementations' for an interface's or abstract property.
        /// Clean for an auto-property, a library's property, and one whose type holds no personal data.
        /// </summary>
        public TaintSet ComputedBy(IPropertySymbol property, SummaryStack stack, CancellationToken cancellationToken) =>
            ComputesPersonalData(property, stack) && Summary(property.GetMethod!, stack, cancellationToken) is MethodSummary getter ? getter.Returns : Taint.Clean;

        /// <summary>True when <see cref="ComputedBy"/> may be personal data: the getter returns some of its own accord.</summary>
        private bool ComputesPersonalData(IPropertySymbol property, SummaryStack stack) =>
            property.GetMethod is IMethodSymbol getter && getter.Locations is { Length: > 0 } locations && locations[0].IsInSource
            && !property.IsIndexer && Scalars.MayHoldPersonalData(property.Type)
            && _computedGetters.GetOrAdd(getter.OriginalDefinition, IsComputed) && ReturnsPersonalData(getter, stack);

        /// <summary>
        /// A getter with a body here (<c>=&gt; ...</c>, <c>get { ... }</c>), or an interface's or abstract getter of the
        /// application's that something here implements; not an auto-property's.
        /// </summary>
        private bool IsComputed(IMethodSymbol getter)
        {
            if (getter.IsAbstract)
            {
                return ImplementationsIndex(_cancellationToken).Of(getter).Count > 0;
            }

            return DeclaredHere(getter)
                && getter.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is var syntax
                && (syntax is ArrowExpressionClauseSyntax || (syntax is AccessorDeclarationSyntax accessor && (accessor.Body != null || accessor.ExpressionBody != null)));
        }

        /// <summary>
        /// True when a method of this compilation (or an implementation of it) returns personal data of its own accord.
        /// Only a method whose body may involve personal data is summarized to find out.
        /// </summary>
        private bool ReturnsPersonalData(IMethodSymbol method, SummaryStack stack)
        {
            method = (method.ReducedFrom ?? method).OriginalDefinition;
            if (_returnsPersonalData.TryGetValue(method, out var cached))
            {
                return cached;
            }

            var depth = stack.Depth;
            if (depth > 0 && _returnsNothingAt.ContainsKey(new MethodAtDepth(method, depth)))
            {
                return false;
            }

            var cuts = stack.CycleCuts;
            if (!stack.TryEnter(method))
            {
                return false;
            }

            bool involves;
            bool anyImplementation;
            try
            {
                involves = HasBodyHere(method) && BodyOf(method, _cancellationToken) is IOperation body && MayInvolvePersonalData(body, method, stack);
                anyImplementation = Dispatches(method) && ImplementationsIndex(_cancellationToken).Of(method).Any(i => !SymbolEqualityComparer.Default.Equals(i, method) && ReturnsPersonalData(i, stack));
            }
            finally
            {
                stack.Exit(method);
            }

            var result = anyImplementation || (involves && Summary(method, stack, _cancellationToken) is { Returns.IsEmpty: false });
            if (depth == 0)
            {
                _returnsPersonalData.TryAdd(method, result);
            }
            else if (stack.CycleCuts == cuts)
            {
                // Below the top, with no recursion cut short: a method found to return personal data does so from any
                // depth (higher up, its calls are followed deeper still); one found not to, from this depth and below.
                // Each callee is then scanned once per depth, not once per path that reaches it.
                if (result)
                {
                    _returnsPersonalData.TryAdd(method, true);
                }
                else
                {
                    _returnsNothingAt.TryAdd(new MethodAtDepth(method, depth), false);
                }
            }

            return result;
        }

        /// <summary>
        /// What the methods of a type store in one of its text fields or auto-properties (<c>_email = user.Email</c> in
        /// one handler, logged in another): the personal data any assignment to it in the type's own code carries. Only
        /// fields that are not read-only and settable properties of type string (or a sequence of strings) are tracked;
        /// computed once per member from the methods that assign it, with no stored member read while they are analysed.
        /// </summary>
        public TaintSet StoredIn(ISymbol member)
        {
            // Every member read asks: the decision whether a member is tracked is cached with what it stores.
            return _stored.GetOrAdd(member.OriginalDefinition, _storedFactory ??= m => IsTrackedMember(m) ? ComputeStored(m) : Taint.Clean);
        }

        /// <summary>
        /// What the methods of this compilation write to channels of <paramref name="element"/>
        /// (<c>_emails.Writer.WriteAsync(new EmailDto { To = user.Email })</c> in a controller, read by a background
        /// service): the personal data of every value written, computed once per element type.
        /// </summary>
        public TaintSet WrittenTo(ITypeSymbol element) => _written.GetOrAdd(element, _writtenFactory ??= ComputeWritten);

        private bool ReadsWrittenChannel(IInvocationOperation invocation) =>
            Channels.ElementRead(invocation.TargetMethod) is ITypeSymbol element && !WrittenTo(element).IsEmpty;

        private TaintSet ComputeWritten(ITypeSymbol element)
        {
            var written = Taint.Clean;
            if (!ChannelWriters().TryGetValue(element, out var writers))
            {
                return written;
            }

            foreach (var method in writers)
            {
                if (MayStorePersonalData(method) && StoresOf(method).TryGetValue(element, out var value))
                {
                    // The real sources: an input of the writing method is not known here.
                    written = Taint.Union(written, Taint.WithoutInputs(value));
                }
            }

            return written;
        }

        /// <summary>The methods that write to a channel, by element type: one walk of the compilation's syntax, the first time a channel is read.</summary>
        private Dictionary<ITypeSymbol, List<IMethodSymbol>> ChannelWriters()
        {
            if (Volatile.Read(ref _channelWriters) is { } known)
            {
                return known;
            }

            var writers = new Dictionary<ITypeSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            // Most files write to no channel: their text says so before any node is made.
            foreach (var tree in SourceTexts.Mentioning(_compilation.SyntaxTrees, "Write", _cancellationToken))
            {
                SemanticModel? model = null;
                foreach (var node in tree.GetRoot(_cancellationToken).DescendantNodes())
                {
                    if (!(node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation)
                        || !(access.Name.Identifier.ValueText == "WriteAsync" || access.Name.Identifier.ValueText == "TryWrite"))
                    {
                        continue;
                    }

                    model ??= ModelOf(tree);
                    var (element, writer) = ChannelWrite(model, invocation, access);
                    if (element != null && writer != null)
                    {
                        if (!writers.TryGetValue(element, out var list))
                        {
                            writers[element] = list = new List<IMethodSymbol>();
                        }

                        if (!list.Contains(writer, SymbolEqualityComparer.Default))
                        {
                            list.Add(writer);
                        }
                    }
                }
            }

            return Interlocked.CompareExchange(ref _channelWriters, writers, null) ?? writers;
        }

        /// <summary>
        /// The element type a <c>WriteAsync</c> or <c>TryWrite</c> call writes to a channel and the method it is in (outside
        /// lambdas and local functions); a null element for a call of another type's method. The receiver's type is read
        /// from declarations when they tell it (<c>_emails.Writer</c>, <c>context.Response</c>): then no body is bound.
        /// </summary>
        private (ITypeSymbol? Element, IMethodSymbol? Writer) ChannelWrite(SemanticModel model, InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax access)
        {
            var declaration = invocation.FirstAncestorOrSelf<SyntaxNode>(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax || n is Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax);
            if (declaration != null
                && model.GetDeclaredSymbol(declaration, _cancellationToken) is IMethodSymbol method
                && DeclaredTypes.Of(access.Expression, method, declaration, _cancellationToken) is INamedTypeSymbol receiver)
            {
                // A named type is what it is; a type parameter may be constrained to a writer, and is bound.
                return (Channels.ElementOfWriter(receiver), method);
            }

            if (!(model.GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol target) || !(Channels.ElementWritten(target) is ITypeSymbol element))
            {
                return (null, null);
            }

            var container = model.GetEnclosingSymbol(invocation.SpanStart, _cancellationToken);
            while (container is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                container = container.ContainingSymbol;
            }

            return (element, container as IMethodSymbol);
        }

        private bool IsTrackedMember(ISymbol member)
        {
            ITypeSymbol type;
            switch (member)
            {
                case IFieldSymbol { IsReadOnly: false, IsConst: false, IsImplicitlyDeclared: false } field when !IsRazorScratch(field):
                    type = field.Type;
                    break;
                case IPropertySymbol { IsIndexer: false, SetMethod: { } } property:
                    type = property.Type;
                    break;
                default:
                    return false;
            }

            var values = TextForms.SequenceElement(type) ?? type;
            return values.SpecialType == SpecialType.System_String
                && member.ContainingType?.TypeKind == TypeKind.Class
                && member.DeclaringSyntaxReferences.Length > 0
                && _compilation.ContainsSyntaxTree(member.DeclaringSyntaxReferences[0].SyntaxTree)
                && Sources.OfMember(member).IsEmpty;
        }

        /// <summary>
        /// A field the Razor generator declares for its own use in a page's rendering (<c>__tagHelperStringValueBuffer</c>,
        /// which holds one tag helper attribute's text between its assignment and its use, both in the rendering method):
        /// what it holds is followed inside that method; no other method stores anything in it for a later read.
        /// </summary>
        private static bool IsRazorScratch(IFieldSymbol field) =>
            field.Name.StartsWith("__", StringComparison.Ordinal)
            && field.DeclaringSyntaxReferences.Length == 1
            && PiiFlowAnalyzer.IsRazorGenerated(field.DeclaringSyntaxReferences[0].SyntaxTree.FilePath);

        private TaintSet ComputeStored(ISymbol member)
        {
            var stored = Taint.Clean;
            if (!AssignersOf(member.ContainingType).TryGetValue(member.Name, out var assigners))
            {
                return stored;
            }

            foreach (var method in assigners)
            {
                if (MayStorePersonalData(method) && StoresOf(method).TryGetValue(member, out var value))
                {
                    // The real sources: an input of the assigning method is not data of the object.
                    stored = Taint.Union(stored, Taint.WithoutInputs(value));
                }
            }

            return stored;
        }

        /// <summary>
        /// The methods (constructors, accessors) of a type that assign a member of each name (<c>_email = ...</c>,
        /// <c>this.Email = ...</c>): one walk of the type's syntax, however many of its members are read.
        /// </summary>
        private Dictionary<string, List<IMethodSymbol>> AssignersOf(INamedTypeSymbol type) =>
            _assigners.GetOrAdd(type, _assignersFactory ??= FindAssigners);

        private Dictionary<string, List<IMethodSymbol>> FindAssigners(INamedTypeSymbol type)
        {
            var assigners = new Dictionary<string, List<IMethodSymbol>>(StringComparer.Ordinal);
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(_cancellationToken);
#pragma warning disable RS1030 // The assignments of a type's members are in the trees that declare it; walked once per type.
                var model = _compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
                foreach (var node in declaration.DescendantNodes())
                {
                    if (!(node is Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax assignment) || !(SimpleName(assignment.Left) is string name))
                    {
                        continue;
                    }

                    var owner = assignment.Ancestors().FirstOrDefault(a => a is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax || a is Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax);
                    if (owner == null || !(model.GetDeclaredSymbol(owner, _cancellationToken) is IMethodSymbol method))
                    {
                        continue;
                    }

                    if (!assigners.TryGetValue(name, out var methods))
                    {
                        assigners[name] = methods = new List<IMethodSymbol>();
                    }

                    if (!methods.Contains(method, SymbolEqualityComparer.Default))
                    {
                        methods.Add(method);
                    }
                }
            }

            return assigners;
        }

        /// <summary>What a method stores in each member of its own object: one dataflow per method, kept.</summary>
        private Dictionary<ISymbol, TaintSet> StoresOf(IMethodSymbol method) =>
            _storesOfMethod.GetOrAdd(method, m => GraphOf(m, _cancellationToken) is ControlFlowGraph graph
                ? TaintAnalysis.StoredMembers(this, graph, m, _cancellationToken)
                : new Dictionary<ISymbol, TaintSet>(SymbolEqualityComparer.Default));

        /// <summary>
        /// Whether a method that assigns a tracked member can store personal data in it at all: the scan of its operations
        /// that every analysed method gets, once per method however many of its type's members it assigns. Most such
        /// methods (constructors copying their parameters, setters) cannot, and then no graph is built for them.
        /// </summary>
        private bool MayStorePersonalData(IMethodSymbol method) =>
            _mayStorePersonalData.GetOrAdd(method, m => BodyOf(m, _cancellationToken) is IOperation body && MayInvolvePersonalData(body, m, new SummaryStack()));

        /// <summary>The name an identifier or a member access ends with: <c>_email</c>, <c>this.Email</c>, <c>Log</c>.</summary>
        private static string? SimpleName(Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax target) => target switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            _ => null,
        };

        /// <summary>
        /// For a call of an abstract, virtual or interface method on a receiver whose static type is more precise than
        /// every implementation here (a <c>CsvExporter</c>, an <c>IProjectService</c>, a constructed
        /// <c>Mapper&lt;OrderForm, Order&gt;</c>): the implementations and overrides a value of that type can run, each to be
        /// taken for its own body. Null when that is all of them, or when the receiver's type has a type parameter among
        /// its type arguments or is variant (an <c>IHandler&lt;in T&gt;</c> may hold an implementation for another type
        /// argument). Answered once per method and receiver's type.
        /// </summary>
        private List<IMethodSymbol>? ImplementationsThrough(IMethodSymbol method, INamedTypeSymbol receiver)
        {
            if (!Dispatches(method)
                || (receiver.TypeKind != TypeKind.Class && receiver.TypeKind != TypeKind.Interface && receiver.TypeKind != TypeKind.Struct)
                || receiver.SpecialType == SpecialType.System_Object
                || (SymbolEqualityComparer.Default.Equals(receiver, method.ContainingType) && SymbolEqualityComparer.Default.Equals(receiver, receiver.OriginalDefinition)))
            {
                // Most calls, and every summary asked for without a receiver: a method called on the type that declares it,
                // not a constructed generic one, runs any of its implementations and overrides.
                return null;
            }

            var index = ImplementationsIndex(_cancellationToken);
            var implementations = index.Of(method);
            if (implementations.Count == 0
                || MentionsTypeParameter(receiver)
                || receiver.OriginalDefinition.TypeParameters.Any(p => p.Variance != VarianceKind.None))
            {
                return null;
            }

            if (implementations.Count == 1 && !HasBodyHere(method.OriginalDefinition) && index.Of(implementations[0]).Count == 0
                && Implementations.CanBe(implementations[0].ContainingType, receiver))
            {
                // Most calls: an interface with one implementation here, which nothing overrides, called as itself.
                return null;
            }

            return _implementationsThrough.GetOrAdd(new CallThrough(method, receiver), _implementationsThroughFactory ??= RunnableThrough);
        }

        private List<IMethodSymbol>? RunnableThrough(CallThrough call)
        {
            // Every method a call of it may run: its own body, its implementations, and the overrides of each.
            var index = ImplementationsIndex(_cancellationToken);
            var candidates = new List<IMethodSymbol>();
            var original = call.Method.OriginalDefinition;
            if (HasBodyHere(original))
            {
                candidates.Add(original);
            }

            foreach (var implementation in index.Of(call.Method))
            {
                AddOnce(candidates, implementation);
                foreach (var @override in index.Of(implementation))
                {
                    AddOnce(candidates, @override);
                }
            }

            var runnable = index.RunnableThrough(call.Method, call.Receiver, candidates);
            return runnable.Count < candidates.Count ? runnable : null;

            static void AddOnce(List<IMethodSymbol> list, IMethodSymbol method)
            {
                if (!list.Contains(method, SymbolEqualityComparer.Default))
                {
                    list.Add(method);
                }
            }
        }

        /// <summary>True when a type is or has among its type arguments (at any depth) a type parameter.</summary>
        private static bool MentionsTypeParameter(ITypeSymbol type)
        {
            switch (type)
            {
                case ITypeParameterSymbol _:
                    return true;
                case IArrayTypeSymbol array:
                    return MentionsTypeParameter(array.ElementType);
                case INamedTypeSymbol named:
                    foreach (var argument in named.TypeArguments)
                    {
                        if (MentionsTypeParameter(argument))
                        {
                            return true;
                        }
                    }

                    return named.ContainingType != null && MentionsTypeParameter(named.ContainingType);
                default:
                    return false;
            }
        }

        /// <summary>
        /// A call that may run an implementation in this compilation: an abstract, virtual, overriding or interface
        /// method. Not <c>object</c>'s own (<c>ToString</c>, <c>Equals</c>, <c>GetHashCode</c>): every class may override
        /// them, and <c>evt.ToString()</c> of an <c>object</c> is what that value's text carries (decided where its type
        /// is known), not what every <c>ToString</c> of the project prints.
        /// </summary>
        private static bool Dispatches(IMethodSymbol method) =>
            (method.IsAbstract || method.IsVirtual || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface)
            && method.ContainingType?.SpecialType != SpecialType.System_Object;

        /// <summary>A method with a body in this compilation (not in a project it references as a compilation).</summary>
        public bool HasBodyHere(IMethodSymbol method) =>
            DeclaredHere(method) && !method.IsAbstract && !method.IsExtern && !method.IsPartialDefinition;

        /// <summary>
        /// What a call of the application's own claim reader returns: the claim its constant argument names, where the
        /// method hands that parameter to <c>FindFirst</c>, <c>FindFirstValue</c> or <c>FindAll</c>, itself or through one
        /// more method of the compilation (<c>User.GetClaimValue(ClaimTypes.Email)</c>, <c>GetClaim(principal, "email")</c>).
        /// </summary>
        public TaintSet OfClaimReader(IInvocationOperation invocation)
        {
            var arguments = invocation.Arguments;
            var constant = false;
            for (var i = 0; i < arguments.Length && !constant; i++)
            {
                constant = arguments[i].Value.ConstantValue.HasValue && arguments[i].Value.Type?.SpecialType == SpecialType.System_String;
            }

            var method = invocation.TargetMethod.OriginalDefinition;
            if (!constant || !HasBodyHere(method))
            {
                return Taint.Clean;
            }

            var ordinal = _claimTypeParameters.GetOrAdd(method, _claimTypeParameterFactory ??= m => ClaimTypeParameter(m, 2));
            foreach (var argument in arguments)
            {
                if (ordinal >= 0 && argument.Parameter?.Ordinal == ordinal)
                {
                    return Sources.OfClaimType(argument.Value);
                }
            }

            return Taint.Clean;
        }

        /// <summary>
        /// The ordinal of the parameter <paramref name="method"/> reads a claim by (-1 for none): handed to <c>FindFirst</c>
        /// and its kin (<paramref name="depth"/> 1), or also to a method of the compilation that does so (2). Computed once
        /// per method and depth.
        /// </summary>
        private int ClaimTypeParameter(IMethodSymbol method, int depth)
        {
            if (!HasBodyHere(method) || !method.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_String) || !(BodyOf(method, _cancellationToken) is IOperation body))
            {
                return -1;
            }

            foreach (var operation in body.DescendantsAndSelf())
            {
                if (!(operation is IInvocationOperation call))
                {
                    continue;
                }

                var target = call.TargetMethod.OriginalDefinition;
                var read = target.Name == "FindFirst" || target.Name == "FindFirstValue" || target.Name == "FindAll"
                    ? -2
                    : depth > 1 && !SymbolEqualityComparer.Default.Equals(target, method) ? _directClaimTypeParameters.GetOrAdd(target, _directClaimTypeParameterFactory ??= m => ClaimTypeParameter(m, 1)) : -1;
                if (read == -1)
                {
                    continue;
                }

                foreach (var argument in call.Arguments)
                {
                    if (argument.Parameter != null && argument.Parameter.Type.SpecialType == SpecialType.System_String
                        && (read == -2 || argument.Parameter.Ordinal == read)
                        && argument.Value is IParameterReferenceOperation { Parameter: var parameter }
                        && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method))
                    {
                        return parameter.Ordinal;
                    }
                }
            }

            return -1;
        }

        /// <summary>
        /// True when <paramref name="parameter"/> is a private method's and every call of that method in its type passes a
        /// constant for it (a development seeder's <c>EnsureCustomerAsync(QaCustomerEmail, ...)</c> with
        /// <c>const string QaCustomerEmail = "qa.customer@example.local"</c>), or a value made of constants in the
        /// source (see <see cref="GivenOnlyConstants"/>): the value is the program's own text, not a person's data.
        /// False when the method is also used other than by a call (a method group), or never called.
        /// </summary>
        public bool IsGivenOnlyConstants(IParameterSymbol parameter) =>
            IsPrivateMethodParameter(parameter)
            && _givenOnlyConstants.GetOrAdd(parameter, _givenOnlyConstantsFactory ??= p => GivenOnlyConstants((IMethodSymbol)p.ContainingSymbol, p.Ordinal, depth: 0));

        private static bool IsPrivateMethodParameter(IParameterSymbol parameter) =>
            parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Private };

        /// <summary>
        /// True when every call of a private method in its type gives the parameter at <paramref name="ordinal"/> a
        /// value written in the source: a constant, a parameter of another private method given only constants
        /// (a seeder's <c>SetupDoctorAsync(email: "doctor@clinic.com")</c> passing it on to <c>CreateUserAsync(email)</c>),
        /// or the element of a loop over a local array or collection of constants (<c>foreach (var (email, name) in
        /// demoOwners)</c>). Followed three methods deep.
        /// </summary>
        private bool GivenOnlyConstants(IMethodSymbol method, int ordinal, int depth)
        {
            var definition = method.OriginalDefinition;
            var calls = 0;
            foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
            {
                if (!_compilation.ContainsSyntaxTree(reference.SyntaxTree))
                {
                    return false;
                }

                SemanticModel? model = null;
                foreach (var name in reference.GetSyntax(_cancellationToken).DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    if (name.Identifier.ValueText != method.Name)
                    {
                        continue;
                    }

                    model ??= ModelOf(reference.SyntaxTree);
                    if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, _cancellationToken).Symbol?.OriginalDefinition, definition))
                    {
                        continue;
                    }

                    var call = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access.Parent : name.Parent;
                    if (!(call is InvocationExpressionSyntax invocation && model.GetOperation(invocation, _cancellationToken) is IInvocationOperation operation))
                    {
                        return false;
                    }

                    var argument = operation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal);
                    if (argument == null || !IsWrittenInSource(argument.Value, depth))
                    {
                        return false;
                    }

                    calls++;
                }
            }

            return calls > 0;
        }

        /// <summary>An argument whose value is written in the source (see <see cref="GivenOnlyConstants"/>).</summary>
        private bool IsWrittenInSource(IOperation value, int depth)
        {
            switch (value = Unconverted(value)!)
            {
                case { ConstantValue.HasValue: true }:
                    return true;
                case IParameterReferenceOperation { Parameter: var parameter }:
                    return depth < 2 && IsPrivateMethodParameter(parameter) && GivenOnlyConstants((IMethodSymbol)parameter.ContainingSymbol, parameter.Ordinal, depth + 1);
                case ILocalReferenceOperation { Local: var local }:
                    return IsLocalOfProgramText(value, local);
                default:
                    return false;
            }
        }

        /// <summary>
        /// How many locals, arrays and collections deep the checks of the program's own text follow a value: a seeder's
        /// batch element, the user added to it, its address, the user name in that, the name picked for it, the array
        /// picked from, and the two arrays of names that one is chosen from are seven.
        /// </summary>
        private const int ProgramTextDepth = 8;

        /// <summary>
        /// True for a value made only of the program's text: a constant, an interpolation or concatenation of such
        /// values (and their case or whitespace changed), either branch of a condition between such values, an element
        /// of an array of them (<see cref="IsArrayOfProgramText"/>: a name picked at random from constant names), a local
        /// every value of which is one, or an element (or an element's member) of a <c>foreach</c> over constants
        /// (<see cref="IsLoopOverConstants"/>).
        /// </summary>
        private static bool IsMadeOfProgramText(IOperation? value, int depth)
        {
            switch (value = Unconverted(value))
            {
                case null:
                    return false;
                case { ConstantValue.HasValue: true }:
                    return true;
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (!(part is IInterpolatedStringTextOperation || (part is IInterpolationOperation interpolation && IsMadeOfProgramText(interpolation.Expression, depth))))
                        {
                            return false;
                        }
                    }

                    return true;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation:
                    return IsMadeOfProgramText(concatenation.LeftOperand, depth) && IsMadeOfProgramText(concatenation.RightOperand, depth);
                case IBinaryOperation { Type: { } number } arithmetic when Scalars.IsScalar(number):
                    // $"admin{i + 1}@example.local": a count the method steps.
                    return IsMadeOfProgramText(arithmetic.LeftOperand, depth) && IsMadeOfProgramText(arithmetic.RightOperand, depth);
                case IInvocationOperation { Instance: { } instance, Arguments.Length: 0, TargetMethod: { ContainingType.SpecialType: SpecialType.System_String } method }
                    when method.Name.StartsWith("To", StringComparison.Ordinal) || method.Name.StartsWith("Trim", StringComparison.Ordinal):
                    return IsMadeOfProgramText(instance, depth);
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return IsMadeOfProgramText(conditional.WhenTrue, depth) && IsMadeOfProgramText(whenFalse, depth);
                case IArrayElementReferenceOperation { ArrayReference: var array }:
                    return IsArrayOfProgramText(array, depth);
                case ILocalReferenceOperation { Local: var local }:
                    return depth < ProgramTextDepth && IsLocalOfProgramText(value, local, depth + 1);
                case IMemberReferenceOperation { Instance: ILocalReferenceOperation { Local: var element } holder, Member: var member }:
                    return depth < ProgramTextDepth && IsLoopOverConstants(holder, element, member, depth + 1);
                default:
                    return false;
            }
        }

        /// <summary>
        /// True for an array whose elements are all the program's text: made with such elements
        /// (<c>new[] { "Agim", "Alban" }</c>), either of two such arrays (<c>i % 2 == 0 ? male : female</c>), or a local
        /// that only ever holds such arrays and whose elements the method never sets, nor hands to a call other than
        /// LINQ's (which only read them).
        /// </summary>
        private static bool IsArrayOfProgramText(IOperation? array, int depth)
        {
            switch (array = Unconverted(array))
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                    return initializer.ElementValues.All(element => IsMadeOfProgramText(element, depth));
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return IsArrayOfProgramText(conditional.WhenTrue, depth) && IsArrayOfProgramText(whenFalse, depth);
                case ILocalReferenceOperation { Local: var local }:
                    return depth < ProgramTextDepth && IsAssignedOnly(array, local, depth + 1, arrays: true);
                default:
                    return false;
            }
        }

        /// <summary>
        /// True when <paramref name="member"/> of the object <paramref name="local"/> holds the program's own text: the
        /// method makes the object once, setting the member to such text (<c>var user = new ApplicationUser { Email =
        /// $"{username}@example.local" }</c> in a seeder's loop over constant accounts), never sets that member again,
        /// and hands the object only to calls given nothing else but such text (<c>CreateAsync(user, "Demo#2024")</c>).
        /// An element of a <c>foreach</c> is built so when every element the loop goes over is (<see cref="IsLoopOverConstants"/>:
        /// users the method made so and added to a list that only the loop reads); <paramref name="collectedInto"/> is
        /// that list when the object is one of its elements' source, whose addition to it
        /// (<c>batch.Add((user, "Citizen"))</c>) then hands the object nowhere else.
        /// </summary>
        internal static bool IsBuiltFromProgramText(IOperation use, ILocalSymbol local, ISymbol member, int depth = 0, ILocalSymbol? collectedInto = null)
        {
            if (depth > ProgramTextDepth)
            {
                return false;
            }

            var built = IsLoopOverConstants(use, local, member, depth + 1);
            foreach (var operation in RootOf(use).Descendants())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    if (declarator.Parent is IForEachLoopOperation)
                    {
                        // The loop's element: what it is was decided above.
                        continue;
                    }

                    var initializer = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                    if (!IsUserOfProgramText(initializer, member, depth))
                    {
                        return false;
                    }

                    built = true;
                    continue;
                }

                if (!(operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)))
                {
                    continue;
                }

                // existingOwner != null compares the user converted to object.
                switch (ImplicitlyConvertedParent(reference))
                {
                    case ISimpleAssignmentOperation assigned when assigned.Target == reference:
                        // owner = new User { Email = "owner@example.local" } when the look-up found none.
                        if (!IsUserOfProgramText(assigned.Value, member, depth))
                        {
                            return false;
                        }

                        built = true;
                        continue;
                    case IMemberReferenceOperation read when !(read.Member.Name == member.Name && read.Parent is IAssignmentOperation assignment && assignment.Target == read):
                    case IAwaitOperation _:
                    case IIsNullOperation _:
                    case IIsPatternOperation _:
                    case IBinaryOperation _:
                        continue;
                    case IArgumentOperation { Parent: var call } when call is IInvocationOperation || call is IObjectCreationOperation:
                        if (!IsGivenOnlyProgramTextWith(call, reference, depth))
                        {
                            return false;
                        }

                        continue;
                    case ITupleOperation tuple when collectedInto != null && IsAddedTo(tuple, collectedInto):
                    case ITupleOperation { Parent: IDeclarationExpressionOperation { Parent: IForEachLoopOperation } }:
                        // Added to the batch a loop reads, or the loop's deconstructed element itself.
                        continue;
                    default:
                        return false;
                }
            }

            return built;
        }

        /// <summary>
        /// True for an object whose <paramref name="member"/> is the program's text: made with the member set to such
        /// text (<c>new ApplicationUser { Email = "admin@example.local" }</c>), or the account a look-up finds by an
        /// address or user name the program writes (<c>await userManager.FindByEmailAsync("owner@example.local")</c>, or
        /// the application's own look-up given it), whose address and user name are the program's account's, the
        /// seeder's own, not a person's.
        /// </summary>
        private static bool IsUserOfProgramText(IOperation? value, ISymbol member, int depth)
        {
            value = Unconverted(value);
            if (value is IObjectCreationOperation)
            {
                return IsMadeOfProgramText(InitializedValue(value, member.Name), depth);
            }

            if (value is IAwaitOperation awaited)
            {
                value = Unconverted(awaited.Operation);
            }

            // FindByEmailAsync("owner@example.local"), or the application's own look-up given such text and services
            // (FindUserByEmailIncludingInactiveAsync(db, userManager, "admin@example.local")).
            return value is IInvocationOperation call
                && member.Name is "Email" or "UserName" or "NormalizedEmail" or "NormalizedUserName"
                && IsUserType(Names.Awaited(call.TargetMethod.ReturnType), member.ContainingType)
                && IsLookUpByProgramText(call, depth + 1);
        }

        /// <summary>True when <paramref name="type"/> is <paramref name="declaring"/> or derives from it (an application's user of Identity's <c>IdentityUser</c>).</summary>
        private static bool IsUserType(ITypeSymbol type, INamedTypeSymbol declaring) =>
            PrivacySymbols.IsOrDerives(type, declaring.OriginalDefinition) || type.TypeKind == TypeKind.TypeParameter;

        /// <summary>
        /// True for a look-up given text, all of it the program's (an address, a user name), and otherwise only objects
        /// that are not text (the services it searches with): the account the program names.
        /// </summary>
        private static bool IsLookUpByProgramText(IInvocationOperation call, int depth)
        {
            var named = false;
            foreach (var argument in call.Arguments)
            {
                if (argument.Value.Type?.SpecialType == SpecialType.System_String)
                {
                    if (!IsMadeOfProgramText(argument.Value, depth))
                    {
                        return false;
                    }

                    named = true;
                }
                else if (argument.Value.Type is { Name: "ClaimsPrincipal" or "HttpContext" })
                {
                    // GetUserAsync(User): the signed-in person.
                    return false;
                }
            }

            return named;
        }

        /// <summary>
        /// True when every value the method (lambdas and local functions included) gives <paramref name="local"/> is the
        /// program's own text (<see cref="IsMadeOfProgramText"/>): <c>var adminEmail = "admin@example.com";</c> in a
        /// seeder, or <c>var email = $"{username}@example.com";</c> in its loop over constant accounts. False for a local
        /// declared without a value and never assigned, or written any other way (<c>out</c>, <c>ref</c>, a
        /// deconstruction, <c>+=</c>).
        /// </summary>
        private static bool IsAssignedOnlyProgramText(IOperation use, ILocalSymbol local, int depth = 0) =>
            IsAssignedOnly(use, local, depth, arrays: false);

        /// <summary>
        /// True when the local read at <paramref name="use"/> holds only the program's text: the element of a loop over
        /// such text (<see cref="IsLoopOverConstants"/>), or a local every value of which is such text
        /// (<see cref="IsAssignedOnlyProgramText"/>).
        /// </summary>
        internal static bool IsLocalOfProgramText(IOperation use, ILocalSymbol local, int depth = 0) =>
            IsLoopOverConstants(use, local, depth: depth) || IsAssignedOnlyProgramText(use, local, depth);

        /// <summary>
        /// <see cref="IsAssignedOnlyProgramText"/>, or with <paramref name="arrays"/> true for a local that only ever holds
        /// arrays of the program's text (<see cref="IsArrayOfProgramText"/>) and whose elements the method never sets,
        /// nor hands to a call other than LINQ's (which only read them).
        /// </summary>
        private static bool IsAssignedOnly(IOperation use, ILocalSymbol local, int depth, bool arrays)
        {
            var assigned = false;
            foreach (var operation in RootOf(use).Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        var initializer = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                        if (initializer != null)
                        {
                            if (!(arrays ? IsArrayOfProgramText(initializer, depth) : IsMadeOfProgramText(initializer, depth)))
                            {
                                return false;
                            }

                            assigned = true;
                        }

                        break;
                    case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                        switch (reference.Parent)
                        {
                            case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                                if (!(arrays ? IsArrayOfProgramText(assignment.Value, depth) : IsMadeOfProgramText(assignment.Value, depth)))
                                {
                                    return false;
                                }

                                assigned = true;
                                break;
                            case IArgumentOperation { Parent: IInvocationOperation call } when arrays && !IsLinq(call.TargetMethod):
                            case IArgumentOperation { Parent: IObjectCreationOperation } when arrays:
                            case IArrayElementReferenceOperation element when arrays
                                && ((element.Parent is IAssignmentOperation target && target.Target == element)
                                    || element.Parent is IArgumentOperation { Parameter.RefKind: not RefKind.None } || element.Parent is ITupleOperation):
                                // names[0] = configured: the array holds the caller's value.
                                return false;
                            case IIncrementOrDecrementOperation _ when Scalars.IsScalar(local.Type):
                            case ICompoundAssignmentOperation { Value.ConstantValue.HasValue: true } counted when counted.Target == reference && Scalars.IsScalar(local.Type):
                                // attempt++ in a seeder's loop: a count, not text anyone wrote.
                                break;
                            case IAssignmentOperation written when written.Target == reference:
                            case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
                            case ITupleOperation:
                            case IIncrementOrDecrementOperation:
                            case IDeclarationExpressionOperation:
                                return false;
                        }

                        break;
                }
            }

            return assigned;
        }

        /// <summary>
        /// True when <paramref name="local"/> is the element, or one element of the deconstructed element, of a
        /// <c>foreach</c> around <paramref name="use"/> over a local array or collection whose elements, at that
        /// position, are all the program's text; with <paramref name="member"/>, whose elements are objects that all set
        /// that member to such text (<c>new[] { new { Email = "admin@example.com", ... } }</c>, a seeder's accounts), or
        /// locals of objects the method built so (<see cref="IsBuiltFromProgramText"/>). The elements are those the
        /// array or collection is made with or, for a collection made empty, those the method adds to it, when adding,
        /// clearing, counting and this one loop are all that is done with it (a seeder's batch of users).
        /// </summary>
        internal static bool IsLoopOverConstants(IOperation use, ILocalSymbol local, ISymbol? member = null, int depth = 0)
        {
            if (depth > ProgramTextDepth)
            {
                return false;
            }

            var loop = use.Parent;
            while (loop != null && !(loop is IForEachLoopOperation each && each.Locals.Contains(local, SymbolEqualityComparer.Default)))
            {
                loop = loop.Parent;
            }

            if (!(loop is IForEachLoopOperation forEach))
            {
                return false;
            }

            var position = -1;
            if (forEach.LoopControlVariable is IDeclarationExpressionOperation { Expression: ITupleOperation parts })
            {
                for (var i = 0; i < parts.Elements.Length && position < 0; i++)
                {
                    if (parts.Elements[i] is ILocalReferenceOperation element && SymbolEqualityComparer.Default.Equals(element.Local, local))
                    {
                        position = i;
                    }
                }

                if (position < 0)
                {
                    return false;
                }
            }

            var collection = Unconverted(forEach.Collection);
            ILocalSymbol? source = null;
            var elements = ImmutableArray<IOperation>.Empty;
            if (collection is ILocalReferenceOperation looped)
            {
                source = looped.Local;
                elements = ElementsOfLocal(RootOf(forEach), source, looped, depth);
            }
            else
            {
                elements = ElementsMadeWith(collection);
            }

            return AreProgramText(elements, member, position, depth, source);
        }

        /// <summary>
        /// True when <paramref name="member"/> of each element of the local collection <paramref name="collection"/>
        /// (<c>users[i].Email</c>), which the method reads at <paramref name="use"/>, holds the program's own text: the
        /// method makes the collection with such elements, or makes it empty and only adds such elements, counts, clears
        /// and reads them (see <see cref="AddedElements"/>).
        /// </summary>
        internal static bool IsElementOfProgramText(IOperation use, ILocalSymbol collection, ISymbol member) =>
            AreProgramText(ElementsOfLocal(RootOf(use), collection, null, 0), member, -1, 0, collection);

        /// <summary>
        /// The elements of the local collection <paramref name="collection"/> (looped over at <paramref name="looped"/>, if
        /// at all) in the method <paramref name="root"/>: those it is made with (<c>new[] { ... }</c>,
        /// <c>new List&lt;T&gt; { ... }</c>), or, for a collection of System.Collections.Generic made empty, those the
        /// method adds to it (<see cref="AddedElements"/>); empty when neither is known.
        /// </summary>
        private static ImmutableArray<IOperation> ElementsOfLocal(IOperation root, ILocalSymbol collection, IOperation? looped, int depth)
        {
            var made = Unconverted(root.Descendants().OfType<IVariableDeclaratorOperation>()
                .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, collection))?.Initializer?.Value);
            if (made is IObjectCreationOperation { Initializer: null or { Initializers.Length: 0 }, Type: { ContainingNamespace: var space } } empty
                && space.ToDisplayString() == "System.Collections.Generic" && empty.Arguments.All(a => a.Value.ConstantValue.HasValue))
            {
                return AddedElements(root, collection, looped, depth);
            }

            return ElementsMadeWith(made);
        }

        /// <summary>The elements an array or collection is made with (<c>new[] { ("owner@demo.com", "Owner"), ... }</c>, <c>new List&lt;T&gt; { ... }</c>); empty for any other value.</summary>
        private static ImmutableArray<IOperation> ElementsMadeWith(IOperation? collection) =>
            collection switch
            {
                IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
                IObjectCreationOperation { Initializer: { Initializers.Length: > 0 } initializer } when initializer.Initializers.All(i => i is IInvocationOperation { Arguments.Length: 1 }) =>
                    initializer.Initializers.Select(i => ((IInvocationOperation)i).Arguments[0].Value).ToImmutableArray(),
                _ => ImmutableArray<IOperation>.Empty,
            };

        /// <summary>
        /// True when every element of a collection is the program's text at <paramref name="position"/> of a tuple (when
        /// not -1), or sets <paramref name="member"/> to such text, or is a local of an object the method built so
        /// (<see cref="IsBuiltFromProgramText"/>, added to <paramref name="source"/>); false for no elements.
        /// </summary>
        private static bool AreProgramText(ImmutableArray<IOperation> elements, ISymbol? member, int position, int depth, ILocalSymbol? source)
        {
            if (elements.IsDefaultOrEmpty)
            {
                return false;
            }

            foreach (var element in elements)
            {
                var item = Unconverted(element);
                var unread = member;
                if (position >= 0)
                {
                    item = Unconverted(item is ITupleOperation tuple && position < tuple.Elements.Length ? tuple.Elements[position] : null);
                }
                else if (member is IFieldSymbol { ContainingType: { IsTupleType: true } tupleType } field)
                {
                    // foreach (var p in accounts) ... p.Username, of a tuple type that names its elements.
                    var index = -1;
                    for (var i = 0; i < tupleType.TupleElements.Length && index < 0; i++)
                    {
                        if (SymbolEqualityComparer.Default.Equals(tupleType.TupleElements[i].CorrespondingTupleField, field.CorrespondingTupleField))
                        {
                            index = i;
                        }
                    }

                    item = Unconverted(item is ITupleOperation tuple && index >= 0 && index < tuple.Elements.Length ? tuple.Elements[index] : null);
                    unread = null;
                }

                var isText = (unread, item) switch
                {
                    // new { Email = "admin@example.com", ... }: what the element sets the member to.
                    (not null, IObjectCreationOperation or IAnonymousObjectCreationOperation) => IsMadeOfProgramText(InitializedValue(item, unread.Name), depth + 1),
                    // batch.Add((user, "Citizen")) ... u.Email: the user the method built of such text.
                    (not null, ILocalReferenceOperation { Local: var made }) => IsBuiltFromProgramText(item, made, unread, depth + 1, collectedInto: source),
                    _ => IsMadeOfProgramText(item, depth + 1),
                };
                if (!isText)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// What the method adds to the local collection <paramref name="collection"/> (<c>batch.Add(...)</c>), when adding,
        /// clearing, counting, the read <paramref name="looped"/> and reads of its elements that change nothing of them
        /// (<see cref="IsOnlyRead"/>: <c>AddToRoleAsync(users[i], "User")</c>, <c>users[i].Email</c>) are all it does
        /// with it; empty otherwise.
        /// </summary>
        private static ImmutableArray<IOperation> AddedElements(IOperation root, ILocalSymbol collection, IOperation? looped, int depth)
        {
            var added = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var operation in root.Descendants())
            {
                if (!(operation is ILocalReferenceOperation reference) || reference == looped || !SymbolEqualityComparer.Default.Equals(reference.Local, collection))
                {
                    continue;
                }

                switch (reference.Parent)
                {
                    case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add when add.Instance == reference:
                        added.Add(add.Arguments[0].Value);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Clear" or "Contains" } call when call.Instance == reference:
                    case IPropertyReferenceOperation { Property.Name: "Count" }:
                        break;
                    case IPropertyReferenceOperation { Property.IsIndexer: true } element when element.Instance == reference && IsOnlyRead(element, depth):
                        break;
                    case IOperation _ when LoopOver(reference) is IForEachLoopOperation other && other.Locals.All(l => IsOnlyReadLocal(root, l, depth)):
                        // Another loop over it that only reads its elements (foreach (var user in users) CreateAsync(user, "...")).
                        break;
                    case IPropertyReferenceOperation { Property.IsIndexer: true, Parent: IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var taken } } } element
                        when element.Instance == reference && IsOnlyReadLocal(root, taken, depth):
                        // var ownerUser = users[next++]; then only read.
                        break;
                    default:
                        return ImmutableArray<IOperation>.Empty;
                }
            }

            return added.ToImmutable();
        }

        /// <summary>
        /// True when the object <paramref name="value"/> is only read there: a member of it read and not assigned, or
        /// the object handed to a call given nothing else but the program's text (<c>AddToRoleAsync(user, "User")</c>),
        /// compared, or tested.
        /// </summary>
        private static bool IsOnlyRead(IOperation value, int depth)
        {
            // Past its implicit conversions: the argument a call is given is the converted value.
            while (value.Parent is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion;
            }

            switch (value.Parent)
            {
                case IMemberReferenceOperation read:
                    return !(read.Parent is IAssignmentOperation assignment && assignment.Target == read)
                        && !(read.Parent is IArgumentOperation { Parameter.RefKind: not RefKind.None });
                case IArgumentOperation { Parent: var call } when call is IInvocationOperation || call is IObjectCreationOperation:
                    return IsGivenOnlyProgramTextWith(call, value, depth + 1);
                case IBinaryOperation _:
                case IIsNullOperation _:
                case IIsPatternOperation _:
                case IAwaitOperation _:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// True when a call (or creation) given the object <paramref name="value"/> is given nothing else but the
        /// program's text, or values that cannot become the object's address or name (<see cref="MayRenameUser"/>):
        /// <c>CreateAsync(user, "Citizen#2024")</c>, <c>AddToRoleAsync(user, "User")</c>.
        /// </summary>
        private static bool IsGivenOnlyProgramTextWith(IOperation call, IOperation value, int depth)
        {
            var arguments = call is IInvocationOperation invocation ? invocation.Arguments : ((IObjectCreationOperation)call).Arguments;
            foreach (var argument in arguments)
            {
                if (!(argument.Value == value || Unconverted(argument.Value) == value || !MayRenameUser(argument) || IsMadeOfProgramText(argument.Value, depth)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// False for an argument of Identity's <c>UserManager&lt;TUser&gt;</c> that cannot become the user's address or
        /// name (the password of <c>CreateAsync(user, password)</c>, a role, a token); true for any other argument, which
        /// the called method may store anywhere in the objects it is given.
        /// </summary>
        private static bool MayRenameUser(IArgumentOperation argument) =>
            !(argument.Parent is IInvocationOperation { TargetMethod.ContainingType: { Name: "UserManager" } manager }
                && Names.NamespaceIs(manager.ContainingNamespace, "Microsoft.AspNetCore.Identity")
                && !(argument.Parameter?.Name is "email" or "newEmail" or "userName" or "normalizedEmail" or "normalizedName"));

        /// <summary>The parent of <paramref name="value"/> past the implicit conversions of it.</summary>
        private static IOperation? ImplicitlyConvertedParent(IOperation value)
        {
            var parent = value.Parent;
            while (parent is IConversionOperation { IsImplicit: true })
            {
                parent = parent.Parent;
            }

            return parent;
        }

        /// <summary>The <c>foreach</c> whose collection <paramref name="collection"/> is, through conversions; null otherwise.</summary>
        private static IForEachLoopOperation? LoopOver(IOperation collection)
        {
            var parent = collection.Parent;
            while (parent is IConversionOperation)
            {
                collection = parent;
                parent = parent.Parent;
            }

            return parent is IForEachLoopOperation loop && loop.Collection == collection ? loop : null;
        }

        /// <summary>True when every read of <paramref name="local"/> in <paramref name="root"/> is <see cref="IsOnlyRead"/> and nothing else gives it a value.</summary>
        private static bool IsOnlyReadLocal(IOperation root, ILocalSymbol local, int depth)
        {
            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) && !IsOnlyRead(reference, depth))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True for a tuple the method adds to the local collection <paramref name="collection"/> (<c>batch.Add((user, "Citizen"))</c>).</summary>
        private static bool IsAddedTo(ITupleOperation tuple, ILocalSymbol collection)
        {
            var parent = tuple.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation { Local: var added }, Arguments.Length: 1 } }
                && SymbolEqualityComparer.Default.Equals(added, collection);
        }

        /// <summary>What an object creation's initializer sets the member named <paramref name="name"/> to (<c>new { Email = ... }</c>), or null.</summary>
        private static IOperation? InitializedValue(IOperation? creation, string name)
        {
            var initializers = creation switch
            {
                IAnonymousObjectCreationOperation anonymous => anonymous.Initializers,
                IObjectCreationOperation { Initializer: { } initializer } => initializer.Initializers,
                _ => ImmutableArray<IOperation>.Empty,
            };
            foreach (var initializer in initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Member: var target } } assignment && target.Name == name)
                {
                    return assignment.Value;
                }
            }

            return null;
        }

        /// <summary>The operation a method's body hangs from: the root of the tree <paramref name="operation"/> is in.</summary>
        internal static IOperation RootOf(IOperation operation)
        {
            while (operation.Parent != null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        internal static IOperation? Unconverted(IOperation? value)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            return value;
        }

        /// <summary>
        /// True for a class or struct of this compilation that only holds data: fields and auto-properties, constructors,
        /// and at most its own <c>ToString</c>, <c>Equals</c> and <c>GetHashCode</c> (a record's generated members
        /// included), through every base type up to <c>object</c>. A member read from such an object holds only what was
        /// put in that member: no method or computed property can have moved another member's content into it.
        /// </summary>
        public bool IsPlainData(INamedTypeSymbol type) =>
            _plainData.GetOrAdd(type.OriginalDefinition, _plainDataFactory ??= PlainData);

        private static bool PlainData(INamedTypeSymbol type)
        {
            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
            {
                if (!(current.TypeKind == TypeKind.Class || current.TypeKind == TypeKind.Struct) || !current.Locations.Any(l => l.IsInSource))
                {
                    return false;
                }

                var members = current.GetMembers();
                foreach (var member in members)
                {
                    if (member.IsImplicitlyDeclared)
                    {
                        continue;
                    }

                    switch (member)
                    {
                        case IFieldSymbol _:
                        case INamedTypeSymbol _:
                            continue;
                        case IPropertySymbol property when !property.IsIndexer && members.Any(m => m is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property)):
                            // An auto-property: its backing field is all it reads and writes.
                            continue;
                        case IMethodSymbol method when method.MethodKind == MethodKind.Constructor || method.MethodKind == MethodKind.StaticConstructor
                            || method.MethodKind == MethodKind.PropertyGet || method.MethodKind == MethodKind.PropertySet
                            || (method.IsOverride && (method.Name == "ToString" || method.Name == "Equals" || method.Name == "GetHashCode")):
                            continue;
                        default:
                            return false;
                    }
                }
            }

            return true;
        }

        /// <summary>True when <paramref name="tree"/> is one of this compilation's.</summary>
        public bool InCompilation(SyntaxTree tree) => _compilation.ContainsSyntaxTree(tree);

        /// <summary>What the methods of a type say members of their own object hold (<see cref="TaintAnalysis.IdentifiedMembersOf"/>), once per type.</summary>
        public Dictionary<object, TaintSet> IdentifiedMembersOf(INamedTypeSymbol type) =>
            _identifiedMembers.GetOrAdd(type, _identifiedMembersFactory ??= t => TaintAnalysis.IdentifiedMembersOf(this, t, _cancellationToken));

        /// <summary>
        /// The members of the application's own types that it makes a personal claim of anywhere in this compilation
        /// (<c>new Claim(ClaimTypes.Email, user.Email)</c>, <c>new(JwtRegisteredClaimNames.Name, user.UserName ?? "")</c>),
        /// each with the claims made of it (<see cref="TaintAnalysis.ClaimedMembers"/>). Only the files that mention a
        /// claim are parsed for creations, and only the bodies that create one are bound.
        /// </summary>
        private Dictionary<ISymbol, TaintSet> ReadClaimedMembers()
        {
            var claimed = new Dictionary<ISymbol, TaintSet>(SymbolEqualityComparer.Default);
            foreach (var tree in SourceTexts.Mentioning(_compilation.SyntaxTrees, "Claim", _cancellationToken))
            {
                SemanticModel? model = null;
                foreach (var node in tree.GetRoot(_cancellationToken).DescendantNodes())
                {
                    var isCreation = node switch
                    {
                        ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: >= 2 } creation => ServiceRegistrations.RightmostName(creation.Type) == "Claim",
                        ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: >= 2 } => true,
                        _ => false,
                    };
                    if (!isCreation)
                    {
                        continue;
                    }

                    model ??= ModelOf(tree);
                    if (model.GetOperation(node, _cancellationToken) is IObjectCreationOperation operation
                        && TaintAnalysis.ClaimedMembers(operation, this) is (List<ISymbol> members, TaintSet claim))
                    {
                        foreach (var member in members)
                        {
                            claimed[member] = claimed.TryGetValue(member, out var known) ? Taint.Union(known, claim) : claim;
                        }
                    }
                }
            }

            return claimed;
        }

        /// <summary>The semantic model of a tree of this compilation (for a local's initializer elsewhere in the method).</summary>
        public SemanticModel ModelOf(SyntaxTree tree)
        {
#pragma warning disable RS1030 // A consent check's request local is initialized in the tree being analysed; looked up once per check.
            return _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
        }

        private IOperation? BodyOf(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
#pragma warning disable RS1030 // A callee's summary needs the semantic model of the tree that declares it; computed once per method.
            var model = _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            return model.GetOperation(syntax, cancellationToken);
        }

        /// <summary>
        /// The control-flow graph of a method's body, built once: a callee is summarized at each depth it is reached
        /// from, its stores are read apart, and it may be analysed itself; each of these takes the same graph.
        /// </summary>
        private ControlFlowGraph? GraphOf(IMethodSymbol method, CancellationToken cancellationToken) =>
            _graphs.GetOrAdd(method, _graphFactory ??= m => BuildGraph(m, _cancellationToken));

        /// <summary>
        /// The graph of a method the compiler hands to the analyzer (<paramref name="root"/> its body): the one built
        /// when it was summarized as a callee if that is of the same body, else the compiler's, kept for later callers.
        /// </summary>
        public ControlFlowGraph GraphOf(IMethodSymbol? method, IOperation root, Func<ControlFlowGraph> build)
        {
            if (method == null)
            {
                return build();
            }

            if (_graphs.TryGetValue(method, out var known) && known != null && known.OriginalOperation == root)
            {
                return known;
            }

            var graph = build();
            _graphs.TryAdd(method, graph);
            return graph;
        }

        private ControlFlowGraph? BuildGraph(IMethodSymbol method, CancellationToken cancellationToken)
        {
            switch (BodyOf(method, cancellationToken))
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
            return attribute == null ? null : PrivacySymbols.SingleString(attribute);
        }

        private bool NotALogger(IArgumentOperation argument) =>
            !(argument.Value.Type is INamedTypeSymbol type && (Symbols.LogTypes.Contains(type.OriginalDefinition) || type.AllInterfaces.Any(i => Symbols.LogTypes.Contains(i.OriginalDefinition))))
            && !(argument.Value is IConversionOperation conversion && conversion.Operand.Type is INamedTypeSymbol inner && Symbols.LogTypes.Contains(inner.OriginalDefinition));

        /// <summary>
        /// True when this compilation implements <paramref name="method"/> for its containing type as constructed: an
        /// <c>IEmailSender&lt;PgUser&gt;</c> in the project does not implement the <c>IEmailSender&lt;SiteUser&gt;</c>
        /// another project does (a generic implementation may implement any). A mail interface, Identity's or the
        /// application's own, is followed into such an implementation and is a third party's only without one.
        /// </summary>
        private bool ImplementedHere(IMethodSymbol method)
        {
            var type = method.ContainingType;
            foreach (var implementation in ImplementationsIndex(_cancellationToken).Of(method))
            {
                var container = implementation.ContainingType;
                if (container.IsGenericType
                    || container.AllInterfaces.Contains(type, SymbolEqualityComparer.Default)
                    || PrivacySymbols.IsOrDerives(container, type.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// An e-mail or text-message abstraction whose implementation is in another project or library: a
        /// <c>Send*</c> method of an interface or abstract class named like <c>IEmailSender</c>, <c>IMailService</c>,
        /// <c>IEmailClient</c> (an e-mail recipient) or <c>ISmsSender</c>, <c>IIdSmsService</c>, <c>IWhatsAppClient</c>
        /// (a third party: the gateway that delivers the text), or one whose own name says it sends mail
        /// (<c>SendTemplatedEmail</c>, <c>SendWelcomeEmailAsync</c>: an e-mail recipient), when this compilation holds no
        /// implementation of it for that type (<see cref="ImplementedHere"/>; when it does, what that implementation does is
        /// followed); and such a method of a class whose body is in another project or library
        /// (<c>EmailSender.SendResetPasswordEmailAsync</c>). Null for any other method.
        /// </summary>
        private SinkChannel? MessagingAbstraction(IMethodSymbol method)
        {
            var type = method.ContainingType;
            // A class's own send method whose body is in another project (EmailSender.SendResetPasswordEmailAsync)
            // sends whatever overrides this compilation holds.
            var elsewhere = !method.IsAbstract && type?.TypeKind == TypeKind.Class && !HasBodyHere(method);
            if (type == null || !(method.IsAbstract || type.TypeKind == TypeKind.Interface || elsewhere) || !method.Name.StartsWith("Send", StringComparison.Ordinal))
            {
                return null;
            }

            var name = type.Name.TrimStart('I');
            SinkChannel? channel;
            if (name.EndsWith("Sender", StringComparison.Ordinal) || name.EndsWith("Service", StringComparison.Ordinal) || name.EndsWith("Client", StringComparison.Ordinal))
            {
                channel = name.IndexOf("Mail", StringComparison.OrdinalIgnoreCase) >= 0 ? SinkChannel.Mail
                    : name.IndexOf("Sms", StringComparison.Ordinal) >= 0 || name.IndexOf("SMS", StringComparison.Ordinal) >= 0 || name.IndexOf("WhatsApp", StringComparison.Ordinal) >= 0 ? SinkChannel.Other
                    : (SinkChannel?)null;
            }
            else
            {
                channel = null;
            }

            // A method that says itself that it sends mail, whatever its type's name: a mail library's client
            // (Smtp2Go's IApiService.SendTemplatedEmail, Brevo's SendTransacEmail), an application's notification service.
            channel ??= method.Name.IndexOf("Mail", 4, StringComparison.OrdinalIgnoreCase) >= 0 ? SinkChannel.Mail : (SinkChannel?)null;
            return channel != null && (elsewhere || !ImplementedHere(method)) ? channel : null;
        }

        /// <summary>
        /// An application's own logging abstraction whose implementation is in another project: a <c>Log*</c> method
        /// (<c>LogWarning</c>, <c>LogInfo</c>, <c>Log</c>) of an interface or abstract class named like <c>IAppLogger&lt;T&gt;</c>
        /// or <c>ILoggerManager</c>, when this compilation holds no implementation of it for that type (when it does,
        /// what that implementation does is followed).
        /// </summary>
        private bool IsLoggerAbstraction(IMethodSymbol method)
        {
            var type = method.ContainingType;
            var name = method.Name;
            return type != null
                && (method.IsAbstract || type.TypeKind == TypeKind.Interface)
                && name.StartsWith("Log", StringComparison.Ordinal)
                && (name.Length == 3 || char.IsUpper(name[3]))
                && type.Name.IndexOf("Logger", StringComparison.Ordinal) >= 0
                && !Symbols.LogTypes.Contains(type.OriginalDefinition)
                && !ImplementedHere(method);
        }

        /// <summary><c>Console.Error.WriteLine(...)</c> and <c>Console.Out.Write(...)</c>.</summary>
        private bool IsConsoleWriter(IInvocationOperation invocation) =>
            Symbols.TextWriter != null
            && invocation.TargetMethod.Name.StartsWith("Write", StringComparison.Ordinal)
            && invocation.Instance is IPropertyReferenceOperation { Property: { IsStatic: true } property }
            && (property.Name == "Out" || property.Name == "Error")
            && property.ContainingType?.ToDisplayString() == "System.Console"
            && PrivacySymbols.IsOrDerives(invocation.TargetMethod.ContainingType, Symbols.TextWriter);

        /// <summary>A parameter that takes a log message or its arguments: a string, an object, an array of objects.</summary>
        private static bool IsMessageParameter(ITypeSymbol type) =>
            type.SpecialType == SpecialType.System_String || type.SpecialType == SpecialType.System_Object
            || (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Object });

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
                case "Serilog.Context.LogContext":
                    return name == "PushProperty" || name == "Push";
                case "Serilog.Core.ILogEventPropertyFactory":
                    // An enricher's propertyFactory.CreateProperty("Username", name): a property made for the log event.
                    return name == "CreateProperty";
                case "Serilog.IDiagnosticContext":
                    // Request logging's diagnosticContext.Set("UserName", name): a property of the request's log event.
                    return name == "Set";
                case "NLog.ScopeContext":
                    return name.StartsWith("Push", StringComparison.Ordinal);
                case "Microsoft.ApplicationInsights.TelemetryClient":
                    // TrackEvent, TrackTrace, TrackException, TrackRequest, TrackDependency, TrackMetric, Track: telemetry,
                    // with the properties and objects it is given, written to Application Insights as logs are.
                    return name.StartsWith("Track", StringComparison.Ordinal);
                default:
                    return !name.StartsWith("Is", StringComparison.Ordinal) && name != "ForContext" && name != "BindMessageTemplate" && name != "BindProperty";
            }
        }

        /// <summary>A method called on a receiver of a static type. A class, not a tuple (see <see cref="MethodAtDepth"/>).</summary>
        private sealed class CallThrough : IEquatable<CallThrough>
        {
            public CallThrough(IMethodSymbol method, INamedTypeSymbol receiver)
            {
                Method = method;
                Receiver = receiver;
            }

            public IMethodSymbol Method { get; }

            public INamedTypeSymbol Receiver { get; }

            public bool Equals(CallThrough? other) =>
                other != null && SymbolEqualityComparer.Default.Equals(other.Method, Method) && SymbolEqualityComparer.Default.Equals(other.Receiver, Receiver);

            public override bool Equals(object? obj) => Equals(obj as CallThrough);

            public override int GetHashCode() => (SymbolEqualityComparer.Default.GetHashCode(Method) * 31) + SymbolEqualityComparer.Default.GetHashCode(Receiver);
        }

        /// <summary>
        /// Summaries computed once: where nothing was cut short (<see cref="Complete"/>), at the top of a call chain that
        /// was (<see cref="Top"/>), and per depth below it (<see cref="Nested"/>).
        /// </summary>
        private sealed class SummaryCache
        {
            public SummaryCache(ITypeSymbol? receiver = null) => Receiver = receiver;

            /// <summary>The class of the object the methods summarized here run on; null for the class that declares each.</summary>
            public ITypeSymbol? Receiver { get; }

            public ConcurrentDictionary<IMethodSymbol, MethodSummary?> Top { get; } = new ConcurrentDictionary<IMethodSymbol, MethodSummary?>(SymbolEqualityComparer.Default);

            public ConcurrentDictionary<IMethodSymbol, CompleteSummary> Complete { get; } = new ConcurrentDictionary<IMethodSymbol, CompleteSummary>(SymbolEqualityComparer.Default);

            public ConcurrentDictionary<MethodAtDepth, MethodSummary?> Nested { get; } = new ConcurrentDictionary<MethodAtDepth, MethodSummary?>();
        }

        /// <summary>
        /// A summary computed with nothing cut short, and the levels of calls it followed: it serves every depth that leaves
        /// room for them.
        /// </summary>
        private sealed class CompleteSummary
        {
            public CompleteSummary(MethodSummary? summary, int height)
            {
                Summary = summary;
                Height = height;
            }

            public MethodSummary? Summary { get; }

            public int Height { get; }
        }

        /// <summary>
        /// A method summarized below the top of the stack. A class, not a tuple: the framework has precompiled code
        /// for a dictionary keyed by a class, and a tuple key made every compiler process compile its own.
        /// </summary>
        private sealed class MethodAtDepth : IEquatable<MethodAtDepth>
        {
            private readonly IMethodSymbol _method;
            private readonly int _depth;

            public MethodAtDepth(IMethodSymbol method, int depth)
            {
                _method = method;
                _depth = depth;
            }

            public bool Equals(MethodAtDepth? other) =>
                other != null && other._depth == _depth && SymbolEqualityComparer.Default.Equals(other._method, _method);

            public override bool Equals(object? obj) => Equals(obj as MethodAtDepth);

            public override int GetHashCode() => (SymbolEqualityComparer.Default.GetHashCode(_method) * 31) + _depth;
        }

        /// <summary>One search of <see cref="MaySendFrom"/>: each method entered once.</summary>
        private sealed class SendSearch
        {
            public HashSet<IMethodSymbol> Visited { get; } = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);

            /// <summary>Methods found not to send while a method entered earlier was still open: true only if that one is.</summary>
            public List<IMethodSymbol> Undecided { get; } = new List<IMethodSymbol>();

            public int Cuts { get; set; }
        }
    }
}
