using System.Text;
using System.Text.Json;
using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli.Input;

/// <summary>
/// The one way the tool reads a file a user names: the path is checked (empty, a directory, an option mistaken for a
/// file, missing), the file is read up to a limit enforced while reading (so that <c>/dev/zero</c> is refused, not
/// read until memory runs out), and JSON must be strict UTF-8 whose strings all decode. Every failure is a
/// <see cref="CliException"/>: one line, exit code 2.
/// </summary>
internal static class CliFiles
{
    /// <summary>The most the tool reads of a SARIF log or a baseline: 256 MiB.</summary>
    public const int MaxLogBytes = 256 * 1024 * 1024;

    /// <summary>The most the tool reads of a policy test file or a response file: 16 MiB.</summary>
    public const int MaxInputBytes = 16 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks that a path names a file that can be read: an own message for each way it does not.</summary>
    public static void CheckFile(string path, string kind)
    {
        CheckPath(path, kind);
        if (File.Exists(path))
        {
            return;
        }

        if (Directory.Exists(path))
        {
            throw new CliException($"{kind} '{CliText.Printable(path)}' is a directory, not a file.");
        }

        if (path.StartsWith('-'))
        {
            throw new CliException($"Unrecognized option '{CliText.Printable(path)}'. Run '{CliApplication.Name} --help' for usage.");
        }

        throw new CliException($"{kind} '{CliText.Printable(path)}' does not exist.");
    }

    /// <summary>Checks a path the tool will write: not empty, not a directory, in a folder that exists.</summary>
    public static void CheckOutput(string path, string kind)
    {
        CheckPath(path, kind);
        if (Directory.Exists(path))
        {
            throw new CliException($"{kind} '{CliText.Printable(path)}' is a directory, not a file.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new CliException($"{kind} '{CliText.Printable(path)}' is in a folder that does not exist.");
        }
    }

    /// <summary>Reads a whole file, refusing it once more than <paramref name="maxBytes"/> were read.</summary>
    public static byte[] Read(string path, string kind, int maxBytes)
    {
        CheckFile(path, kind);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            using var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new CliException($"{kind} '{CliText.Printable(path)}' is larger than {maxBytes / (1024 * 1024)} MiB, the most the tool reads of a {kind}.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CliException($"cannot read {kind} '{CliText.Printable(path)}': {ex.Message}", ex);
        }
    }

    /// <summary>Reads a file as strict UTF-8 text (a byte-order mark is dropped).</summary>
    public static string ReadText(string path, string kind, int maxBytes)
    {
        var bytes = Read(path, kind, maxBytes);
        return Decode(bytes, path);
    }

    /// <summary>
    /// Reads a JSON file: strict UTF-8, well-formed, and every string and property name decodable (an escaped lone
    /// surrogate such as <c>"\ud800"</c> is refused here, not met later as an exception).
    /// </summary>
    public static JsonDocument ReadJson(string path, string kind, int maxBytes, JsonDocumentOptions options, string what) =>
        ParseJson(Read(path, kind, maxBytes), path, options, what);

    /// <summary>Parses bytes read from <paramref name="path"/> as <see cref="ReadJson"/> does.</summary>
    public static JsonDocument ParseJson(byte[] bytes, string path, JsonDocumentOptions options, string what)
    {
        Decode(bytes, path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, options);
        }
        catch (JsonException ex)
        {
            var position = ex.LineNumber is { } line ? $"({line + 1},{(ex.BytePositionInLine ?? 0) + 1})" : string.Empty;
            var message = (ex.Message ?? string.Empty).Split(" Path:")[0].Split(" LineNumber:")[0].Split(" | ")[0];
            throw new CliException($"{CliText.Printable(path)}{position}: {what}: {message}", ex);
        }

        if (FirstUndecodable(document.RootElement, "$") is { } where)
        {
            document.Dispose();
            throw new CliException($"{CliText.Printable(path)}: {what}: the string at {where} is not valid Unicode (an escaped lone surrogate).");
        }

        return document;
    }

    private static void CheckPath(string path, string kind)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException($"{kind}: an empty path was given.");
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new CliException($"{kind} '{CliText.Printable(path)}': a path cannot contain a NUL character.");
        }
    }

    /// <summary>Strict UTF-8 text of bytes read from <paramref name="path"/>; a byte-order mark is dropped.</summary>
    public static string Decode(byte[] bytes, string path)
    {
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException ex)
        {
            throw new CliException($"{CliText.Printable(path)}: not valid UTF-8 (an invalid byte at offset {ex.Index}); save the file as UTF-8.", ex);
        }
    }

    /// <summary>The JSON path of the first string or property name that does not decode to valid UTF-16, or null.</summary>
    private static string? FirstUndecodable(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Decodes(() => element.GetString()) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstUndecodable(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!Decodes(() => property.Name))
                    {
                        return $"{path} (a property name)";
                    }

                    if (FirstUndecodable(property.Value, $"{path}.{property.Name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool Decodes(Func<string?> read)
    {
        try
        {
            return read() is not { } text || !CliText.HasLoneSurrogate(text);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
