using System.Text.Json;

namespace Octopus.Privacy.Cli.Tests.DataMap;

/// <summary>
/// The data-map sample (samples/DataMap: a solution of two projects with a site of every verdict) copied to a
/// temporary folder, and mapped once to JSON and once to HTML with the real tool: each map is a real 'dotnet build'.
/// </summary>
public sealed class DataMapFixture : IDisposable
{
    /// <summary>The tests that share one mapped sample run in this collection, one after another.</summary>
    public const string Collection = "data map sample";

    public DataMapFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("octopus-privacy-map-").FullName;
        CopyDirectory(Path.Combine(RepositoryPaths.Root, "samples", "DataMap"), Directory);
        Solution = Path.Combine(Directory, "Shop.slnx");
        JsonPath = Path.Combine(Directory, "data-map.json");
        HtmlPath = Path.Combine(Directory, "data-map.html");

        JsonRun = Map(Solution, "--output", JsonPath);
        HtmlRun = Map(Solution, "--format", "html", "--output", HtmlPath);
        if (JsonRun.ExitCode == 0)
        {
            Json = JsonDocument.Parse(File.ReadAllBytes(JsonPath));
        }
    }

    public string Directory { get; }

    public string Solution { get; }

    public string JsonPath { get; }

    public string HtmlPath { get; }

    internal CliRun.Result JsonRun { get; }

    internal CliRun.Result HtmlRun { get; }

    public JsonDocument? Json { get; }

    /// <summary>Runs 'octopus-privacy map' as a process, with the sample's references pointing at this test's copy of the library.</summary>
    internal static CliRun.Result Map(params string[] args) =>
        CliRun.AsProcess(new Dictionary<string, string> { ["OctopusPrivacyAssemblies"] = AppContext.BaseDirectory }, ["map", .. args]);

    public IEnumerable<JsonElement> Sites => Json!.RootElement.GetProperty("sites").EnumerateArray();

    public JsonElement Site(string file, string sinkName) =>
        Sites.Single(s => s.GetProperty("file").GetString() == file && s.GetProperty("sinkName").GetString() == sinkName);

    public void Dispose()
    {
        Json?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    internal static void CopyDirectory(string from, string to)
    {
        foreach (var file in System.IO.Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

/// <summary>The tests that share one mapped sample.</summary>
[CollectionDefinition(DataMapFixture.Collection)]
public sealed class DataMapSampleTests : ICollectionFixture<DataMapFixture>;
