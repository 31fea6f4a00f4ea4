using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Octopus.Privacy.Analyzers.Configuration
{
    /// <summary>
    /// Methods a project names in its analyzer configuration (<c>additional_log_sinks</c> and the like) by their
    /// documentation-comment ids, read from the options of the tree that declares the method, or the global options.
    /// Each distinct list is resolved once per compilation.
    /// </summary>
    internal sealed class ConfiguredMethods
    {
        private static readonly char[] IdSeparators = { ',', ';', ' ' };

        private readonly Compilation _compilation;
        private readonly AnalyzerConfigOptionsProvider _options;
        private readonly ConcurrentDictionary<string, ImmutableHashSet<ISymbol>> _resolved = new ConcurrentDictionary<string, ImmutableHashSet<ISymbol>>(StringComparer.Ordinal);

        public ConfiguredMethods(Compilation compilation, AnalyzerConfigOptionsProvider options)
        {
            _compilation = compilation;
            _options = options;
        }

        /// <summary>True when <paramref name="option"/> lists the method.</summary>
        public bool Lists(string option, IMethodSymbol method)
        {
            var syntaxTree = method.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree;
            var options = syntaxTree != null && _compilation.ContainsSyntaxTree(syntaxTree) ? _options.GetOptions(syntaxTree) : _options.GlobalOptions;
            if ((!options.TryGetValue(option, out var value) && !_options.GlobalOptions.TryGetValue(option, out value)) || string.IsNullOrWhiteSpace(value))
            {
                return false;
            }

            var symbols = _resolved.GetOrAdd(value, Resolve);
            return symbols.Contains(method.OriginalDefinition) || (method.ReducedFrom != null && symbols.Contains(method.ReducedFrom));
        }

        private ImmutableHashSet<ISymbol> Resolve(string ids)
        {
            var builder = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var id in ids.Split(IdSeparators, StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var symbol in DocumentationCommentId.GetSymbolsForDeclarationId(id.Trim(), _compilation))
                {
                    builder.Add(symbol);
                }
            }

            return builder.ToImmutable();
        }
    }
}
