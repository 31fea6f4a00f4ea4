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
        Assert.Equal(0, Run("grant", "s-2", "marketing.offers", "marketing.surveys").ExitCode);
        Assert.Equal(0, Run("accept", "s-3", "1.0").ExitCode);
        Assert.Equal(0, Run("withdraw", "s-3", "marketing.offers").ExitCode);

        var show = Run("show", "s-2", "--json");
        var history = Run("history", "s-1");
        var audience = Run("audience", "--category", "contact.email", "--purpose", "marketing.offers", "--recipient", "internal");

        using var shown = JsonDocument.Parse(show.Output);
        Assert.Equal(2, shown.RootElement.GetProperty("version").GetInt64());
        Assert.Equal(["marketing.offers granted", "marketing.surveys granted"], shown.RootElement.GetProperty("purposes").EnumerateArray().Select(p => $"{p.GetProperty("purpose").GetString()} {p.GetProperty("status").GetString()}"));
        Assert.Contains("accept   1.0  (web-form, signup-v7)", Assert.Single(history.OutputLines), StringComparison.Ordinal);
        Assert.Equal(["s-1", "s-2"], audience.OutputLines.Order(StringComparer.Ordinal));
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
    [InlineData(new[] { "grant", "s", "ads", "--occurred-at", "yesterday" }, "is not a date and time")]
    [InlineData(new[] { "grant", "s", "ads", "--evidence", "@long" }, "Evidence has at most 1024 characters")]
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

    private CliRun.Result Run(params string[] args) => CliRun.InProcess(["consent", .. args, "--ledger", Ledger]);
}
