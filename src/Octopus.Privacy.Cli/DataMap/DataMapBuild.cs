using System.Diagnostics;
using System.Text;

namespace Octopus.Privacy.Cli.DataMap;

/// <summary>
/// Builds a project or solution the way its owners do (<c>dotnet build</c>, their packages, source generators and
/// Razor), with this tool's analyzer in data-map mode: the analyzer reports every site and every personal member as
/// OPRIV900 and OPRIV901 entries into one SARIF log per compilation, which <see cref="DataMapReader"/> reads.
/// </summary>
internal sealed class DataMapBuild : IDisposable
{
    /// <summary>Imported into every project of the build: swaps in this tool's analyzer and writes a SARIF log per compilation.</summary>
    private const string Targets = """
        <Project>
          <PropertyGroup>
            <ErrorLog>$(OctopusPrivacyMapDirectory)$(MSBuildProjectName).$(MSBuildProjectExtension.TrimStart('.')).$(TargetFramework).$([MSBuild]::StableStringHash($(MSBuildProjectFullPath))).sarif,version=2.1</ErrorLog>
          </PropertyGroup>
          <ItemGroup>
            <CompilerVisibleProperty Include="OctopusPrivacyDataMap" />
            <CompilerVisibleProperty Include="OctopusPrivacyPolicyFile" />
          </ItemGroup>
          <Target Name="_OctopusPrivacyDataMap" BeforeTargets="CoreCompile">
            <ItemGroup>
              <Analyzer Remove="@(Analyzer)" Condition="'%(Filename)' == 'Octopus.Privacy.Analyzers'" />
              <Analyzer Include="$(OctopusPrivacyMapAnalyzer)" />
              <AdditionalFiles Remove="$(OctopusPrivacyPolicyFile)" Condition="'$(OctopusPrivacyPolicyFile)' != ''" />
              <AdditionalFiles Include="$(OctopusPrivacyPolicyFile)" Condition="'$(OctopusPrivacyPolicyFile)' != ''" />
            </ItemGroup>
            <WriteLinesToFile File="$(OctopusPrivacyMapDirectory)$(MSBuildProjectName).$([MSBuild]::StableStringHash($(MSBuildProjectFullPath))).project" Overwrite="true"
                              Lines="project=$(MSBuildProjectFullPath);policy=$(OctopusPrivacyPolicyFile);@(AdditionalFiles->'additional=%(FullPath)')" />
          </Target>
        </Project>
        """;

    private readonly string _directory;

    private DataMapBuild(string directory)
    {
        _directory = directory;
    }

    /// <summary>The SARIF logs the build wrote, one per compilation.</summary>
    public IReadOnlyList<string> Logs => Directory.GetFiles(_directory, "*.sarif").Order(StringComparer.Ordinal).ToList();

    /// <summary>For each project compiled: its file, the policy file it names (or null) and its additional files.</summary>
    public IReadOnlyList<CompiledProject> Projects => Directory.GetFiles(_directory, "*.project").Order(StringComparer.Ordinal)
        .Select(f => CompiledProject.Parse(File.ReadAllLines(f))).ToList();

