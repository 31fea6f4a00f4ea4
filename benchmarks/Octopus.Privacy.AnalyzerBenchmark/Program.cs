using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Octopus.Privacy.AnalyzerBenchmark;

// Measures what the Octopus.Privacy analyzer costs a build.
//   dotnet run -c Release --project benchmarks/Octopus.Privacy.AnalyzerBenchmark -- [--files 1000] [--runs 5] [--dir DIR]
//       [--baseline-analyzer PATH]
//       [--compiler-server]
//       [--cpu-profile] [--il-analyzer]
// The analyzer is the package's copy precompiled for this machine when `dotnet pack -c Release
// src/Octopus.Privacy.Annotations` has made it from the current Release build, else (or with --il-analyzer, and always
// with --cpu-profile, whose samples name only JIT-compiled code) the IL build.
// With --baseline-analyzer (another build of Octopus.Privacy.Analyzers.dll, for example of an earlier commit), each round
// also builds with that analyzer, so that both are compared with the same builds without an analyzer, in one run.
// Builds run as the environment says: where UseSharedCompilation=false is set (as on many CI machines, and on ours),
// every build starts a compiler that loads and JIT-compiles the analyzer afresh. --compiler-server builds with
// -p:UseSharedCompilation=true, as a developer's machine does by default: the compiler server keeps the analyzer warm.
// --cpu-profile measures instead, in --runs compilations of the project under perf (Linux), the analyzer's share of the
// compiler's processor time within each compilation (see CompilerProfile).
var files = Option("--files", 1000);
var runs = Option("--runs", 5);
var root = StringOption("--dir") ?? Path.Combine(Path.GetTempPath(), "octopus-privacy-analyzer-benchmark");
var compilerServer = args.Contains("--compiler-server");
var baseline = StringOption("--baseline-analyzer") is { } baselinePath ? Path.GetFullPath(baselinePath) : null;
if (baseline is not null && !File.Exists(baseline))
{
    Console.Error.WriteLine($"The baseline analyzer {baseline} does not exist.");
    return 2;
}

var library = typeof(Octopus.Privacy.PrivacyPolicy).Assembly.Location;
var analyzer = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "analyzers", "Octopus.Privacy.Analyzers", "bin", "Release", "netstandard2.0", "Octopus.Privacy.Analyzers.dll");
analyzer = Path.GetFullPath(analyzer);
if (!File.Exists(analyzer))
{
    Console.Error.WriteLine($"Build the analyzer in Release first: {analyzer} is missing.");
    return 2;
}

// What the package hands the compiler on this machine: the copy precompiled for it, once `dotnet pack -c Release
// src/Octopus.Privacy.Annotations` has made it from this build (the same module version id; see
// build/Octopus.Privacy.Annotations.targets).
var host = $"{(OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux")}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
var precompiled = Path.GetFullPath(Path.Combine(analyzer, "..", "..", "..", "..", "..", "..", "src", "Octopus.Privacy.Annotations", "obj", "Release", "ready-to-run", host, "Octopus.Privacy.Analyzers.dll"));
if (!args.Contains("--il-analyzer") && !args.Contains("--cpu-profile") && File.Exists(precompiled) && ModuleVersionId(precompiled) == ModuleVersionId(analyzer))
{
    analyzer = precompiled;
}

Console.WriteLine($"The analyzer: {analyzer}");

var withPii = Path.Combine(root, "with-pii");
var withoutPii = Path.Combine(root, "without-pii");
var lines = SyntheticSolution.Generate(withPii, files, library, analyzer, withPii: true);
SyntheticSolution.Generate(withoutPii, files, library, analyzer, withPii: false);
Console.WriteLine($"Synthetic project: {files} files, {lines:N0} lines, in {root}; compiler server: {(compilerServer ? "yes" : $"as the environment says (UseSharedCompilation={Environment.GetEnvironmentVariable("UseSharedCompilation") ?? "unset"})")}");
Dotnet(withPii, "restore");
Dotnet(withoutPii, "restore");
if (args.Contains("--cpu-profile"))
{
    return CompilerProfile.Run(withPii, runs, analyzer, baseline, extra => Dotnet(withPii, ["build", "-c", "Release", "--no-restore", "--no-incremental", .. extra]));
}

