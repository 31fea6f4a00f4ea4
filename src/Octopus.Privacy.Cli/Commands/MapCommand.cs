using System.CommandLine;
using System.Text.Json;
using Octopus.Privacy.Cli.DataMap;
using Octopus.Privacy.Cli.Input;
using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli.Commands;

/// <summary>
/// <c>map</c>: every member that holds personal data and every place it is logged or shared, by category, recipient
/// and purpose, checked against the policy; JSON or one self-contained HTML page; <c>--check</c> for build pipelines.
/// </summary>
internal static class MapCommand
{
    /// <summary>The largest committed map <c>--check</c> reads.</summary>
    private const int MaxMapBytes = 64 * 1024 * 1024;

    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("PATH") { Description = "The project (.csproj) or solution (.sln, .slnx) to map; it is built with 'dotnet build'." };
        var format = new Option<string?>("--format") { Description = "json (the default) or html. Without it, an --output or --check file ending in .html is HTML.", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("json", "html");
        var output = new Option<string?>("--output") { Description = "Write the map to FILE instead of standard output.", HelpName = "FILE" };
        var check = new Option<string?>("--check") { Description = "Compare the map with the committed FILE instead of writing it: exit 0 when they are the same, 1 when they differ.", HelpName = "FILE" };
        var command = new Command("map", "Draw the data map of a project or solution: the members that hold personal data, every place it is logged or shared (with its categories, sink, recipient, the purposes its consent checks ask about, and a verdict: finding, guarded, redacted or policy-conflict), and the records of processing per purpose, checked against the policy (--policy, else the project's own policy file, else the embedded default).")
        {
            path, format, output, check,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(context, parse, parse.GetValue(path)!, parse.GetValue(format), parse.GetValue(output), parse.GetValue(check), cancellationToken)));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, string path, string? format, string? output, string? check, CancellationToken cancellationToken)
    {
        CliFiles.CheckFile(path, "project or solution");
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".csproj" or ".sln" or ".slnx"))
        {
            throw new CliException($"'{CliText.Printable(path)}' is not a C# project (.csproj) or a solution (.sln, .slnx).");
        }

        if (output is not null && check is not null)
        {
            throw new CliException("--output and --check do not go together: --check compares the map with a file and writes nothing.");
        }

        if (output is not null)
        {
            CliFiles.CheckOutput(output, "output file");
        }

        format ??= (output ?? check) is { } file && Path.GetExtension(file).ToLowerInvariant() is ".html" or ".htm" ? "html" : "json";
        var named = parse.GetValue(context.PolicyOption);
        var namedPolicy = named is null ? null : CliContext.LoadPolicy(named);
        var fullPath = Path.GetFullPath(path);
        var root = Path.GetDirectoryName(fullPath)!;

        using var build = DataMapBuild.Run(fullPath, named is null ? null : Path.GetFullPath(named), cancellationToken);
        var policy = namedPolicy ?? ProjectPolicy(build.Projects);
        var (sources, sites) = DataMapReader.Read(build.Logs, root);
        var map = new DataMapDocument(policy.Name, policy.Version, sources, sites, DataMapDocument.RecordsOfProcessing(sites, policy));
        var linkBase = output is not null ? Path.GetDirectoryName(Path.GetFullPath(output))! : check is not null ? Path.GetDirectoryName(Path.GetFullPath(check))! : root;
        var bytes = format == "html" ? DataMapHtml.Write(map, root, linkBase) : map.ToJson();

        if (check is not null)
        {
            var committed = CliFiles.Read(check, "committed map", MaxMapBytes);
            if (committed.AsSpan().SequenceEqual(bytes))
            {
                context.Output.WriteLine($"The data map in {CliText.Printable(check)} is up to date: {map.Sites.Count} sites, {map.Sources.Count} members.");
                return ExitCodes.Success;
            }

            context.Output.WriteLine($"The data map differs from {CliText.Printable(check)}{Difference(committed, map)}. Run 'octopus-privacy map {CliText.Printable(path)} --output {CliText.Printable(check)}' and review the change.");
            return ExitCodes.Failure;
        }

        if (output is null)
        {
            context.Output.Flush();
            if (ReferenceEquals(context.Output, Console.Out))
            {
                using var stdout = Console.OpenStandardOutput();
                stdout.Write(bytes);
            }
            else
            {
                context.Output.Write(System.Text.Encoding.UTF8.GetString(bytes));
            }
        }
        else
        {
            File.WriteAllBytes(output, bytes);
            context.Error.WriteLine($"Wrote the data map of {CliText.Printable(path)} to {CliText.Printable(output)}: {map.Sites.Count} sites ({map.VerdictCounts}), {map.Sources.Count} members.");
        }

        return ExitCodes.Success;
    }

    /// <summary>The policy the projects' analyzers used: the one policy file they name, else the embedded default.</summary>
    private static PrivacyPolicy ProjectPolicy(IReadOnlyList<CompiledProject> projects)
    {
        var files = projects.Select(p => p.PolicyInUse()).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return files.Count switch
        {
            0 => PrivacyPolicy.OctopusGroup,
            1 => CliContext.LoadPolicy(files[0]),
            _ => throw new CliException($"the projects use different policy files ({string.Join(", ", files.Select(CliText.Printable))}); name the one to check the map against with --policy."),
        };
    }

    /// <summary>For a committed JSON map: how many sites were added and removed, by place and sink.</summary>
    private static string Difference(byte[] committed, DataMapDocument map)
    {
        try
        {
            using var document = JsonDocument.Parse(committed);
            var before = new HashSet<string>(StringComparer.Ordinal);
            foreach (var site in document.RootElement.GetProperty("sites").EnumerateArray())
            {
                before.Add($"{site.GetProperty("file").GetString()}:{site.GetProperty("line").GetInt32()} {site.GetProperty("sinkName").GetString()} {site.GetProperty("verdict").GetString()}");
            }

            var after = map.Sites.Select(s => $"{s.Place} {s.SinkName} {s.Verdict}").ToHashSet(StringComparer.Ordinal);
            var added = after.Except(before).Order(StringComparer.Ordinal).ToList();
            var removed = before.Except(after).Order(StringComparer.Ordinal).ToList();
            return added.Count + removed.Count == 0
                ? " (the same sites; other fields changed)"
                : $": {added.Count} sites added or changed{(added.Count > 0 ? " (" + CliText.Printable(string.Join("; ", added.Take(5))) + ")" : string.Empty)}, {removed.Count} removed or changed{(removed.Count > 0 ? " (" + CliText.Printable(string.Join("; ", removed.Take(5))) + ")" : string.Empty)}";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return string.Empty;
        }
    }
}
