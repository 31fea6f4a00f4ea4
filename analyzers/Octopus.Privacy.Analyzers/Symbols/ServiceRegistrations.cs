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
    /// is not reached through the interface. Read once per compilation from the methods that configure the container
    /// (the entry point, and methods given an <c>IServiceCollection</c> or a host builder), by their syntax, with only
    /// the registered types' names bound (speculatively, so that no method body is bound for it).
    /// </summary>
    internal sealed class ServiceRegistrations
    {
        private static readonly HashSet<string> RegisteringMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "AddSingleton", "AddScoped", "AddTransient",
            "TryAddSingleton", "TryAddScoped", "TryAddTransient",
            "AddKeyedSingleton", "AddKeyedScoped", "AddKeyedTransient",
            "TryAddKeyedSingleton", "TryAddKeyedScoped", "TryAddKeyedTransient",
            "AddHttpClient", "AddHostedService",
        };

        private static readonly HashSet<string> DescriptorMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "Singleton", "Scoped", "Transient", "Describe", "KeyedSingleton", "KeyedScoped", "KeyedTransient", "DescribeKeyed",
        };

        // Registrations by assembly scanning (Scrutor's Scan and AddClasses, Autofac's RegisterAssemblyTypes): types
        // the code never names may be given for any service.
        private static readonly HashSet<string> ScanningMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "Scan", "AddClasses", "AsImplementedInterfaces", "RegisterAssemblyTypes", "RegisterAssemblyModules",
        };

        private static readonly HashSet<string> HostingTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            "IServiceCollection", "IHostBuilder", "IHostApplicationBuilder", "HostApplicationBuilder", "WebApplicationBuilder", "IWebHostBuilder",
        };

        // Per service type: the implementation types registered for it; null once a registration of it names none.
        private readonly Dictionary<ITypeSymbol, HashSet<ITypeSymbol>?> _byService = new Dictionary<ITypeSymbol, HashSet<ITypeSymbol>?>(SymbolEqualityComparer.Default);

        // Every type registered as an implementation of any service (itself included).
        private readonly HashSet<ITypeSymbol> _wired = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);

        // A registration whose service type the syntax does not say (AddSingleton(sp => Create(sp))): it may be any.
        private bool _unreadable;

        private ServiceRegistrations()
        {
        }

        /// <summary>
        /// True when a method may configure the container: the entry point (<c>Main</c>, top-level statements), or one
        /// given an <c>IServiceCollection</c> or a host or application builder.
        /// </summary>
        public static bool MayRegister(IMethodSymbol method)
        {
            if (method.Name == "Main" || method.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName)
            {
                return method.IsStatic;
            }

            foreach (var parameter in method.Parameters)
            {
                if (HostingTypes.Contains(parameter.Type.Name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="type"/> is registered in the container, as any service.</summary>
        public bool IsWired(INamedTypeSymbol type) => _wired.Contains(type);

        /// <summary>
        /// True when the service is registered, every registration of it names its implementation type, none is (or is a
        /// base of) <paramref name="implementation"/>, and every registration of the compilation can be read.
        /// </summary>
        public bool GivesOnlyOthers(INamedTypeSymbol implementation, INamedTypeSymbol service)
        {
            if (_unreadable || implementation.IsGenericType || implementation.IsAbstract
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

        /// <summary>Reads the registrations in the methods <see cref="MayRegister"/> picked.</summary>
        public static ServiceRegistrations Read(Compilation compilation, IEnumerable<IMethodSymbol> methods, CancellationToken cancellationToken)
        {
            var registrations = new ServiceRegistrations();
            foreach (var method in methods)
            {
                foreach (var reference in method.DeclaringSyntaxReferences)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var syntax = reference.GetSyntax(cancellationToken);
                    if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree))
                    {
                        continue;
                    }

                    SemanticModel? model = null;
                    foreach (var node in syntax.DescendantNodes())
                    {
                        switch (node)
                        {
                            case ObjectCreationExpressionSyntax { ArgumentList: { } arguments } creation when RightmostName(creation.Type) == "ServiceDescriptor":
                                registrations.ReadTypeOfs(model ??= compilation.GetSemanticModel(syntax.SyntaxTree), arguments.Arguments);
                                break;

                            case InvocationExpressionSyntax invocation when IsRegistration(invocation.Expression, out var name):
                                registrations.Read(model ??= compilation.GetSemanticModel(syntax.SyntaxTree), invocation, name);
                                break;

                            case InvocationExpressionSyntax invocation when OwnServiceClients.CalledName(invocation.Expression) is { } called && ScanningMethods.Contains(called.Identifier.ValueText):
                                registrations._unreadable = true;
                                break;
                        }
                    }
                }
            }

            return registrations;
        }

        private static bool IsRegistration(ExpressionSyntax expression, out SimpleNameSyntax name)
        {
            name = OwnServiceClients.CalledName(expression)!;
            return name != null
                && (RegisteringMethods.Contains(name.Identifier.ValueText)
                    || (DescriptorMethods.Contains(name.Identifier.ValueText) && expression is MemberAccessExpressionSyntax access && RightmostName(access.Expression) == "ServiceDescriptor"));
        }

        private void Read(SemanticModel model, InvocationExpressionSyntax invocation, SimpleNameSyntax name)
        {
            var arguments = invocation.ArgumentList.Arguments;
            if (name is GenericNameSyntax generic)
            {
                var types = generic.TypeArgumentList.Arguments;
                if (types.Count == 2)
                {
                    // AddScoped<IMailer, SmtpMailer>(), with or without a factory of SmtpMailer.
                    Add(TypeNamed(model, types[0]), TypeNamed(model, types[1]));
                    return;
                }

                if (types.Count == 1)
                {
                    var named = TypeNamed(model, types[0]);
                    if (name.Identifier.ValueText == "AddHostedService")
                    {
                        // Registered as the container's IHostedService, which nothing here calls.
                        if (named != null)
                        {
                            _wired.Add(named);
                        }

                        return;
                    }

                    // AddScoped<SmtpMailer>() registers the type as itself (a key aside); AddSingleton<IMailer>(sp => ...)
                    // or an instance names no implementation type.
                    Add(named, HasOnlyKeys(arguments) ? named : null);
                    return;
                }

                _unreadable = true;
                return;
            }

            if (arguments.Count > 0 && arguments[0].Expression is TypeOfExpressionSyntax)
            {
                ReadTypeOfs(model, arguments);
                return;
            }

            // AddSingleton(new Clock()) or AddSingleton(sp => new Clock(...)): the type created, as itself. Anything else
            // (a variable, a method's result) may be any service.
            var value = arguments.Count > 0 ? arguments[arguments.Count - 1].Expression : null;
            if (value is LambdaExpressionSyntax { ExpressionBody: { } body })
            {
                value = body;
            }

            if (value is ObjectCreationExpressionSyntax created && TypeNamed(model, created.Type) is ITypeSymbol type)
            {
                Add(type, type);
            }
            else if (name.Identifier.ValueText != "AddHttpClient" && name.Identifier.ValueText != "AddHostedService")
            {
                // AddHttpClient("name", ...) registers a named client, not a service.
                _unreadable = true;
            }
        }

        /// <summary><c>AddScoped(typeof(IMailer), typeof(SmtpMailer))</c>, or a factory or an instance in the second place.</summary>
        private void ReadTypeOfs(SemanticModel model, SeparatedSyntaxList<ArgumentSyntax> arguments)
        {
            ITypeSymbol? service = null;
            var first = true;
            foreach (var argument in arguments)
            {
                if (first)
                {
                    first = false;
                    if (!(argument.Expression is TypeOfExpressionSyntax serviceOf) || (service = TypeNamed(model, serviceOf.Type)) == null)
                    {
                        _unreadable = true;
                        return;
                    }

                    continue;
                }

                if (argument.Expression is TypeOfExpressionSyntax typeOf)
                {
                    Add(service, TypeNamed(model, typeOf.Type));
                    return;
                }

                if (!(argument.Expression is LiteralExpressionSyntax))
                {
                    // A factory or an instance where the implementation type would be (a service key is a literal, and
                    // ServiceLifetime.Scoped comes after the types).
                    Add(service, IsLifetime(argument.Expression) ? service : null);
                    return;
                }
            }

            Add(service, service);
        }

        private void Add(ITypeSymbol? service, ITypeSymbol? implementation)
        {
            if (service == null)
            {
                _unreadable = true;
                return;
            }

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

        /// <summary>The type a name in the code stands for where it is written; null when it names none.</summary>
        private static ITypeSymbol? TypeNamed(SemanticModel model, TypeSyntax type)
        {
            var info = model.GetSpeculativeTypeInfo(type.SpanStart, SyntaxFactory.ParseTypeName(type.ToString()), SpeculativeBindingOption.BindAsTypeOrNamespace);
            return info.Type is ITypeSymbol found && found.TypeKind != TypeKind.Error ? found : null;
        }

        private static bool HasOnlyKeys(SeparatedSyntaxList<ArgumentSyntax> arguments)
        {
            foreach (var argument in arguments)
            {
                if (!(argument.Expression is LiteralExpressionSyntax))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsLifetime(ExpressionSyntax expression) =>
            expression is MemberAccessExpressionSyntax access && RightmostName(access.Expression) == "ServiceLifetime";

        /// <summary>The last name of a (qualified) name or member access: <c>Claim</c> of <c>System.Security.Claims.Claim</c>.</summary>
        internal static string? RightmostName(ExpressionSyntax expression) => expression switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
