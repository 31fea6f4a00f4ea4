using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>
    /// What this compilation registers in Microsoft.Extensions.DependencyInjection's container, read from the calls that
    /// register (<c>AddScoped&lt;IEmailSender&lt;ApplicationUser&gt;, IdentityNoOpEmailSender&gt;()</c>,
    /// <c>AddScoped(typeof(IMailer), typeof(SmtpMailer))</c>, <c>ServiceDescriptor.Singleton&lt;,&gt;</c>,
    /// <c>new ServiceDescriptor(...)</c>): per service type, the implementation types registered for it, or that some
    /// registration of it gives no implementation type (a factory, an instance). Used to tell which of an interface's
    /// implementations a call through the interface may reach: one the project wires only as something else (a Blazor
    /// page's <c>@inject IdentityEmailSender</c>, registered as itself) while the interface is registered to another
    /// is not reached through the interface. Read once per compilation, from the trees' syntax first, binding only the
    /// calls whose names register.
    /// </summary>
    internal sealed class ServiceRegistrations
    {
        private static readonly HashSet<string> RegisteringMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "AddSingleton", "AddScoped", "AddTransient",
            "TryAddSingleton", "TryAddScoped", "TryAddTransient",
            "AddKeyedSingleton", "AddKeyedScoped", "AddKeyedTransient",
            "TryAddKeyedSingleton", "TryAddKeyedScoped", "TryAddKeyedTransient",
            "Singleton", "Scoped", "Transient", "Describe",
            "KeyedSingleton", "KeyedScoped", "KeyedTransient", "DescribeKeyed",
            "AddHttpClient", "AddHostedService",
        };

        // Per service type: the implementation types registered for it; null once a registration of it names none.
        private readonly Dictionary<ITypeSymbol, HashSet<ITypeSymbol>?> _byService = new Dictionary<ITypeSymbol, HashSet<ITypeSymbol>?>(SymbolEqualityComparer.Default);

        // Every type registered as an implementation of any service (itself included).
        private readonly HashSet<ITypeSymbol> _wired = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);

        // The simple names of the types the code creates with new: such an object may be handed over as any interface.
        private readonly HashSet<string> _created = new HashSet<string>(StringComparer.Ordinal);

        private ServiceRegistrations()
        {
        }

        /// <summary>
        /// True when a call through <paramref name="service"/> cannot reach <paramref name="implementation"/>'s members:
        /// the service is registered, every registration of it names its implementation type and none is (or is a base
        /// of) this one, and the project wires this type in the container otherwise (as itself, or as another service)
        /// and never creates one with <c>new</c>. False whenever any of that is not known.
        /// </summary>
        public bool WiredOnlyElsewhere(INamedTypeSymbol implementation, INamedTypeSymbol service)
        {
            if (implementation.IsGenericType || implementation.IsAbstract || !_wired.Contains(implementation) || _created.Contains(implementation.Name)
                || !_byService.TryGetValue(service, out var registered) || registered == null || registered.Count == 0
                || (service.IsGenericType && _byService.ContainsKey(service.ConstructUnboundGenericType())))
            {
                return false;
            }

            foreach (var type in registered)
            {
                if (!(type is INamedTypeSymbol named) || PrivacySymbols.IsOrDerives(implementation, named))
                {
                    return false;
                }
            }

            return true;
        }

        public static ServiceRegistrations Read(Compilation compilation, CancellationToken cancellationToken)
        {
            var registrations = new ServiceRegistrations();
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                SemanticModel? model = null;
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    switch (node)
                    {
                        case ObjectCreationExpressionSyntax creation:
                            var created = RightmostName(creation.Type);
                            if (created != null)
                            {
                                registrations._created.Add(created);
                            }

                            if (created == "ServiceDescriptor" && creation.ArgumentList != null)
                            {
                                model ??= compilation.GetSemanticModel(tree);
                                registrations.ReadTypeOfs(model, creation.ArgumentList.Arguments, cancellationToken);
                            }

                            break;

                        case InvocationExpressionSyntax invocation when NameOf(invocation.Expression) is string name && RegisteringMethods.Contains(name):
                            model ??= compilation.GetSemanticModel(tree);
                            registrations.Read(model, invocation, cancellationToken);
                            break;
                    }
                }
            }

            return registrations;
        }

        private void Read(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            if (!(model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method) || !IsContainerNamespace(method.ContainingNamespace))
            {
                return;
            }

            var arguments = method.TypeArguments;
            if (arguments.Length == 2)
            {
                // AddScoped<IMailer, SmtpMailer>(), with or without a factory of SmtpMailer.
                Add(arguments[0], arguments[1]);
            }
            else if (arguments.Length == 1)
            {
                // AddScoped<SmtpMailer>() registers the type as itself; AddSingleton<IMailer>(sp => ...) or an instance
                // names no implementation type. AddHostedService<T>() registers T, as the container's IHostedService.
                var named = arguments[0];
                if (method.Name == "AddHostedService")
                {
                    _wired.Add(named);
                }
                else
                {
                    Add(named, HasFactoryOrInstance(method) ? null : named);
                }
            }
            else
            {
                ReadTypeOfs(model, invocation.ArgumentList.Arguments, cancellationToken);
            }
        }

        /// <summary><c>AddScoped(typeof(IMailer), typeof(SmtpMailer))</c>, or a factory or an instance in the second place.</summary>
        private void ReadTypeOfs(SemanticModel model, SeparatedSyntaxList<ArgumentSyntax> arguments, CancellationToken cancellationToken)
        {
            ITypeSymbol? service = null;
            var position = 0;
            foreach (var argument in arguments)
            {
                if (argument.Expression is TypeOfExpressionSyntax typeOf && model.GetTypeInfo(typeOf.Type, cancellationToken).Type is ITypeSymbol type)
                {
                    if (service == null)
                    {
                        service = type;
                        position = 1;
                        continue;
                    }

                    Add(service, type);
                    return;
                }

                if (service != null && position == 1 && !(argument.Expression is LiteralExpressionSyntax))
                {
                    // A factory or an instance where the implementation type would be (a service key is a literal).
                    Add(service, null);
                    return;
                }
            }

            if (service != null)
            {
                Add(service, service);
            }
        }

        private void Add(ITypeSymbol service, ITypeSymbol? implementation)
        {
            if (implementation == null)
            {
                _byService[service] = null;
                return;
            }

            if (!(implementation is INamedTypeSymbol { IsUnboundGenericType: true }))
            {
                _wired.Add(implementation);
            }

            if (!_byService.TryGetValue(service, out var registered))
            {
                _byService[service] = registered = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            }

            registered?.Add(implementation);
        }

        /// <summary>A registration given a factory (<c>sp =&gt; ...</c>) or an instance of the service, not a type.</summary>
        private static bool HasFactoryOrInstance(IMethodSymbol method)
        {
            foreach (var parameter in (method.ReducedFrom ?? method).OriginalDefinition.Parameters)
            {
                if (parameter.Type.TypeKind == TypeKind.Delegate || parameter.Type is ITypeParameterSymbol)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsContainerNamespace(INamespaceSymbol? space) =>
            Names.NamespaceIs(space, "Microsoft.Extensions.DependencyInjection") || Names.NamespaceIs(space, "Microsoft.Extensions.DependencyInjection.Extensions");

        private static string? NameOf(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

        private static string? RightmostName(TypeSyntax type) => type switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
