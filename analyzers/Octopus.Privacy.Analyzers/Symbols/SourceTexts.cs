using System;
using Microsoft.CodeAnalysis.Text;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>A word looked for in a source text without making the text one string: read by chunks into a buffer.</summary>
    internal static class SourceTexts
    {
        /// <summary>The length of the buffer <see cref="Contains"/> reads into; one buffer serves every tree of a scan.</summary>
        public const int BufferLength = 8192;

        /// <summary>True when <paramref name="text"/> holds <paramref name="word"/> (ordinal), found across chunk borders too.</summary>
        public static bool Contains(SourceText text, string word, char[] buffer)
        {
            for (var start = 0; start < text.Length; start += buffer.Length - word.Length)
            {
                var count = Math.Min(buffer.Length, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                if (new ReadOnlySpan<char>(buffer, 0, count).IndexOf(word.AsSpan(), StringComparison.Ordinal) >= 0)
                {
                    return true;
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
