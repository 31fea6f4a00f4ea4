using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>
    /// Values written as text: interpolation holes, string concatenation and the arguments a logger formats into its
    /// message. What is written is the value's text (see <see cref="PrivacyContext.Text"/>), unless a message template
    /// asks for the object to be destructured (<c>{@Order}</c>), which writes its members as a serializer would.
    /// </summary>
    internal sealed partial class TaintAnalysis
    {
        private static readonly string[] TemplateParameters = { "message", "messageTemplate", "messageFormat", "format" };

        /// <summary><c>$"... {order} ..."</c>: the hole writes the value's text.</summary>
        private TaintSet Interpolation(IInterpolationOperation hole, FlowState state, bool report)
        {
            var value = Evaluate(hole.Expression, state, report);
            Evaluate(hole.Alignment, state, report);
            Evaluate(hole.FormatString, state, report);
            return TextOf(hole.Expression, value, state);
        }

        /// <summary><c>"Order " + order</c>: each operand is written as its text.</summary>
        private TaintSet Concatenation(IBinaryOperation binary, FlowState state, bool report)
        {
            var left = Evaluate(binary.LeftOperand, state, report);
            var right = Evaluate(binary.RightOperand, state, report);
            return Taint.Union(TextOf(binary.LeftOperand, left, state), TextOf(binary.RightOperand, right, state));
        }

        /// <summary>
        /// What a log call writes of one of its arguments: each value after the message template is formatted (its
        /// text, a sequence element by element) unless its hole destructures it (<c>{@x}</c>); without a template, an
        /// argument passed as <c>object</c> is written as its text (<c>Console.WriteLine(order)</c>).
        /// </summary>
        private TaintSet Logged(IInvocationOperation invocation, int index, TaintSet taint, FlowState state)
        {
            var argument = invocation.Arguments[index];
            // A pipeline request whose text carries personal data carries it as members too: one test covers both.
            if (taint.IsEmpty && !Passes(argument, _context.DestructuredWhole) && !HoldsIdentified(argument.Value))
            {
                return taint;
            }

            var template = TemplateIndex(invocation);
            if (template < 0)
            {
                return argument.Parameter?.Type.SpecialType == SpecialType.System_Object ? TextOf(argument.Value, taint, state) : taint;
            }

            if (index <= template)
            {
                return taint;
            }

            // The hole each value fills: values are counted in order after the template.
            var hole = 0;
            for (var i = template + 1; i < index; i++)
            {
                hole += ValueCount(invocation.Arguments[i]);
            }

            // LogError(ex, "Email failed to send", [e.EmailTo]): a value a constant template has no hole for is not written
            // (only the template's values: Debug.WriteLine(message, category) writes its category).
            List<string>? holes = null;
            var written = invocation.Arguments[template].Value.ConstantValue is { HasValue: true, Value: string } && (argument.Parameter?.IsParams == true || IsFormattedValue(argument))
                ? HolesOf(invocation, template, ref holes).Count
                : int.MaxValue;
            if (hole >= written)
            {
                return Taint.Clean;
            }

            if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: IArrayInitializerOperation initializer })
            {
                var sent = Taint.Clean;
                foreach (var element in initializer.ElementValues)
                {
                    if (hole >= written)
                    {
                        break;
                    }

                    var value = Evaluate(element, state, report: false);
                    sent = Taint.Union(sent, Destructured(invocation, template, hole++, ref holes) ? Members(element, value) : Formatted(element, value, state));
                }

                return sent;
            }

            if (IsFormattedValue(argument))
            {
                return Destructured(invocation, template, hole, ref holes) ? Members(argument.Value, taint) : Formatted(argument.Value, taint, state);
            }

            return taint;
        }

        /// <summary>
        /// What a structured logger writes of a value it destructures: what the value carries, and of a whole principal
        /// or identity every claim, which its members hold.
        /// </summary>
        private TaintSet Members(IOperation value, TaintSet taint) =>
            Taint.Union(IdentifiedMembers(value, taint), Taint.Union(_context.Sources.OfDestructured(StaticType(value)), _context.OfPipelineRequest(StaticType(value))));

        /// <summary>A value (or a value of a <c>params</c> array) whose members the method says hold personal data.</summary>
        private bool HoldsIdentified(IOperation value)
        {
            if (_identified.Count == 0)
            {
                return false;
            }

            if (value is IArrayCreationOperation { Initializer: IArrayInitializerOperation initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    if (!IdentifiedMembers(element, Taint.Clean).IsEmpty)
                    {
                        return true;
                    }
                }

                return false;
            }

            return !IdentifiedMembers(value, Taint.Clean).IsEmpty;
        }

        /// <summary>
        /// <paramref name="taint"/> and what the method says the value's members hold (<see cref="Identified"/>): a
        /// registration form destructured before its <c>Email</c> is stored in the new Identity user writes that address.
        /// With <paramref name="names"/>, only the members of those names: a callee that reads <c>forgot.Password</c> of
        /// the form whose <c>Password</c> was given to <c>HashPassword</c> reads that password.
        /// </summary>
        private TaintSet IdentifiedMembers(IOperation value, TaintSet taint, ImmutableArray<string> names = default)
        {
            if (_identified.Count == 0 || !(StaticType(value) is ITypeSymbol type)
                || !(KeyOf(value is IFlowCaptureReferenceOperation capture ? Captured(capture) : value, 2) is object holder))
            {
                return taint;
            }

            foreach (var (member, _) in PiiSources.DataMembers(type))
            {
                if ((names.IsDefault || names.Contains(member.Name)) && _identified.TryGetValue(FlowKeys.Member(holder, member), out var held))
                {
                    taint = Taint.Union(taint, held);
                }
            }

            return taint;
        }

        /// <summary>
        /// For the pre-check of a method: true when a call passes a value that carries personal data only as a whole
        /// (<paramref name="whole"/>: a principal, an identity, a pipeline stage's request) after a message template that
        /// destructures a value (<c>"User {@User} signed in"</c>); whether it is a log call is the analysis's to say.
        /// </summary>
        internal static bool MayDestructure(IInvocationOperation invocation, System.Func<ITypeSymbol?, bool> whole) =>
            MayWrite(invocation, whole, destructured: true);

        /// <summary>
        /// For the pre-check of a method: true when a call passes a value that carries personal data only as a whole
        /// (<paramref name="whole"/>) after a message template, destructured there or, without <paramref name="destructured"/>, not.
        /// </summary>
        internal static bool MayWrite(IInvocationOperation invocation, System.Func<ITypeSymbol?, bool> whole, bool destructured)
        {
            var arguments = invocation.Arguments;
            if (arguments.Length < 2)
            {
                return false;
            }

            var template = TemplateIndex(invocation);
            if (template < 0 || (destructured && !(arguments[template].Value.ConstantValue is { HasValue: true, Value: string text } && text.IndexOf("{@", System.StringComparison.Ordinal) >= 0)))
            {
                return false;
            }

            for (var i = template + 1; i < arguments.Length; i++)
            {
                if (Passes(arguments[i], whole))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when a log call's argument is, or in its <c>params</c> array holds, a value of a type <paramref name="whole"/> admits.</summary>
        private static bool Passes(IArgumentOperation argument, System.Func<ITypeSymbol?, bool> whole)
        {
            if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: IArrayInitializerOperation initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    if (whole(StaticType(element)))
                    {
                        return true;
                    }
                }

                return false;
            }

            return whole(StaticType(argument.Value));
        }

        /// <summary>What a logger writes of a message argument: a sequence element by element, anything else as its text.</summary>
        private TaintSet Formatted(IOperation value, TaintSet taint, FlowState state) =>
            TextForms.SequenceElement(StaticType(value)) != null ? _context.Formatted(StaticType(value), taint, _stack)
            : Taint.Union(TextOf(value, taint, state), _context.TextOfPipelineRequest(StaticType(value)));

        /// <summary>
        /// The text of a value: an anonymous object prints each of its members as that member's text (when what each
        /// member carries is known), anything else as <see cref="PrivacyContext.Text"/> says.
        /// </summary>
        private TaintSet TextOf(IOperation value, TaintSet taint, FlowState state)
        {
            var type = StaticType(value);
            if (taint.IsEmpty || type == null || !type.IsAnonymousType || !(PartsOf(value, state) is Parts parts))
            {
                return AsTextOfInput(value, _context.Text(type, taint, _stack));
            }

            // { dataSent = data, response = text }: each member's own text, and nothing else the object holds.
            var printed = Taint.Clean;
            foreach (var part in parts)
            {
                printed = Taint.Union(printed, part.Key is IPropertySymbol property ? _context.Text(property.Type, part.Value, _stack) : part.Value);
            }

            return printed;
        }

        /// <summary>
        /// While a summary is computed, the text of an input whose type does not say what it prints (an <c>object</c>,
        /// an interface, a type parameter: <c>evt.ToString()</c>), or prints only some of what it carries (a record's
        /// members, an override, <c>IdentityUser</c>'s user name), stands for that text, so that each caller counts what
        /// its own argument's type prints (an event printed by its type's name carries nothing; a user logged by a
        /// callee, its user name and not its e-mail address). Only the input itself: a value read from it stays the input's.
        /// </summary>
        private TaintSet AsTextOfInput(IOperation value, TaintSet text)
        {
            if (!_summarizing || text.IsEmpty)
            {
                return text;
            }

            value = WithoutImplicitConversions(value);
            if (value is Microsoft.CodeAnalysis.FlowAnalysis.IFlowCaptureReferenceOperation capture && Captured(capture) is IOperation place)
            {
                value = place;
            }

            var input = value switch
            {
                IParameterReferenceOperation parameter when parameter.Parameter.ContainingSymbol is IMethodSymbol => parameter.Parameter.Ordinal + 1,
                IInstanceReferenceOperation => 0,
                _ => -1,
            };
            var type = value.Type;
            if (input < 0 || type == null || !(TextForms.IsOpen(type) || _context.TextForms.Of(type).Form != TextForm.AsIs)
                || !(TaintSource.ForInput(input) is TaintSource raw) || !text.Contains(raw))
            {
                return text;
            }

            return text.Remove(raw).Add(TaintSource.ForTextOfInput(input)!);
        }

        /// <summary>The argument that is the message template: a constant string for a parameter named like one.</summary>
        private static int TemplateIndex(IInvocationOperation invocation)
        {
            for (var i = 0; i < invocation.Arguments.Length; i++)
            {
                var argument = invocation.Arguments[i];
                if (argument.Parameter?.Type.SpecialType == SpecialType.System_String && System.Array.IndexOf(TemplateParameters, argument.Parameter.Name) >= 0)
                {
                    return i;
                }
            }

            return -1;
        }

        private static int ValueCount(IArgumentOperation argument) =>
            argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: IArrayInitializerOperation initializer }
                ? initializer.ElementValues.Length
                : IsFormattedValue(argument) ? 1 : 0;

        /// <summary>A value a template's hole receives: an argument passed as <c>object</c> or as a type parameter (Serilog's <c>Information&lt;T&gt;</c>).</summary>
        private static bool IsFormattedValue(IArgumentOperation argument) =>
            argument.Parameter != null
            && (argument.Parameter.OriginalDefinition.Type.SpecialType == SpecialType.System_Object || argument.Parameter.OriginalDefinition.Type.TypeKind == TypeKind.TypeParameter);

        /// <summary>True when hole <paramref name="hole"/> of the template destructures its value: <c>{@Order}</c>.</summary>
        private static bool Destructured(IInvocationOperation invocation, int template, int hole, ref List<string>? holes)
        {
            holes = HolesOf(invocation, template, ref holes);
            return hole < holes.Count && holes[hole].Length > 0 && holes[hole][0] == '@';
        }

        /// <summary>The holes of the call's template, parsed once per call; none when the template is not a constant.</summary>
        private static List<string> HolesOf(IInvocationOperation invocation, int template, ref List<string>? holes) =>
            holes ??= invocation.Arguments[template].Value.ConstantValue is { HasValue: true, Value: string text } ? Holes(text) : new List<string>();

        /// <summary>The holes of a message template in order, <c>{{</c> and <c>}}</c> being literal braces.</summary>
        internal static List<string> Holes(string template)
        {
            var holes = new List<string>();
            for (var i = 0; i < template.Length; i++)
            {
                if (template[i] != '{')
                {
                    continue;
                }

                if (i + 1 < template.Length && template[i + 1] == '{')
                {
                    i++;
                    continue;
                }

                var end = template.IndexOf('}', i + 1);
                if (end < 0)
                {
                    break;
                }

                holes.Add(template.Substring(i + 1, end - i - 1));
                i = end;
            }

            return holes;
        }

        /// <summary>The type of a value before it was converted (boxed to <c>object</c>, or widened to an interface).</summary>
        private static ITypeSymbol? StaticType(IOperation value) => WithoutImplicitConversions(value).Type;

        private static IOperation WithoutImplicitConversions(IOperation value)
        {
            while (value is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion.Operand;
            }

            return value;
        }
    }
}
