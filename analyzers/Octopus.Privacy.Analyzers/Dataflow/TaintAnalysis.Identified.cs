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
    /// Identity as a user's e-mail, name or phone number (<c>FindByEmailAsync(model.Email)</c>), or to the application's own
    /// look-up of such a user (<c>_users.GetUserByEmailAsync(email)</c> returning an <c>IdentityUser</c>), is that personal data
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
            foreach (var operation in root.DescendantsAndSelf())
            {
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
                        if (!(PiiSources.UserTypeGivenTo(invocation.TargetMethod) is ITypeSymbol user))
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
                }
            }

            return identified ?? NothingIdentified;
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

                foreach (var reference in method.DeclaringSyntaxReferences)
                {
                    var syntax = reference.GetSyntax(cancellationToken);
                    if (!context.InCompilation(syntax.SyntaxTree) || !(context.ModelOf(syntax.SyntaxTree).GetOperation(syntax, cancellationToken) is IOperation body))
                    {
                        continue;
                    }

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

            while (value is IInvocationOperation { Instance: { } text } normalized && IsCaseOrSpaceNormalizer(normalized.TargetMethod))
            {
                // FindByEmailAsync(model.Email.Trim()), user.Email = email.ToLowerInvariant(): the value given is the address.
                value = text;
            }

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
        /// <c>var adminEmail = "admin@example.com"</c>, or a field that keeps such a constant.
        /// </summary>
        private static bool IsProgramText(PrivacyContext context, IOperation value, object key) =>
            (key is IParameterSymbol parameter && context.IsGivenOnlyConstants(parameter))
            || (key is ILocalSymbol local && value is ILocalReferenceOperation && (PrivacyContext.IsLoopOverConstants(value, local) || PrivacyContext.IsAssignedOnlyConstants(value, local)))
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
                case IPropertyReferenceOperation property when depth > 0 && property.Arguments.IsEmpty && !property.Property.IsStatic:
                    return KeyOf(property.Instance, depth - 1) is object holder ? FlowKeys.Member(holder, property.Property) : null;
                case IFieldReferenceOperation field when depth > 0 && !field.Field.IsStatic:
                    return KeyOf(field.Instance, depth - 1) is object owner ? FlowKeys.Member(owner, field.Field) : null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// <paramref name="taint"/>, or what the method says <paramref name="key"/> holds when the value carries no personal
        /// data of its own: a value already known by its source (<c>GetEmailAsync(user)</c>) keeps that name.
        /// </summary>
        private TaintSet OrIdentified(TaintSet taint, object key)
        {
            if (_identified.Count == 0)
            {
                return taint;
            }

            foreach (var source in taint)
            {
                if (!source.IsInput)
                {
                    return taint;
                }
            }

            return _identified.TryGetValue(key, out var identified) ? Taint.Union(taint, identified) : taint;
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
