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

        public int Depth => _inProgress.Count;

        /// <summary>
        /// How often a method was refused because it was already being summarized on this path. A summary computed
        /// while none was refused depends only on the method and the depth it was computed at, and may be kept.
        /// </summary>
        public int CycleCuts { get; private set; }

        /// <summary>False when the method is already being summarized on this path, or the path is too deep.</summary>
        public bool TryEnter(IMethodSymbol method)
        {
            if (_inProgress.Count >= MaxDepth)
            {
                return false;
            }

            if (!_inProgress.Add(method))
            {
                CycleCuts++;
                return false;
            }

            return true;
        }

        public void Exit(IMethodSymbol method) => _inProgress.Remove(method);
    }
}