// Builds as users run them: default settings, so the compiler server and MSBuild nodes stay warm between builds.
// Two warm-up builds of each kind start the servers and fill the file cache.
Dotnet(withPii, "build-server", "shutdown");
for (var warmUp = 0; warmUp < 2; warmUp++)
{
    Build(withPii, analyzerOn: true);
    Build(withPii, analyzerOn: false);
}

if (baseline is not null)
{
    Build(withPii, analyzerOn: true, $"-p:PrivacyAnalyzerPath={baseline}");
}

// Each round builds once of each kind; the order rotates from round to round so that no kind always follows another.
// Each build is measured twice: wall-clock time, and the processor time of the build's processes (user + system, from
// getrusage of the finished children: the compiler, MSBuild), which the machine's neighbours disturb far less.
var on = new List<(double Wall, double Cpu)>();
var off = new List<(double Wall, double Cpu)>();
var onBaseline = new List<(double Wall, double Cpu)>();
var kinds = baseline is null ? 2 : 3;
for (var run = 0; run < runs; run++)
{
    for (var step = 0; step < kinds; step++)
    {
        switch ((run + step) % kinds)
        {
            case 0: on.Add(Measured(withPii, analyzerOn: true)); break;
            case 1: off.Add(Measured(withPii, analyzerOn: false)); break;
            default: onBaseline.Add(Measured(withPii, analyzerOn: true, $"-p:PrivacyAnalyzerPath={baseline}")); break;
        }
    }

    Console.WriteLine($"run {run + 1}: with analyzer {on[^1].Wall:F2} s ({on[^1].Cpu:F2} s CPU), without {off[^1].Wall:F2} s ({off[^1].Cpu:F2} s CPU)"
        + (baseline is null ? string.Empty : $", with the baseline analyzer {onBaseline[^1].Wall:F2} s ({onBaseline[^1].Cpu:F2} s CPU)"));
}

