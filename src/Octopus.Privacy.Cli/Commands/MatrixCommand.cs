using System.CommandLine;
using Octopus.Privacy.Cli.Matrix;
using Octopus.Privacy.Cli.Input;
using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli.Commands;

/// <summary><c>matrix</c>: the full decision table, category × purpose × recipient × consent situation.</summary>
internal static class MatrixCommand
{
    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "text, markdown or html.", DefaultValueFactory = _ => "text", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("text", "markdown", "html");
        var outputFile = new Option<string?>("--output") { Description = "Write to this file instead of standard output.", HelpName = "FILE" };
        var command = new Command("matrix", "Print every decision of the policy: each category, purpose and recipient, for four consent situations (nothing recorded; policy accepted; accepted and every opt-in granted; accepted and everything withdrawn).")
        {
            format, outputFile,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(outputFile);
            if (path is not null)
            {
                CliFiles.CheckOutput(path, "output file");
            }

            var matrix = DecisionMatrix.For(context.PolicyFrom(parse));
            StreamWriter? file = null;
            try
            {
                file = path is null ? null : OpenForWriting(path);
                var output = (TextWriter?)file ?? context.Output;
                switch (parse.GetValue(format))
                {
                    case "markdown":
                        MarkdownMatrixWriter.Write(matrix, output);
                        break;
                    case "html":
                        HtmlMatrixWriter.Write(matrix, output);
                        break;
                    default:
                        TextMatrixWriter.Write(matrix, output);
                        break;
                }
            }
            finally
            {
                file?.Dispose();
            }

            if (path is not null)
            {
                context.Output.WriteLine($"Wrote {matrix.Count} request classes to {CliText.Printable(path)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static StreamWriter OpenForWriting(string path)
    {
        try
        {
            return new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write '{CliText.Printable(path)}': {ex.Message}", ex);
        }
    }
}
