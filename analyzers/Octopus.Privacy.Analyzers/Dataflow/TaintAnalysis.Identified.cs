using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>
    /// Values a method itself says are personal data: a string it stores in a personal member
    /// (<c>new ApplicationUser { UserName = userName }</c>, <c>customer.Email = dto.Email</c>) or hands to ASP.NET Core
    /// Identity as a user's e-mail, name, phone number or password (<c>FindByEmailAsync(model.Email)</c>) or to BCrypt.Net's
    /// hasher as a password (<c>BCrypt.Verify(model.Password, hash)</c>), or to the application's own
    /// look-up of such a user (<c>_users.GetUserByEmailAsync(email)</c> returning an <c>IdentityUser</c>), or makes a personal
    /// claim of (<c>new Claim(ClaimTypes.Email, user.Email)</c>), is that personal data
    /// wherever the method reads it, before the store as after it: <c>LogWarning("No user {Email}", model.Email)</c>.
    /// </summary>
    internal sealed partial class TaintAnalysis
    {
        private static readonly Dictionary<object, TaintSet> NothingIdentified = new Dictionary<object, TaintSet>();

        /// <summary>
        /// What the analyzed method says its locals, parameters and their members hold (as this part of the type describes), keyed as
        /// the state is: the local or parameter, or <see cref="FlowKeys.Member(object, ISymbol)"/> of one. One scan of the
        /// method's operations (lambdas and local functions included, which share it).
        /// </summary>
        private static Dictionary<object, TaintSet> Identified(PrivacyContext context, IOperation root)
        {
            Dictionary<object, TaintSet>? identified = null;
            List<(ILocalSymbol Local, IOperation Value)>? aliases = null;
            List<(IOperation Value, TaintSet Claim)>? claims = null;
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (LocalGiven(operation, out var given) is ILocalSymbol local)
                {
                    NoteAlias(ref aliases, local, given);
                    continue;
                }

                switch (operation.Kind)
                {
                    case OperationKind.SimpleAssignment:
                        var assignment = (ISimpleAssignmentOperation)operation;
                        if (assignment.Target is IPropertyReferenceOperation { Property: var copy } && PiiSources.IsNormalizedCopy(copy))
                        {
                            // NormalizedEmail = email.ToUpperInvariant(), Identity's look-up copy beside Email = email: the
                            // plain member names the value.
                            break;
                        }

                        var stored = assignment.Target switch
                        {
                            IPropertyReferenceOperation property => Own(context.Sources.OfMember(property.Property)),
                            IFieldReferenceOperation field => Own(context.Sources.OfMember(field.Field)),
                            _ => Taint.Clean,
                        };
                        Note(context, ref identified, assignment.Value, stored);
                        break;

                    case OperationKind.Invocation:
                        var invocation = (IInvocationOperation)operation;
                        if (ComparedTexts(invocation) is (IOperation first, IOperation second))
                        {
                            // u.Email.ToLower().Equals(email.ToLower()), string.Equals(u.UserName, name, comparison): as ==.
                            NoteCompared(context, ref identified, first, second);
                            NoteCompared(context, ref identified, second, first);
                            break;
                        }

                        if (PiiSources.IsPasswordHasher(invocation.TargetMethod) || PiiSources.IsHasherByName(invocation.TargetMethod))
                        {
                            // BCrypt.Verify(model.Password, user.PasswordHash), or the application's own _passwords.Hash(password):
                            // what the user typed.
                            foreach (var argument in invocation.Arguments)
                            {
                                if (argument.Parameter != null)
                                {
                                    Note(context, ref identified, argument.Value, context.Sources.OfHasherArgument(argument.Parameter));
                                }
                            }

                            break;
                        }

                        if (!(context.Sources.UserTypeGivenTo(invocation.TargetMethod) is ITypeSymbol user))
                        {
                            break;
                        }

                        foreach (var argument in invocation.Arguments)
                        {
                            if (argument.Parameter != null)
                            {
                                Note(context, ref identified, argument.Value, Own(context.Sources.OfUserArgument(user, argument.Parameter)));
                            }
                        }

                        break;

                    case OperationKind.Binary when ((IBinaryOperation)operation).OperatorKind == BinaryOperatorKind.Equals:
                        // db.Users.SingleOrDefaultAsync(u => u.Email == email), if (user.UserName == form.UserName): the value
                        // a user is found or matched by is what the member it is compared with holds.
                        var comparison = (IBinaryOperation)operation;
                        NoteCompared(context, ref identified, comparison.LeftOperand, comparison.RightOperand);
                        NoteCompared(context, ref identified, comparison.RightOperand, comparison.LeftOperand);
                        break;

                    case OperationKind.ObjectCreation:
                        // new Claim(ClaimTypes.Email, user.Email): the value a personal claim is made of is what the claim
                        // says it is, as reading that claim is.
                        if (ClaimMadeOf((IObjectCreationOperation)operation, context) is (IOperation value, TaintSet claim))
                        {
                            (claims ??= new List<(IOperation, TaintSet)>()).Add((value, claim));
                        }

                        break;
                }
            }

            if (claims != null)
            {
                // After the rest: a claim names only what nothing else the method says of the value does
                // (new ApplicationUser { UserName = form.UserName } and new Claim(ClaimTypes.Name, form.UserName): a user name).
                // A member personal of its own (new Claim(ClaimTypes.Email, user.Email) of an Identity user) keeps its name.
                foreach (var (value, claim) in claims)
                {
                    var read = WithoutNormalizers(value);
                    var known = identified != null && KeyOf(read, 3) is object key && identified.TryGetValue(key, out var held) ? held : Taint.Clean;
                    known = Taint.Union(known, OwnSourceOf(context, read));
                    Note(context, ref identified, value, known.IsEmpty ? claim : claim.Where(t => !NamesCategory(known, t.Category)));
                }
            }

            if (identified != null && aliases != null)
            {
                // var userName = Input.EmailOrUsername; ... FindByEmailAsync(userName): the member the local was read from
                // holds what the local does, wherever the method reads it (the log of the attempt before the look-up).
                // Once over the locals' reads, last written first, so that a local read from another local
                // (var name = userName) names what the first one was read from too.
                var known = identified;
                for (var i = aliases.Count - 1; i >= 0; i--)
                {
                    if (known.TryGetValue(aliases[i].Local, out var held))
                    {
                        Note(context, ref identified, aliases[i].Value, held);
                    }
                }
            }

            return identified ?? NothingIdentified;
        }

        /// <summary>
        /// The value and the claim of <c>new Claim(type, value)</c> when the type is a personal one (<c>ClaimTypes.Email</c>,
        /// <c>"name"</c>: as <see cref="PiiSources.OfClaimType"/> reads it); null for any other creation, and for a value
        /// read from a key (<c>user.Id</c>, <c>userId</c>), which an application may put in a name claim and stays the key.
        /// </summary>
        internal static (IOperation Value, TaintSet Claim)? ClaimMadeOf(IObjectCreationOperation creation, PrivacyContext context)
        {
            if (!(creation.Constructor is { ContainingType: { Name: "Claim" } claimType } constructor)
                || !Names.NamespaceIs(claimType.ContainingNamespace, "System.Security.Claims")
                || constructor.Parameters.Length < 2
                || constructor.Parameters[0].Name != "type"
                || constructor.Parameters[1].Name != "value")
            {
                return null;
            }

            IOperation? type = null;
            IOperation? value = null;
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    type = argument.Value;
                }
                else if (argument.Parameter?.Ordinal == 1)
                {
                    value = argument.Value;
                }
            }

            if (type == null || value == null || NamesKey(WithoutNormalizers(value)))
            {
                return null;
            }

            var claim = context.Sources.OfClaimType(type);
            return claim.IsEmpty ? ((IOperation, TaintSet)?)null : (value, claim);
        }

        /// <summary>
        /// The members of the application's own types that a personal claim is made of, read plainly
        /// (<c>new Claim(ClaimTypes.Email, user.Email)</c>, <c>user.FullName ?? ""</c>, <c>user.Email.ToLower()</c>) or put
        /// together (<c>$"{user.FirstName} {user.LastName}"</c>), and the claim: the application says so of those members
        /// wherever they are read. None for a member of the framework's or a library's types, a key (<c>user.Id</c>), and
        /// any other value (a local, a parameter, a call's result).
        /// </summary>
        internal static (List<ISymbol> Members, TaintSet Claim)? ClaimedMembers(IObjectCreationOperation creation, PrivacyContext context)
        {
            if (!(ClaimMadeOf(creation, context) is (IOperation value, TaintSet claim)))
            {
                return null;
            }

            var members = new List<ISymbol>();
            AddClaimedMembers(value, members, 0);
            return members.Count == 0 ? null : (members, claim);
        }

        private static void AddClaimedMembers(IOperation value, List<ISymbol> members, int depth)
        {
            value = PrivacyContext.Unconverted(WithoutNormalizers(value))!;
            switch (value)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation when depth < 8:
                    AddClaimedMembers(concatenation.LeftOperand, members, depth + 1);
                    AddClaimedMembers(concatenation.RightOperand, members, depth + 1);
                    break;
                case IInterpolatedStringOperation interpolated when depth < 8:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation interpolation)
                        {
                            AddClaimedMembers(interpolation.Expression, members, depth + 1);
                        }
                    }

                    break;
                case IMemberReferenceOperation { Member: var member } read when (read is IPropertyReferenceOperation || read is IFieldReferenceOperation)
                    && !member.IsStatic && member.ContainingType != null && !NamesKey(read)
                    && !Names.RootNamespaceIs(member.ContainingType.ContainingNamespace, "System")
                    && !Names.RootNamespaceIs(member.ContainingType.ContainingNamespace, "Microsoft"):
                    members.Add(member.OriginalDefinition);
                    break;
            }
        }

        /// <summary>
        /// Notes <paramref name="value"/> as holding what <paramref name="member"/> holds of its own when the member is a
        /// personal property (an Identity user's <c>Email</c>, a <c>[Pii]</c> member) the value is compared equal with.
        /// </summary>
        private static void NoteCompared(PrivacyContext context, ref Dictionary<object, TaintSet>? identified, IOperation member, IOperation value)
        {
            // x.Email!.ToLower() == email.ToLower(): the member read before its case or spaces are changed.
            if (!(PrivacyContext.Unconverted(WithoutNormalizers(member)) is IPropertyReferenceOperation { Property: var property }))
            {
                return;
            }

            if (PiiSources.IsNormalizedCopy(property) && PlainOf(property) is IPropertySymbol plain)
            {
                // u.NormalizedEmail == email.ToUpperInvariant(): the value is the address, named as Email.
                property = plain;
            }

            if (Own(context.Sources.OfMember(property)) is { IsEmpty: false } held)
            {
                Note(context, ref identified, value, held);
            }
        }

        /// <summary>
        /// The two texts a call of <c>string</c>'s <c>Equals</c> compares: the instance and the argument of
        /// <c>a.Equals(b)</c> or <c>a.Equals(b, comparison)</c>, the two arguments of <c>string.Equals(a, b)</c> or
        /// <c>string.Equals(a, b, comparison)</c>; null for any other call.
        /// </summary>
        private static (IOperation First, IOperation Second)? ComparedTexts(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.Name != nameof(string.Equals) || method.ContainingType?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            IOperation? first = invocation.Instance;
            IOperation? second = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.SpecialType != SpecialType.System_String)
                {
                    continue;
                }

                if (first == null)
                {
                    first = argument.Value;
                }
                else
                {
                    second = argument.Value;
                }
            }

            return first == null || second == null ? ((IOperation, IOperation)?)null : (first, second);
        }

        /// <summary>
        /// The plain member Identity's normalized copy is made from: <c>Email</c> for <c>NormalizedEmail</c>, declared beside
        /// it on <c>IdentityUser&lt;TKey&gt;</c> (<see cref="PiiSources.IsNormalizedCopy"/>).
        /// </summary>
        private static IPropertySymbol? PlainOf(IPropertySymbol copy)
        {
            foreach (var member in copy.ContainingType.GetMembers(copy.Name == "NormalizedEmail" ? "Email" : "UserName"))
            {
                if (member is IPropertySymbol plain)
                {
                    return plain;
                }
            }

            return null;
        }

        /// <summary>What a read of a member or parameter is of its own (an Identity user's <c>Email</c>, a <c>[Pii]</c> member); clean for anything else.</summary>
        private static TaintSet OwnSourceOf(PrivacyContext context, IOperation value) =>
            PrivacyContext.Unconverted(value) switch
            {
                IMemberReferenceOperation member => context.Sources.OfMember(member.Member),
                IParameterReferenceOperation parameter => context.Sources.OfMember(parameter.Parameter),
                _ => Taint.Clean,
            };

        /// <summary>A read of a member, parameter or local whose name says it is a key: <c>Id</c>, <c>UserId</c>, <c>userId</c>.</summary>
        private static bool NamesKey(IOperation value)
        {
            var name = PrivacyContext.Unconverted(value) switch
            {
                IMemberReferenceOperation member => member.Member.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                ILocalReferenceOperation local => local.Local.Name,
                _ => null,
            };
            return name != null && (name == "id" || name.EndsWith("Id", StringComparison.Ordinal));
        }

        /// <summary>
        /// Adds <paramref name="holds"/> to what <paramref name="identified"/> says of each plain read <paramref name="local"/>
        /// is given in <paramref name="root"/> (<see cref="NoteAlias"/>), and of what those locals were given in turn,
        /// <paramref name="depth"/> locals deep: a callee said what the local holds while the method was analysed.
        /// </summary>
        private static void NoteAliasesOf(PrivacyContext context, IOperation root, ILocalSymbol local, TaintSet holds, Dictionary<object, TaintSet> identified, int depth)
        {
            List<(ILocalSymbol Local, IOperation Value)>? aliases = null;
            foreach (var operation in root.Descendants())
            {
                if (SymbolEqualityComparer.Default.Equals(LocalGiven(operation, out var given), local))
                {
                    NoteAlias(ref aliases, local, given);
                }
            }

            if (aliases == null)
            {
                return;
            }

            foreach (var alias in aliases)
            {
                var found = identified;
                Note(context, ref found, alias.Value, holds);
                if (depth > 0 && KeyOf(WithoutNormalizers(alias.Value), 3) is ILocalSymbol other && !SymbolEqualityComparer.Default.Equals(other, local))
                {
                    NoteAliasesOf(context, root, other, holds, identified, depth - 1);
                }
            }
        }

        /// <summary>
        /// The local <paramref name="operation"/> gives a value (a declarator, with its initializer if any, or a plain
        /// assignment to the local), and that value in <paramref name="value"/>; null for any other operation.
        /// </summary>
        private static ILocalSymbol? LocalGiven(IOperation operation, out IOperation? value)
        {
            // By kind first: the scan meets every operation of the method.
            if (operation.Kind == OperationKind.VariableDeclarator)
            {
                var declarator = (IVariableDeclaratorOperation)operation;
                value = declarator.Initializer?.Value;
                return declarator.Symbol;
            }

            if (operation.Kind == OperationKind.SimpleAssignment && ((ISimpleAssignmentOperation)operation).Target is ILocalReferenceOperation target)
            {
                value = ((ISimpleAssignmentOperation)operation).Value;
                return target.Local;
            }

            value = null;
            return null;
        }

        /// <summary>The text a chain of <see cref="IsCaseOrSpaceNormalizer"/> calls starts from, or given a constant for null.</summary>
        private static IOperation WithoutNormalizers(IOperation value)
        {
            while (true)
            {
                if (value is IInvocationOperation { Instance: { } text } normalized && IsCaseOrSpaceNormalizer(normalized.TargetMethod))
                {
                    value = text;
                }
                else if (value is ICoalesceOperation { Value: var read, WhenNull: var fallback } && (fallback.ConstantValue.HasValue || IsEmptyString(fallback)))
                {
                    // new Claim("FullName", user.FullName ?? ""), FindByEmailAsync(req.Email ?? string.Empty): the value
                    // when there is one.
                    value = read;
                }
                else
                {
                    return value;
                }
            }
        }

        /// <summary><c>string.Empty</c>, which is a field, not a constant.</summary>
        private static bool IsEmptyString(IOperation value) =>
            PrivacyContext.Unconverted(value) is IFieldReferenceOperation { Field: { Name: nameof(string.Empty), ContainingType.SpecialType: SpecialType.System_String } };

        /// <summary>
        /// A local given a plain read of a local, a parameter or a member of one (<c>var email = model.Email.Trim()</c>):
        /// a name for that value.
        /// </summary>
        private static void NoteAlias(ref List<(ILocalSymbol Local, IOperation Value)>? aliases, ILocalSymbol local, IOperation? value)
        {
            if (value != null && value.Type?.SpecialType == SpecialType.System_String && KeyOf(WithoutNormalizers(value), 3) != null)
            {
                aliases ??= new List<(ILocalSymbol Local, IOperation Value)>();
                aliases.Add((local, value));
            }
        }

        /// <summary>
        /// What a method says the members of its first parameter hold, secrets included: a mediator's handler that hands
        /// <c>request.Password</c> to a hasher or <c>request.Email</c> to <c>FindByEmailAsync</c>. A pipeline stage that
        /// writes the request writes those members of that very object. Clean when the method's body is not here.
        /// </summary>
        internal static TaintSet IdentifiedInFirstParameter(PrivacyContext context, IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.Parameters.IsEmpty)
            {
                return Taint.Clean;
            }

            var parameter = method.Parameters[0];
            var held = Taint.Clean;
            var path = new List<object>();
            foreach (var body in BodiesHere(context, method, cancellationToken))
            {
                foreach (var pair in Identified(context, body))
                {
                    if (FlowKeys.RootOf(pair.Key, path) is IParameterSymbol root && path.Count == 1 && SymbolEqualityComparer.Default.Equals(root, parameter))
                    {
                        held = Taint.Union(held, pair.Value);
                    }
                }
            }

            return held;
        }

        /// <summary>The bodies a method declares in this compilation (one, or a partial method's parts).</summary>
        private static IEnumerable<IOperation> BodiesHere(PrivacyContext context, IMethodSymbol method, CancellationToken cancellationToken)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                if (context.InCompilation(syntax.SyntaxTree) && context.ModelOf(syntax.SyntaxTree).GetOperation(syntax, cancellationToken) is IOperation body)
                {
                    yield return body;
                }
            }
        }

        /// <summary>
        /// What the methods of <paramref name="type"/> say members of their own object hold (<c>Input.Email</c> on a page
        /// whose handler registers the user with it, <c>_email</c> stored in a user's <c>Email</c>): keys rooted at
        /// <see cref="FlowKeys.This"/> only, one <see cref="Identified"/> scan of each method, constructor and accessor
        /// body the compilation declares. Another method of the object reading that member (the page's own helper that
        /// mails <c>Input.Email</c>) reads the same member of the same object.
        /// </summary>
        internal static Dictionary<object, TaintSet> IdentifiedMembersOf(PrivacyContext context, INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            Dictionary<object, TaintSet>? found = null;
            foreach (var member in type.GetMembers())
            {
                if (!(member is IMethodSymbol { IsStatic: false, IsImplicitlyDeclared: false } method) || method.Name == "BuildRenderTree")
                {
                    continue;
                }

                foreach (var body in BodiesHere(context, method, cancellationToken))
                {
                    foreach (var pair in Identified(context, body))
                    {
                        if (FlowKeys.IsRootedAtThis(pair.Key))
                        {
                            found ??= new Dictionary<object, TaintSet>(FlowState.KeyComparer);
                            found[pair.Key] = found.TryGetValue(pair.Key, out var known) ? Taint.Union(known, pair.Value) : pair.Value;
                        }
                    }
                }
            }

            return found ?? NothingIdentified;
        }

        /// <summary>
        /// <paramref name="own"/> (what a method says), with what the other methods of its object say of the object's
        /// members (<see cref="IdentifiedMembersOf"/>).
        /// </summary>
        private static Dictionary<object, TaintSet> WithMembersOfType(Dictionary<object, TaintSet> own, Dictionary<object, TaintSet> ofType)
        {
            if (ofType.Count == 0)
            {
                return own;
            }

            var merged = new Dictionary<object, TaintSet>(own, FlowState.KeyComparer);
            foreach (var pair in ofType)
            {
                merged[pair.Key] = merged.TryGetValue(pair.Key, out var known) ? Taint.Union(known, pair.Value) : pair.Value;
            }

            return merged;
        }

        /// <summary><c>Trim()</c>, <c>ToLowerInvariant()</c> and their kin on a string: the same text, cased or trimmed.</summary>
        private static bool IsCaseOrSpaceNormalizer(IMethodSymbol method) =>
            method.ContainingType?.SpecialType == SpecialType.System_String
            && (method.Name == "Trim" || method.Name == "TrimStart" || method.Name == "TrimEnd" || method.Name == "ToLower"
                || method.Name == "ToUpper" || method.Name == "ToLowerInvariant" || method.Name == "ToUpperInvariant" || method.Name == "Normalize");

        /// <summary>A member's own content: not the stand-ins of a summary's inputs, not an object holding the member.</summary>
        private static TaintSet Own(TaintSet taint) => taint.IsEmpty ? taint : taint.Where(t => !t.IsInput && !t.InObject);

        private static void Note(PrivacyContext context, ref Dictionary<object, TaintSet>? identified, IOperation value, TaintSet taint)
        {
            if (taint.IsEmpty || !(value.Type?.SpecialType == SpecialType.System_String))
            {
                return;
            }

            // FindByEmailAsync(model.Email.Trim()), user.Email = email.ToLowerInvariant(): the value given is the address.
            value = WithoutNormalizers(value);
            if (!(KeyOf(value, 3) is object key))
            {
                return;
            }

            if (IsProgramText(context, value, key))
            {
                return;
            }

            identified ??= new Dictionary<object, TaintSet>(FlowState.KeyComparer);
            identified[key] = identified.TryGetValue(key, out var known) ? Taint.Union(known, taint) : taint;
        }

        /// <summary>
        /// True for a read of the program's own text, not a person's, however the code uses it: a seeder's
        /// <c>EnsureUserAsync(QaEmail, ...)</c> (a parameter given only constants), <c>foreach (var (email, name) in demoOwners)</c>,
        /// <c>userInfo.Email</c> of <c>foreach (var userInfo in new[] { new { Email = "admin@example.com" } })</c>,
        /// <c>user.Email</c> of a <c>new ApplicationUser { Email = $"{username}@example.local" }</c> made of such text,
        /// <c>var adminEmail = "admin@example.com"</c>, or a field that keeps such a constant.
        /// </summary>
        private static bool IsProgramText(PrivacyContext context, IOperation value, object key) =>
            (key is IParameterSymbol parameter && context.IsGivenOnlyConstants(parameter))
            || (key is ILocalSymbol local && value is ILocalReferenceOperation && PrivacyContext.IsLocalOfProgramText(value, local))
            || (value is IMemberReferenceOperation { Instance: ILocalReferenceOperation { Local: var element } holder, Member: var member }
                && (PrivacyContext.IsLoopOverConstants(holder, element, member) || PrivacyContext.IsBuiltFromProgramText(holder, element, member)))
            || (value is IFieldReferenceOperation { Instance: IInstanceReferenceOperation, Field: var field } && context.KeepsConstant(field));

        /// <summary>
        /// The key of a plain read: a local, a parameter, or a member of one (<c>dto.Email</c>, <c>Input.Email</c> on the
        /// page itself), up to <paramref name="depth"/> members deep; null for anything computed.
        /// </summary>
        internal static object? KeyOf(IOperation? operation, int depth)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
            {
                operation = conversion.Operand;
            }

            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IInstanceReferenceOperation _:
                    return FlowKeys.This;
                case IConditionalAccessInstanceOperation access:
                    return KeyOf(ReceiverOf(access), depth);
                case IPropertyReferenceOperation property when depth > 0 && property.Arguments.IsEmpty && !property.Property.IsStatic:
                    return KeyOf(property.Instance, depth - 1) is object holder ? FlowKeys.Member(holder, property.Property) : null;
                case IFieldReferenceOperation field when depth > 0 && !field.Field.IsStatic:
                    return KeyOf(field.Instance, depth - 1) is object owner ? FlowKeys.Member(owner, field.Field) : null;
                default:
                    return null;
            }
        }

        /// <summary>The receiver of a conditional access (<c>Input</c> of <c>Input?.Email</c>) that the instance stands for.</summary>
        internal static IOperation? ReceiverOf(IConditionalAccessInstanceOperation instance)
        {
            IOperation child = instance;
            for (var parent = instance.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation access && access.WhenNotNull == child)
                {
                    return access.Operation;
                }
            }

            return null;
        }

        /// <summary>
        /// <paramref name="taint"/> with what the method says <paramref name="key"/> holds. A value already known by its
        /// source keeps that name (<c>GetEmailAsync(user)</c> is not also the user's <c>Email</c>, and a local that
        /// held the typed login before it held <c>user.UserName</c> is not the address then); what a callee said of a
        /// local while the method was analysed adds the categories its own sources do not name (<c>var email =
        /// Input.Email</c>, known as an address, handed to a look-up that makes it the new user's name as well).
        /// </summary>
        private TaintSet OrIdentified(TaintSet taint, object key)
        {
            if (_identified.Count == 0 || !_identified.TryGetValue(key, out var identified))
            {
                return taint;
            }

            if (!taint.Any(source => !source.IsInput))
            {
                return Taint.Union(taint, identified);
            }

            if (_saidByCallees == null || !_saidByCallees.Contains(key))
            {
                return taint;
            }

            foreach (var said in identified)
            {
                if (!NamesCategory(taint, said.Category))
                {
                    return Taint.Union(taint, identified.Where(other => !NamesCategory(taint, other.Category)));
                }
            }

            return taint;
        }

        private static bool NamesCategory(TaintSet taint, string category)
        {
            foreach (var source in taint)
            {
                if (source.Category == category)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <paramref name="taint"/> and, held in the object, what the method says the members of an object handed to a call
        /// hold (<see cref="Identified"/>): a form whose <c>Email</c> was given to <c>FindByEmailAsync</c> and whose new
        /// password to <c>HashPassword</c>, passed to the method that mails them. A callee that reads only some members of
        /// it counts those (<see cref="SinkEffect.Members"/>); one that writes it whole, what its type prints.
        /// </summary>
        private TaintSet WithIdentifiedMembers(IOperation value, TaintSet taint)
        {
            if (_identified.Count == 0 || IsString(value))
            {
                return taint;
            }

            var members = IdentifiedMembers(value, Taint.Clean);
            return members.IsEmpty ? taint : Taint.Union(taint, members.Select(s => s.Held));
        }

        /// <summary><see cref="OrIdentified"/> for the member <paramref name="member"/> of <paramref name="instance"/>.</summary>
        private TaintSet OrIdentifiedMember(TaintSet taint, ISymbol member, IOperation? instance)
        {
            if (_identified.Count == 0 || member.IsStatic)
            {
                return taint;
            }

            // The graph captures a receiver before a branch or an await among the arguments: the capture is that receiver.
            var holder = KeyOf(instance is IFlowCaptureReferenceOperation capture ? Captured(capture) : instance, 2);
            return holder != null ? OrIdentified(taint, FlowKeys.Member(holder, member)) : taint;
        }
    }
}
