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
    /// The typed HTTP clients of a compilation that call the application's own services: a class registered with
    /// <c>services.AddHttpClient&lt;TClient&gt;(c =&gt; c.BaseAddress = new("http://todoapi"))</c> (or <c>AddHttpClient&lt;TI, TClient&gt;</c>)
    /// whose every registration in the compilation sets a base address of the application's own: a host name of one label
    /// (a service name, <c>localhost</c>), a loopback address, a service-discovery scheme (<c>https+http://</c>), or the
    /// Blazor WebAssembly host's own <c>BaseAddress</c>. A request such a client sends to a relative URI goes to that
    /// service, not to a third party. Found by one scan of the trees that name <c>AddHttpClient</c>, when first asked.
    /// </summary>
    internal sealed class OwnServiceClients
    {
        private const string RegistrationName = "AddHttpClient";
        private readonly Dictionary<INamedTypeSymbol, bool> _clients = new Dictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);

        private OwnServiceClients()
        {
        }

        /// <summary>Scans the compilation's trees for typed-client registrations.</summary>
        public static OwnServiceClients Find(Compilation compilation, CancellationToken cancellationToken)
        {
            var found = new OwnServiceClients();
            var buffer = new char[SourceTexts.BufferLength];
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!SourceTexts.Contains(tree.GetText(cancellationToken), RegistrationName, buffer))
                {
                    continue;
                }

#pragma warning disable RS1030 // Registrations are in other trees (Program.cs) than the requests; scanned once per compilation.
                var model = compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                foreach (var syntax in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (Name(syntax.Expression) == RegistrationName && model.GetOperation(syntax, cancellationToken) is IInvocationOperation registration)
                    {
                        found.Add(registration);
                    }
                }
            }

            return found;
        }

        /// <summary>True when every registration of <paramref name="client"/> found sets a base address of the application's own.</summary>
        public bool CallsOwnService(INamedTypeSymbol client) => _clients.TryGetValue(client.OriginalDefinition, out var own) && own;

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

        private static string? Name(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
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

            var own = registration.Arguments.Any(a => a.Value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation configure } && SetsOwnBaseAddress(configure));
            client = client.OriginalDefinition;
            _clients[client] = (!_clients.TryGetValue(client, out var before) || before) && own;
        }

        private static bool SetsOwnBaseAddress(IAnonymousFunctionOperation configure)
        {
            var assignments = configure.Body.Descendants().OfType<ISimpleAssignmentOperation>()
                .Where(a => a.Target is IPropertyReferenceOperation { Property: { Name: "BaseAddress" } property } && property.ContainingType?.Name == "HttpClient")
                .ToList();
            return assignments.Count > 0 && assignments.All(a => IsOwnAddress(a.Value));
        }

        private static bool IsOwnAddress(IOperation value)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (!(value is IObjectCreationOperation { Constructor: { ContainingType: { Name: "Uri" } } } creation) || creation.Arguments.Length == 0)
            {
                return false;
            }

            var address = creation.Arguments[0].Value;
            while (address is IConversionOperation inner)
            {
                address = inner.Operand;
            }

            if (address is IPropertyReferenceOperation { Property: { Name: "BaseAddress" } host }
                && host.ContainingType?.ToDisplayString() == "Microsoft.AspNetCore.Components.WebAssembly.Hosting.IWebAssemblyHostEnvironment")
            {
                // A Blazor WebAssembly client calling the server it was loaded from.
                return true;
            }

            return address.ConstantValue is { HasValue: true, Value: string text } && IsOwnHost(text);
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
