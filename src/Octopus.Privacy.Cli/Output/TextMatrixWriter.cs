using Octopus.Privacy.Cli.Matrix;

namespace Octopus.Privacy.Cli.Output;

/// <summary>The decision table as aligned plain text, one line per category, purpose and recipient.</summary>
internal static class TextMatrixWriter
{
    public static void Write(DecisionMatrix matrix, TextWriter output)
    {
        string[] headings = ["category", "purpose", "recipient", .. ConsentSituations.All.Select(s => s.Label())];
        var rows = Rows(matrix).ToList();
        var widths = headings.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine($"{CliText.Printable(matrix.Policy.Name)} {CliText.Printable(matrix.Policy.Version)}: {matrix.Count} request classes");
        output.WriteLine();
        WriteRow(output, headings, widths);
        WriteRow(output, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in rows)
        {
            WriteRow(output, row, widths);
        }
    }

    internal static IEnumerable<string[]> Rows(DecisionMatrix matrix)
    {
        for (var c = 0; c < matrix.Categories.Count; c++)
        {
            for (var p = 0; p < matrix.Purposes.Count; p++)
            {
                for (var r = 0; r < matrix.Recipients.Count; r++)
                {
                    yield return
                    [
                        matrix.Categories[c], matrix.Purposes[p], matrix.Recipients[r],
                        .. ConsentSituations.All.Select(s => DecisionText.Short(matrix[c, p, r, s])),
                    ];
                }
            }
        }
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths) =>
        output.WriteLine(string.Join("  ", cells.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
}
