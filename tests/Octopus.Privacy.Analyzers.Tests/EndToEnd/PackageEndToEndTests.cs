using System.Diagnostics;
using System.Text.Json;

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

    private static List<string> Warnings(string output, string id) =>
        output.Split('\n').Where(l => l.Contains($"warning {id}", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();

    /// <summary>Packs the library once for the class and writes the consumer project.</summary>
    public sealed class PackedConsumer : IDisposable
    {
        private const string Version = "0.0.0-e2e";

        public PackedConsumer()
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("octopus-privacy-e2e-").FullName;
            var feed = Path.Combine(Directory, "feed");
            var root = RepositoryPaths.Root;
            var pack = Run(root, "pack", Path.Combine(root, "src", "Octopus.Privacy", "Octopus.Privacy.csproj"), "-c", "Release", "--no-restore", "-o", feed, $"-p:Version={Version}");
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);
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

        public (int ExitCode, string Output) Build(params string[] options) =>
            Run(Directory, ["build", Path.Combine(Directory, "Consumer.csproj"), "--no-incremental", .. options]);

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

        private (int ExitCode, string Output) Run(string workingDirectory, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            // A build started from a test must not inherit the test run's MSBuild settings.
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(name);
            }

            start.Environment["NUGET_PACKAGES"] = Path.Combine(Directory, "packages");
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish");
            }

            return (process.ExitCode, output.Result + error.Result);
        }
    }
}