    /// <summary>
    /// Builds <paramref name="path"/> with the analyzer in data-map mode. The build's own warnings-as-errors settings
    /// are lifted (findings are what the map is for); a build that fails for any other reason is an error.
    /// </summary>
    /// <exception cref="CliException">The build failed, or the .NET SDK cannot be started.</exception>
    public static DataMapBuild Run(string path, string? policyFile, CancellationToken cancellationToken)
    {
        var analyzer = Path.Combine(AppContext.BaseDirectory, "Octopus.Privacy.Analyzers.dll");
        if (!File.Exists(analyzer))
        {
            throw new CliException($"this installation of the tool has no analyzer beside it ({analyzer}); reinstall the tool.");
        }

        var directory = Path.Combine(Path.GetTempPath(), "octopus-privacy-map-" + Guid.NewGuid().ToString("N")) + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(directory);
        var build = new DataMapBuild(directory);
        try
        {
            var targets = Path.Combine(directory, "map.targets");
            File.WriteAllText(targets, Targets);
            var arguments = new List<string>
            {
                "build", path, "--no-incremental", "-nologo", "-v:q", "-clp:NoSummary;ErrorsOnly",
                "-p:CustomAfterMicrosoftCommonTargets=" + targets,
                "-p:OctopusPrivacyDataMap=true",
                "-p:OctopusPrivacyMapDirectory=" + directory,
                "-p:OctopusPrivacyMapAnalyzer=" + analyzer,
                "-p:TreatWarningsAsErrors=false",
                "-p:MSBuildTreatWarningsAsErrors=false",
                "-p:CodeAnalysisTreatWarningsAsErrors=false",
                "-p:WarningsAsErrors=",
                "-p:RunAnalyzers=true",
            };
            if (policyFile is not null)
            {
                arguments.Add("-p:OctopusPrivacyPolicyFile=" + policyFile);
            }

            var (exitCode, output) = Dotnet(arguments, cancellationToken);
            if (exitCode != 0)
            {
                var first = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains(": error ", StringComparison.Ordinal))
                    ?? output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0)
                    ?? $"exit code {exitCode}";
                throw new CliException($"the build of {path} failed, so no map was drawn: {first}");
            }

            if (build.Logs.Count == 0)
            {
                throw new CliException($"the build of {path} compiled no C# project, so there is nothing to map.");
            }

            return build;
        }
        catch
        {
            build.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is not worth failing the map for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static (int ExitCode, string Output) Dotnet(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The build must not inherit a test host's or another build's MSBuild settings.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CliException("the .NET SDK ('dotnet') could not be started to build the project.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new CliException($"the .NET SDK ('dotnet') could not be started to build the project: {ex.Message}");
        }

        using (process)
        using (cancellationToken.Register(() =>
        {
            // Ctrl+C: the build and every compiler it started stop with the tool.
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }))
        {
            process.StandardInput.Close();
            var output = new StringBuilder();
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            output.Append(process.StandardOutput.ReadToEnd());
            process.WaitForExit();
            cancellationToken.ThrowIfCancellationRequested();
            output.Append(error.GetAwaiter().GetResult());
            return (process.ExitCode, output.ToString());
        }
    }
}

/// <summary>A project the map's build compiled: its file, the policy file it names, its additional files.</summary>
internal sealed record CompiledProject(string File, string? PolicyFile, IReadOnlyList<string> AdditionalFiles)
{
    public static CompiledProject Parse(IEnumerable<string> lines)
    {
        string file = string.Empty;
        string? policy = null;
        var additional = new List<string>();
        foreach (var line in lines)
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = equals < 0 ? (line, string.Empty) : (line[..equals], line[(equals + 1)..]);
            switch (key)
            {
                case "project": file = value; break;
                case "policy" when value.Length > 0: policy = value; break;
                case "additional": additional.Add(value); break;
            }
        }

        return new CompiledProject(file, policy, additional);
    }

    /// <summary>
    /// The policy file the analyzer uses for this project, by its rule: the one the OctopusPrivacyPolicyFile property
    /// names (matched among the additional files by path or file name), else the only additional file ending in
    /// .privacy.json; null for the embedded default.
    /// </summary>
    public string? PolicyInUse()
    {
        if (PolicyFile is { } named)
        {
            var full = Path.IsPathRooted(named) ? Path.GetFullPath(named) : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(File) ?? ".", named));
            return AdditionalFiles.FirstOrDefault(a => string.Equals(Path.GetFullPath(a), full, StringComparison.Ordinal))
                ?? AdditionalFiles.FirstOrDefault(a => string.Equals(Path.GetFileName(a), Path.GetFileName(named), StringComparison.Ordinal))
                ?? full;
        }

        var candidates = AdditionalFiles.Where(a => a.EndsWith(".privacy.json", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }
}
