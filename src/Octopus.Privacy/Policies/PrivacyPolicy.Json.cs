using System.Text.Encodings.Web;
using System.Text.Json;
using Octopus.Privacy.Policies.Parsing;
using Octopus.Privacy.Policies.Validation;
using Octopus.Privacy.Policies.Serialization;

namespace Octopus.Privacy;

/// <content>Reading and writing policy documents.</content>
public sealed partial class PrivacyPolicy
{
    private static readonly PolicyJsonContext WriterContext = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Parses, validates and compiles a policy document.</summary>
    /// <param name="json">The JSON text of the policy.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="PolicyValidationException">The document has problems; every one is listed.</exception>
    public static PrivacyPolicy Parse(string json)
    {
        Throw.IfNull(json);
        var problems = new ProblemList();
        return Build(SourceText.FromString(json, problems), problems, source: null);
    }

    /// <summary>Parses, validates and compiles a policy document given as UTF-8 bytes (a byte order mark is skipped).</summary>
    /// <param name="utf8Json">The UTF-8 JSON text of the policy.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="PolicyValidationException">
    /// The document has problems, including bytes that are not valid UTF-8; every one is listed.
    /// </exception>
    public static PrivacyPolicy Parse(ReadOnlySpan<byte> utf8Json)
    {
        var problems = new ProblemList();
        return Build(SourceText.FromUtf8(utf8Json, problems), problems, source: null);
    }

    /// <summary>
    /// Checks a policy document without throwing: every problem that <see cref="Parse(string)"/> would report, or an
    /// empty list when the document is a valid policy. A document this accepts parses and evaluates every request
    /// without throwing.
    /// </summary>
    /// <param name="json">The JSON text of the policy.</param>
    /// <returns>
    /// The problems in document order, each with its JSON path, line and column; at most
    /// <see cref="PolicyLimits.MaxReportedProblems"/> of them, then one entry saying how many more were found.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<PolicyProblem> Validate(string json)
    {
        Throw.IfNull(json);
        var problems = new ProblemList();
        Check(SourceText.FromString(json, problems), problems);
        return problems.ToList();
    }

    /// <summary>Checks a policy document given as UTF-8 bytes without throwing, as <see cref="Validate(string)"/> does.</summary>
    /// <param name="utf8Json">The UTF-8 JSON text of the policy.</param>
    /// <returns>The problems in document order, or an empty list when the document is a valid policy.</returns>
    public static IReadOnlyList<PolicyProblem> Validate(ReadOnlySpan<byte> utf8Json)
    {
        var problems = new ProblemList();
        Check(SourceText.FromUtf8(utf8Json, problems), problems);
        return problems.ToList();
    }

    /// <summary>Reads, validates and compiles a policy file, which must be UTF-8 (a byte order mark is skipped).</summary>
    /// <param name="path">The path of the JSON policy file.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    /// <exception cref="PolicyValidationException">
    /// The file cannot be read (missing, a directory, not a possible path, unreadable, larger than
    /// <see cref="PolicyLimits.MaxDocumentBytes"/>), or the document has problems; every one is listed, with the file name.
    /// </exception>
    public static PrivacyPolicy Load(string path)
    {
        Throw.IfNullOrWhiteSpace(path);
        return FromFile(ReadFile(path), path);
    }

    /// <summary>Compiles the bytes read from a policy file; problems name the file.</summary>
    internal static PrivacyPolicy FromFile(byte[] bytes, string path)
    {
        var problems = new ProblemList();
        return Build(SourceText.FromUtf8(bytes, problems), problems, Printable(path));
    }

    /// <summary>Reads a policy file's bytes; anything that stops that is a <see cref="PolicyValidationException"/>.</summary>
    internal static byte[] ReadFile(string path)
    {
        var shown = Printable(path);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw CannotRead(path, $"Cannot read the policy file '{shown}': a path cannot contain a NUL character.", null);
        }

        try
        {
            if (Directory.Exists(path))
            {
                throw CannotRead(path, $"Cannot read the policy file '{shown}': it is a directory, not a file.", null);
            }

            // The limit is enforced while reading, not from the length the file claims: a device or a pipe
            // (/dev/zero) says 0 and never ends.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            using var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > PolicyLimits.MaxDocumentBytes)
                {
                    throw CannotRead(path, $"Cannot read the policy file '{shown}': it is larger than {PolicyLimits.MaxDocumentBytes / (1024 * 1024)} MiB, the most a policy may be ({nameof(PolicyLimits)}.{nameof(PolicyLimits.MaxDocumentBytes)}).", null);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            throw CannotRead(path, $"Cannot read the policy file '{shown}': {ex.Message}", ex);
        }
    }

    private static PolicyValidationException CannotRead(string path, string message, Exception? inner) =>
        new([new PolicyProblem("$", 0, 0, message)], Printable(path), inner);

    private static string Printable(string path) =>
        path.Any(char.IsControl) ? string.Concat(path.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) : path;

    private static PolicyDefinition? Check(SourceText? text, ProblemList problems)
    {
        if (text is null)
        {
            return null;
        }

        var tree = JsonTree.Read(text, problems);
        return tree is null ? null : PolicyValidator.Validate(text, tree, problems);
    }

    private static PrivacyPolicy Build(SourceText? text, ProblemList problems, string? source)
    {
        var definition = Check(text, problems);
        return definition is null || problems.Count > 0
            ? throw new PolicyValidationException(problems.ToList(), source)
            : new PrivacyPolicy(definition);
    }

    /// <summary>
    /// Writes the policy as an indented JSON document that <see cref="Parse(string)"/> reads back into a policy that
    /// decides every request the same way.
    /// </summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(PolicyDocument.From(this), WriterContext.PolicyDocument);

    private static class EmbeddedPolicy
    {
        public const string ResourceName = "Octopus.Privacy.Policies.octopus-group.json";

        public static readonly PrivacyPolicy Instance = Load();

        private static PrivacyPolicy Load()
        {
            using var stream = typeof(PrivacyPolicy).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The embedded policy '{ResourceName}' is missing from the assembly.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var problems = new ProblemList();
            return Build(SourceText.FromUtf8(buffer.ToArray(), problems), problems, "octopus-group.json");
        }
    }
}
