using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Octopus.Privacy.Cli.Tests;

/// <summary>
/// docs/cli.md is kept true by running it: every <c>$ octopus-privacy ...</c> example whose inputs are in the repository
/// (or that records to a ledger of its own) is run, and its output and exit code compared with what the page shows.
/// </summary>
public sealed partial class DocumentationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("octopus-privacy-docs-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Every_runnable_example_of_the_cli_page_prints_what_the_page_shows()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "cli.md"));
        var checkedExamples = new List<string>();
        foreach (Match block in CodeBlock().Matches(page))
        {
            var lines = block.Groups[1].Value.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            CliRun.Result? last = null;
            string? lastCommand = null;
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i] == "$ echo $?" && last is not null)
                {
                    Assert.True(int.Parse(lines[i + 1], System.Globalization.CultureInfo.InvariantCulture) == last.ExitCode, $"{lastCommand}: exit code {last.ExitCode}, the page says {lines[i + 1]}");
                    continue;
                }

                if (!lines[i].StartsWith("$ octopus-privacy ", StringComparison.Ordinal))
                {
                    continue;
                }

                var expected = lines.Skip(i + 1).TakeWhile(l => !l.StartsWith("$ ", StringComparison.Ordinal)).Where(l => l.Length > 0).ToList();
                var (args, replacements) = Arguments(lines[i]["$ octopus-privacy ".Length..]);
                if (args is null)
                {
                    last = null;
                    continue;
                }

                last = CliRun.InProcess(args);
                lastCommand = lines[i];
                var actual = replacements.Aggregate(last.Output + last.Error, (text, r) => text.Replace(r.Actual, r.Shown, StringComparison.Ordinal));
                Compare(lines[i], expected, actual.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList());
                checkedExamples.Add(lines[i]);
            }
        }

        Assert.True(checkedExamples.Count >= 9, "too few examples were run: " + string.Join("; ", checkedExamples));
    }

    [Fact]
    public void The_exit_code_table_lists_every_exit_code_the_tool_has()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "cli.md"));
        var codes = typeof(CliApplication).Assembly.GetType("Octopus.Privacy.Cli.ExitCodes")!
            .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (int)f.GetValue(null)!).Order().ToList();

        var listed = ExitCodeRow().Matches(page).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();

        Assert.Equal(codes, listed);
    }

    /// <summary>
    /// The example's arguments, with repository files made absolute and a ledger or output file put in the test's
    /// directory; null when it needs a file the repository does not have (<c>privacy.json</c>, <c>build.sarif</c>).
    /// </summary>
    private (string[]? Args, List<(string Actual, string Shown)> Replacements) Arguments(string command)
    {
        var replacements = new List<(string Actual, string Shown)>();
        // Words as a shell splits them: on spaces, a double-quoted text being one word.
        var args = Words().Matches(command).Select(m => m.Value.Trim('"')).ToArray();
        for (var i = 0; i < args.Length; i++)
        {
            if (!FileName().IsMatch(args[i]))
            {
                continue;
            }

            var inRepository = Path.Combine(RepositoryPaths.Root, args[i]);
            string actual;
            if (File.Exists(inRepository))
            {
                actual = inRepository;
            }
            else if (args[i].EndsWith(".db", StringComparison.Ordinal) || args[i].EndsWith(".html", StringComparison.Ordinal))
            {
                actual = Path.Combine(_directory, args[i]);
            }
            else
            {
                return (null, replacements);
            }

            replacements.Add((actual, args[i]));
            args[i] = actual;
        }

        return (args, replacements);
    }

    private static void Compare(string command, List<string> expected, List<string> actual)
    {
        if (expected.Count > 0 && expected[0].StartsWith('{'))
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(string.Join('\n', expected)), JsonNode.Parse(string.Join('\n', actual))), $"{command}: the JSON differs from the page:\n{string.Join('\n', actual)}");
            return;
        }

        // "..." on the page stands for the rest of a long output.
        var shown = expected.TakeWhile(l => l != "...").ToList();
        Assert.True(actual.Count >= shown.Count, $"{command}: printed\n{string.Join('\n', actual)}");
        Assert.Equal(shown, actual.Take(shown.Count).ToList());
        if (!expected.Contains("..."))
        {
            Assert.Equal(shown.Count, actual.Count);
        }
    }

    [GeneratedRegex(@"```[a-z]*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"^[\w./-]+\.(json|sarif|html|db)$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"""[^""]*""|[^ ]+")]
    private static partial Regex Words();

    [GeneratedRegex(@"^\| (\d) \|", RegexOptions.Multiline)]
    private static partial Regex ExitCodeRow();
}
