namespace Octopus.Privacy.Tests.Classification;

public sealed class RedactionTests
{
    [Theory]
    [InlineData("ada@example.com", "[redacted]")]
    [InlineData("", "")]
    [InlineData(null, "(null)")]
    public void Redact_keeps_only_whether_a_value_was_present(string? value, string expected)
    {
        Assert.Equal(expected, Redaction.Redact(value));
        Assert.Equal(expected, Redaction.Redact((object?)value));
    }

    [Fact]
    public void Redact_hides_other_values_too()
    {
        Assert.Equal("[redacted]", Redaction.Redact((object)12345));
        Assert.DoesNotContain("12345", Redaction.Redact((object)12345), StringComparison.Ordinal);
    }

    [Fact]
    public void Redaction_methods_are_sanitizers_for_the_analyzer()
    {
        Assert.All(
            typeof(Redaction).GetMethods().Where(m => m.DeclaringType == typeof(Redaction)),
            m => Assert.NotNull(m.GetCustomAttributes(typeof(PiiSanitizerAttribute), inherit: false).SingleOrDefault()));
    }
}
