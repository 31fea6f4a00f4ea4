using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>The transfer function: what each operation carries, dispatched by kind to the families of operations (calls, members, sinks, text).</summary>
    internal sealed partial class TaintAnalysis
    {
        private static readonly HashSet<string> LinqProjections = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "Select", "SelectMany", "ToDictionary", "ToLookup", "GroupBy", "Sum", "Min", "Max", "Average", "Aggregate",
            "Zip", "Join", "GroupJoin", "MinBy", "MaxBy", "DistinctBy",
        };

        private static readonly HashSet<string> SizeMethods = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "Count", "LongCount", "IndexOf", "LastIndexOf", "IndexOfAny", "CompareTo", "Compare", "CompareOrdinal", "GetHashCode",
        };

        /// <summary>The names of UserManager's methods that make a token or code for a user (what they return is not the user's data).</summary>
        private static readonly HashSet<string> IdentityTokenMethods = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "GenerateEmailConfirmationTokenAsync", "GeneratePasswordResetTokenAsync", "GenerateChangeEmailTokenAsync",
            "GenerateChangePhoneNumberTokenAsync", "GenerateTwoFactorTokenAsync", "GenerateUserTokenAsync",
            "GenerateNewTwoFactorRecoveryCodesAsync", "GenerateConcurrencyStampAsync",
        };

        /// <summary>The words that name what a one-time token or code is for (<c>GetEmailVerificationTokenAsync</c>).</summary>
        private static readonly string[] TokenPurposes = { "Confirm", "Verif", "Reset", "Change", "TwoFactor", "Recovery", "Invit" };

        /// <summary>
        /// True for a method that makes a one-time token or code for a purpose: Identity's own names, or an application's
        /// wrapper of them (<c>GetEmailVerificationTokenAsync(userName)</c>, <c>GeneratePasswordResetCodeAsync(user)</c>).
        /// What it returns is opaque, not the user's data it was given.
        /// </summary>
        private static bool MakesPurposeToken(IMethodSymbol method)
        {
            var name = method.Name;
            if (IdentityTokenMethods.Contains(name))
            {
                return true;
            }

            if (!(name.StartsWith("Generate", System.StringComparison.Ordinal) || name.StartsWith("Get", System.StringComparison.Ordinal) || name.StartsWith("Create", System.StringComparison.Ordinal))
                || !(name.IndexOf("Token", System.StringComparison.Ordinal) >= 0 || name.IndexOf("Code", System.StringComparison.Ordinal) >= 0))
            {
                return false;
            }

            foreach (var purpose in TokenPurposes)
            {
                if (name.IndexOf(purpose, System.StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private TaintSet Evaluate(IOperation? operation, FlowState state, bool report)
        {
            if (operation == null)
            {
                return Taint.Clean;
            }

            // By kind, then one cast: a chain of interface type tests costs a scan of the operation's interfaces per miss.
            switch (operation.Kind)
            {
                case OperationKind.Literal:
                case OperationKind.DefaultValue:
                case OperationKind.TypeOf:
                case OperationKind.NameOf:
                case OperationKind.SizeOf:
                    return Taint.Clean;

                case OperationKind.LocalReference:
                    var local = (ILocalReferenceOperation)operation;
                    return OrIdentified(Taint.Union(Whole(local.Local, state), _context.Sources.OfType(local.Type)), local.Local);

                case OperationKind.ParameterReference:
                    var parameter = (IParameterReferenceOperation)operation;
                    return OrIdentified(Taint.Union(Whole(parameter.Parameter, state), _context.Sources.OfType(parameter.Type)), parameter.Parameter);

                case OperationKind.FlowCaptureReference:
                    return Whole(((IFlowCaptureReferenceOperation)operation).Id, state);

                case OperationKind.InstanceReference:
                    return Taint.Union(Whole(FlowKeys.This, state), _context.Sources.OfType(operation.Type));

                case OperationKind.PropertyReference:
                    var property = (IPropertyReferenceOperation)operation;
                    return Member(property.Property, property.Instance, property.Arguments, property.Type, state, report);

                case OperationKind.FieldReference:
                    var field = (IFieldReferenceOperation)operation;
                    return Member(field.Field, field.Instance, ImmutableArray<IArgumentOperation>.Empty, field.Type, state, report);

                case OperationKind.Invocation:
                    return Invocation((IInvocationOperation)operation, state, report);

                case OperationKind.ObjectCreation:
                    return Creation((IObjectCreationOperation)operation, state, report);

                case OperationKind.SimpleAssignment:
                    {
                        var assignment = (ISimpleAssignmentOperation)operation;
                        var value = Evaluate(assignment.Value, state, report);
                        Assign(assignment.Target, value, assignment.Value, IsCheckAnswer(assignment.Value, state), state, report);
                        return value;
                    }

                case OperationKind.DeconstructionAssignment:
                    {
                        var deconstruction = (IDeconstructionAssignmentOperation)operation;
                        var value = Evaluate(deconstruction.Value, state, report);
                        if (_changes != null)
                        {
                            NoteAssigned(deconstruction.Target, null);
                        }

                        Deconstruct(deconstruction.Target, deconstruction.Value, value, state, report);
                        return value;
                    }

                case OperationKind.CompoundAssignment:
                case OperationKind.CoalesceAssignment:
                    {
                        var compound = (IAssignmentOperation)operation;
                        var value = Taint.Union(Evaluate(compound.Target, state, report), Evaluate(compound.Value, state, report));
                        Assign(compound.Target, value, null, false, state, report);
                        return value;
                    }

                case OperationKind.FlowCapture:
                    {
                        var capture = (IFlowCaptureOperation)operation;
                        var value = Evaluate(capture.Value, state, report);
                        NoteCapture(capture.Id, capture.Value);
                        if (_changes != null)
                        {
                            NoteCaptured(capture.Id, capture.Value);
                        }

                        // A value captured under a consent check (the true arm of ?:, a guarded &&) is consented to.
                        if (state.Guarded)
                        {
                            SetWhole(capture.Id, null, Taint.Clean, state);
                        }
                        else
                        {
                            SetWhole(capture.Id, capture.Value, value, state);
                        }

                        state.SetCheckAnswer(capture.Id, IsCheckAnswer(capture.Value, state));
                        return value;
                    }

                case OperationKind.Binary when IsComparison(((IBinaryOperation)operation).OperatorKind):
                    var binary = (IBinaryOperation)operation;
                    Evaluate(binary.LeftOperand, state, report);
                    Evaluate(binary.RightOperand, state, report);
                    return Taint.Clean;

                case OperationKind.Binary when ((IBinaryOperation)operation).OperatorKind == BinaryOperatorKind.Add && operation.Type?.SpecialType == SpecialType.System_String:
                    return Concatenation((IBinaryOperation)operation, state, report);

                case OperationKind.Interpolation:
                    return Interpolation((IInterpolationOperation)operation, state, report);

                case OperationKind.IsPattern:
                case OperationKind.IsType:
                case OperationKind.IsNull:
                    // A test of personal data is not personal data.
                    foreach (var child in operation.ChildOperations)
                    {
                        Evaluate(child, state, report);
                    }

                    return Taint.Clean;

                case OperationKind.FlowAnonymousFunction:
                    return LambdaReturn((IFlowAnonymousFunctionOperation)operation, state, report, Taint.Clean);

                case OperationKind.DynamicMemberReference:
                    // listing.Photos of a dynamic listing: the member is known by its name only, so it carries the personal
                    // member of that name the object holds (d.Email of a user), not all the object holds (the photos'
                    // addresses do not hold their listing's seller). Of a callee's input, nothing: what the caller's
                    // object has by that name is not known here, as for a member read that does not bind.
                    var dynamicMember = (IDynamicMemberReferenceOperation)operation;
                    return ReadValue(Evaluate(dynamicMember.Instance, state, report).Where(s => !IsWholeInput(s)), dynamicMember.MemberName);

                case OperationKind.MethodReference:
                    // _directoryService.Exists as a delegate: a method to call, not the data of the object it is bound to.
                    return Taint.Clean;

                case OperationKind.Invalid when IsUnboundMemberRead(operation) || IsUnboundScalarCall(operation):
                    // user.FirstName where user's type is unknown (the look-up that gave it took an argument of a type from
                    // a package not restored): which member is read is unknown, so not the whole of what the object holds.
                    // connection.QuerySingleAsync<int>(sql, booking) of a package not restored: the number it is told to
                    // return, not the booking.
                    foreach (var child in operation.ChildOperations)
                    {
                        Evaluate(child, state, report);
                    }

                    return Taint.Clean;

                default:
                    var taint = Taint.Clean;
                    foreach (var child in operation.ChildOperations)
                    {
                        taint = Taint.Union(taint, Evaluate(child, state, report));
                    }

                    return taint;
            }
        }

        /// <summary>
        /// A member read that does not bind because its object's type is unknown (<c>user.FirstName</c> or
        /// <c>user?.FirstName</c> of a <c>var user</c> whose initializer has a compile error): neither the member nor its
        /// type is known. Not the method part of a call (<c>user.Describe()</c>), which carries what its operands do.
        /// </summary>
        private static bool IsUnboundMemberRead(IOperation operation) =>
            operation.Type is null or { TypeKind: TypeKind.Error }
            && operation.Syntax is MemberAccessExpressionSyntax { Parent: not InvocationExpressionSyntax } or MemberBindingExpressionSyntax { Parent: not InvocationExpressionSyntax };

        /// <summary>
        /// A call that does not bind (its method is a package's that is not restored) of a generic method told to return
        /// numbers, flags or dates only (<c>QuerySingleAsync&lt;int&gt;(sql, booking)</c>, <c>ExecuteScalarAsync&lt;long&gt;</c>):
        /// what it returns is one of those, as it would be with the package.
        /// </summary>
        private static bool IsUnboundScalarCall(IOperation operation)
        {
            if (!(operation.Type is null or { TypeKind: TypeKind.Error }) || !(operation.Syntax is InvocationExpressionSyntax invocation))
            {
                return false;
            }

            var name = invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name,
                MemberBindingExpressionSyntax binding => binding.Name,
                SimpleNameSyntax simple => simple,
                _ => null,
            };
            return name is GenericNameSyntax { TypeArgumentList.Arguments: { Count: > 0 } arguments } && arguments.All(IsScalarTypeSyntax);
        }

        /// <summary><c>int</c>, <c>bool</c>, <c>decimal</c> and the other numbers, or <c>Guid</c>, <c>DateTime</c> and their kin, as written.</summary>
        private static bool IsScalarTypeSyntax(TypeSyntax type) => type switch
        {
            NullableTypeSyntax nullable => IsScalarTypeSyntax(nullable.ElementType),
            PredefinedTypeSyntax predefined => !predefined.Keyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StringKeyword)
                && !predefined.Keyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ObjectKeyword)
                && !predefined.Keyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.VoidKeyword),
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText is "Guid" or "DateTime" or "DateTimeOffset" or "TimeSpan" or "DateOnly" or "TimeOnly",
            _ => false,
        };

        /// <summary>What a holder carries as a whole: what was assigned to it, and what was stored in its members.</summary>
        private static TaintSet Whole(object key, FlowState state) =>
            state.HasMembers ? Taint.Union(state.Get(key), state.Get(FlowKeys.Stored(key))) : state.Get(key);

        /// <summary>An operation without the implicit conversions around it.</summary>
        private static IOperation StaticSource(IOperation value)
        {
            while (value is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion.Operand;
            }

            return value;
        }

        private static bool IsSizeOrFlag(ISymbol member, ITypeSymbol? type) =>
            type?.SpecialType == SpecialType.System_Boolean
            || member.Name == "Count" || member.Name == "Length" || member.Name == "LongLength" || member.Name == "Capacity";

        /// <summary>
        /// What a library value says about itself rather than about whom it holds: a claim's type, issuer, value type and
        /// subject (only its <c>Value</c> is the user's), and an Identity error's <c>Code</c> (<c>DuplicateUserName</c>;
        /// its <c>Description</c> names the user).
        /// </summary>
        private static bool IsMetadata(ISymbol member) =>
            member.ContainingType is { } type
            && ((member.Name != "Value" && type.Name == "Claim" && Names.NamespaceIs(type.ContainingNamespace, "System.Security.Claims"))
                || (member.Name == "Code" && type.Name == "IdentityError" && Names.NamespaceIs(type.ContainingNamespace, "Microsoft.AspNetCore.Identity")));

        /// <summary>
        /// A library call whose result is a test or a size of its inputs (<c>IsNullOrEmpty</c>, <c>EndsWith</c>,
        /// <c>IndexOf</c>), or a verdict on them (<see cref="Names.IsVerdict"/>: <c>AuthorizeAsync(User, quiz, policy)</c>).
        /// </summary>
        private static bool IsPredicateOrSize(IMethodSymbol method) =>
            method.ReturnType.SpecialType == SpecialType.System_Boolean
            || (SizeMethods.Contains(method.Name) && method.ReturnType.SpecialType >= SpecialType.System_SByte && method.ReturnType.SpecialType <= SpecialType.System_UInt64)
            || Names.IsVerdict(method.ReturnType);

        private static bool IsComparison(BinaryOperatorKind kind) =>
            kind == BinaryOperatorKind.Equals || kind == BinaryOperatorKind.NotEquals
            || kind == BinaryOperatorKind.LessThan || kind == BinaryOperatorKind.LessThanOrEqual
            || kind == BinaryOperatorKind.GreaterThan || kind == BinaryOperatorKind.GreaterThanOrEqual
            || kind == BinaryOperatorKind.ObjectValueEquals || kind == BinaryOperatorKind.ObjectValueNotEquals;
    }
}
