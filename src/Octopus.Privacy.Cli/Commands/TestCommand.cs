using System.CommandLine;
using Octopus.Privacy.Cli.Testing;

namespace Octopus.Privacy.Cli.Commands;

/// <summary><c>test</c>: run policy unit tests. Ends with <c>N passed, N failed</c>; exit code 1 on any failure.</summary>
internal static class TestCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "Policy test files (JSON).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("test", "Run policy unit tests: each file names the policy it tests (or the default) and lists requests with the expected decision. Exit code 1 on any failure.")
        {
            files,
        };
        command.SetAction(parse =>
        {
            var passed = 0;
            var failed = 0;
            foreach (var path in parse.GetValue(files) ?? [])
            {
                var (filePassed, fileFailed) = PolicyTestRunner.Run(path, () => context.PolicyFrom(parse), context.Output);
                passed += filePassed;
                failed += fileFailed;
            }

            context.Output.WriteLine($"{passed} passed, {failed} failed");
            return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
