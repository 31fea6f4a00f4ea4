using System.Text;
using System.Text.Json.Nodes;

namespace Octopus.Privacy.Cli.Tests.Commands;

/// <summary>
/// Every class of bad or hostile file input, through every command that reads such a file: one line on standard
/// error, exit code 2, no stack trace, and nothing written.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string GoodSarif = """{ "version": "2.1.0", "runs": [ { "results": [] } ] }""";

    private readonly CliRun _run = new();

    public void Dispose() => _run.Dispose();

    /// <summary>Contents that no reader may turn into a stack trace: invalid UTF-8, escaped lone surrogates, wrong shapes.</summary>
    public static TheoryData<string, byte[]> BadContents() => new()
    {
        { "invalid UTF-8 inside a string", Bytes("{ \"version\": \"2.1.0\", \"cases\": [ { \"name\": \"caf", [0xC3, 0x28], "\" } ], \"runs\": [] }") },
        { "a UTF-16 file", Encoding.Unicode.GetBytes("{ \"cases\": [] }") },
        { "an escaped lone surrogate", Bytes("{ \"version\": \"2.1.0\", \"policy\": \"\\ud800\", \"runs\": [ { \"tool\": \"\\udc00\" } ], \"cases\": [], \"findings\": [] }") },
        { "an escaped lone surrogate in a property name", Bytes("{ \"\\ud800\": 1, \"version\": \"2.1.0\", \"runs\": [] }") },
        { "truncated JSON", Bytes("{ \"version\": \"2.1.0\", \"runs\": [ ") },
        { "a JSON array", Bytes("[1, 2]") },
        { "nesting deeper than any reader allows", Bytes(new string('[', 5000) + new string(']', 5000)) },
    };

    public static TheoryData<string> Readers() => ["test", "baseline create", "baseline check --baseline", "validate", "explain --policy", "response file"];

    [Theory]
    [MemberData(nameof(BadContents))]
    public void Bad_contents_are_one_line_for_every_reader(string what, byte[] contents)
    {
        foreach (var reader in Readers())
        {
            var file = Path.Combine(_run.Directory, "input.json");
            File.WriteAllBytes(file, contents);
            var baseline = _run.Write("baseline.json", """{ "version": 1, "findings": [ { "rule": "OPRIV001", "member": "M", "sink": "log", "source": "S" } ] }""");
            var sarif = _run.Write("good.sarif", GoodSarif);
            var before = File.ReadAllBytes(baseline);

            var result = reader switch
            {
                "test" => CliRun.InProcess("test", file),
                "baseline create" => CliRun.InProcess("baseline", "create", file, "--output", baseline),
                "baseline check --baseline" => CliRun.InProcess("baseline", "check", sarif, "--baseline", file),
                "validate" => CliRun.InProcess("validate", file),
                "explain --policy" => CliRun.InProcess("explain", "--policy", file, "--category", "contact.email", "--purpose", "service.provision", "--recipient", "internal"),
                _ => CliRun.InProcess("@" + file),
            };

            AssertOneLineError(result, $"{what} through {reader}", allowValidateFailure: reader == "validate");
            Assert.Equal(before, File.ReadAllBytes(baseline));
        }
    }

    public static TheoryData<string, string> NotSarif() => new()
    {
        { """{ "runs": [] }""", "not a SARIF log" },
        { """{ "version": "2.1.0", "runs": [ 1, 2 ] }""", "run 1 is not an object" },
        { """{ "version": "2.1.0", "runs": [ { "results": {} } ] }""", "is not a list" },
        { """{ "version": "2.1.0", "runs": [ { "results": [ "x" ] } ] }""", "is not an object" },
        { """{ "version": "2.1.0", "runs": {} }""", "not a SARIF log" },
    };

    [Theory]
    [MemberData(nameof(NotSarif))]
    public void A_file_not_shaped_like_SARIF_is_refused_and_never_empties_a_good_baseline(string json, string says)
    {
        var baseline = _run.Write("baseline.json", """{ "version": 1, "findings": [ { "rule": "OPRIV001", "member": "M", "sink": "log", "source": "S" } ] }""");
        var before = File.ReadAllBytes(baseline);
        var log = _run.Write("build.sarif", json);

        var create = CliRun.InProcess("baseline", "create", log, "--output", baseline);
        var check = CliRun.InProcess("baseline", "check", log, "--baseline", baseline);

        Assert.Contains(says, AssertOneLineError(create, json), StringComparison.Ordinal);
        AssertOneLineError(check, json);
        Assert.Equal(before, File.ReadAllBytes(baseline));
    }

    [Theory]
    [InlineData("""{ "version": "1", "findings": [] }""")]
    [InlineData("""{ "version": 1.5, "findings": [] }""")]
    [InlineData("""{ "version": 1, "findings": [ { "rule": 1 } ] }""")]
    [InlineData("""{ "version": 1, "findings": {} }""")]
    public void A_baseline_of_the_wrong_shape_is_one_line(string json)
    {
        var baseline = _run.Write("baseline.json", json);
        var log = _run.Write("build.sarif", GoodSarif);

        AssertOneLineError(CliRun.InProcess("baseline", "check", log, "--baseline", baseline), json);
        AssertOneLineError(CliRun.InProcess("baseline", "create", log, "--output", baseline), json);
        Assert.Equal(json, File.ReadAllText(baseline));
    }

    [Fact]
    public void Endless_files_are_refused_while_reading()
    {
        AssertOneLineError(CliRun.InProcess("validate", "/dev/zero"), "validate");
        AssertOneLineError(CliRun.InProcess("explain", "--policy", "/dev/zero", "--category", "contact.email", "--purpose", "service.provision", "--recipient", "internal"), "explain");
        AssertOneLineError(CliRun.InProcess("test", "/dev/zero"), "test");
        AssertOneLineError(CliRun.InProcess("baseline", "create", "/dev/zero", "--output", Path.Combine(_run.Directory, "b.json")), "baseline");
        AssertOneLineError(CliRun.InProcess("@/dev/zero"), "response file");
        Assert.Contains("larger than", CliRun.InProcess("validate", "/dev/zero").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_paths_directories_and_missing_response_files_are_one_line()
    {
        var log = _run.Write("build.sarif", GoodSarif);
        var folder = System.IO.Directory.CreateDirectory(Path.Combine(_run.Directory, "folder")).FullName;

        Assert.Contains("empty path", AssertOneLineError(CliRun.InProcess("baseline", "create", log, "--output", string.Empty), "--output \"\""), StringComparison.Ordinal);
        Assert.Contains("empty path", AssertOneLineError(CliRun.InProcess("consent", "grant", "s", "marketing.offers", "--ledger", string.Empty), "--ledger \"\""), StringComparison.Ordinal);
        Assert.Contains("empty path", AssertOneLineError(CliRun.InProcess("validate", string.Empty), "validate \"\""), StringComparison.Ordinal);
        Assert.Contains("empty path", AssertOneLineError(CliRun.InProcess("matrix", "--output", string.Empty), "matrix --output \"\""), StringComparison.Ordinal);
        Assert.Contains("is a directory", AssertOneLineError(CliRun.InProcess("matrix", "--output", folder), "matrix --output folder"), StringComparison.Ordinal);
        Assert.Contains("is a directory", AssertOneLineError(CliRun.InProcess("@" + folder), "@folder"), StringComparison.Ordinal);
        Assert.Contains("does not exist", AssertOneLineError(CliRun.InProcess("@" + Path.Combine(folder, "none.rsp")), "@missing"), StringComparison.Ordinal);
        Assert.Contains("is a directory", AssertOneLineError(CliRun.InProcess("baseline", "create", log, "--output", folder), "--output folder"), StringComparison.Ordinal);
        Assert.Contains("does not exist", AssertOneLineError(CliRun.InProcess("baseline", "create", log, "--output", Path.Combine(folder, "no", "b.json")), "--output in a missing folder"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_file_supplies_arguments()
    {
        var policy = _run.Write("policy with space.json", PrivacyPolicy.OctopusGroup.ToJson());
        var arguments = _run.Write("args.rsp", $"# the policy to check\nvalidate\n\"{policy}\"\n");

        var result = CliRun.InProcess("@" + arguments);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(": OK (", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_file_with_no_cases_fails_instead_of_passing()
    {
        var tests = _run.Write("empty.tests.json", """{ "cases": [] }""");

        var result = CliRun.InProcess("test", tests);

        Assert.Contains("proves nothing", AssertOneLineError(result, "empty cases"), StringComparison.Ordinal);
        Assert.DoesNotContain("0 passed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_argument_decoded_from_invalid_bytes_is_refused()
    {
        // The runtime decodes argv bytes that are not UTF-8 to U+FFFD; the real process shows it end to end.
        var ledger = Path.Combine(_run.Directory, "consent.db");

        var result = CliRun.InProcess("consent", "grant", "user-\uFFFD", "marketing.offers", "--ledger", ledger);

        Assert.Contains("not valid UTF-8", AssertOneLineError(result, "U+FFFD"), StringComparison.Ordinal);
        Assert.False(File.Exists(ledger));
    }

    [Fact]
    public async Task A_subject_id_of_invalid_bytes_given_by_a_shell_is_refused_and_records_nothing()
    {
        var ledger = Path.Combine(_run.Directory, "consent.db");
        var tool = Path.Combine(AppContext.BaseDirectory, "Octopus.Privacy.Cli.dll");
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("dotnet \"$0\" consent grant \"$(printf 'user-\\xff')\" marketing.offers --ledger \"$1\"");
        start.ArgumentList.Add(tool);
        start.ArgumentList.Add(ledger);

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Contains("not valid UTF-8", AssertOneLineError(new CliRun.Result(process.ExitCode, await output, await error), "invalid bytes"), StringComparison.Ordinal);
        Assert.False(File.Exists(ledger));
    }

    [Theory]
    [InlineData("Evil\u001b[2J policy")]
    [InlineData("Evil\u0000policy")]
    [InlineData("Evil\u202Epolicy")]
    public void A_policy_name_with_control_characters_is_shown_escaped(string name)
    {
        var document = JsonNode.Parse(PrivacyPolicy.OctopusGroup.ToJson())!.AsObject();
        document["name"] = name;
        var policy = _run.Write("evil.json", document.ToJsonString());
        var tests = _run.Write("evil.tests.json", """{ "policy": "evil.json", "cases": [ { "categories": ["contact.email"], "purpose": "service.provision", "recipient": "internal", "expect": "permit" } ] }""");

        var outputs = new[]
        {
            CliRun.InProcess("validate", policy),
            CliRun.InProcess("test", tests),
            CliRun.InProcess("diff", policy, policy),
            CliRun.InProcess("matrix", "--policy", policy),
            CliRun.InProcess("matrix", "--policy", policy, "--format", "markdown"),
            CliRun.InProcess("matrix", "--policy", policy, "--format", "html"),
        };

        foreach (var result in outputs)
        {
            Assert.DoesNotContain(result.Output + result.Error, c => char.IsControl(c) && c is not '\n' and not '\r');
            Assert.DoesNotContain('\u202E', result.Output + result.Error);
        }

        Assert.Contains("Evil\\u", outputs[0].Output + outputs[0].Error, StringComparison.Ordinal);
    }

    /// <summary>Asserts one line on standard error, exit code 2 (or 1 for validate's own problems), no stack trace; returns the line.</summary>
    internal static string AssertOneLineError(CliRun.Result result, string what, bool allowValidateFailure = false)
    {
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output + result.Error, StringComparison.Ordinal);
        if (allowValidateFailure && result.ExitCode == 1)
        {
            Assert.Contains("error OPP0001", result.Output, StringComparison.Ordinal);
            return result.Output;
        }

        Assert.True(result.ExitCode == 2, $"{what}: exit code {result.ExitCode}; stdout: {result.Output}; stderr: {result.Error}");
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("octopus-privacy: ", line, StringComparison.Ordinal);
        return line;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Bytes(string a, byte[] middle, string b) => [.. Bytes(a), .. middle, .. Bytes(b)];
}
