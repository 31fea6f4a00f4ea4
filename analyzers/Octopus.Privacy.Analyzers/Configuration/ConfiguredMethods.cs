using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
            foreach (var id in SplitIds(ids))
            {
                foreach (var symbol in DocumentationCommentId.GetSymbolsForDeclarationId(id, _compilation))
                {
                    builder.Add(symbol);
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>
        /// Splits a list of documentation-comment ids on commas and white space outside parentheses, braces and brackets,
        /// so that an id with several parameters (<c>M:N.T.M(System.String,System.Int32)</c>) or generic arguments stays
        /// whole. (A semicolon cannot separate them: it starts a comment in an .editorconfig file.)
        /// </summary>
        public static IEnumerable<string> SplitIds(string ids)
        {
            var depth = 0;
            var start = 0;
            for (var i = 0; i <= ids.Length; i++)
            {
                var c = i < ids.Length ? ids[i] : ',';
                switch (c)
                {
                    case '(':
                    case '{':
                    case '[':
                        depth++;
                        break;
                    case ')':
                    case '}':
                    case ']':
                        depth = Math.Max(0, depth - 1);
                        break;
                    default:
                        if ((c == ',' || char.IsWhiteSpace(c)) && (depth == 0 || i == ids.Length))
                        {
                            if (i > start)
                            {
                                yield return ids.Substring(start, i - start);
                            }

                            start = i + 1;
                        }
                        else if (char.IsWhiteSpace(c))
                        {
                            // White space inside a parameter list is not part of an id: "M:T.M(System.String, System.Int32)".
                            ids = ids.Remove(i, 1);
                            i--;
                        }

                        break;
                }
            }
        }
    }
}
