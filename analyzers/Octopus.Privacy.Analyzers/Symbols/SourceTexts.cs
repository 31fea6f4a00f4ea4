using System;
using Microsoft.CodeAnalysis.Text;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>Words looked for in a source text without making the text one string: read by chunks into a buffer.</summary>
    internal static class SourceTexts
    {
        /// <summary>The length of the buffer <see cref="Contains"/> reads into; one buffer serves every tree of a scan.</summary>
        public const int BufferLength = 8192;

        /// <summary>True when <paramref name="text"/> holds <paramref name="word"/> (ordinal), found across chunk borders too.</summary>
        public static bool Contains(SourceText text, string word, char[] buffer) => ContainsAny(text, new[] { word }, buffer);

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

            // Consecutive chunks overlap by one character less than the longest word: a word cut by a border is whole in
            // the next chunk.
            for (var start = 0; start < text.Length; start += buffer.Length - longest + 1)
            {
                var count = Math.Min(buffer.Length, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                var chunk = new ReadOnlySpan<char>(buffer, 0, count);
                foreach (var word in words)
                {
                    if (chunk.IndexOf(word.AsSpan(), StringComparison.Ordinal) >= 0)
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
