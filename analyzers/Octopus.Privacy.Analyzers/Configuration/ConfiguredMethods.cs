using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Octopus.Privacy.Analyzers.Rules;

namespace Octopus.Privacy.Analyzers.Configuration
{
    /// <summary>
    /// Reads the options that can differ from file to file (an .editorconfig section, or a global analyzer config) for
    /// the syntax tree where a call is analyzed, typed as <see cref="TreeSettings"/>: the methods a project names by
    /// their documentation-comment ids (<c>additional_log_sinks</c> and the like) and whether exceptions are reported.
    /// Each tree's settings and each distinct list of ids are read and resolved once per compilation.
    /// </summary>
    internal sealed class ConfiguredMethods
    {
        private static readonly char[] IdSeparators = { ',', ';', ' ' };

        private readonly Compilation _compilation;
        private readonly AnalyzerConfigOptionsProvider _options;
        private readonly ConcurrentDictionary<string, ImmutableHashSet<ISymbol>> _resolved = new ConcurrentDictionary<string, ImmutableHashSet<ISymbol>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<SyntaxTree, TreeSettings> _trees = new ConcurrentDictionary<SyntaxTree, TreeSettings>();
        private readonly TreeSettings _global;

        public ConfiguredMethods(Compilation compilation, AnalyzerConfigOptionsProvider options)
        {
            _compilation = compilation;
            _options = options;
            _global = Read(options.GlobalOptions);
        }

        /// <summary>The settings that apply to code in <paramref name="tree"/> (the global ones for code elsewhere).</summary>
        public TreeSettings For(SyntaxTree? tree) =>
            tree == null || !_compilation.ContainsSyntaxTree(tree) ? _global : _trees.GetOrAdd(tree, t => Read(_options.GetOptions(t)));

        private TreeSettings Read(AnalyzerConfigOptions options) => new TreeSettings(
            Methods(options, AnalyzerSettings.AdditionalLogSinksOption),
            Methods(options, AnalyzerSettings.AdditionalShareSinksOption),
            Methods(options, AnalyzerSettings.AdditionalConsentChecksOption),
            !(Value(options, PiiLoggedWithoutConsent.ReportExceptionsOption) is string text && bool.TryParse(text.Trim(), out var report) && !report));

        private ImmutableHashSet<ISymbol> Methods(AnalyzerConfigOptions options, string option) =>
            Value(options, option) is string ids && !string.IsNullOrWhiteSpace(ids) ? _resolved.GetOrAdd(ids, Resolve) : ImmutableHashSet<ISymbol>.Empty;

        private string? Value(AnalyzerConfigOptions options, string option) =>
            options.TryGetValue(option, out var value) || _options.GlobalOptions.TryGetValue(option, out value) ? value : null;

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
