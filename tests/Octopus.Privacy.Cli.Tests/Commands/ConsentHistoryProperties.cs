using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Octopus.Privacy.Cli.Tests.Commands;

/// <summary>
/// Whatever text a caller gives as a subject, a source or evidence (any Unicode: control characters, separators,
/// bidirectional marks, lone surrogates, U+FFFD), the history read back in every output format shows exactly the
/// records that were acknowledged, each on its own line, with nothing forged; and whatever bytes a file holds, the tool
/// answers with a result or one line, never a stack trace.
/// </summary>
public sealed class ConsentHistoryProperties : IDisposable
{
    private static readonly char[] Hostile = ['\n', '\r', '\t', '\u001b', '\u0000', '\u007f', '\u0085', '\u2028', '\u2029', '\u202E', '\u2066', '\u200F', '\uD800', '\uDC00', '\uFFFD', '"', '\\', ' ', '(', ')', ','];

    private readonly string _directory = Directory.CreateTempSubdirectory("octopus-privacy-property-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    public static Arbitrary<string[]> Texts() =>
        Gen.ArrayOf(
            Gen.OneOf(
                Gen.Elements(Hostile),
                Gen.Choose(0x20, 0x7E).Select(c => (char)c),
                Gen.Choose(0, 0xFFFF).Select(c => (char)c)).ArrayOf().Select(chars => new string(chars)),
            3).ToArbitrary();

    [Property(Arbitrary = [typeof(ConsentHistoryProperties)], MaxTest = 150)]
    public bool Appended_text_is_read_back_in_every_format_with_nothing_forged(string[] texts)
    {
        var ledger = Path.Combine(_directory, $"{Guid.NewGuid():N}.db");
        var (subject, source, evidence) = ($"s-{texts[0]}", texts[1], texts[2]);
        Assert.Equal(0, CliRun.InProcess("consent", "accept", "anchor", "1.0", "--ledger", ledger).ExitCode);

        var append = CliRun.InProcess("consent", "grant", subject, "marketing.offers", "--source", source, "--evidence", evidence, "--ledger", ledger);
        var acknowledged = append.ExitCode == 0;
        if (!acknowledged)
        {
            // Refused: one line, nothing recorded for anyone.
            Assert.Equal(2, append.ExitCode);
            Assert.Single(append.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("   at ", append.Error, StringComparison.Ordinal);
            using var all = JsonDocument.Parse(CliRun.InProcess("consent", "history", "anchor", "--json", "--ledger", ledger).Output);
            Assert.Equal(1, all.RootElement.GetProperty("records").GetArrayLength());
            return true;
        }

        var text = CliRun.InProcess("consent", "history", subject, "--ledger", ledger);
        var json = CliRun.InProcess("consent", "history", subject, "--json", "--ledger", ledger);

        // Text: one line per record, the only line breaks the ones the tool writes, no character that moves the cursor.
        var line = Assert.Single(text.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(line, c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202E' or '\u2066' || char.IsSurrogate(c) && !char.IsSurrogatePair(line, line.IndexOf(c, StringComparison.Ordinal)));
        Assert.Matches(@"^   1  \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ  grant    marketing\.offers", line);

        // JSON: the exact strings back, and only the one record.
        using var document = JsonDocument.Parse(json.Output);
        var record = Assert.Single(document.RootElement.GetProperty("records").EnumerateArray().ToList());
        Assert.Equal(subject, document.RootElement.GetProperty("subject").GetString());
        Assert.Equal(source, Value(record, "source"));
        Assert.Equal(evidence, Value(record, "evidence"));
        return true;
    }

    public static Arbitrary<byte[]> FileBytes() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>(),
            Gen.Elements(
                "{ \"version\": \"2.1.0\", \"runs\": [ { \"results\": [ { \"ruleId\": \"OPRIV001\" } ] } ], \"cases\": [ { } ], \"findings\": [] }",
                "{ \"version\": 1, \"findings\": [ { \"rule\": \"OPRIV001\", \"member\": \"\\ud800\", \"sink\": \"s\", \"source\": \"t\" } ] }",
                "{ \"cases\": [ { \"categories\": [\"contact.email\"], \"purpose\": \"service.provision\", \"recipient\": \"internal\", \"expect\": \"permit\" } ] }")
                .SelectMany(json => ArbMap.Default.GeneratorFor<(int, byte)>().ArrayOf().Select(edits =>
                {
                    var bytes = Encoding.UTF8.GetBytes(json);
                    foreach (var (at, value) in edits)
                    {
                        bytes[Math.Abs(at % bytes.Length)] = value;
                    }

                    return bytes;
                }))).ToArbitrary();

    [Property(Arbitrary = [typeof(ConsentHistoryProperties)], MaxTest = 200)]
    public bool Any_bytes_in_a_file_get_a_result_or_one_line_never_a_stack_trace(byte[] bytes)
    {
        var file = Path.Combine(_directory, "input.json");
        File.WriteAllBytes(file, bytes);
        var baseline = Path.Combine(_directory, "baseline.json");
        File.WriteAllText(baseline, """{ "version": 1, "findings": [] }""");

        foreach (var args in new[] { new[] { "test", file }, ["baseline", "create", file, "--output", baseline], ["baseline", "check", file, "--baseline", file], ["validate", file], ["@" + file] })
        {
            var result = CliRun.InProcess(args);
            Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
            if (result.ExitCode == 2)
            {
                Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return true;
    }

    private static string? Value(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
