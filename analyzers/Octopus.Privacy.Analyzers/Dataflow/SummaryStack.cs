using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>
    /// The methods whose summaries are being computed on this analysis path, passed explicitly down the calls: it
    /// cuts recursion and bounds how deep summaries nest.
    /// </summary>
    internal sealed class SummaryStack
    {
        public const int MaxDepth = 4;

        private readonly HashSet<IMethodSymbol> _inProgress = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);

        /// <summary>
        /// The methods on the path that count against <see cref="MaxDepth"/>: all but forwarders (interface and abstract
        /// methods, overloads that only pass their parameters on).
        /// </summary>
        public int Depth { get; private set; }

        /// <summary>
        /// How often a method was refused because it was already being summarized on this path. A summary computed
        /// while none was refused depends only on the method and the depth it was computed at, and may be kept.
        /// </summary>
        public int CycleCuts { get; private set; }

        /// <summary>
        /// False when the method is already being summarized on this path, or the path is too deep. A
        /// <paramref name="forwarder"/> takes no depth: an interface or abstract method (its implementations do), an
        /// overload that only passes its parameters on (a logging facade's overloads do not use up the calls followed).
        /// </summary>
        public bool TryEnter(IMethodSymbol method, bool forwarder = false)
        {
            if (!forwarder && Depth >= MaxDepth)
            {
                return false;
            }

            if (!_inProgress.Add(method))
            {
                CycleCuts++;
                return false;
            }

            if (!forwarder)
            {
                Depth++;
            }

            return true;
        }

        public void Exit(IMethodSymbol method, bool forwarder = false)
        {
            _inProgress.Remove(method);
            if (!forwarder)
            {
                Depth--;
            }
        }
    }
}
