using Octopus.Privacy.Cli.Matrix;

namespace Octopus.Privacy.Cli.Output;

/// <summary>The decision table as a Markdown table.</summary>
internal static class MarkdownMatrixWriter
{
    public static void Write(DecisionMatrix matrix, TextWriter output)
    {
        output.WriteLine($"# {Escape(CliText.Printable(matrix.Policy.Name))} {Escape(CliText.Printable(matrix.Policy.Version))}: decision table");
        output.WriteLine();
        output.WriteLine($"{matrix.Count} request classes: every category, purpose and recipient in four consent situations.");
        output.WriteLine();
        output.WriteLine($"| category | purpose | recipient | {string.Join(" | ", ConsentSituations.All.Select(s => s.Label()))} |");
        output.WriteLine($"|---|---|---|{string.Concat(ConsentSituations.All.Select(_ => "---|"))}");
        foreach (var row in TextMatrixWriter.Rows(matrix))
        {
            output.WriteLine($"| {string.Join(" | ", row.Select(Escape))} |");
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
