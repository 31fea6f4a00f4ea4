using System.Text;

namespace Octopus.Privacy.Cli.Output;

/// <summary>
/// Text from files, ledgers and arguments as the tool shows it: a character the ledger refuses
/// (<see cref="ConsentLedgerRules.IsHiddenCharacter"/>: a control character such as a new line or an escape, a line
/// separator, a bidirectional formatting character) or a lone surrogate is written as <c>\uXXXX</c>, so that what is
/// shown is what is there.
/// </summary>
internal static class CliText
{
    public static string Printable(string? text)
    {
        if (text is null)
        {
            return string.Empty;
        }

        var builder = (StringBuilder?)null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair || !(ConsentLedgerRules.IsHiddenCharacter(c) || char.IsSurrogate(c)))
            {
                builder?.Append(c);
                if (pair)
                {
                    // Past the low surrogate whether or not anything was escaped yet: a ?. call would skip the ++.
                    i++;
                    builder?.Append(text[i]);
                }

                continue;
            }

            builder ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder?.ToString() ?? text;
    }

    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
