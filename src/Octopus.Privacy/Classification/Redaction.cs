using System.Globalization;

namespace Octopus.Privacy;

/// <summary>
/// Turns personal data into text that carries none, for logs and messages. Every method is a
/// <see cref="PiiSanitizerAttribute">sanitizer</see> for the analyzer.
/// </summary>
public static class Redaction
{
    /// <summary>The text that stands for a redacted value.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>Replaces a value with <see cref="Redacted"/>, keeping only whether it was present.</summary>
    /// <param name="value">The personal value.</param>
    /// <returns><see cref="Redacted"/>, or <c>(null)</c> when the value is null, or an empty string when it is empty.</returns>
    [PiiSanitizer]
    public static string Redact(string? value) => value switch
    {
        null => "(null)",
        "" => string.Empty,
        _ => Redacted,
    };

    /// <summary>Replaces a value with <see cref="Redacted"/>, keeping only whether it was present.</summary>
    /// <param name="value">The personal value.</param>
    /// <returns><see cref="Redacted"/>, or <c>(null)</c> when the value is null.</returns>
    [PiiSanitizer]
    public static string Redact(object? value) => value is null ? "(null)" : Redact(Convert.ToString(value, CultureInfo.InvariantCulture));
}
