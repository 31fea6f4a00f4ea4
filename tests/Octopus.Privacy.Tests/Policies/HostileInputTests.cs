using System.Text;
using Octopus.Privacy.Tests.Support;

namespace Octopus.Privacy.Tests.Policies;

/// <summary>Inputs a mutation fuzzer and hand-made hostile files found: each is a problem with a position, never a crash.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("octopus-privacy-hostile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("{\"name\":\"\\ud800\",\"version\":\"1\"}", 1, 9)]
    [InlineData("{\"name\":\"ok\",\n \"\\udc00x\":\"1\"}", 2, 2)]
    public void An_escaped_lone_surrogate_is_a_problem_with_its_position(string json, int line, int column)
    {
        var ex = Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Parse(json));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal((line, column), (problem.Line, problem.Column));
        Assert.Contains("lone surrogate", problem.Message, StringComparison.Ordinal);
        Assert.Equal(ex.Problems, PrivacyPolicy.Validate(json));
    }

    [Fact]
    public void A_lone_surrogate_in_the_string_itself_is_a_problem_with_its_position()
    {
        var json = "{\n  \"name\": \"a\uD800b\" }";

        var problem = Assert.Single(PrivacyPolicy.Validate(json));

        Assert.Equal((2, 13), (problem.Line, problem.Column));
        Assert.Contains("U+D800", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_an_escaped_lone_surrogate_fails_to_load_naming_the_file_and_position()
    {
        var path = Write("surrogate.json", "{\"name\":\"\\ud800\",\"version\":\"1\"}"u8);

        var ex = Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Load(path));

        Assert.Equal(path, ex.FilePath);
        Assert.Contains($"{path}(1,9)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_bytes_are_a_problem_with_their_position_not_replacement_characters()
    {
        var bytes = Encoding.UTF8.GetBytes("{\n  \"name\": \"ab").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"\n}")).ToArray();
        var path = Write("latin1.json", bytes);

        var ex = Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Load(path));
        var problem = Assert.Single(ex.Problems);

        Assert.Equal((2, 14), (problem.Line, problem.Column));
        Assert.Contains("not valid UTF-8", problem.Message, StringComparison.Ordinal);
        Assert.Contains("0xC3", problem.Message, StringComparison.Ordinal);
        Assert.Equal(ex.Problems, PrivacyPolicy.Validate(bytes));
    }

    [Fact]
    public void Malformed_json_positions_are_character_columns()
    {
        var problem = Assert.Single(PrivacyPolicy.Validate("{\"name\": \"ééééé\" @}"));

        Assert.Equal((1, 18), (problem.Line, problem.Column));
        Assert.StartsWith("Malformed JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Characters_outside_the_basic_plane_count_as_two_columns_as_in_a_dotnet_string()
    {
        var json = "{ \"name\": \"\U0001F600\", \"bogus\": 1 }";

        var problems = PrivacyPolicy.Validate(json);

        var unknown = Assert.Single(problems, p => p.Message.Contains("Unknown property 'bogus'", StringComparison.Ordinal));
        Assert.Equal(json.IndexOf("\"bogus\"", StringComparison.Ordinal) + 1, unknown.Column);
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Every_line_ending_counts_as_a_line(string newline)
    {
        var json = PolicyText.WithRules("""{ "id": "a", "effect": "allow" }""").ReplaceLineEndings(newline);
        var expectedLine = Array.FindIndex(json.Split(newline), l => l.Contains("allow", StringComparison.Ordinal)) + 1;

        var problem = Assert.Single(PrivacyPolicy.Validate(json));
        var malformed = Assert.Single(PrivacyPolicy.Validate(json.Replace("\"allow\"", "allow", StringComparison.Ordinal)));

        Assert.True(expectedLine > 10);
        Assert.Equal(expectedLine, problem.Line);
        Assert.Equal(expectedLine, malformed.Line);
    }

    [Fact]
    public void A_path_that_cannot_name_a_file_is_a_validation_error_that_says_so()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Load("a\0b.json"));

        Assert.Contains("NUL character", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endless_file_is_refused_once_the_limit_is_read_not_read_until_memory_runs_out()
    {
        // A device says its length is 0 and never ends: the limit must hold while reading.
        var ex = Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Load("/dev/zero"));

        Assert.Contains("larger than 8 MiB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_given_as_a_policy_file_is_a_validation_error_that_says_so()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Load(_directory));

        Assert.Contains("is a directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_document_gets_the_plain_message()
    {
        foreach (var text in new[] { string.Empty, "  \n ", "\uFEFF" })
        {
            var problem = Assert.Single(PrivacyPolicy.Validate(text));
            Assert.Equal("The document is empty; expected a JSON object.", problem.Message);
        }
    }

    [Fact]
    public void Validate_returns_no_problem_for_a_valid_document_and_the_same_problems_Parse_throws()
    {
        var valid = PrivacyPolicy.OctopusGroup.ToJson();
        var invalid = PolicyText.WithRules("""{ "id": "a", "effect": "allow" }, { "id": "B", "effect": "permit", "purposes": ["nope"] }""");

        Assert.Empty(PrivacyPolicy.Validate(valid));
        Assert.Equal(Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Parse(invalid)).Problems, PrivacyPolicy.Validate(invalid));
        Assert.Equal(3, PrivacyPolicy.Validate(invalid).Count);
    }

    private string Write(string name, ReadOnlySpan<byte> bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }
}
