using System.CommandLine;
using System.CommandLine.Help;
using Octopus.Privacy.Cli.Commands;
using Octopus.Privacy.Cli.Input;
using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli;

/// <summary>The <c>octopus-privacy</c> command line: parses, dispatches, and turns user mistakes into one line and exit code 2.</summary>
internal static class CliApplication
{
    public const string Name = "octopus-privacy";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var context = new CliContext(output, error);
        // A plain command named after the tool, not RootCommand: help then says 'octopus-privacy' whether the tool
        // runs as a .NET tool, through 'dotnet run' or in a test host.
        var root = new Command(Name, "Explain, validate, test, tabulate and diff Octopus.Privacy policies, keep the analyzer's baseline, and record consent.")
        {
            new HelpOption(),
            new VersionOption(),
            ExplainCommand.Create(context),
            ValidateCommand.Create(context),
            TestCommand.Create(context),
            MatrixCommand.Create(context),
            DiffCommand.Create(context),
            BaselineCommand.Create(context),
            ConsentCommand.Create(context),
            MapCommand.Create(context),
        };
        root.Options.Add(context.PolicyOption);

        if (Array.FindIndex(args, a => a.Contains('\uFFFD', StringComparison.Ordinal)) is var broken and >= 0)
        {
            // The runtime turns bytes that are not UTF-8 into U+FFFD: two different ids would become one.
            error.WriteLine($"{Name}: argument {broken + 1} ('{CliText.Printable(args[broken])}') is not valid UTF-8 text (or holds U+FFFD); nothing was done.");
            return ExitCodes.UsageError;
        }

        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = ResponseFiles.TryRead });
        if (parse.Errors.Count > 0)
        {
            // The most specific error first: an unrecognized token says more than "required command was not provided".
            // A response file that cannot be read explains everything after it.
            var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("response file", StringComparison.Ordinal))
                ?? parse.Errors.FirstOrDefault(e => e.Message.Contains("nrecognized", StringComparison.Ordinal))
                ?? parse.Errors[0];
            var message = string.Join(' ', first.Message.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
            error.WriteLine($"{Name}: {CliText.Printable(message)} Run '{Name} --help' for usage.");
            return ExitCodes.UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (CliException ex)
        {
            error.WriteLine($"{Name}: {CliText.Printable(ex.Message)}");
            return ExitCodes.UsageError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{Name}: {CliText.Printable(ex.Message)}");
            return ExitCodes.UsageError;
        }
    }
}
