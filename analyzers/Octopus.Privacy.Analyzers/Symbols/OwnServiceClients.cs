using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>
    /// The HTTP clients of a compilation that call the application's own services: a class registered with
    /// <c>services.AddHttpClient&lt;TClient&gt;(c =&gt; c.BaseAddress = new("http://todoapi"))</c> (or <c>AddHttpClient&lt;TI, TClient&gt;</c>)
    /// whose every registration in the compilation sets a base address of the application's own: a host name of one label
    /// (a service name, <c>localhost</c>), a loopback address, a service-discovery scheme (<c>https+http://</c>), or the
    /// Blazor WebAssembly host's own <c>BaseAddress</c>; and the <c>HttpClient</c> every other class is given, when the
    /// compilation registers <c>HttpClient</c> itself only with such a base address (the Blazor WebAssembly template's
    /// <c>services.AddScoped(sp =&gt; new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) })</c>, or
    /// <c>AddSingleton(httpClient)</c> of a local made so). A request such a client sends to a relative URI goes to that
    /// service, not to a third party. Found by one scan of the trees that name <c>AddHttpClient</c> or <c>HttpClient</c>,
    /// when first asked.
    /// </summary>
    internal sealed class OwnServiceClients
    {
        private const string RegistrationName = "AddHttpClient";
        private const string ClientName = "HttpClient";
        private readonly Dictionary<INamedTypeSymbol, bool> _clients = new Dictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);

        /// <summary>Whether the registrations of <c>HttpClient</c> itself found all set an own base address; null for none.</summary>
        private bool? _sharedClient;

        /// <summary>The typed clients a registration points at another host by a constant address.</summary>
        private readonly HashSet<INamedTypeSymbol> _elsewhere = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);

        /// <summary>Whether a registration of <c>HttpClient</c> itself points it at another host by a constant address.</summary>
        private bool _sharedElsewhere;

        private OwnServiceClients()
        {
        }

        /// <summary>Scans the compilation's trees for typed-client registrations.</summary>
        public static OwnServiceClients Find(Compilation compilation, CancellationToken cancellationToken)
        {
            var found = new OwnServiceClients();
            // "HttpClient" is in "AddHttpClient" too: one look at the text for both kinds of registration.
            foreach (var tree in SourceTexts.Mentioning(compilation.SyntaxTrees, ClientName, cancellationToken))
            {
                SemanticModel? model = null;
                foreach (var syntax in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    var name = CalledName(syntax.Expression)?.Identifier.ValueText;
                    if (!(name == RegistrationName || name == "AddScoped" || name == "AddSingleton" || name == "AddTransient"))
                    {
                        continue;
                    }

#pragma warning disable RS1030 // Registrations are in other trees (Program.cs) than the requests; scanned once per compilation.
                    model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    if (!(model.GetOperation(syntax, cancellationToken) is IInvocationOperation registration))
                    {
                        continue;
                    }

                    if (name == RegistrationName)
                    {
                        found.Add(registration);
                    }
                    else
                    {
                        found.AddShared(registration, model, cancellationToken);
                    }
                }
            }

            return found;
        }

        /// <summary>
        /// True when a class given an <c>HttpClient</c> by dependency injection calls the application's own service: every
        /// registration of it as a typed client sets a base address of the application's own, or, registered as none, every
        /// registration of <c>HttpClient</c> itself does.
        /// </summary>
        public bool CallsOwnService(INamedTypeSymbol client) =>
            _clients.TryGetValue(client.OriginalDefinition, out var own) ? own : _sharedClient == true;

        /// <summary>
        /// False when a registration of the client (as a typed client or, registered as none, of <c>HttpClient</c> itself)
        /// sets its base address to a constant address of another host (<c>new Uri("https://api.partner.example")</c>): its
        /// relative requests go there, whatever routes the application serves. True when nothing says so (an address read
        /// from configuration, no registration found).
        /// </summary>
        public bool MayCallOwnService(INamedTypeSymbol client) =>
            _clients.ContainsKey(client.OriginalDefinition) ? !_elsewhere.Contains(client.OriginalDefinition) : !_sharedElsewhere;

        /// <summary>
        /// A request URI that a client's base address completes: a string constant, or an interpolated string beginning
        /// with text, with no scheme (<c>"users/login"</c>, <c>$"users/token/{provider}"</c>). Anything computed is not.
        /// </summary>
        public static bool IsRelative(IOperation? uri)
        {
            while (uri is IConversionOperation conversion)
            {
                uri = conversion.Operand;
            }

            string? start = uri switch
            {
                { ConstantValue: { HasValue: true, Value: string text } } => text,
                IInterpolatedStringOperation interpolated => interpolated.Parts.FirstOrDefault() is IInterpolatedStringTextOperation { Text: { ConstantValue: { HasValue: true, Value: string text } } } ? text : null,
                _ => null,
            };
            return start != null && start.IndexOf(':') < 0 && !start.StartsWith("//", StringComparison.Ordinal) && !start.StartsWith("\\\\", StringComparison.Ordinal);
        }

        /// <summary>
        /// The name a call's expression ends with (<c>AddHttpClient&lt;T&gt;</c> of <c>services.AddHttpClient&lt;T&gt;()</c>,
        /// <c>MapAccountApi</c> of <c>app.MapAccountApi()</c>); null for a call of any other expression. For the scans that
        /// pick calls by name before binding them.
        /// </summary>
        internal static SimpleNameSyntax? CalledName(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };

        private void Add(IInvocationOperation registration)
        {
            var method = registration.TargetMethod;
            if (method.TypeArguments.Length == 0 || method.ContainingType?.Name != "HttpClientFactoryServiceCollectionExtensions"
                || !(method.TypeArguments[method.TypeArguments.Length - 1] is INamedTypeSymbol client))
            {
                return;
            }

            var configures = registration.Arguments
                .Select(a => (a.Value as IDelegateCreationOperation)?.Target as IAnonymousFunctionOperation)
                .Where(c => c != null)
                .ToList();
            var own = configures.Any(c => SetsOwnBaseAddress(c!));
            client = client.OriginalDefinition;
            _clients[client] = (!_clients.TryGetValue(client, out var before) || before) && own;
            if (configures.Any(c => SetsOtherHost(c!.Body.Descendants())))
            {
                _elsewhere.Add(client);
            }
        }

        /// <summary>
        /// A registration of <c>HttpClient</c> itself with the container (<c>AddScoped(sp =&gt; new HttpClient { ... })</c>,
        /// <c>AddSingleton(client)</c>): own when the client it registers is created with an own base address in its
        /// initializer, by the factory's every return or in the registered local's declaration.
        /// </summary>
        private void AddShared(IInvocationOperation registration, SemanticModel model, CancellationToken cancellationToken)
        {
            var method = registration.TargetMethod;
            var registered = method.ContainingType?.Name == "ServiceCollectionServiceExtensions" && registration.Arguments.Length >= 2
                ? (method.TypeArguments.Length == 0 ? registration.Arguments[1].Value.Type : method.TypeArguments[0])
                : null;
            if (registered == null)
            {
                return;
            }

            var value = registration.Arguments[1].Value;
            var factory = (value as IDelegateCreationOperation)?.Target as IAnonymousFunctionOperation;
            if (factory != null)
            {
                registered = factory.Symbol.ReturnType;
            }

            if (!(registered.Name == ClientName && Names.NamespaceIs(registered.ContainingNamespace, "System.Net.Http")))
            {
                return;
            }

            bool own;
            IOperation created;
            if (factory != null)
            {
                var returns = factory.Body.Descendants().OfType<IReturnOperation>().Where(r => r.ReturnedValue != null).ToList();
                own = returns.Count > 0 && returns.All(r => IsOwnClient(r.ReturnedValue));
                created = factory.Body;
            }
            else
            {
                created = LocalInitializer(value, model, cancellationToken) ?? value;
                own = IsOwnClient(created);
            }

            _sharedClient = (_sharedClient ?? true) && own;
            _sharedElsewhere |= SetsOtherHost(created.DescendantsAndSelf());
        }

        /// <summary>The initial value of a local registered as it is (<c>var client = new HttpClient { ... };</c>), if that is where it is declared.</summary>
        internal static IOperation? LocalInitializer(IOperation value, SemanticModel model, CancellationToken cancellationToken)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            return value is ILocalReferenceOperation { Local: { } local }
                && local.DeclaringSyntaxReferences.Length == 1
                && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { Value: { } initial } }
                && initial.SyntaxTree == model.SyntaxTree
                ? model.GetOperation(initial, cancellationToken)
                : null;
        }

        /// <summary>An <c>HttpClient</c> created with an own base address in its initializer.</summary>
        private static bool IsOwnClient(IOperation? value)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            return value is IObjectCreationOperation { Initializer: { } initializer } && SetsOnlyOwnBaseAddresses(initializer.Initializers);
        }

        private static bool SetsOwnBaseAddress(IAnonymousFunctionOperation configure) => SetsOnlyOwnBaseAddresses(configure.Body.Descendants());

        /// <summary>True when <paramref name="operations"/> set an <c>HttpClient</c>'s <c>BaseAddress</c>, each time to an own address.</summary>
        private static bool SetsOnlyOwnBaseAddresses(IEnumerable<IOperation> operations)
        {
            var assignments = BaseAddresses(operations).ToList();
            return assignments.Count > 0 && assignments.All(a => IsOwnAddress(a.Value));
        }

        /// <summary>True when <paramref name="operations"/> set an <c>HttpClient</c>'s <c>BaseAddress</c> to a constant address of another host.</summary>
        private static bool SetsOtherHost(IEnumerable<IOperation> operations) =>
            BaseAddresses(operations).Any(a => ConstantAddress(a.Value) is string text && !IsOwnHost(text));

        private static IEnumerable<ISimpleAssignmentOperation> BaseAddresses(IEnumerable<IOperation> operations) =>
            operations.OfType<ISimpleAssignmentOperation>()
                .Where(a => a.Target is IPropertyReferenceOperation { Property: { Name: "BaseAddress" } property } && property.ContainingType?.Name == ClientName);

        /// <summary>The text of <c>new Uri("...")</c> made of a constant, else null.</summary>
        private static string? ConstantAddress(IOperation value) =>
            UriArgument(value)?.ConstantValue is { HasValue: true, Value: string text } ? text : null;

        /// <summary>The first argument of <c>new Uri(...)</c>, conversions taken off; null for anything else.</summary>
        private static IOperation? UriArgument(IOperation value)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (!(value is IObjectCreationOperation { Constructor: { ContainingType: { Name: "Uri" } } } creation) || creation.Arguments.Length == 0)
            {
                return null;
            }

            var address = creation.Arguments[0].Value;
            while (address is IConversionOperation inner)
            {
                address = inner.Operand;
            }

            return address;
        }

        private static bool IsOwnAddress(IOperation value)
        {
            var address = UriArgument(value);
            if (address is IPropertyReferenceOperation { Property: { Name: "BaseAddress" } host }
                && host.ContainingType?.ToDisplayString() == "Microsoft.AspNetCore.Components.WebAssembly.Hosting.IWebAssemblyHostEnvironment")
            {
                // A Blazor WebAssembly client calling the server it was loaded from.
                return true;
            }

            return address?.ConstantValue is { HasValue: true, Value: string text } && IsOwnHost(text);
        }

        private static bool IsOwnHost(string text)
        {
            // Aspire's service discovery: "https+http://apiservice" resolves a service of the application.
            var separator = text.IndexOf("://", StringComparison.Ordinal);
            if (separator <= 0)
            {
                return false;
            }

            var scheme = text.Substring(0, separator);
            if (!(scheme == "http" || scheme == "https" || scheme == "https+http" || scheme == "http+https"))
            {
                return false;
            }

            if (!Uri.TryCreate("http" + text.Substring(separator), UriKind.Absolute, out var uri))
            {
                return false;
            }

            // localhost and the loopback addresses, or a one-label name: a service or container of the application.
            return uri.IsLoopback || (uri.HostNameType == UriHostNameType.Dns && uri.Host.IndexOf('.') < 0);
        }
    }
}
