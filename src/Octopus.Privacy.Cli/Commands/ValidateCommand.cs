using System.CommandLine;
using Octopus.Privacy.Cli.Input;
using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli.Commands;

/// <summary><c>validate</c>: check policy files, every problem on its own line in the canonical build-error form.</summary>
internal static class ValidateCommand
{
    /// <summary>The diagnostic id of a policy problem, as build tools show it.</summary>
    public const string ProblemId = "OPP0001";

    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "Policy files to check. Without any, the --policy file (or the embedded default).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("validate", "Check policy files. Prints OK per valid file, otherwise every problem as 'file(line,col): error OPP0001: message'. Exit code 1 when any file is invalid.")
        {
            files,
        };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files) ?? [];
            if (paths.Length == 0)
            {
                paths = parse.GetValue(context.PolicyOption) is { } policyPath ? [policyPath] : [];
            }

            if (paths.Length == 0)
            {
                _ = PrivacyPolicy.OctopusGroup;
                context.Output.WriteLine("(embedded octopus-group.json): OK");
                return ExitCodes.Success;
            }

            foreach (var path in paths)
            {
                CliFiles.CheckFile(path, "policy file");
            }

            var invalid = 0;
            foreach (var path in paths)
            {
                var problems = Check(path, out var policy);
                if (policy is not null)
                {
                    context.Output.WriteLine($"{CliText.Printable(path)}: OK ({CliText.Printable(policy.Name)} {CliText.Printable(policy.Version)}: {policy.Categories.Count} categories, {policy.Purposes.Count} purposes, {policy.Recipients.Count} recipients, {policy.Rules.Count} rules)");
                    continue;
                }

                invalid++;
                foreach (var problem in problems)
                {
                    context.Output.WriteLine($"{CliContext.Locate(path, problem)}: error {ProblemId}: {CliText.Printable(problem.Message)} [{CliText.Printable(problem.Path)}]");
                }
            }

            return invalid == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>The problems of one file, or none and the compiled policy.</summary>
    private static IReadOnlyList<PolicyProblem> Check(string path, out PrivacyPolicy? policy)
    {
        policy = null;
        var bytes = CliFiles.Read(path, "policy file", PolicyLimits.MaxDocumentBytes);
        var problems = PrivacyPolicy.Validate(bytes);
        if (problems.Count == 0)
        {
            policy = PrivacyPolicy.Parse(bytes);
        }

        return problems;
    }
}
