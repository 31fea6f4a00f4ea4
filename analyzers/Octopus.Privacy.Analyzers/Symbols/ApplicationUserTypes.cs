using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>
    /// The classes of the compilation that ASP.NET Core Identity manages as its users without deriving from
    /// <c>IdentityUser</c>: an application with its own user table and store (<c>UserManager&lt;User&gt;</c> over an
    /// <c>IUserStore&lt;User&gt;</c> on Dapper or its own context). Their <c>Email</c>, <c>UserName</c> and
    /// <c>PhoneNumber</c> are the user's, as Identity's own user's are. Read once per compilation from declarations alone
    /// (the types of fields, properties, parameters and results, and the interfaces and base classes of the
    /// compilation's types), no body bound. The class itself may be declared in a project this one references.
    /// </summary>
    internal sealed class ApplicationUserTypes
    {
        private readonly HashSet<INamedTypeSymbol> _types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);

        private ApplicationUserTypes()
        {
        }

        /// <summary>True when <paramref name="type"/> (or a class it derives from) is one of the compilation's own Identity user classes.</summary>
        public bool Contains(ITypeSymbol? type)
        {
            for (var current = type as INamedTypeSymbol; current != null && _types.Count > 0; current = current.BaseType)
            {
                if (_types.Contains(current.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Reads the declarations of <paramref name="assembly"/> (the compilation's own) for the classes Identity manages as users.</summary>
        public static ApplicationUserTypes Read(IAssemblySymbol assembly)
        {
            var found = new ApplicationUserTypes();
            if (!assembly.Modules.Any(m => m.ReferencedAssemblySymbols.Any(a => a.Name == "Microsoft.Extensions.Identity.Core")))
            {
                // No UserManager to manage a user with: nothing to read.
                return found;
            }

            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                var container = pending.Pop();
                if (container is INamespaceSymbol ns)
                {
                    foreach (var member in ns.GetMembers())
                    {
                        pending.Push(member);
                    }

                    continue;
                }

                var type = (INamedTypeSymbol)container;
                found.NoteType(type.BaseType);
                foreach (var implemented in type.Interfaces)
                {
                    found.NoteType(implemented);
                }

                foreach (var member in type.GetMembers())
                {
                    switch (member)
                    {
                        case INamedTypeSymbol nested:
                            pending.Push(nested);
                            break;
                        case IFieldSymbol field:
                            found.NoteType(field.Type);
                            break;
                        case IPropertySymbol property:
                            found.NoteType(property.Type);
                            break;
                        case IMethodSymbol method when method.MethodKind != MethodKind.PropertyGet && method.MethodKind != MethodKind.PropertySet:
                            found.NoteType(Names.Awaited(method.ReturnType));
                            foreach (var parameter in method.Parameters)
                            {
                                found.NoteType(parameter.Type);
                            }

                            break;
                    }
                }
            }

            return found;
        }

        /// <summary>Notes the user class of Identity's user-typed services (<c>UserManager&lt;User&gt;</c>, <c>IUserEmailStore&lt;User&gt;</c>).</summary>
        private void NoteType(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { TypeArguments.Length: 1 } named
                && IsUserTyped(named.Name)
                && Names.NamespaceIs(named.ContainingNamespace, "Microsoft.AspNetCore.Identity")
                && named.TypeArguments[0] is INamedTypeSymbol { TypeKind: TypeKind.Class } user
                && !Names.RootNamespaceIs(user.ContainingNamespace, "Microsoft") && !Names.RootNamespaceIs(user.ContainingNamespace, "System")
                && !PiiSources.IsIdentityUserType(user))
            {
                _types.Add(user.OriginalDefinition);
            }
        }

        /// <summary>Identity's types whose one type argument is the user (not a role's, not a key's).</summary>
        private static bool IsUserTyped(string name) =>
            name == "UserManager" || name == "SignInManager" || name == "IUserClaimsPrincipalFactory" || name == "UserClaimsPrincipalFactory"
            || name == "IPasswordHasher" || name == "PasswordHasher" || name == "IUserValidator" || name == "IPasswordValidator"
            || name == "IEmailSender" || (name.StartsWith("IUser", System.StringComparison.Ordinal) && name.EndsWith("Store", System.StringComparison.Ordinal));
    }
}
