extern alias tool;

using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Octopus.Privacy.Analyzers.Tests.EndToEnd;

/// <summary>
/// The analyzer as users meet it: pack Octopus.Privacy into a local feed, reference it from a throw-away project
/// with PackageReference, and build that project with the dotnet CLI.
/// </summary>
public sealed class PackageEndToEndTests : IClassFixture<PackageEndToEndTests.PackedConsumer>
{
    private readonly PackedConsumer _consumer;

    public PackageEndToEndTests(PackedConsumer consumer)
    {
        _consumer = consumer;
    }

    [Fact]
    public void A_leaking_line_is_reported_and_a_guarded_one_is_not()
    {
        var build = _consumer.Build();

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("Service.cs(8,", Warnings(build.Output, "OPRIV001").Single());
        Assert.DoesNotContain(Warnings(build.Output, "OPRIV001"), line => line.Contains("Service.cs(12,", StringComparison.Ordinal));
    }

    [Fact]
    public void Warnaserror_fails_the_build()
    {
        var build = _consumer.Build("-warnaserror");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error OPRIV001", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sarif_log_contains_the_result()
    {
        var sarif = Path.Combine(_consumer.Directory, "analysis.sarif");

        var build = _consumer.Build($"-p:ErrorLog={sarif}%2Cversion=2.1");

        Assert.True(build.ExitCode == 0, build.Output);
        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var result = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "OPRIV001");
        Assert.Contains("Customer.Email (contact.email)", result.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_netstandard2_0_model_library_gets_the_attributes_and_the_analyzer_without_the_engine()
    {
        var directory = _consumer.NewProjectDirectory("models");
        File.WriteAllText(Path.Combine(directory, "Models.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
                <LangVersion>latest</LangVersion>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Octopus.Privacy.Annotations" Version="{PackedConsumer.Version}" />
                <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="8.0.2" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Customer.cs"), """
            using Microsoft.Extensions.Logging;
            using Octopus.Privacy;

            namespace Models
            {
                public sealed class Customer
                {
                    [Pii("contact.email")] public string Email { get; set; } = "";
                }

                public static class CustomerLog
                {
                    public static void Written(ILogger logger, Customer customer) => logger.LogInformation("Customer {Email}", customer.Email);
                }
            }
            """);

        var build = _consumer.BuildProject(directory);

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("Customer.cs(13,", Warnings(build.Output, "OPRIV001").Single());
        var assets = File.ReadAllText(Path.Combine(directory, "obj", "project.assets.json"));
        Assert.Contains("\"Octopus.Privacy.Annotations/0.0.0-e2e\"", assets, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Octopus.Privacy/", assets, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.Extensions.Options", assets, StringComparison.Ordinal);
    }

    [Fact]
    public void A_baseline_from_a_real_builds_sarif_log_accepts_todays_findings_and_the_build_fails_only_on_new_ones()
    {
        var directory = _consumer.NewProjectDirectory("baseline");
        File.Copy(Path.Combine(_consumer.Directory, "Consumer.csproj"), Path.Combine(directory, "Consumer.csproj"), overwrite: true);
        var service = Path.Combine(directory, "Service.cs");
        File.Copy(Path.Combine(_consumer.Directory, "Service.cs"), service, overwrite: true);
        var baseline = Path.Combine(directory, "octopus-privacy.baseline.json");

        // Today's build: one finding, written to the baseline from the build's SARIF log.
        var first = Path.Combine(directory, "first.sarif");
        Assert.Equal(0, _consumer.BuildProject(directory, $"-p:ErrorLog={first}%2Cversion=2.1").ExitCode);
        var create = Cli("baseline", "create", first, "--output", baseline);
        Assert.True(create.ExitCode == 0, create.Output);
        Assert.Contains("1 accepted findings", create.Output, StringComparison.Ordinal);

        // With the baseline, a warnings-as-errors build passes; the finding is in the log, suppressed.
        var accepted = Path.Combine(directory, "accepted.sarif");
        var passing = _consumer.BuildProject(directory, "-warnaserror", "-p:OctopusPrivacyBaselineFile=octopus-privacy.baseline.json", $"-p:ErrorLog={accepted}%2Cversion=2.1");
        Assert.True(passing.ExitCode == 0, passing.Output);
        Assert.Equal(0, Cli("baseline", "check", accepted, "--baseline", baseline).ExitCode);

        // Lines added above the accepted finding, and a new leak: only the new one fails the build.
        File.WriteAllText(service, File.ReadAllText(service).Replace(
            "public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard)\n{",
            "public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard)\n{\n    public void Added(Customer c)\n    {\n        logger.LogWarning(\"New {Email}\", c.Email);\n    }\n",
            StringComparison.Ordinal));
        var failing = _consumer.BuildProject(directory, "-warnaserror", "-p:OctopusPrivacyBaselineFile=octopus-privacy.baseline.json");
        Assert.NotEqual(0, failing.ExitCode);
        var errors = failing.Output.Split('\n').Where(l => l.Contains("error OPRIV001", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
        Assert.Contains("Service.cs(10,", Assert.Single(errors));

        // The accepted leak fixed and the new one removed: check reports the stale entry; create shrinks the baseline.
        File.Copy(Path.Combine(_consumer.Directory, "Service.cs"), service, overwrite: true);
        File.WriteAllText(service, File.ReadAllText(service).Replace("logger.LogInformation(\"Leak {Email}\", c.Email)", "logger.LogInformation(\"Leak {Id}\", 0)", StringComparison.Ordinal));
        var fixedLog = Path.Combine(directory, "fixed.sarif");
        Assert.Equal(0, _consumer.BuildProject(directory, "-warnaserror", "-p:OctopusPrivacyBaselineFile=octopus-privacy.baseline.json", $"-p:ErrorLog={fixedLog}%2Cversion=2.1").ExitCode);
        var check = Cli("baseline", "check", fixedLog, "--baseline", baseline);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("stale: OPRIV001 in M:Service.Leak(Customer): Customer.Email (contact.email) to LoggerExtensions.LogInformation", check.Output, StringComparison.Ordinal);
        Assert.Contains("0 accepted findings (0 added, 1 removed)", Cli("baseline", "create", fixedLog, "--output", baseline).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_help_link_of_each_rule_is_a_page_the_package_ships()
    {
        var sarif = Path.Combine(_consumer.Directory, "help.sarif");
        Assert.Equal(0, _consumer.Build($"-p:ErrorLog={sarif}%2Cversion=2.1").ExitCode);
        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        var rule = log.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "OPRIV001");
        var help = rule.GetProperty("helpUri").GetString()!;
        Assert.DoesNotContain("example.invalid", help, StringComparison.Ordinal);
        Assert.EndsWith("/docs/rules/OPRIV001.md", help, StringComparison.Ordinal);

        using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_consumer.Feed, $"Octopus.Privacy.Annotations.{PackedConsumer.Version}.nupkg"));
        foreach (var id in new[] { "OPRIV001", "OPRIV002", "OPRIV003", "OPRIV004", "OPRIV005", "OPRIV006" })
        {
            Assert.Contains(package.Entries, e => e.FullName == $"docs/rules/{id}.md");
        }
    }

    [Fact]
    public void The_package_ships_the_analyzers_precompiled_for_each_host_beside_the_IL_copy()
    {
        using var package = ZipFile.OpenRead(Path.Combine(_consumer.Feed, $"Octopus.Privacy.Annotations.{PackedConsumer.Version}.nupkg"));
        var il = Image.Of(package, "analyzers/dotnet/cs/Octopus.Privacy.Analyzers.dll");
        Assert.True(il.IsILOnly, "the analyzers every host can load are IL only");

        // A ready-to-run image's machine field is the architecture's, xor-ed with a mark for the operating system.
        const int linux = 0x7B79, osx = 0x4644, windows = 0;
        const int x64 = 0x8664, arm64 = 0xAA64;
        foreach (var (host, machine) in new[] { ("linux-x64", x64 ^ linux), ("linux-arm64", arm64 ^ linux), ("osx-x64", x64 ^ osx), ("osx-arm64", arm64 ^ osx), ("win-x64", x64 ^ windows) })
        {
            var image = Image.Of(package, $"ready-to-run/{host}/Octopus.Privacy.Analyzers.dll");
            Assert.True(image.ReadyToRunHeaderSize > 0, $"{host}: not precompiled");
            Assert.Equal((host, machine), (host, image.Machine));
            Assert.Equal(il.Mvid, image.Mvid);
            Assert.Contains(package.Entries, e => e.FullName == $"ready-to-run/{host}/Octopus.Privacy.CodeFixes.dll");
        }

        // Under analyzers/ NuGet hands every assembly, in any folder, to the compiler: only the IL copies are there.
        Assert.Equal(
            ["analyzers/dotnet/cs/Octopus.Privacy.Analyzers.dll", "analyzers/dotnet/cs/Octopus.Privacy.CodeFixes.dll"],
            package.Entries.Select(e => e.FullName).Where(n => n.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_compiler_gets_the_analyzers_precompiled_for_this_machine_and_the_IL_copy_when_told()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var host = $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";

        var precompiled = _consumer.Build("-v:d");
        var il = _consumer.Build("-v:d", "-p:OctopusPrivacyReadyToRun=false");

        Assert.True(precompiled.ExitCode == 0, precompiled.Output);
        Assert.Equal([$"ready-to-run/{host}/Octopus.Privacy.Analyzers.dll", $"ready-to-run/{host}/Octopus.Privacy.CodeFixes.dll"], AnalyzerArguments(precompiled.Output));
        Assert.Contains("Service.cs(8,", Assert.Single(Warnings(precompiled.Output, "OPRIV001").Select(w => w.Split(">").Last()).Distinct()), StringComparison.Ordinal);
        Assert.True(il.ExitCode == 0, il.Output);
        Assert.Equal(["analyzers/dotnet/cs/Octopus.Privacy.Analyzers.dll", "analyzers/dotnet/cs/Octopus.Privacy.CodeFixes.dll"], AnalyzerArguments(il.Output));
        Assert.Contains("Service.cs(8,", Assert.Single(Warnings(il.Output, "OPRIV001").Select(w => w.Split(">").Last()).Distinct()), StringComparison.Ordinal);
    }

    /// <summary>The package's assemblies on the compiler's command line, from the package's root.</summary>
    private static List<string> AnalyzerArguments(string output) =>
        Regex.Matches(output, @"/analyzer:""?(?<path>[^"" ]*octopus\.privacy\.annotations[/\\][^/\\]+[/\\](?<file>[^"" ]+\.dll))", RegexOptions.IgnoreCase)
            .Select(m => m.Groups["file"].Value.Replace('\\', '/'))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    private sealed record Image(bool IsILOnly, int ReadyToRunHeaderSize, int Machine, Guid Mvid)
    {
        public static Image Of(ZipArchive package, string path)
        {
            using var content = new MemoryStream();
            using (var entry = package.GetEntry(path)?.Open() ?? throw new InvalidOperationException($"{path} is not in the package"))
            {
                entry.CopyTo(content);
            }

            content.Position = 0;
            using var reader = new PEReader(content);
            var metadata = reader.GetMetadataReader();
            var header = reader.PEHeaders.CorHeader!;
            return new Image(
                header.Flags.HasFlag(CorFlags.ILOnly),
                header.ManagedNativeHeaderDirectory.Size,
                (ushort)reader.PEHeaders.CoffHeader.Machine,
                metadata.GetGuid(metadata.GetModuleDefinition().Mvid));
        }
    }

    private static (int ExitCode, string Output) Cli(params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = tool::Octopus.Privacy.Cli.CliApplication.Run(args, output, output);
        return (exitCode, output.ToString());
    }

    private static List<string> Warnings(string output, string id) =>
        output.Split('\n').Where(l => l.Contains($"warning {id}", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();

    /// <summary>Packs the library once for the class and writes the consumer project.</summary>
    public sealed class PackedConsumer : IDisposable
    {
        public const string Version = "0.0.0-e2e";

        private readonly List<string> _projects = [];

        public PackedConsumer()
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("octopus-privacy-e2e-").FullName;
            var feed = Path.Combine(Directory, "feed");
            var root = RepositoryPaths.Root;
            foreach (var project in new[] { "Octopus.Privacy.Annotations", "Octopus.Privacy" })
            {
                var pack = Run(root, "pack", Path.Combine(root, "src", project, project + ".csproj"), "-c", "Release", "--no-restore", "-o", feed, $"-p:Version={Version}");
                if (pack.ExitCode != 0)
                {
                    throw new InvalidOperationException($"dotnet pack {project} failed:\n" + pack.Output);
                }
            }

            File.WriteAllText(Path.Combine(Directory, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(Directory, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Octopus.Privacy" Version="{Version}" />
                    <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="8.0.2" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(Directory, "Service.cs"), """
                using Microsoft.Extensions.Logging;
                using Octopus.Privacy;

                public sealed class Customer { [Pii("contact.email")] public string Email { get; set; } = ""; }

                public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard)
                {
                    public void Leak(Customer c) => logger.LogInformation("Leak {Email}", c.Email);

                    public void Guarded(Customer c, DataUseRequest r)
                    {
                        if (guard.IsPermitted(r)) logger.LogInformation("Guarded {Email}", c.Email);
                    }
                }
                """);
        }

        public string Directory { get; }

        public string Feed => Path.Combine(Directory, "feed");

        public (int ExitCode, string Output) Build(params string[] options) =>
            Run(Directory, ["build", Path.Combine(Directory, "Consumer.csproj"), "--no-incremental", .. options]);

        /// <summary>Builds a project in a directory of its own under the fixture's (sharing its feed and package cache).</summary>
        public (int ExitCode, string Output) BuildProject(string projectDirectory, params string[] options) =>
            Run(projectDirectory, ["build", "--no-incremental", .. options]);

        /// <summary>
        /// A fresh directory beside the consumer's (not inside it, where the consumer would compile its files), with the
        /// fixture's nuget.config, for a project of its own.
        /// </summary>
        public string NewProjectDirectory(string name)
        {
            var directory = Directory + "-" + name;
            _projects.Add(directory);
            System.IO.Directory.CreateDirectory(directory);
            File.Copy(Path.Combine(Directory, "nuget.config"), Path.Combine(directory, "nuget.config"), overwrite: true);
            return directory;
        }

        public void Dispose()
        {
            foreach (var directory in _projects.Append(Directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
        }

        private (int ExitCode, string Output) Run(string workingDirectory, params string[] args) =>
            BuildProcess.Run(workingDirectory, Path.Combine(Directory, "packages"), TimeSpan.FromMinutes(10), "dotnet", args);
    }
}
