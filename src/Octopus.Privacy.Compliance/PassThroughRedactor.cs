using Microsoft.Extensions.Compliance.Redaction;

namespace Octopus.Privacy.Compliance;

/// <summary>The redactor for a use the policy permits: the value, unchanged.</summary>
internal sealed class PassThroughRedactor : Redactor
{
    public static PassThroughRedactor Instance { get; } = new();

    public override int GetRedactedLength(ReadOnlySpan<char> input) => input.Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }
}
