using System.Text.Json;

namespace Octopus.Privacy.Cli.Tests.Commands;

/// <summary>
/// <c>baseline create</c> and <c>baseline check</c> on SARIF logs in the compiler's two forms. (A real build's log is
/// used end to end in the analyzer tests' PackageEndToEndTests.)
/// </summary>
public sealed class BaselineCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("octopus-privacy-baseline-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Create_writes_one_sorted_entry_per_fingerprint_with_the_place_relative_to_the_baseline()
    {
        var log = Write("build.sarif", Sarif21(
            Result("OPRIV002", "M:Shop.B.Send", "HttpClient.PostAsync", "Customer.Email (contact.email)", "src/B.cs", 7),
            Result("OPRIV001", "M:Shop.A.Run", "LoggerExtensions.LogInformation", "Customer.Email (contact.email)", "src/A.cs", 12),
            Result("OPRIV001", "M:Shop.A.Run", "LoggerExtensions.LogInformation", "Customer.Email (contact.email)", "src/A.cs", 14),
            Result("CA1822", "M:Shop.A.Run", "x", "y", "src/A.cs", 3)));
        var baseline = Path.Combine(_directory, "octopus-privacy.baseline.json");

        var result = CliRun.InProcess("baseline", "create", log, "--output", baseline);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{baseline}: 2 accepted findings.", result.OutputLines.Single());
        using var written = JsonDocument.Parse(File.ReadAllText(baseline));
        Assert.Equal(1, written.RootElement.GetProperty("version").GetInt32());
        var findings = written.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["OPRIV001", "OPRIV002"], findings.Select(f => f.GetProperty("rule").GetString()));
        Assert.Equal("src/A.cs", findings[0].GetProperty("file").GetString());
        Assert.Equal(12, findings[0].GetProperty("line").GetInt32());
        Assert.Equal("M:Shop.A.Run", findings[0].GetProperty("member").GetString());
    }

    [Fact]
    public void Check_reports_stale_entries_and_new_findings_and_create_again_shrinks_the_baseline()
    {
        var baseline = Path.Combine(_directory, "octopus-privacy.baseline.json");
        var before = Write("before.sarif", Sarif21(
            Result("OPRIV001", "M:Shop.A.Run", "LoggerExtensions.LogInformation", "Customer.Email (contact.email)", "src/A.cs", 12),
            Result("OPRIV001", "M:Shop.A.Other", "LoggerExtensions.LogInformation", "Customer.Name (identity.name)", "src/A.cs", 20)));
        Assert.Equal(0, CliRun.InProcess("baseline", "create", before, "--output", baseline).ExitCode);

        // Later: A.Other was fixed, A.Run is still there (suppressed by the baseline), and A.New leaks.
        var after = Write("after.sarif", Sarif21(
            Result("OPRIV001", "M:Shop.A.Run", "LoggerExtensions.LogInformation", "Customer.Email (contact.email)", "src/A.cs", 15, suppressed: true),
            Result("OPRIV001", "M:Shop.A.New", "LoggerExtensions.LogWarning", "Customer.Email (contact.email)", "src/A.cs", 30)));

        var check = CliRun.InProcess("baseline", "check", after, "--baseline", baseline);

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("stale: OPRIV001 in M:Shop.A.Other: Customer.Name (identity.name) to LoggerExtensions.LogInformation (was at src/A.cs:20)", check.OutputLines);
        Assert.Contains(check.OutputLines, l => l.StartsWith("new: ", StringComparison.Ordinal) && l.EndsWith("A.cs(30): OPRIV001 in M:Shop.A.New: Customer.Email (contact.email) to LoggerExtensions.LogWarning", StringComparison.Ordinal));
        Assert.Equal($"{baseline}: 2 accepted, 1 still found, 1 stale; 1 new findings.", check.OutputLines[^1]);

        var create = CliRun.InProcess("baseline", "create", after, "--output", baseline);
        Assert.Equal($"{baseline}: 2 accepted findings (1 added, 1 removed).", create.OutputLines.Single());
        var recheck = CliRun.InProcess("baseline", "check", after, "--baseline", baseline);
        Assert.Equal(0, recheck.ExitCode);
    }

    [Fact]
    public void The_compilers_sarif_1_0_form_is_read_too()
    {
        var log = Write("v1.sarif", """
            {
              "$schema": "http://json.schemastore.org/sarif-1.0.0",
              "version": "1.0.0",
              "runs": [ { "tool": { "name": "Microsoft (R) Visual C# Compiler" }, "results": [
                { "ruleId": "OPRIV001", "level": "warning", "message": "m",
                  "locations": [ { "resultFile": { "uri": "file:///src/A.cs", "region": { "startLine": 9 } } } ],
                  "suppressionStates": [ "suppressedInSource" ],
                  "properties": { "warningLevel": 1, "customProperties": { "member": "M:A.Run", "sink": "S.Log", "source": "A.Email (contact.email)" } } }
              ] } ]
            }
            """);
        var baseline = Path.Combine(_directory, "v1.baseline.json");

        Assert.Equal(0, CliRun.InProcess("baseline", "create", log, "--output", baseline).ExitCode);
        Assert.Equal(0, CliRun.InProcess("baseline", "check", log, "--baseline", baseline).ExitCode);
        Assert.Contains("\"member\": \"M:A.Run\"", File.ReadAllText(baseline), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", "not a SARIF log")]
    [InlineData("{ \"version\": \"2.1.0\" }", "not a SARIF log (a SARIF log is an object with \"version\" 2.1.0 or 1.0.0 and a \"runs\" list)")]
    [InlineData("{ \"version\": \"2.1.0\", \"runs\": [ { \"results\": [ { \"ruleId\": \"OPRIV001\", \"message\": { \"text\": \"m\" } } ] } ] }", "carry no fingerprint")]
    public void A_log_that_cannot_be_used_is_one_line_and_exit_code_2(string text, string says)
    {
        var log = Write("bad.sarif", text);

        var result = CliRun.InProcess("baseline", "create", log, "--output", Path.Combine(_directory, "out.json"));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(says, line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "out.json")));
    }

    [Theory]
    [InlineData(null, "does not exist")]
    [InlineData("{ \"version\": 2, \"findings\": [] }", "not an Octopus.Privacy baseline of version 1")]
    [InlineData("{ \"version\": 1, \"findings\": [ { \"rule\": \"OPRIV001\" } ] }", "finding 1 needs the strings")]
    [InlineData("{ \"version\": 1, ", "not valid JSON")]
    public void A_baseline_that_cannot_be_used_is_one_line_and_exit_code_2(string? text, string says)
    {
        var log = Write("build.sarif", Sarif21());
        var baseline = Path.Combine(_directory, "given.baseline.json");
        if (text is not null)
        {
            File.WriteAllText(baseline, text);
        }

        var result = CliRun.InProcess("baseline", "check", log, "--baseline", baseline);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(says, Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Sarif21(params string[] results) => $$"""
        {
          "$schema": "http://json.schemastore.org/sarif-2.1.0",
          "version": "2.1.0",
          "runs": [ { "tool": { "driver": { "name": "Microsoft (R) Visual C# Compiler" } }, "results": [ {{string.Join(",\n", results)}} ] } ]
        }
        """;

    private string Result(string rule, string member, string sink, string source, string file, int line, bool suppressed = false) => $$"""
        {
          "ruleId": "{{rule}}",
          "level": "warning",
          "message": { "text": "..." },
          "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "{{new Uri(Path.Combine(_directory, file)).AbsoluteUri}}" }, "region": { "startLine": {{line}} } } } ],
          {{(suppressed ? "\"suppressions\": [ { \"kind\": \"inSource\" } ]," : string.Empty)}}
          "properties": { "warningLevel": 1, "customProperties": { "member": "{{member}}", "sink": "{{sink}}", "source": "{{source}}" } }
        }
        """;
}
