using System.Text;
using System.Text.Json;
using Octopus.Privacy.Analyzers.Baseline;
using Octopus.Privacy.Cli.Input;
using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli.Baseline;

/// <summary>
/// The baseline file the analyzer reads (its <c>octopus_privacy.baseline_file</c>), in the format both share
/// (<see cref="BaselineFormat"/>, compiled into the tool from the analyzer's source): read through the tool's input
/// rules, written whole and moved into place, with file paths relative to the baseline's folder.
/// </summary>
internal static class BaselineDocument
{
    public const int Version = BaselineFormat.Version;

    public static List<BaselineEntry> Read(string path)
    {
        // Read once: the tool's rules first (size, UTF-8, well-formed JSON, decodable strings), then the one reader of the format.
        var bytes = CliFiles.Read(path, "baseline file", CliFiles.MaxLogBytes);
        CliFiles.ParseJson(bytes, path, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }, "not valid JSON").Dispose();
        return BaselineFormat.TryRead(CliFiles.Decode(bytes, path), out var problem, out _)
            ?? throw new CliException($"{CliText.Printable(path)}: not an Octopus.Privacy baseline of version {Version}: {problem}.");
    }

    /// <summary>Writes the entries, one per fingerprint, sorted; file paths relative to the baseline's directory.</summary>
    public static void Write(string path, IEnumerable<BaselineEntry> entries)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var relative = entries.Select(e => e.File is { } file && Path.IsPathRooted(file) ? e.WithFile(Path.GetRelativePath(directory, file).Replace('\\', '/')) : e);

        // Written whole to a temporary file and moved into place: an interrupted run leaves the old baseline intact.
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, BaselineFormat.Write(relative), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }
}
