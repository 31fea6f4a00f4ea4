using System.Text.Encodings.Web;
using System.Text.Json;
using Octopus.Privacy.Policies.Parsing;
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
    public static PrivacyPolicy Parse(string json) => new(PolicyDocumentReader.Read(Throw.IfNull(json), source: null));

    /// <summary>Reads, validates and compiles a policy file.</summary>
    /// <param name="path">The path of the JSON policy file.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="PolicyValidationException">
    /// The file cannot be read, or the document has problems; every one is listed, with the file name.
    /// </exception>
    public static PrivacyPolicy Load(string path)
    {
        Throw.IfNullOrWhiteSpace(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            throw new PolicyValidationException(
                [new PolicyProblem("$", 0, 0, $"Cannot read the policy file '{path}': {ex.Message}")],
                path,
                ex);
        }

        return new PrivacyPolicy(PolicyDocumentReader.Read(json, path));
    }

    /// <summary>
    /// Writes the policy as an indented JSON document that <see cref="Parse"/> reads back into a policy that
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
            using var reader = new StreamReader(stream);
            return new PrivacyPolicy(PolicyDocumentReader.Read(reader.ReadToEnd(), "octopus-group.json"));
        }
    }
}