var report = Build(withPii, analyzerOn: true, "-p:ReportAnalyzer=true", "-v:detailed");
var reportNoPii = Build(withoutPii, analyzerOn: true, "-p:ReportAnalyzer=true", "-v:detailed");
var median = (IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
Console.WriteLine();
Console.WriteLine($"| build of {files} files, {lines:N0} lines, {runs} rounds | wall clock | processor time |");
Console.WriteLine("|---|---:|---:|");
Console.WriteLine($"| without the analyzer, median | {median(off.Select(m => m.Wall)):F2} s | {median(off.Select(m => m.Cpu)):F2} s |");
Summary("the analyzer", on);
if (baseline is not null)
{
    Summary("the baseline analyzer", onBaseline);
}

Console.WriteLine($"| analyzer's own time (ReportAnalyzer), project with PII | {AnalyzerTime(report.Output)} |");
Console.WriteLine($"| analyzer's own time (ReportAnalyzer), same project without PII attributes | {AnalyzerTime(reportNoPii.Output)} |");
Console.WriteLine($"| OPRIV diagnostics in the project with PII | {Regex.Count(report.Output, @"warning OPRIV00\d") / 2} |");
Console.WriteLine();
Console.WriteLine("Every analyzer of the build with PII, as ReportAnalyzer lists them (seconds, share of all analyzer time):");
foreach (var (time, percent, assembly) in AnalyzerTable(report.Output))
{
    Console.WriteLine($"  {time,8} s {percent,4} %  {assembly}");
}

return 0;

static Guid ModuleVersionId(string path)
{
    using var stream = File.OpenRead(path);
    using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
    var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
    return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
}

int Option(string name, int fallback) =>
    StringOption(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

string? StringOption(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

void Summary(string name, List<(double Wall, double Cpu)> with)
{
    double Overhead(Func<(double Wall, double Cpu), double> value) =>
        100 * (median(with.Select(value)) - median(off.Select(value))) / median(off.Select(value));
    Console.WriteLine($"| with {name}, median | {median(with.Select(m => m.Wall)):F2} s | {median(with.Select(m => m.Cpu)):F2} s |");
    Console.WriteLine($"| overhead of {name} (of the medians) | {Overhead(m => m.Wall):F1} % | {Overhead(m => m.Cpu):F1} % |");
    Console.WriteLine($"| overhead of {name} per round: median (each round) | {PerRound(with, m => m.Wall)} | {PerRound(with, m => m.Cpu)} |");
}

string PerRound(List<(double Wall, double Cpu)> with, Func<(double Wall, double Cpu), double> value)
{
    var overheads = with.Zip(off, (w, o) => 100 * (value(w) - value(o)) / value(o)).ToList();
    var middle = overheads.Order().ElementAt(overheads.Count / 2);
    return $"{middle:F1} % ({string.Join(", ", overheads.Select(o => o.ToString("F1", CultureInfo.InvariantCulture)))})";
}

(double Wall, double Cpu) Measured(string directory, bool analyzerOn, params string[] extra)
{
    var before = NativeMethods.ChildProcessorSeconds();
    var build = Build(directory, analyzerOn, extra);
    return (build.Seconds, NativeMethods.ChildProcessorSeconds() - before);
}

(double Seconds, string Output) Build(string directory, bool analyzerOn, params string[] extra) =>
    Dotnet(directory, ["build", "-c", "Release", "--no-restore", "--no-incremental", $"-p:WithPrivacyAnalyzer={(analyzerOn ? "true" : "false")}", .. compilerServer ? ["-p:UseSharedCompilation=true"] : Array.Empty<string>(), .. extra]);

(double Seconds, string Output) Dotnet(string directory, params string[] arguments)
{
    var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEndAsync();
    var error = process.StandardError.ReadToEndAsync();
    process.WaitForExit();
    clock.Stop();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed:\n{output.Result}{error.Result}");
    }

    return (clock.Elapsed.TotalSeconds, output.Result);
}

static IEnumerable<(string Time, string Percent, string Assembly)> AnalyzerTable(string log) =>
    Regex.Matches(log, @"^\s+(?<time>[<\d\.]+)\s+(?<percent>[<\d]+)\s+(?<assembly>[\w\.]+), Version=", RegexOptions.Multiline)
        .Select(m => (m.Groups["time"].Value, m.Groups["percent"].Value, m.Groups["assembly"].Value))
        .Distinct()
        .OrderByDescending(row => double.TryParse(row.Item1.TrimStart('<'), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0);

static string AnalyzerTime(string log)
{
    // ReportAnalyzer prints one line per analyzer assembly and per analyzer with its execution time.
    var match = Regex.Match(log, @"(?<time>[<\d\.]+)\s+(?<percent>[<\d]+)\s+Octopus\.Privacy\.Analyzers, Version");
    return match.Success ? $"{match.Groups["time"].Value} s ({match.Groups["percent"].Value} % of analyzer time)" : "not listed (0)";
}

/// <summary>The processor time of this process's finished children, from <c>getrusage(RUSAGE_CHILDREN)</c> (Linux).</summary>
internal static class NativeMethods
{
    private const int RusageChildren = -1;

    public static double ChildProcessorSeconds()
    {
        if (!OperatingSystem.IsLinux() || getrusage(RusageChildren, out var usage) != 0)
        {
            return double.NaN;
        }

        return usage.UserSeconds + (usage.UserMicroseconds / 1e6) + usage.SystemSeconds + (usage.SystemMicroseconds / 1e6);
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int getrusage(int who, out Rusage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxResidentSet;
        public long SharedMemory;
        public long UnsharedData;
        public long UnsharedStack;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long BlocksIn;
        public long BlocksOut;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntarySwitches;
        public long InvoluntarySwitches;
    }
}
