using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>
    /// The consent checks a private method's callers make before they call it. A private method is called only from its
    /// own type (and the types nested in it). When every call there is made on a path where a consent check has succeeded,
    /// and the method is never used otherwise (as a delegate: a Razor event handler, a callback, whose caller is not
    /// known), every path into its body has passed a check, and what it logs or shares is guarded as if the check were
    /// its own: <c>if (guard.IsPermitted(request)) { SendWelcome(user); }</c>.
    /// </summary>
    /// <remarks>
    /// Asked only for a method with a finding its own checks do not guard. One level: a caller that is itself private
    /// and guarded by its own callers does not count (its calls are not guarded where they are made).
    /// </remarks>
    internal static class CallerGuards
    {
        /// <summary>
        /// The state at each call of <paramref name="method"/> when every call is made on a guarded path; default when it
        /// is not private, a call is not guarded, the method is used other than by a call, or no call is found.
        /// </summary>
        public static ImmutableArray<FlowState> Of(PrivacyContext context, IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.DeclaredAccessibility != Accessibility.Private || method.MethodKind != MethodKind.Ordinary || method.ContainingType == null || method.IsImplicitlyDeclared)
            {
                return default;
            }

            var definition = method.OriginalDefinition;
            // Each caller, the model of its tree, its symbol, and how many calls of the method it makes.
            var callers = new Dictionary<SyntaxNode, (SemanticModel Model, IMethodSymbol Symbol, int Calls)>();
            foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                SemanticModel? model = null;
                foreach (var name in declaration.DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    if (name.Identifier.ValueText != method.Name)
                    {
                        continue;
                    }

                    model ??= context.ModelOf(declaration.SyntaxTree);
                    var info = model.GetSymbolInfo(name, cancellationToken);
                    if (info.Symbol == null && info.CandidateSymbols.Any(c => SymbolEqualityComparer.Default.Equals(c.OriginalDefinition, definition)))
                    {
                        // Overload resolution failed there: whether it calls the method is not known.
                        return default;
                    }

                    if (!SymbolEqualityComparer.Default.Equals(info.Symbol?.OriginalDefinition, definition))
                    {
                        continue;
                    }

                    var caller = name.Ancestors().FirstOrDefault(IsCode);
                    if (!IsCalled(name) || !(caller is BaseMethodDeclarationSyntax || caller is AccessorDeclarationSyntax))
                    {
                        // A method group (a delegate, an event handler), or a call from a lambda, a local function or an
                        // initializer: not every path into the method is known.
                        return default;
                    }

                    if (!(model.GetDeclaredSymbol(caller, cancellationToken) is IMethodSymbol callerSymbol)
                        || SymbolEqualityComparer.Default.Equals(callerSymbol.OriginalDefinition, definition))
                    {
                        // The method calling itself: reached only through the calls from elsewhere.
                        continue;
                    }

                    callers[caller] = (model, callerSymbol, callers.TryGetValue(caller, out var known) ? known.Calls + 1 : 1);
                }
            }

            if (callers.Count == 0)
            {
                return default;
            }

            var states = ImmutableArray.CreateBuilder<FlowState>();
            foreach (var caller in callers)
            {
                var (model, symbol, calls) = caller.Value;
                var body = model.GetOperation(caller.Key, cancellationToken);
                if (!(body is IMethodBodyOperation || body is IConstructorBodyOperation))
                {
                    return default;
                }

                if (!context.RequiresConsent(symbol) && !ChecksConsent(context, body))
                {
                    // No check anywhere in the caller: no call of it is guarded, and no dataflow is needed to say so.
                    return default;
                }

                var graph = context.GraphOf(symbol, body, () => body is IMethodBodyOperation methodBody ? ControlFlowGraph.Create(methodBody, cancellationToken) : ControlFlowGraph.Create((IConstructorBodyOperation)body, cancellationToken));
                var found = TaintAnalysis.StatesAtCalls(context, graph, symbol, definition, cancellationToken);
                if (found.Count < calls || found.Any(s => !s.Guarded))
                {
                    // A call the walk did not reach (code it cannot reach, or a form it does not follow) is not known to
                    // be guarded either.
                    return default;
                }

                states.AddRange(found);
            }

            return states.ToImmutable();
        }

        /// <summary>The findings of a private method, those that every call of the method guards marked guarded.</summary>
        public static List<FlowFinding> Apply(PrivacyContext context, IMethodSymbol? method, List<FlowFinding> findings, CancellationToken cancellationToken)
        {
            if (method == null || findings.TrueForAll(f => f.Guarded))
            {
                return findings;
            }

            var states = Of(context, method, cancellationToken);
            return states.IsDefault
                ? findings
                : findings.ConvertAll(f => f.Guarded || !states.All(s => TaintAnalysis.GuardsCallee(context, s, f)) ? f : f.GuardedByCallers());
        }

        /// <summary>Whether a body asks a consent check anything at all (a method, or a preference named as one).</summary>
        private static bool ChecksConsent(PrivacyContext context, IOperation body)
        {
            var settings = context.SettingsFor(body.Syntax.SyntaxTree);
            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IInvocationOperation invocation when context.IsConsentCheck(invocation.TargetMethod, settings):
                    case IPropertyReferenceOperation property when settings.IsConsentFlag(property.Property):
                    case IFieldReferenceOperation field when settings.IsConsentFlag(field.Field):
                        return true;
                }
            }

            return false;
        }

        /// <summary>The name is what an invocation calls: <c>M(...)</c>, <c>this.M(...)</c>, <c>this?.M(...)</c>.</summary>
        private static bool IsCalled(SimpleNameSyntax name) =>
            (name.Parent is InvocationExpressionSyntax direct && direct.Expression == name)
            || (name.Parent is MemberAccessExpressionSyntax access && access.Name == name && access.Parent is InvocationExpressionSyntax viaAccess && viaAccess.Expression == access)
            || (name.Parent is MemberBindingExpressionSyntax binding && binding.Parent is InvocationExpressionSyntax viaBinding && viaBinding.Expression == binding);

        /// <summary>The innermost code a name is in: a member's body, a local function, a lambda or an initializer.</summary>
        private static bool IsCode(SyntaxNode node) =>
            node is BaseMethodDeclarationSyntax
            || node is AccessorDeclarationSyntax
            || node is LocalFunctionStatementSyntax
            || node is AnonymousFunctionExpressionSyntax
            || node is BasePropertyDeclarationSyntax
            || node is BaseFieldDeclarationSyntax
            || node is GlobalStatementSyntax
            || node is ParameterSyntax
            || node is AttributeSyntax;
    }
}
