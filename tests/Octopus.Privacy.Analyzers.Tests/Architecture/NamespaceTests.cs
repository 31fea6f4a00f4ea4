using System.Text.RegularExpressions;

namespace Octopus.Privacy.Analyzers.Tests.Architecture;

/// <summary>
/// A file's folder says its namespace. In every project under src/ a file in a sub-folder is in the namespace that
/// folder names (<c>Policies/Compilation</c>: <c>Octopus.Privacy.Policies.Compilation</c>), with two kinds of
/// exception that say so by their folder: the service-collection extensions live in <c>DependencyInjection/</c> and
/// are in <c>Microsoft.Extensions.DependencyInjection</c> (and the application-builder ones in <c>Builder/</c>, in
/// <c>Microsoft.AspNetCore.Builder</c>), as Microsoft.Extensions does; and a package's public types are in its one public
/// namespace (<c>Octopus.Privacy</c>, <c>Octopus.Privacy.Sqlite</c>) whatever concept folder holds them, so that
/// users need one <c>using</c> (the house style: folders are concepts).
/// </summary>
public sealed partial class NamespaceTests
{
    private static readonly Dictionary<string, string> WellKnownFolders = new(StringComparer.Ordinal)
    {
        ["DependencyInjection"] = "Microsoft.Extensions.DependencyInjection",
        ["Builder"] = "Microsoft.AspNetCore.Builder",
    };

    [Fact]
    public void Every_file_is_in_the_namespace_its_folder_says()
    {
        var source = Path.Combine(RepositoryPaths.Root, "src");
        var wrong = new List<string>();
        foreach (var project in Directory.GetDirectories(source))
        {
            var name = Path.GetFileName(project);
            var publicNamespace = name switch
            {
                "Octopus.Privacy.Annotations" or "Shared" => "Octopus.Privacy",
                _ => name,
            };
            foreach (var file in Directory.GetFiles(project, "*.cs", SearchOption.AllDirectories))
            {
                var folders = Path.GetRelativePath(project, Path.GetDirectoryName(file)!).Replace('\\', '/').Split('/').Where(f => f != ".").ToList();
                if (folders.FirstOrDefault() is "bin" or "obj")
                {
                    continue;
                }

                var declared = Namespace().Match(File.ReadAllText(file)) is { Success: true } match ? match.Groups[1].Value : null;
                if (declared is null)
                {
                    // Top-level statements (the tool's Program.cs).
                    continue;
                }

                var folderNamespace = folders.Count == 0 ? publicNamespace : publicNamespace + "." + string.Join('.', folders);
                var allowed = folders.Count > 0 && WellKnownFolders.TryGetValue(folders[^1], out var wellKnown)
                    ? declared == wellKnown
                    : declared == folderNamespace || (declared == publicNamespace && !WellKnownFolders.ContainsValue(declared));
                if (!allowed || (WellKnownFolders.ContainsValue(declared) && !(folders.Count > 0 && WellKnownFolders.ContainsKey(folders[^1]))))
                {
                    wrong.Add($"{Path.GetRelativePath(source, file)}: namespace {declared}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [GeneratedRegex(@"^namespace ([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
