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
        /// How often a method was refused because the path was already <see cref="MaxDepth"/> deep, or a summary that
        /// depends on the depth or the path it was computed on was taken (<see cref="TakeBounded"/>). A summary computed
        /// while neither this nor <see cref="CycleCuts"/> changed is what the method does however deep it is called, and
        /// serves every depth.
        /// </summary>
        public int DepthCuts { get; private set; }

        /// <summary>
        /// False when the method is already being summarized on this path, or the path is too deep. A
        /// <paramref name="forwarder"/> takes no depth: an interface or abstract method (its implementations do), an
        /// overload that only passes its parameters on (a logging facade's overloads do not use up the calls followed).
        /// </summary>
        public bool TryEnter(IMethodSymbol method, bool forwarder = false)
        {
            if (!forwarder && Depth >= MaxDepth)
            {
                DepthCuts++;
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
                if (Depth > Deepest)
                {
                    Deepest = Depth;
                }
            }

            return true;
        }

        /// <summary>
        /// The deepest <see cref="Depth"/> the path has reached since the last <see cref="BeginReach"/>: how many levels of
        /// calls a summary computed from there needed.
        /// </summary>
        public int Deepest { get; private set; }

        /// <summary>Counts a summary taken from a cache that holds it for one depth or one path only: what uses it is bounded too.</summary>
        public void TakeBounded() => DepthCuts++;

        /// <summary>Counts a summary taken from a cache that needed <paramref name="height"/> levels of calls from this depth.</summary>
        public void TakeReaching(int height)
        {
            if (Depth + height > Deepest)
            {
                Deepest = Depth + height;
            }
        }

        /// <summary>Starts measuring how deep what follows reaches; returns what <see cref="EndReach"/> takes back.</summary>
        public int BeginReach()
        {
            var outer = Deepest;
            Deepest = Depth;
            return outer;
        }

        /// <summary>The levels of calls below the current depth that the path reached since <see cref="BeginReach"/>.</summary>
        public int EndReach(int outer)
        {
            var height = Deepest - Depth;
            if (outer > Deepest)
            {
                Deepest = outer;
            }

            return height;
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
