using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>
    /// The application's own user classes, which do not derive from <c>IdentityUser</c>: the classes ASP.NET Core
    /// Identity manages as its users (<c>UserManager&lt;User&gt;</c> over an <c>IUserStore&lt;User&gt;</c> on Dapper or its
    /// own context), and the accounts of an application with a login of its own, a class that keeps a password's hash
    /// (<c>PasswordHash</c>, <c>HashedPassword</c>). Their <c>Email</c>, <c>UserName</c> and <c>PhoneNumber</c> are the
    /// user's, as Identity's own user's are. Identity's are read once per compilation from declarations alone (the types of
    /// fields, properties, parameters and results, and the interfaces and base classes of the compilation's types), no
    /// body bound; an account is known by its members when a type is first asked about. Either may be declared in a
    /// project this one references.
    /// </summary>
    internal sealed class ApplicationUserTypes
    {
        private readonly HashSet<INamedTypeSymbol> _types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _accounts = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly Func<INamedTypeSymbol, bool> _isAccount = KeepsPasswordHash;

        private ApplicationUserTypes()
        {
        }

        /// <summary>
        /// True when <paramref name="type"/> (or a class it derives from) is one of the compilation's own Identity user
        /// classes, or an account that keeps a password's hash (<see cref="KeepsPasswordHash"/>).
        /// </summary>
        public bool Contains(ITypeSymbol? type)
        {
            for (var current = type as INamedTypeSymbol; current != null && _types.Count > 0; current = current.BaseType)
            {
                if (_types.Contains(current.OriginalDefinition))
                {
                    return true;
                }
            }

            return type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named && _accounts.GetOrAdd(named.OriginalDefinition, _isAccount);
        }

        /// <summary>
        /// True for an application's account: a class or record of its own (not the runtime's, not Microsoft's, not an
        /// anonymous type or a tuple, not one deriving from <c>IdentityUser</c>, which Identity's rules read) with an instance property or field, its own or
        /// inherited, that keeps a password's hash (<c>PasswordHash</c>, <c>HashedPassword</c>, <c>PasswordHashBytes</c>: a
        /// text or byte array whose name says both). Whoever logs in with it is a person; its address and name are theirs.
        /// </summary>
        private static bool KeepsPasswordHash(INamedTypeSymbol type)
        {
            if (type.IsAnonymousType || type.IsTupleType
                || Names.RootNamespaceIs(type.ContainingNamespace, "System") || Names.RootNamespaceIs(type.ContainingNamespace, "Microsoft")
                || PiiSources.IsIdentityUserType(type))
            {
                // A projection (new { u.Username, u.PasswordHash }) carries what the account's members hold; it is not an
                // account of its own.
                return false;
            }

            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    var memberType = member switch
                    {
                        IPropertySymbol { IsStatic: false, IsIndexer: false } property => property.Type,
                        IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } field => field.Type,
                        _ => null,
                    };
                    if (memberType != null
                        && (memberType.SpecialType == SpecialType.System_String || memberType is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte })
                        && NamesPasswordHash(member.Name))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A member's name that says it keeps a password's hash: <c>PasswordHash</c>, <c>HashedPassword</c>, <c>_passwordHash</c>.</summary>
        public static bool NamesPasswordHash(string name) =>
            name.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0 && name.IndexOf("hash", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>
        /// Whether the compilation declares, or a referenced assembly of the application's (not the runtime's, Microsoft's
        /// or this package's) holds, a type with a member named as a password's hash (<see cref="NamesPasswordHash"/>): an
        /// account whose members may be logged. Names only, from the declarations and the metadata's member names; no
        /// member is bound.
        /// </summary>
        public static bool AnyInReach(Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            if (Declares(compilation.Assembly.GlobalNamespace, cancellationToken))
            {
                return true;
            }

            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                var name = assembly.Name;
                if (!name.StartsWith("System", StringComparison.Ordinal) && !name.StartsWith("Microsoft", StringComparison.Ordinal)
                    && !name.StartsWith("Octopus.Privacy", StringComparison.Ordinal) && name != "netstandard" && name != "mscorlib"
                    && Declares(assembly.GlobalNamespace, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Declares(INamespaceSymbol root, System.Threading.CancellationToken cancellationToken)
        {
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var container = pending.Pop();
                if (container is INamespaceSymbol ns)
                {
                    foreach (var inner in ns.GetNamespaceMembers())
                    {
                        pending.Push(inner);
                    }
                }

                foreach (var type in container.GetTypeMembers())
                {
                    foreach (var memberName in type.MemberNames)
                    {
                        if (NamesPasswordHash(memberName))
                        {
                            return true;
                        }
                    }

                    pending.Push(type);
                }
            }

            return false;
        }

        /// <summary>
        /// The name of Identity's user member (<c>Email</c>, <c>UserName</c>, <c>PhoneNumber</c>) that <paramref name="name"/>
        /// spells in any case (an account's <c>Username</c>, <c>EMail</c>); null for any other name.
        /// </summary>
        public static string? UserMemberSpelled(string name) =>
            string.Equals(name, "Email", StringComparison.OrdinalIgnoreCase) ? "Email"
            : string.Equals(name, "UserName", StringComparison.OrdinalIgnoreCase) ? "UserName"
            : string.Equals(name, "PhoneNumber", StringComparison.OrdinalIgnoreCase) ? "PhoneNumber"
            : null;

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
