using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>Guard polarity: which branch of a condition a successful consent check leads to.</summary>
    internal sealed partial class TaintAnalysis
    {
        /// <summary>+1 when the value is true exactly when a consent check permitted the use, -1 when negated, 0 otherwise.</summary>
        private int CheckPolarity(IOperation value, FlowState state)
        {
            switch (value)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return -CheckPolarity(not.Operand, state);
                case IConversionOperation conversion:
                    return CheckPolarity(conversion.Operand, state);
                case IInvocationOperation invocation when _context.IsConsentCheck(invocation.TargetMethod, _settings)
                    && invocation.TargetMethod.ReturnType.SpecialType == SpecialType.System_Boolean:
                    return 1;
                case IAwaitOperation awaited when Awaited(awaited) is IInvocationOperation check && _context.IsConsentCheck(check.TargetMethod, _settings)
                    && check.TargetMethod.ReturnType is INamedTypeSymbol { IsGenericType: true } task && Symbols.Names.IsTaskType(task)
                    && task.TypeArguments[0].SpecialType == SpecialType.System_Boolean:
                    // if (await guard.IsPermittedAsync(...)), with or without ConfigureAwait.
                    return 1;
                case IPropertyReferenceOperation { Property.Name: "IsPermitted" } property when IsDecision(property.Instance, state):
                    return 1;
                case IPropertyReferenceOperation property when _settings.IsConsentFlag(property.Property):
                    // if (recipient.NotifyByEmail): the application's own preference, named as a consent check.
                    return 1;
                case IFieldReferenceOperation field when _settings.IsConsentFlag(field.Field):
                    return 1;
                case ILocalReferenceOperation local when state.CheckAnswers.Contains(local.Local):
                    return 1;
                case IFlowCaptureReferenceOperation capture when state.CheckAnswers.Contains(capture.Id):
                    return 1;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals when equals.RightOperand.ConstantValue is { HasValue: true, Value: bool constant }:
                    return constant ? CheckPolarity(equals.LeftOperand, state) : -CheckPolarity(equals.LeftOperand, state);
                default:
                    return 0;
            }
        }

        /// <summary>
        /// The purpose a condition's consent check asks about, when the project's own policy is known and the request
        /// names it by a constant; null otherwise (the check then guards every use, as without a policy).
        /// </summary>
        private string? CheckPurpose(IOperation value)
        {
            switch (value)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return CheckPurpose(not.Operand);
                case IConversionOperation conversion:
                    return CheckPurpose(conversion.Operand);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return CheckPurpose(equals.LeftOperand);
                case IAwaitOperation awaited:
                    return CheckPurpose(Awaited(awaited));
                case IPropertyReferenceOperation { Property.Name: "IsPermitted", Instance: IOperation decision }:
                    return CheckPurpose(decision);
                case IInvocationOperation invocation when _context.IsConsentCheck(invocation.TargetMethod, _settings):
                    return PurposeOf(invocation);
                default:
                    return null;
            }
        }

        /// <summary>
        /// The purpose a consent check's request names: a constant <c>purpose</c> argument
        /// (<c>IsPermittedAsync(subject, categories, "marketing.offers", ...)</c>), or the purpose of a
        /// <c>new DataUseRequest(categories, "marketing.offers", recipient)</c> passed directly or through a local
        /// initialized with it. Null when the project has no policy file of its own or the purpose is not a constant.
        /// </summary>
        private string? PurposeOf(IInvocationOperation check)
        {
            if (!_context.Vocabulary.IsProjectPolicy && !_context.DataMap)
            {
                // Without a policy of the project's own, a check guards whatever it asks about; the data map judges
                // purposes against the policy it is drawn with, the default one included.
                return null;
            }

            foreach (var argument in check.Arguments)
            {
                if (string.Equals(argument.Parameter?.Name, "purpose", System.StringComparison.OrdinalIgnoreCase) && argument.Value.ConstantValue is { HasValue: true, Value: string constant })
                {
                    return constant;
                }

                if (argument.Value.Type?.Name == "DataUseRequest" && RequestPurpose(argument.Value) is string purpose)
                {
                    return purpose;
                }
            }

            return null;
        }

        private string? RequestPurpose(IOperation request)
        {
            while (request is IConversionOperation conversion)
            {
                request = conversion.Operand;
            }

            if (request is IObjectCreationOperation creation)
            {
                foreach (var argument in creation.Arguments)
                {
                    if (string.Equals(argument.Parameter?.Name, "purpose", System.StringComparison.OrdinalIgnoreCase))
                    {
                        return argument.Value.ConstantValue is { HasValue: true, Value: string purpose } ? purpose : null;
                    }
                }

                return null;
            }

            // var request = new DataUseRequest(...); ... guard.IsPermitted(request): the local's initializer.
            if (request is ILocalReferenceOperation local && local.Local.DeclaringSyntaxReferences.Length == 1
                && local.Local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer: { } initializer } declarator
                && !IsAssignedAgain(local.Local, declarator))
            {
                var model = _context.ModelOf(initializer.SyntaxTree);
                return model.GetOperation(initializer.Value, _cancellationToken) is IOperation value && !(value is ILocalReferenceOperation) ? RequestPurpose(value) : null;
            }

            return null;
        }

        /// <summary>True when the local is assigned anywhere after its declaration (its initializer is then not all it holds).</summary>
        private static bool IsAssignedAgain(ILocalSymbol local, SyntaxNode declarator)
        {
            var scope = declarator.Ancestors().FirstOrDefault(a => a is Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax) ?? declarator.Parent;
            foreach (var assignment in scope!.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax>())
            {
                if (assignment.Left is Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax name && name.Identifier.ValueText == local.Name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the state's consent checks guard a use of these sources by this recipient: on every path, each of the
        /// use's policy categories is linked to the recipient by one of the purposes checked on that path.
        /// A check whose purpose is not known, a recipient the code does not name in the policy's terms (an HTTP
        /// endpoint, an e-mail recipient) and a category or purpose the policy does not declare count as linked.
        /// </summary>
        private bool GuardedFor(FlowState state, TaintSet taint, string? recipient) => GuardedFor(_context, state, taint, recipient);

        /// <summary>
        /// True when the consent checks in force where a private method is called (<paramref name="state"/>) guard a
        /// finding in the method: every path into its body passed them (see <see cref="CallerGuards"/>).
        /// </summary>
        public static bool GuardsCallee(PrivacyContext context, FlowState state, FlowFinding finding)
        {
            // A call that reaches several recipients through its callee is guarded for each of them.
            var taint = Taint.WithoutInputs(finding.Taint);
            return finding.Routes.IsEmpty
                ? GuardedFor(context, state, taint, finding.PolicyRecipient)
                : finding.Routes.All(route => GuardedFor(context, state, taint, route.PolicyRecipient));
        }

        private static bool GuardedFor(PrivacyContext context, FlowState state, TaintSet taint, string? recipient)
        {
            if (!state.Guarded)
            {
                return false;
            }

            if (state.GuardPurposes == null || recipient == null)
            {
                return true;
            }

            // On every path, each of the use's categories must be linked by one of the purposes checked on that path.
            foreach (var path in state.GuardPurposes)
            {
                foreach (var source in taint)
                {
                    if (source.IsPolicyCategory && !source.IsInput && path.All(purpose => context.Vocabulary.Permits(purpose, source.Category, recipient) == false))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>A <c>PolicyDecision</c> that came from a consent check.</summary>
        private bool IsDecision(IOperation? instance, FlowState state)
        {
            switch (instance)
            {
                case IInvocationOperation invocation:
                    return _context.IsConsentCheck(invocation.TargetMethod, _settings);
                case IAwaitOperation awaited:
                    return IsDecision(Awaited(awaited), state);
                case ILocalReferenceOperation local:
                    return state.CheckAnswers.Contains(local.Local);
                case IFlowCaptureReferenceOperation capture:
                    return state.CheckAnswers.Contains(capture.Id);
                case IConversionOperation conversion:
                    return IsDecision(conversion.Operand, state);
                default:
                    return false;
            }
        }

        /// <summary>What an <c>await</c> waits for, looking through <c>ConfigureAwait(...)</c>.</summary>
        private static IOperation Awaited(IAwaitOperation awaited) =>
            awaited.Operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: IOperation task } ? task : awaited.Operation;

        private bool IsCheckAnswer(IOperation value, FlowState state) =>
            CheckPolarity(value, state) > 0 || IsDecision(value, state);
    }
}
