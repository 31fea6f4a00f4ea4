using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>Words looked for in a source text without making the text one string: read by chunks into a buffer.</summary>
    internal static class SourceTexts
    {
        /// <summary>The length of the buffer <see cref="Contains"/> reads into; one buffer serves every tree of a scan.</summary>
        public const int BufferLength = 8192;

        /// <summary>True when <paramref name="text"/> holds <paramref name="word"/> (ordinal), found across chunk borders too.</summary>
        public static bool Contains(SourceText text, string word, char[] buffer) => Scan(text, word, null, word.Length, buffer);

        /// <summary>
        /// The trees whose text holds <paramref name="word"/> (ordinal), one buffer for all of them: the files a scan of
        /// the compilation needs to parse, the others never made into nodes.
        /// </summary>
        public static IEnumerable<SyntaxTree> Mentioning(IEnumerable<SyntaxTree> trees, string word, CancellationToken cancellationToken)
        {
            var buffer = new char[BufferLength];
            foreach (var tree in trees)
            {
                if (Contains(tree.GetText(cancellationToken), word, buffer))
                {
                    yield return tree;
                }
            }
        }

        /// <summary>
        /// True when <paramref name="text"/> holds any of <paramref name="words"/> (ordinal), found across chunk borders
        /// too: each chunk is read once for all of them.
        /// </summary>
        public static bool ContainsAny(SourceText text, string[] words, char[] buffer)
        {
            var longest = 0;
            foreach (var word in words)
            {
                longest = Math.Max(longest, word.Length);
            }

            return Scan(text, null, words, longest, buffer);
        }

        /// <summary>One word, or several (no array is made for one: a scan runs once per tree).</summary>
        private static bool Scan(SourceText text, string? word, string[]? words, int longest, char[] buffer)
        {
            // Consecutive chunks overlap by one character less than the longest word: a word cut by a border is whole in
            // the next chunk.
            for (var start = 0; start < text.Length; start += buffer.Length - longest + 1)
            {
                var count = Math.Min(buffer.Length, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                var chunk = new ReadOnlySpan<char>(buffer, 0, count);
                if (word != null && chunk.IndexOf(word.AsSpan(), StringComparison.Ordinal) >= 0)
                {
                    return true;
                }

                foreach (var each in words ?? Array.Empty<string>())
                {
                    if (chunk.IndexOf(each.AsSpan(), StringComparison.Ordinal) >= 0)
                    {
                        return true;
                    }
                }

                if (start + count >= text.Length)
                {
                    break;
                }
            }

            return false;
        }
    }
}
