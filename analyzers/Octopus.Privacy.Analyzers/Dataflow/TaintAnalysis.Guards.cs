using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>Guard polarity: which branch of a condition a successful consent check leads to.</summary>
    internal sealed partial class TaintAnalysis
    {
        /// <summary>+1 when the value is true exactly when a consent check permitted the use, -1 when negated, 0 otherwise.</summary>
        [MethodImpl(Jit.Optimized)]
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

        /// <summary>A <c>PolicyDecision</c> that came from a consent check.</summary>
        [MethodImpl(Jit.Optimized)]
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

        [MethodImpl(Jit.Optimized)]
        private bool IsCheckAnswer(IOperation value, FlowState state) =>
            CheckPolarity(value, state) > 0 || IsDecision(value, state);
    }
}
