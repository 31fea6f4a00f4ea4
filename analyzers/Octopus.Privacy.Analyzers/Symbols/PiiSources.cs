using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Configuration;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>
    /// Which members carry personal data, and which types contain such members (directly, or through members of
    /// member types up to a depth). Computed once per symbol per compilation.
    /// </summary>
    internal sealed class PiiSources
    {
        private readonly PrivacySymbols _symbols;
        private readonly int _maxDepth;
        private readonly IdentityOptions _identity;
        private readonly ConcurrentDictionary<ISymbol, string?> _privacyCategories = new ConcurrentDictionary<ISymbol, string?>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, TaintSet> _members = new ConcurrentDictionary<ISymbol, TaintSet>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, TaintSet> _methodCalls = new ConcurrentDictionary<IMethodSymbol, TaintSet>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, TaintSet> _calls = new ConcurrentDictionary<string, TaintSet>(System.StringComparer.Ordinal);

        /// <summary>What an object of a type carries, by the depth of members followed (index 1 up to the maximum).</summary>
        private readonly ConcurrentDictionary<ITypeSymbol, TaintSet>[] _typesAtDepth;
        private readonly System.Func<ITypeSymbol, TaintSet>[] _classifyAtDepth;
        private readonly ConcurrentDictionary<string, TaintSet> _claimTexts = new ConcurrentDictionary<string, TaintSet>(System.StringComparer.Ordinal);
        private System.Func<string, TaintSet>? _classifyClaimText;
        private ClassifiableAssemblies? _classifiable;
        private ApplicationUserTypes? _applicationUsers;
        private readonly System.Func<Dictionary<ISymbol, TaintSet>> _readClaimedMembers;
        private Dictionary<ISymbol, TaintSet>? _claimedMembers;

        /// <summary>The identities whose <c>Name</c> is the user's name claim.</summary>
        private static readonly ImmutableHashSet<string> IdentityTypes = ImmutableHashSet.Create(
            System.StringComparer.Ordinal,
            "System.Security.Principal.IIdentity",
            "System.Security.Claims.ClaimsIdentity",
            "System.Security.Principal.GenericIdentity",
            "System.Security.Principal.WindowsIdentity");

        /// <param name="symbols">The compilation's symbols the sources are read with.</param>
        /// <param name="maxDepth">How many levels of members an object's classification follows.</param>
        /// <param name="identity">What the project's Identity user members hold.</param>
        /// <param name="readClaimedMembers">
        /// Reads, at the first need and once, the members the application makes a personal claim of, with the claim each
        /// is made as (<see cref="ClaimedMembers"/>).
        /// </param>
        public PiiSources(PrivacySymbols symbols, int maxDepth, IdentityOptions identity, System.Func<Dictionary<ISymbol, TaintSet>> readClaimedMembers)
        {
            _symbols = symbols;
            _readClaimedMembers = readClaimedMembers;
            _maxDepth = maxDepth;
            _identity = identity;
            var depths = System.Math.Max(maxDepth, 1) + 1;
            _typesAtDepth = new ConcurrentDictionary<ITypeSymbol, TaintSet>[depths];
            _classifyAtDepth = new System.Func<ITypeSymbol, TaintSet>[depths];
            for (var depth = 1; depth < depths; depth++)
            {
                var at = depth;
                _typesAtDepth[depth] = new ConcurrentDictionary<ITypeSymbol, TaintSet>(SymbolEqualityComparer.Default);
                _classifyAtDepth[depth] = t => ClassifyType(t, at, ImmutableHashSet<ITypeSymbol>.Empty.WithComparer(SymbolEqualityComparer.Default));
            }
        }

        /// <summary>The sources a property, field, parameter or method return value is marked with.</summary>
        public TaintSet OfMember(ISymbol member) => _members.GetOrAdd(member, m => Classify(m));

        /// <summary>The personal members an object of this type carries; empty for types with none.</summary>
        public TaintSet OfType(ITypeSymbol? type) => type == null ? Taint.Clean : Classified(type, _maxDepth);

        /// <summary>
        /// The personal members an object of this type declares or inherits itself, and those of the elements of a
        /// collection: what it carries without following navigations to other objects.
        /// </summary>
        public TaintSet OwnOfType(ITypeSymbol? type) => type == null ? Taint.Clean : Classified(type, 1);

        /// <summary>
        /// What an object of <paramref name="type"/> carries with members followed <paramref name="depth"/> levels deep,
        /// computed once per type and depth: an entity's user, referenced from every entity of the model, is classified
        /// once at each depth, not again under each entity that reaches it. A member type's classification starts
        /// afresh, with no types being visited: a type reached again through a cycle adds nothing that the type where the
        /// cycle starts does not already hold with more levels left, so the union is the same as with the cycle cut.
        /// </summary>
        private TaintSet Classified(ITypeSymbol type, int depth) =>
            depth <= 0 ? Taint.Clean : _typesAtDepth[depth].GetOrAdd(type, _classifyAtDepth[depth]);

        /// <summary>
        /// What a call of a well-known API returns: <c>UserManager&lt;T&gt;.GetEmailAsync</c> and its kin, and claims read by
        /// <c>ClaimTypes.Email</c>, <c>ClaimTypes.Name</c> and the like (<c>FindFirst</c>, <c>FindFirstValue</c>, <c>FindAll</c>).
        /// </summary>
        public TaintSet OfCall(IInvocationOperation invocation)
        {
            var method = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition;
            var known = _methodCalls.GetOrAdd(method, OfMethodCall);
            if (!known.IsEmpty)
            {
                return known;
            }

            if (method.Name == "FindFirst" || method.Name == "FindFirstValue" || method.Name == "FindAll")
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (OfClaimType(argument.Value) is { IsEmpty: false } claim)
                    {
                        return claim;
                    }

                    // A predicate that names the type, FindFirst(c => c.Type == ClaimTypes.Name): in a control-flow graph the
                    // lambda is a reference to its own graph, so its syntax is read.
                    if (argument.Value is IDelegateCreationOperation { Target: { } predicate } && (predicate is IAnonymousFunctionOperation || predicate is Microsoft.CodeAnalysis.FlowAnalysis.IFlowAnonymousFunctionOperation)
                        && ClaimsNamedIn(predicate.Syntax) is { IsEmpty: false } named)
                    {
                        return named;
                    }
                }
            }

            return Taint.Clean;
        }

        /// <summary>
        /// The claim a claim type names: a constant of <c>ClaimTypes</c>, <c>JwtRegisteredClaimNames</c> and their kin, or
        /// a text the application names itself (<c>"EmailAddress"</c>); clean for anything else.
        /// </summary>
        public TaintSet OfClaimType(IOperation value)
        {
            if (value is IFieldReferenceOperation { Field: { IsConst: true } field } && ClaimKind(field.ContainingType.Name, field.Name) is string kind)
            {
                return Claim(field.ContainingType.Name, field.Name, kind);
            }

            return value.ConstantValue is { HasValue: true, Value: string text } ? ClaimTyped(text) : Taint.Clean;
        }

        /// <summary>What a call of the method returns whatever its arguments: UserManager results, accessors of other projects.</summary>
        private TaintSet OfMethodCall(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type == null)
            {
                return Taint.Clean;
            }

            if (type.Name == "UserManager" && IsWellKnown(method))
            {
                var kind = method.Name switch
                {
                    "GetEmailAsync" => "email",
                    "GetUserNameAsync" => "name",
                    "GetUserName" => "name",
                    "GetPhoneNumberAsync" => "phone",
                    _ => null,
                };
                return kind == null ? Taint.Clean : Taint.Clean.Add(Source("UserManager." + method.Name + "()", kind));
            }

            if (method.IsAbstract || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _symbols.Assembly))
            {
                // An application's own accessor whose body is in another project: IIdentityService.GetUserNameAsync(id).
                var accessor = AccessorKind(method);
                if (accessor != null)
                {
                    return Taint.Clean.Add(Source(type.Name + "." + method.Name + "()", accessor));
                }
            }

            return Taint.Clean;
        }

        /// <summary>
        /// The Identity user whose e-mail address, user name or phone number a method's string parameters of those names
        /// take: <c>TUser</c> of ASP.NET Core Identity's <c>UserManager&lt;TUser&gt;</c>, <c>SignInManager&lt;TUser&gt;</c>,
        /// <c>IUserEmailStore&lt;TUser&gt;</c> (<c>FindByEmailAsync(email)</c>, <c>ChangeEmailAsync(user, newEmail, token)</c>),
        /// or the user the application's own method returns (<c>Task&lt;AppUser?&gt; GetUserByEmailAsync(string email)</c> of a
        /// user-manager wrapper or a repository), directly or as a property of the record it returns
        /// (<c>record UserWithRoles(AppUser User, List&lt;string&gt; Roles)</c>). The user may be the application's own
        /// class that Identity manages (<see cref="ApplicationUserTypes"/>). Null for any other method.
        /// </summary>
        public ITypeSymbol? UserTypeGivenTo(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (IsIdentityGeneric(type))
            {
                return type!.TypeArguments[0];
            }

            if (type is { TypeArguments.Length: > 1 } && IsIdentityUserType(type.TypeArguments[0])
                && (Names.NamespaceIs(type.ContainingNamespace, "Microsoft.AspNetCore.Identity") || Names.NamespaceIs(type.ContainingNamespace, "Microsoft.AspNetCore.Identity.EntityFrameworkCore")))
            {
                // An application's store deriving from Identity's (UserStoreBase<TUser, TKey, ...>.SetEmailAsync(user, email)):
                // the user is its first type argument.
                return type.TypeArguments[0];
            }

            if (IdentityInterfaceImplemented(method) is ITypeSymbol implemented)
            {
                // The application's IEmailSender<ApplicationUser> called as itself (a page's @inject of the class):
                // SendConfirmationLinkAsync(user, email, link) takes the user's address as the interface's does.
                return implemented;
            }

            var returned = Names.Awaited(method.ReturnType);

            if (IsUserType(returned))
            {
                return returned;
            }

            if (returned is INamedTypeSymbol { IsRecord: true } record)
            {
                // Task<UserWithRoles?> GetByEmailOrUsernameWithRolesAsync(...) of record UserWithRoles(AppUser User, ...):
                // the user the record holds.
                foreach (var member in record.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false } property && IsUserType(property.Type))
                    {
                        return property.Type;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The user type of the Identity interface (<c>IEmailSender&lt;TUser&gt;</c>, <c>IUserEmailStore&lt;TUser&gt;</c>)
        /// whose member a method of the application's class implements; null when it implements none.
        /// </summary>
        private static ITypeSymbol? IdentityInterfaceImplemented(IMethodSymbol method)
        {
            // Only the application's own classes: a library's (a List<T>'s Add) is not asked about its interfaces.
            if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || method.DeclaringSyntaxReferences.IsEmpty
                || !(method.ContainingType is { TypeKind: TypeKind.Class } type))
            {
                return null;
            }

            foreach (var contract in type.AllInterfaces)
            {
                if (!IsIdentityGeneric(contract))
                {
                    continue;
                }

                foreach (var member in contract.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                    {
                        return contract.TypeArguments[0];
                    }
                }
            }

            return null;
        }

        /// <summary>A user type deriving from <c>IdentityUser</c>, or the application's own class that Identity manages.</summary>
        private bool IsUserType(ITypeSymbol? type) => IsIdentityUserType(type) || ApplicationUsers.Contains(type);

        /// <summary>True for <c>IdentityUser</c> and the classes derived from it.</summary>
        internal static bool IsIdentityUserType(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (Names.IsIdentityUser(current))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// What a string handed to a method of <see cref="UserTypeGivenTo"/> is, by the parameter that takes it: the user
        /// type's member of that name (<c>email</c> the e-mail address, <c>userName</c> the user name), as a read of it
        /// names it; the user's password where Identity's own managers take one (<c>CreateAsync(user, password)</c>,
        /// <c>PasswordSignInAsync(userName, password, ...)</c>); clean for any other argument.
        /// </summary>
        public TaintSet OfUserArgument(ITypeSymbol userType, IParameterSymbol parameter)
        {
            if (parameter.Type.SpecialType != SpecialType.System_String)
            {
                return Taint.Clean;
            }

            if (IsPasswordParameter(parameter))
            {
                return PasswordTakenBy(parameter);
            }

            var name = UserMemberNamedBy(parameter.Name);
            if (name == null)
            {
                return Taint.Clean;
            }

            for (var user = userType; user != null; user = user.BaseType)
            {
                foreach (var member in user.GetMembers(name))
                {
                    if (member is IPropertySymbol { IsStatic: false } property)
                    {
                        return OfMember(property);
                    }
                }

                foreach (var member in user.GetMembers())
                {
                    // An account's Username is the UserName a look-up's userName finds it by.
                    if (member is IPropertySymbol { IsStatic: false } property && string.Equals(property.Name, name, System.StringComparison.OrdinalIgnoreCase))
                    {
                        return OfMember(property);
                    }
                }
            }

            return Taint.Clean;
        }

        /// <summary>
        /// The password a string handed to BCrypt.Net's <c>BCrypt</c> is, by the parameter that takes it
        /// (<c>HashPassword(inputKey)</c>, <c>Verify(text, hash)</c>, their enhanced forms, <c>ValidateAndReplacePassword(currentKey,
        /// currentHash, newKey)</c>): what an application with users of its own hashes or checks is what the user typed, of the
        /// same category as a password handed to Identity; or, of a hasher known by its names (<see cref="IsHasherByName"/>), the
        /// password its name says it takes (<see cref="IsHashedPasswordParameter"/>). Clean for the hash and any other argument.
        /// </summary>
        public TaintSet OfHasherArgument(IParameterSymbol parameter) =>
            (IsHasherKey(parameter) && parameter.ContainingSymbol is IMethodSymbol method && IsPasswordHasher(method)) || IsHashedPasswordParameter(parameter)
                ? PasswordTakenBy(parameter) : Taint.Clean;

        /// <summary>A method of BCrypt.Net's <c>BCrypt</c> (the password hasher of BCrypt.Net-Next), looked at by its type first.</summary>
        public static bool IsPasswordHasher(IMethodSymbol method) =>
            method.IsStatic && method.ContainingType is { Name: "BCrypt" } type && Names.NamespaceIs(type.ContainingNamespace, "BCrypt.Net");

        /// <summary>A string parameter of <see cref="IsPasswordHasher"/>'s methods that takes the password, not the hash.</summary>
        private static bool IsHasherKey(IParameterSymbol parameter) =>
            parameter.Type.SpecialType == SpecialType.System_String && parameter.Name is "inputKey" or "text" or "currentKey" or "newKey";

        /// <summary>
        /// A string parameter that takes a password to hash or check, by its method's and its own name: a
        /// <c>Hash*</c> or <c>Verify*</c> method's <c>password</c>, <c>plainPassword</c>, <c>newPassword</c> (not a
        /// <c>hashedPassword</c> or <c>passwordHash</c>).
        /// </summary>
        public static bool IsHashedPasswordParameter(IParameterSymbol parameter)
        {
            if (parameter.Type.SpecialType != SpecialType.System_String || !(parameter.ContainingSymbol is IMethodSymbol method) || !IsHashOrVerifyName(method.Name))
            {
                return false;
            }

            var name = parameter.Name;
            return name.EndsWith("assword", System.StringComparison.Ordinal) && (name.Length == 8 ? name[0] == 'p' : name[name.Length - 8] == 'P')
                && name.IndexOf("hash", System.StringComparison.OrdinalIgnoreCase) < 0;
        }

        /// <summary>
        /// A password hasher known by its names: a <c>Hash*</c> or <c>Verify*</c> method that takes a password
        /// (<see cref="IsHashedPasswordParameter"/>), other than BCrypt.Net's and Identity's (known by their types): the
        /// application's own <c>IPasswordService.Hash(password)</c> or <c>PasswordHasher.HashPassword(password)</c>, whether
        /// its body is in another project or here, and whatever it hashes with (PBKDF2, Argon2, a library the analyzer does
        /// not know). Asked of every call a scan sees: the name first, so almost every call stops at one string prefix.
        /// </summary>
        public static bool IsHasherByName(IMethodSymbol method) =>
            IsHashOrVerifyName(method.Name) && !IsPasswordHasher(method) && !IsIdentityGeneric(method.ContainingType)
            && method.Parameters.Any(IsHashedPasswordParameter);

        /// <summary>A method name that says it hashes or checks what it is given: <c>Hash</c>, <c>HashPassword</c>, <c>Verify</c>, <c>VerifyPassword</c>.</summary>
        public static bool IsHashOrVerifyName(string name) =>
            name.StartsWith("Hash", System.StringComparison.Ordinal) || name.StartsWith("Verify", System.StringComparison.Ordinal);

        /// <summary>The password a parameter takes, named by it (<c>UserManager.CreateAsync(password)</c>, <c>BCrypt.Verify(text)</c>), of the password category.</summary>
        private TaintSet PasswordTakenBy(IParameterSymbol parameter)
        {
            var method = (IMethodSymbol)parameter.ContainingSymbol;
            var category = _identity.PasswordCategory;
            return Taint.Clean.Add(new TaintSource(method.ContainingType.Name + "." + method.Name + "(" + parameter.Name + ")", category, _identity.IsPolicyCategory(category), null, passesOnlyAsString: true));
        }

        /// <summary>
        /// The user member a look-up's string parameter names, ignoring case: <c>email</c>, <c>newEmail</c>,
        /// <c>emailAddress</c>, <c>emailOrUsername</c> the address (what the user is found by is at least their address
        /// or their name), <c>userName</c> the user name, <c>phoneNumber</c> the phone number, Identity's normalized
        /// copies their own; null for any other name.
        /// </summary>
        private static string? UserMemberNamedBy(string parameter)
        {
            var name = parameter.ToLowerInvariant();
            switch (name)
            {
                case "normalizedemail":
                    return "NormalizedEmail";
                case "normalizedusername":
                    return "NormalizedUserName";
                case "username":
                case "newusername":
                    return "UserName";
                case "phonenumber":
                case "newphonenumber":
                case "phone":
                    return "PhoneNumber";
            }

            return name.EndsWith("email", System.StringComparison.Ordinal) || name.EndsWith("emailaddress", System.StringComparison.Ordinal)
                || name.StartsWith("emailor", System.StringComparison.Ordinal) || name.EndsWith("oremail", System.StringComparison.Ordinal) ? "Email" : null;
        }

        /// <summary>
        /// A parameter of ASP.NET Core Identity's generic types that takes the password a user typed
        /// (<c>password</c>, <c>newPassword</c>, <c>currentPassword</c>, the hasher's <c>providedPassword</c>); not the
        /// stored hash (<c>hashedPassword</c>).
        /// </summary>
        private static bool IsPasswordParameter(IParameterSymbol parameter) =>
            IsPasswordName(parameter.Name) && parameter.ContainingSymbol is IMethodSymbol { ContainingType: var type } && IsIdentityGeneric(type);

        private static bool IsPasswordName(string name) => name is "password" or "newPassword" or "currentPassword" or "providedPassword";

        /// <summary>
        /// A method of ASP.NET Core Identity's generic types that takes the password a user typed (<see cref="IsPasswordParameter"/>),
        /// or of BCrypt.Net's hasher (<see cref="OfHasherArgument"/>). Asked of every call a gate scans: the type is looked at
        /// once, before any parameter.
        /// </summary>
        public static bool TakesPassword(IMethodSymbol method)
        {
            if (IsPasswordHasher(method))
            {
                return method.Parameters.Any(IsHasherKey);
            }

            if (!IsIdentityGeneric(method.ContainingType))
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type.SpecialType == SpecialType.System_String && IsPasswordName(parameter.Name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A generic type of ASP.NET Core Identity over its user type: <c>UserManager&lt;TUser&gt;</c>, <c>IUserEmailStore&lt;TUser&gt;</c>.</summary>
        public static bool IsIdentityGeneric(INamedTypeSymbol? type) =>
            type != null && type.TypeArguments.Length == 1 && Names.NamespaceIs(type.ContainingNamespace, "Microsoft.AspNetCore.Identity");

        /// <summary>
        /// A method whose result is known by its name alone: ASP.NET Core Identity's managers, and its password hasher and
        /// BCrypt.Net's (<c>HashPassword(user, password)</c>, <c>BCrypt.HashPassword(password)</c> return a hash of the
        /// password, not the user's data).
        /// </summary>
        public static bool IsWellKnown(IMethodSymbol method)
        {
            var type = method.ContainingType;
            return type != null
                && (((type.Name == "UserManager" || type.Name == "SignInManager" || type.Name == "PasswordHasher" || type.Name == "IPasswordHasher")
                        && Names.NamespaceIs(type.ContainingNamespace, "Microsoft.AspNetCore.Identity"))
                    || IsPasswordHasher(method));
        }

        private TaintSource Source(string display, string kind)
        {
            var category = _identity.CategoryOf(kind)!;
            return new TaintSource(display, category, _identity.IsPolicyCategory(category), null);
        }

        /// <summary>GetEmail, GetUserEmail, GetUserName, GetPhoneNumber (with Async) returning a string: what they get.</summary>
        private static string? AccessorKind(IMethodSymbol method)
        {
            var returns = Names.Awaited(method.ReturnType);
            if (returns.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            var name = method.Name.EndsWith("Async", System.StringComparison.Ordinal) ? method.Name.Substring(0, method.Name.Length - "Async".Length) : method.Name;
            switch (name)
            {
                case "GetEmail":
                case "GetUserEmail":
                case "GetEmailAddress":
                    return "email";
                case "GetUserName":
                case "GetUsername":
                    return "name";
                case "GetPhoneNumber":
                case "GetUserPhoneNumber":
                    return "phone";
                default:
                    return null;
            }
        }

        /// <summary>
        /// User.Identity.Name, the signed-in user's name claim as FindFirstValue(ClaimTypes.Name) reads it; User.Claims,
        /// every claim of the user, the name and e-mail among them, until a predicate on the claim's type picks some
        /// (<see cref="FilterClaims"/>).
        /// </summary>
        private TaintSet? OfPrincipal(IPropertySymbol property)
        {
            if (property.Name == "Name" && IdentityTypes.Contains(property.ContainingType.ToDisplayString()))
            {
                return Taint.Clean.Add(Source("IIdentity.Name", "name"));
            }

            return property.Name == "Claims" && IsPrincipal(property.ContainingType) ? AllClaims(property.ContainingType.Name) : null;
        }

        private TaintSet AllClaims(string owner) =>
            _calls.GetOrAdd(owner + ".Claims", display => Taint.Clean.Add(Source(display, "name")).Add(Source(display, "email")));

        /// <summary>
        /// What a structured logger writes of a whole principal or identity it destructures (<c>{@User}</c>): its
        /// members, the claims among them, so all of the user's claims; nothing for any other type.
        /// </summary>
        public TaintSet OfDestructured(ITypeSymbol? type) =>
            IsPrincipal(type) ? AllClaims(type!.Name.IndexOf("Identity", System.StringComparison.Ordinal) >= 0 ? "ClaimsIdentity" : "ClaimsPrincipal") : Taint.Clean;

        /// <summary>
        /// A principal or an identity: <c>ClaimsPrincipal</c>, <c>ClaimsIdentity</c>, or the interfaces ASP.NET Core
        /// hands them out as (<c>IPrincipal</c>, <c>IIdentity</c>), whose values there are always the claims types.
        /// </summary>
        public static bool IsPrincipal(ITypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            switch (type.Name)
            {
                case "ClaimsPrincipal":
                case "ClaimsIdentity":
                    return Names.NamespaceIs(type.ContainingNamespace, "System.Security.Claims");
                case "IPrincipal":
                case "IIdentity":
                    return Names.NamespaceIs(type.ContainingNamespace, "System.Security.Principal");
                default:
                    return false;
            }
        }

        /// <summary>True for a source that stands for all of a user's claims (<c>User.Claims</c>).</summary>
        public static bool IsAllClaims(TaintSource source) =>
            source.Member == "ClaimsPrincipal.Claims" || source.Member == "ClaimsIdentity.Claims";

        /// <summary>True when the taint holds all of a user's claims; asked of every library call's result, so no query.</summary>
        public static bool HasAllClaims(TaintSet taint)
        {
            foreach (var source in taint)
            {
                if (IsAllClaims(source))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// What a filter over all of a user's claims keeps (<c>Claims.FirstOrDefault(c =&gt; c.Type == "sub")</c>): a
        /// predicate that compares the claim's <c>Type</c> keeps the claims it names, personal (the e-mail, the name, the
        /// phone claims) or not (the id, the roles); any other predicate keeps them all.
        /// </summary>
        public TaintSet FilterClaims(TaintSet taint, SyntaxNode predicate)
        {
            if (!predicate.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax>().Any(a => a.Name.Identifier.ValueText == "Type"))
            {
                return taint;
            }

            return Taint.Union(taint.Where(t => !IsAllClaims(t)), ClaimsNamedIn(predicate));
        }

        /// <summary>
        /// The personal claims a predicate names: <c>ClaimTypes.Email</c>, <c>JwtRegisteredClaimNames.Name</c>, or the
        /// JWT's own names written as text (<c>"email"</c>). Read from its syntax, as a control-flow graph holds a lambda
        /// only as a reference to a graph of its own.
        /// </summary>
        private TaintSet ClaimsNamedIn(SyntaxNode predicate)
        {
            var named = Taint.Clean;
            foreach (var node in predicate.DescendantNodes())
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax type } access)
                {
                    var owner = type.Identifier.ValueText;
                    var name = access.Name.Identifier.ValueText;
                    if (ClaimKind(owner, name) is string kind)
                    {
                        named = Taint.Union(named, Claim(owner, name, kind));
                    }
                }
                else if (node is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax { Token: { Value: string text } })
                {
                    named = Taint.Union(named, ClaimTyped(text));
                }
            }

            return named;
        }

        private static readonly ImmutableDictionary<string, string> JwtNames = ImmutableDictionary.CreateRange(
            System.StringComparer.Ordinal,
            new[]
            {
                new KeyValuePair<string, string>("email", "Email"),
                new KeyValuePair<string, string>("name", "Name"),
                new KeyValuePair<string, string>("given_name", "GivenName"),
                new KeyValuePair<string, string>("family_name", "FamilyName"),
                new KeyValuePair<string, string>("preferred_username", "PreferredUsername"),
                new KeyValuePair<string, string>("unique_name", "UniqueName"),
                new KeyValuePair<string, string>("phone_number", "PhoneNumber"),
            });

        private const string ClaimTypesNamespace = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/";

        /// <summary>The personal <c>ClaimTypes</c> by the last segment of the URI each stands for.</summary>
        private static readonly ImmutableDictionary<string, string> ClaimTypeNames = ImmutableDictionary.CreateRange(
            System.StringComparer.Ordinal,
            new[]
            {
                new KeyValuePair<string, string>("emailaddress", "Email"),
                new KeyValuePair<string, string>("name", "Name"),
                new KeyValuePair<string, string>("givenname", "GivenName"),
                new KeyValuePair<string, string>("surname", "Surname"),
                new KeyValuePair<string, string>("mobilephone", "MobilePhone"),
                new KeyValuePair<string, string>("homephone", "HomePhone"),
                new KeyValuePair<string, string>("otherphone", "OtherPhone"),
            });

        /// <summary>
        /// A personal claim type written as text: a JWT name (<c>"email"</c>), the URI a <c>ClaimTypes</c> constant stands
        /// for, an external login provider's own name or e-mail claim (<c>"urn:twitter:screenname"</c>), or a type the
        /// application names itself (<see cref="AppClaimKind"/>). Read at every pass over a <c>FindFirst("...")</c>, so
        /// each text is looked at once per compilation, clean ones included.
        /// </summary>
        private TaintSet ClaimTyped(string text) => _claimTexts.GetOrAdd(text, _classifyClaimText ??= ClassifyClaimText);

        private TaintSet ClassifyClaimText(string text)
        {
            if (JwtNames.TryGetValue(text, out var jwt))
            {
                return Claim("JwtRegisteredClaimNames", jwt, ClaimKind("JwtRegisteredClaimNames", jwt)!);
            }

            if (text.StartsWith(ClaimTypesNamespace, System.StringComparison.Ordinal)
                && ClaimTypeNames.TryGetValue(text.Substring(ClaimTypesNamespace.Length), out var field))
            {
                return Claim("ClaimTypes", field, ClaimKind("ClaimTypes", field)!);
            }

            if (text.StartsWith("urn:", System.StringComparison.Ordinal))
            {
                var kind = text.Substring(text.LastIndexOf(':') + 1) switch
                {
                    "name" => "name",
                    "screenname" => "name",
                    "email" => "email",
                    _ => null,
                };
                if (kind != null)
                {
                    return _calls.GetOrAdd("claim " + text, display => Taint.Clean.Add(Source(display, kind)));
                }
            }

            // A type the application names itself, as its own login writes it: "EmailAddress", "UserName", "phone_number".
            if (AppClaimKind(text) is string own)
            {
                return _calls.GetOrAdd("claim " + text, display => Taint.Clean.Add(Source(display, own)));
            }

            return Taint.Clean;
        }

        /// <summary>
        /// The kind of a claim type an application names itself, by its letters alone (case, <c>_</c>, <c>-</c> and
        /// <c>.</c> aside): only names that say the value is the person's address, name or number, never a flag about it
        /// (<c>"email_verified"</c>) or a URI.
        /// </summary>
        private static string? AppClaimKind(string text)
        {
            if (text.Length > 40 || text.IndexOf(':') >= 0 || text.IndexOf('/') >= 0)
            {
                return null;
            }

            var letters = new System.Text.StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (char.IsLetterOrDigit(c))
                {
                    letters.Append(char.ToLowerInvariant(c));
                }
                else if (c != '_' && c != '-' && c != '.')
                {
                    return null;
                }
            }

            switch (letters.ToString())
            {
                case "email":
                case "emailaddress":
                case "useremail":
                case "useremailaddress":
                    return "email";
                case "name":
                case "username":
                case "userfullname":
                case "fullname":
                case "displayname":
                case "givenname":
                case "firstname":
                case "familyname":
                case "lastname":
                case "surname":
                case "preferredusername":
                case "uniquename":
                    return "name";
                case "phone":
                case "phonenumber":
                case "userphone":
                case "userphonenumber":
                case "mobile":
                case "mobilephone":
                case "mobilenumber":
                    return "phone";
                default:
                    return null;
            }
        }

        private TaintSet Claim(string owner, string name, string kind) =>
            _calls.GetOrAdd("claim " + owner + "." + name, display => Taint.Clean.Add(Source(display, kind)));

        private static string? ClaimKind(string owner, string name)
        {
            if (owner != "ClaimTypes" && owner != "JwtRegisteredClaimNames")
            {
                return null;
            }

            switch (name)
            {
                case "Email":
                    return "email";
                case "Name":
                case "GivenName":
                case "Surname":
                case "FamilyName":
                case "UniqueName":
                case "PreferredUsername":
                    return "name";
                case "MobilePhone":
                case "HomePhone":
                case "OtherPhone":
                case "PhoneNumber":
                    return "phone";
                default:
                    return null;
            }
        }

        /// <summary>
        /// True when the type itself declares (or inherits) personal members, so that reading one of its members reads
        /// only that member; false for collections, groupings and tasks, whose members carry what their elements do.
        /// </summary>
        public bool DeclaresPersonalMembers(ITypeSymbol? type) =>
            type != null && IsClassified(type) && type.TypeKind != TypeKind.Array
            && !(type is INamedTypeSymbol { IsGenericType: true } named && named.Locations.All(l => !l.IsInSource) && Names.RootNamespaceIs(named.ContainingNamespace, "System"));

        /// <summary>True when a parameter carries an Octopus.Privacy.Compliance category classification (a <c>PrivacyCategoryAttribute</c> subclass).</summary>
        public bool IsPrivacyCategoryParameter(IParameterSymbol parameter) =>
            _symbols.PrivacyCategory != null
            && parameter.OriginalDefinition.GetAttributes().Any(a => a.AttributeClass != null && PrivacySymbols.IsOrDerives(a.AttributeClass, _symbols.PrivacyCategory));

        /// <summary>A classification's name as findings show it: the attribute's name without "Attribute" (<c>PrivateData</c>).</summary>
        private static string ClassificationName(INamedTypeSymbol attribute) =>
            attribute.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? attribute.Name.Substring(0, attribute.Name.Length - "Attribute".Length) : attribute.Name;

        /// <summary>
        /// The policy category a <c>PrivacyCategoryAttribute</c> subclass passes to its base constructor, read from its
        /// source (a primary constructor's base argument or a constructor's <c>base(...)</c>), when it is a string literal.
        /// </summary>
        private string? PrivacyCategoryOf(INamedTypeSymbol attribute)
        {
            var type = attribute;
            while (type.BaseType != null && !SymbolEqualityComparer.Default.Equals(type.BaseType, _symbols.PrivacyCategory))
            {
                type = type.BaseType;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (!(reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax declaration))
                {
                    continue;
                }

                var fromBase = declaration.BaseList?.Types.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.PrimaryConstructorBaseTypeSyntax>().FirstOrDefault()?.ArgumentList.Arguments.FirstOrDefault();
                var fromConstructor = declaration.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax>()
                    .Select(c => c.Initializer).FirstOrDefault(i => i != null && i.ThisOrBaseKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.BaseKeyword))?.ArgumentList.Arguments.FirstOrDefault();
                if ((fromBase ?? fromConstructor)?.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax literal
                    && literal.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StringLiteralExpression) && literal.Token.ValueText.Length > 0)
                {
                    return literal.Token.ValueText;
                }
            }

            return null;
        }

        /// <summary>True when a parameter carries a Microsoft.Extensions.Compliance data classification.</summary>
        public bool IsClassifiedParameter(IParameterSymbol parameter) => OfMember(parameter.OriginalDefinition).Any(t => t.IsClassification);

        /// <summary>True when the type has personal members of its own, so only those members carry taint.</summary>
        public bool IsClassified(ITypeSymbol? type) => !OfType(type).IsEmpty;

        /// <summary>The compilation's own classes that Identity manages as users, read on first need.</summary>
        private ApplicationUserTypes ApplicationUsers =>
            System.Threading.Volatile.Read(ref _applicationUsers)
            ?? System.Threading.Interlocked.CompareExchange(ref _applicationUsers, ApplicationUserTypes.Read(_symbols.Assembly), null)
            ?? _applicationUsers!;

        /// <summary>
        /// The members of the application's own types that its code makes a personal claim of
        /// (<c>new Claim(ClaimTypes.Email, user.Email)</c> in its token service), each with the claim: read at the first
        /// text member classified.
        /// </summary>
        private Dictionary<ISymbol, TaintSet> ClaimedMembers =>
            System.Threading.Volatile.Read(ref _claimedMembers)
            ?? System.Threading.Interlocked.CompareExchange(ref _claimedMembers, _readClaimedMembers(), null)
            ?? _claimedMembers!;

        /// <summary>Which referenced assemblies can carry an attribute at all; built at the first member or type classified.</summary>
        private ClassifiableAssemblies Classifiable =>
            System.Threading.Volatile.Read(ref _classifiable)
            ?? System.Threading.Interlocked.CompareExchange(ref _classifiable, new ClassifiableAssemblies(_symbols.Assembly, new[] { _symbols.Pii, _symbols.PersonalData, _symbols.PrivacyCategory, _symbols.DataClassification }), null)
            ?? _classifiable!;

        private TaintSet Classify(ISymbol member)
        {
            if (member is IPropertySymbol { Name: "Name" or "Claims", IsStatic: false } principalMember && OfPrincipal(principalMember) is { } principal)
            {
                return principal;
            }

            if (member is IPropertySymbol { IsStatic: false, Type.SpecialType: SpecialType.System_String } userMember
                && ApplicationUserTypes.UserMemberSpelled(userMember.Name) is string userMemberName && _identity.CategoryOfUserMember(userMemberName) is string userCategory
                && !Names.IsIdentityUser(userMember.ContainingType.OriginalDefinition) && userMember.OverriddenProperty == null && ApplicationUsers.Contains(userMember.ContainingType))
            {
                // The application's own user class that Identity manages (UserManager<User> over its own store), or its
                // own account that keeps a password's hash: its address, name and phone number are the user's, as
                // IdentityUser's are, whatever assembly declares it and however it spells them (Username).
                var declared = FromAttributes(member, member.GetAttributes());
                return declared.IsEmpty ? Taint.Clean.Add(new TaintSource(Display(member), userCategory, _identity.IsPolicyCategory(userCategory), member.Locations.FirstOrDefault(l => l.IsInSource))) : declared;
            }

            if ((member is IPropertySymbol { IsStatic: false, Type.SpecialType: SpecialType.System_String } || member is IFieldSymbol { IsStatic: false, Type.SpecialType: SpecialType.System_String })
                && ClaimedMembers.TryGetValue(member.OriginalDefinition, out var claim))
            {
                // The application's own user entity whose address it puts in the e-mail claim of its tokens: the
                // user's address wherever the application reads it, as its own code says, unless the member says more.
                var declared = Classifiable.MayClassify(member.ContainingAssembly) ? FromAttributes(member, member.GetAttributes()) : Taint.Clean;
                if (!declared.IsEmpty)
                {
                    return declared;
                }

                var location = member.Locations.FirstOrDefault(l => l.IsInSource);
                return claim.Select(c => new TaintSource(Display(member), c.Category, c.IsPolicyCategory, location));
            }

            if (!Classifiable.MayClassify(member.ContainingAssembly))
            {
                // A member of a framework or library that cannot see any of the attributes: no attribute to read.
                return Taint.Clean;
            }

            var attributes = member is IMethodSymbol method ? method.GetReturnTypeAttributes() : member.GetAttributes();
            var sources = FromAttributes(member, attributes);
            if (sources.IsEmpty && IsNormalizedCopy(member) && _identity.IsIdentityUserMember(member, out var copied) && copied != null)
            {
                // Identity keeps the e-mail address and the user name a second time, upper-cased for look-ups, without
                // [ProtectedPersonalData]: the same personal data.
                return sources.Add(new TaintSource(Display(member), copied, _identity.IsPolicyCategory(copied), member.Locations.FirstOrDefault(l => l.IsInSource)));
            }

            if (sources.IsEmpty && member is IPropertySymbol { OverriddenProperty: IPropertySymbol overridden })
            {
                // An override of IdentityUser.Email keeps the base declaration's [ProtectedPersonalData].
                return OfMember(overridden);
            }
            if (sources.IsEmpty && member is IPropertySymbol property && property.ContainingType.IsRecord)
            {
                // [Pii] on a record's positional parameter, without "property:", stays on the parameter.
                var parameter = property.ContainingType.InstanceConstructors
                    .SelectMany(c => c.Parameters)
                    .FirstOrDefault(p => p.Name == property.Name && SymbolEqualityComparer.Default.Equals(p.Type, property.Type));
                if (parameter != null)
                {
                    sources = FromAttributes(member, parameter.GetAttributes());
                }
            }

            return sources;
        }

        /// <summary>A user's <c>NormalizedEmail</c> or <c>NormalizedUserName</c> (declared by Identity's <c>IdentityUser</c>).</summary>
        internal static bool IsNormalizedCopy(ISymbol member) =>
            member is IPropertySymbol { Name: "NormalizedEmail" or "NormalizedUserName", IsStatic: false } property
            && Names.IsIdentityUser(property.ContainingType?.OriginalDefinition);

        private TaintSet FromAttributes(ISymbol member, ImmutableArray<AttributeData> attributes)
        {
            var sources = Taint.Clean;
            foreach (var attribute in attributes)
            {
                var attributeClass = attribute.AttributeClass;
                if (attributeClass == null)
                {
                    continue;
                }

                string? category = null;
                var isPolicyCategory = false;
                var isClassification = false;
                if (SymbolEqualityComparer.Default.Equals(attributeClass, _symbols.Pii))
                {
                    category = PrivacySymbols.SingleString(attribute);
                    category = category ?? "personal data";
                    isPolicyCategory = true;
                }
                else if (_symbols.PersonalData != null && PrivacySymbols.IsOrDerives(attributeClass, _symbols.PersonalData))
                {
                    if (_identity.IsIdentityUserMember(member, out var mapped))
                    {
                        if (mapped == null)
                        {
                            // The pseudonymous key and the flags and counters of an Identity user: not reported by default.
                            continue;
                        }

                        category = mapped;
                        isPolicyCategory = _identity.IsPolicyCategory(mapped);
                    }
                    else
                    {
                        category = "personal data";
                    }
                }
                else if (_symbols.PrivacyCategory != null && PrivacySymbols.IsOrDerives(attributeClass, _symbols.PrivacyCategory)
                    && !SymbolEqualityComparer.Default.Equals(attributeClass, _symbols.PrivacyCategory))
                {
                    // [Email] with class EmailAttribute() : PrivacyCategoryAttribute("contact.email"): the category the
                    // subclass passes to its base, when its source says so; otherwise, like any classification.
                    var named = _privacyCategories.GetOrAdd(attributeClass, c => PrivacyCategoryOf((INamedTypeSymbol)c));
                    category = named ?? ClassificationName(attributeClass);
                    isPolicyCategory = named != null;
                    isClassification = true;
                }
                else if (_symbols.DataClassification != null && PrivacySymbols.IsOrDerives(attributeClass, _symbols.DataClassification)
                    && !SymbolEqualityComparer.Default.Equals(attributeClass, _symbols.DataClassification))
                {
                    category = ClassificationName(attributeClass);
                    isClassification = true;
                }

                if (category != null)
                {
                    sources = sources.Add(new TaintSource(Display(member), category, isPolicyCategory, member.Locations.FirstOrDefault(l => l.IsInSource), isClassification));
                }
            }

            return sources;
        }

        private TaintSet ClassifyType(ITypeSymbol type, int depth, ImmutableHashSet<ITypeSymbol> visiting)
        {
            if (depth <= 0 || visiting.Contains(type) || type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Enum)
            {
                return Taint.Clean;
            }

            visiting = visiting.Add(type);
            if (type is IArrayTypeSymbol array)
            {
                return ClassifyType(array.ElementType, depth, visiting);
            }

            var sources = Taint.Clean;
            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task && Names.IsTaskType(task))
            {
                // FindByEmailAsync returns Task<ApplicationUser>: the awaited user carries what a user carries.
                return ClassifyType(task.TypeArguments[0], depth, visiting);
            }

            // A generic collection (List<Customer>, IEnumerable<Customer>, ...) carries what its elements carry: the
            // elements it enumerates, not every type argument (EF Core's IIncludableQueryable<Series, Library> holds
            // series; the included library is reached through them).
            if (type is INamedTypeSymbol named && named.IsGenericType && named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable))
            {
                var element = TextForms.SequenceElement(named);
                var parts = element is INamedTypeSymbol { IsGenericType: true } pair && pair.Locations.All(l => !l.IsInSource) && Names.RootNamespaceIs(pair.ContainingNamespace, "System")
                    ? pair.TypeArguments // KeyValuePair<TKey, TValue>, IGrouping<TKey, TElement>, tuples: each part.
                    : element != null ? ImmutableArray.Create(element) : named.TypeArguments;
                foreach (var argument in parts)
                {
                    sources = Taint.Union(sources, ClassifyType(argument, depth, visiting));
                }

                return sources;
            }

            if (type.Locations.All(l => !l.IsInSource) && (!Classifiable.MayClassify(type) || Names.RootNamespaceIs(type.ContainingNamespace, "System")) && !ApplicationUsers.Contains(type))
            {
                // The runtime's types, and a library's that can carry no attribute (MVC's controller base, HttpContext):
                // nothing to find among their members, however many they have.
                return Taint.Clean;
            }

            foreach (var (member, memberType) in DataMembers(type))
            {
                if (IsNormalizedCopy(member))
                {
                    // What a user holds is named once: its e-mail address, not also the upper-cased copy of it.
                    continue;
                }

                sources = Taint.Union(sources, Taint.Held(OfMember(member)));

                if (depth > 1)
                {
                    sources = Taint.Union(sources, Classified(memberType, depth - 1));
                }
            }

            return sources;
        }

        /// <summary>
        /// What a serializer, a structured logger or a record's <c>ToString()</c> sees of a type: its public instance
        /// properties (not indexers) and fields, its own and those it inherits (an <c>ApplicationUser</c> carries
        /// <c>IdentityUser.Email</c>), each with its type.
        /// </summary>
        public static IEnumerable<(ISymbol Member, ITypeSymbol Type)> DataMembers(ITypeSymbol type)
        {
            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member.DeclaredAccessibility != Accessibility.Public || member.IsStatic)
                    {
                        continue;
                    }

                    if (member is IPropertySymbol { IsIndexer: false } property)
                    {
                        yield return (member, property.Type);
                    }
                    else if (member is IFieldSymbol { IsImplicitlyDeclared: false } field)
                    {
                        yield return (member, field.Type);
                    }
                }
            }
        }

        private static string Display(ISymbol member) => member switch
        {
            IParameterSymbol parameter => "parameter '" + parameter.Name + "'",
            IMethodSymbol method => method.ContainingType.Name + "." + method.Name + "()",
            _ => member.ContainingType.Name + "." + member.Name,
        };
    }
}
