namespace Octopus.Privacy;

/// <summary>
/// Marks a method whose result carries no personal data (redaction, hashing, aggregation), so that
/// values passed through it are no longer treated as personal data by the analyzer.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class PiiSanitizerAttribute : Attribute
{
}
