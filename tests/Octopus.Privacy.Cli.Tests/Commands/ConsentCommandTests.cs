using System.Text.Json;

namespace Octopus.Privacy.Cli.Tests.Commands;

/// <summary><c>consent</c> on a real SQLite ledger file: record, read, find the audience, and refuse mistakes in one line.</summary>
public sealed class ConsentCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("octopus-privacy-consent-").FullName;

    private string Ledger => Path.Combine(_directory, "consent.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Recorded_changes_are_shown_with_their_history_and_make_the_audience()
    {
        Assert.Equal(0, Run("accept", "s-1", "1.0", "--source", "web-form", "--evidence", "signup-v7").ExitCode);
        Assert.Equal(0, Run("grant", "s-2", "marketing.offers", "advertising.tailored").ExitCode);
        Assert.Equal(0, Run("accept", "s-3", "1.0").ExitCode);
        Assert.Equal(0, Run("withdraw", "s-3", "marketing.offers").ExitCode);

        var show = Run("show", "s-2", "--json");
        var history = Run("history", "s-1");
        var audience = Run("audience", "--category", "contact.email", "--purpose", "marketing.offers", "--recipient", "internal");

        using var shown = JsonDocument.Parse(show.Output);
        Assert.Equal(2, shown.RootElement.GetProperty("version").GetInt64());
        Assert.Equal(["advertising.tailored granted", "marketing.offers granted"], shown.RootElement.GetProperty("purposes").EnumerateArray().Select(p => $"{p.GetProperty("purpose").GetString()} {p.GetProperty("status").GetString()}"));
        Assert.Contains("accept   1.0  (web-form, signup-v7)", Assert.Single(history.OutputLines), StringComparison.Ordinal);
        Assert.Equal(["s-1", "s-2"], audience.OutputLines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Text_outside_the_basic_plane_is_shown_whole_and_only_a_lone_surrogate_is_escaped()
    {
        // U+10000 and an emoji are surrogate pairs; in the first one nothing comes before them that needs escaping.
        Assert.Equal(0, Run("grant", "s", "marketing.offers", "--source", "\U00010000", "--evidence", "form \U0001F600 v2").ExitCode);

        var line = Assert.Single(Run("history", "s").OutputLines);

        Assert.EndsWith("(\U00010000, form \U0001F600 v2)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_idempotency_key_records_once()
    {
        var first = Run("grant", "s", "marketing.offers", "--idempotency-key", "form-1");
        var again = Run("grant", "s", "marketing.offers", "--idempotency-key", "form-1", "--json");

        Assert.Contains("version 1, position 1", first.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(again.Output);
        Assert.True(json.RootElement.GetProperty("duplicate").GetBoolean());
        Assert.Single(Run("history", "s").OutputLines);
    }

    [Fact]
    public void Show_as_of_a_moment_before_anything_was_recorded_is_version_0()
    {
        Run("accept", "s", "1.0");

        var before = Run("show", "s", "--as-of", "2000-01-01T00:00:00Z");

        Assert.Contains("Version:  0 (nothing recorded)", before.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "grant", "s", "Bad Purpose" }, "is not a valid purpose")]
    [InlineData(new[] { "accept", " ", "1.0" }, "must not be empty or white space")]
    [InlineData(new[] { "grant", "s", "marketing.offers", "--occurred-at", "yesterday" }, "is not an ISO 8601 date and time with an offset")]
    [InlineData(new[] { "grant", "s", "marketing.offers", "--evidence", "@long" }, "Evidence has at most 1024 characters")]
    [InlineData(new[] { "audience", "--category", "ssn", "--purpose", "marketing.offers", "--recipient", "internal" }, "unknown category 'ssn'")]
    public void A_mistake_is_one_line_and_exit_code_2_and_writes_nothing(string[] args, string says)
    {
        Run("accept", "existing", "1.0");
        args = args.Select(a => a == "@long" ? new string('e', 1025) : a).ToArray();

        var result = Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(says, Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal("Version:  0 (nothing recorded)", Run("show", "s").OutputLines[1]);
    }

    [Fact]
    public void Reading_a_ledger_that_does_not_exist_is_an_error_and_creates_nothing()
    {
        var missing = Path.Combine(_directory, "missing.db");

        var result = CliRun.InProcess("consent", "show", "s", "--ledger", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void A_file_that_is_not_a_ledger_is_an_error_in_one_line()
    {
        File.WriteAllText(Ledger, string.Concat(Enumerable.Repeat("not a database\n", 100)));

        var result = Run("grant", "s", "marketing.offers");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a SQLite database", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "grant", "s", "marketing.offers", "--evidence", "form\n   2  2026-01-01T00:00:00Z  grant    everything" }, "U+000A")]
    [InlineData(new[] { "grant", "s", "marketing.offers", "--source", "\u001b[1A\u001b[2Kweb" }, "U+001B")]
    [InlineData(new[] { "grant", "s", "marketing.offers", "--evidence", "form \u202Eevil" }, "U+202E")]
    [InlineData(new[] { "grant", "s", "nosuch.purpose" }, "does not define the purpose 'nosuch.purpose'")]
    [InlineData(new[] { "withdraw", "s", "nosuch.purpose" }, "does not define the purpose 'nosuch.purpose'")]
    [InlineData(new[] { "accept", "s", "9.9" }, "does not list the version '9.9'")]
    [InlineData(new[] { "grant", "s", "marketing.offers", "--occurred-at", "12/01/2026" }, "is not an ISO 8601 date and time with an offset")]
    [InlineData(new[] { "grant", "s", "marketing.offers", "--occurred-at", "2026-12-01T10:00:00" }, "is not an ISO 8601 date and time with an offset")]
    [InlineData(new[] { "grant", "s", "marketing.offers", "--occurred-at", "2999-01-01T00:00:00Z" }, "later than now")]
    public void Input_that_would_forge_or_corrupt_the_history_is_refused_and_records_nothing(string[] args, string says)
    {
        Run("accept", "anchor", "1.0");

        var result = Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(says, Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal("s: nothing recorded.", Assert.Single(Run("history", "s").OutputLines));
    }

    [Fact]
    public void The_policy_option_decides_which_purposes_and_versions_can_be_recorded()
    {
        using var run = new CliRun();
        var document = System.Text.Json.Nodes.JsonNode.Parse(PrivacyPolicy.OctopusGroup.ToJson())!.AsObject();
        document["version"] = "2.0";
        document["acceptedVersions"] = new System.Text.Json.Nodes.JsonArray("2.0", "1.0");
        var policy = run.Write("policy-2.json", document.ToJsonString());

        Assert.Equal(2, Run("accept", "s", "2.0").ExitCode);
        Assert.Equal(0, Run("accept", "s", "2.0", "--policy", policy).ExitCode);
        Assert.Equal(0, Run("accept", "s", "1.0", "--policy", policy).ExitCode);
        Assert.Contains("takes no --policy", Run("history", "s", "--policy", policy).Error, StringComparison.Ordinal);
        Assert.Contains("takes no --policy", Run("show", "s", "--policy", policy).Error, StringComparison.Ordinal);
        Assert.Equal(2, Run("history", "s").OutputLines.Length);
    }

    [Theory]
    [InlineData(":memory:")]
    [InlineData("file:mem1?mode=memory")]
    [InlineData("file::memory:?cache=shared")]
    public void A_ledger_that_would_not_outlive_the_process_is_refused(string ledger)
    {
        var result = CliRun.InProcess("consent", "grant", "s", "marketing.offers", "--ledger", ledger);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("needs a file that outlives the process", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_of_another_application_is_refused_and_left_exactly_as_it_was()
    {
        var other = Path.Combine(_directory, "shop.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={other};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO customers (email) VALUES ('a@example.com');";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(other);
        var write = CliRun.InProcess("consent", "grant", "s", "marketing.offers", "--ledger", other);
        var read = CliRun.InProcess("consent", "history", "s", "--ledger", other);

        Assert.Equal((2, 2), (write.ExitCode, read.ExitCode));
        Assert.Contains("is not an Octopus.Privacy consent ledger", write.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(other));
        Assert.False(File.Exists(other + "-wal") || File.Exists(other + "-shm"), "refusing left a WAL or shared-memory file beside the database");
    }

    [Fact]
    public void Reading_a_ledger_changes_nothing_in_its_folder()
    {
        Run("accept", "s", "1.0", "--evidence", "signup-v7");
        var before = File.ReadAllBytes(Ledger);
        var files = Directory.GetFiles(_directory).Order(StringComparer.Ordinal).ToArray();

        Run("history", "s");
        Run("show", "s", "--json");
        Run("audience", "--category", "contact.email", "--purpose", "marketing.offers", "--recipient", "internal");

        Assert.Equal(before, File.ReadAllBytes(Ledger));
        Assert.Equal(files, Directory.GetFiles(_directory).Order(StringComparer.Ordinal).ToArray());
    }


    [Fact]
    public void Export_writes_the_subjects_consent_history_and_evidence_as_one_JSON_document()
    {
        Run("accept", "s-1", "1.0", "--source", "web-form", "--evidence", "signup-v7");
        Run("grant", "s-1", "marketing.offers");
        Run("accept", "s-2", "1.0");
        var file = Path.Combine(_directory, "export.json");

        var stdout = Run("export", "--subject", "s-1");
        var toFile = Run("export", "--subject", "s-1", "--output", file);

        Assert.Equal(0, stdout.ExitCode);
        using var json = JsonDocument.Parse(stdout.Output);
        var root = json.RootElement;
        Assert.Equal(["subject", "exportedAt", "state", "history", "disclosures", "recipientsToNotify", "erasures", "applicationData"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("s-1", root.GetProperty("subject").GetString());
        Assert.Equal(2, root.GetProperty("state").GetProperty("version").GetInt64());
        Assert.Equal("1.0", root.GetProperty("state").GetProperty("acceptedPolicyVersion").GetString());
        Assert.Equal(["signup-v7", null], root.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("evidence").GetString()));
        Assert.Equal("web-form", root.GetProperty("history")[0].GetProperty("source").GetString());
        Assert.Equal(0, root.GetProperty("disclosures").GetArrayLength());
        Assert.Contains("exported 2 records, 0 disclosures and 0 erasures", toFile.Output, StringComparison.Ordinal);
        using var written = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal(2, written.RootElement.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public void Erase_removes_the_subject_records_the_erasure_and_leaves_others()
    {
        Run("accept", "s-1", "1.0", "--evidence", "signup-v7");
        Run("grant", "s-1", "marketing.offers");
        Run("accept", "s-2", "1.0");

        var erase = Run("erase", "--subject", "s-1", "--reason", "Art. 17 request 42", "--json");
        var export = Run("export", "--subject", "s-1");

        Assert.Equal(0, erase.ExitCode);
        using var erased = JsonDocument.Parse(erase.Output);
        Assert.Equal(2, erased.RootElement.GetProperty("recordsErased").GetInt64());
        Assert.Equal("Art. 17 request 42", erased.RootElement.GetProperty("reason").GetString());
        using var json = JsonDocument.Parse(export.Output);
        Assert.Equal(0, json.RootElement.GetProperty("state").GetProperty("version").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("history").GetArrayLength());
        Assert.Equal("Art. 17 request 42", json.RootElement.GetProperty("erasures")[0].GetProperty("reason").GetString());
        Assert.Equal("Version:  1", Run("show", "s-2").OutputLines[1]);
        Assert.Equal(["s-2"], Run("audience", "--category", "contact.email", "--purpose", "marketing.offers", "--recipient", "internal").OutputLines);
    }

    [Theory]
    [InlineData(new[] { "erase", "--subject", "s", "--reason", "" }, "An erasure's reason has 1 to 1024 characters")]
    [InlineData(new[] { "erase", "--subject", "s", "--reason", "line\nbreak" }, "must not contain control")]
    [InlineData(new[] { "erase", "--subject", "s" }, "Option '--reason' is required")]
    [InlineData(new[] { "erase", "--subject", " ", "--reason", "request" }, "must not be empty or white space")]
    [InlineData(new[] { "export", "--subject", "s", "--policy", "x.json" }, "takes no --policy")]
    public void A_rights_mistake_is_one_line_and_exit_code_2_and_erases_nothing(string[] args, string says)
    {
        Run("accept", "s", "1.0");
        var result = Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(says, Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal("Version:  1", Run("show", "s").OutputLines[1]);
    }

    [Fact]
    public void Erasing_in_a_ledger_that_does_not_exist_is_an_error_and_creates_nothing()
    {
        var missing = Path.Combine(_directory, "missing.db");

        var result = CliRun.InProcess("consent", "erase", "--subject", "s", "--reason", "request", "--ledger", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    private CliRun.Result Run(params string[] args) => CliRun.InProcess(["consent", .. args, "--ledger", Ledger]);
}
