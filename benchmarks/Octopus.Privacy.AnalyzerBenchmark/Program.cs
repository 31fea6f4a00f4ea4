using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Octopus.Privacy.AnalyzerBenchmark;

// Measures what the Octopus.Privacy analyzer costs a build.
//   dotnet run -c Release --project benchmarks/Octopus.Privacy.AnalyzerBenchmark -- [--files 1000] [--runs 5] [--dir DIR]
//       [--baseline-analyzer PATH]
//       [--compiler-server]
// With --baseline-analyzer (another build of Octopus.Privacy.Analyzers.dll, for example of an earlier commit), each round
// also builds with that analyzer, so that both are compared with the same builds without an analyzer, in one run.
// Builds run as the environment says: where UseSharedCompilation=false is set (as on many CI machines, and on ours),
// every build starts a compiler that loads and JIT-compiles the analyzer afresh. --compiler-server builds with
// -p:UseSharedCompilation=true, as a developer's machine does by default: the compiler server keeps the analyzer warm.
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

var withPii = Path.Combine(root, "with-pii");
var withoutPii = Path.Combine(root, "without-pii");
var lines = SyntheticSolution.Generate(withPii, files, library, analyzer, withPii: true);
SyntheticSolution.Generate(withoutPii, files, library, analyzer, withPii: false);
Console.WriteLine($"Synthetic project: {files} files, {lines:N0} lines, in {root}; compiler server: {(compilerServer ? "yes" : $"as the environment says (UseSharedCompilation={Environment.GetEnvironmentVariable("UseSharedCompilation") ?? "unset"})")}");
Dotnet(withPii, "restore");
Dotnet(withoutPii, "restore");

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
var on = new List<double>();
var off = new List<double>();
var onBaseline = new List<double>();
var kinds = baseline is null ? 2 : 3;
for (var run = 0; run < runs; run++)
{
    for (var step = 0; step < kinds; step++)
    {
        switch ((run + step) % kinds)
        {
            case 0: on.Add(Build(withPii, analyzerOn: true).Seconds); break;
            case 1: off.Add(Build(withPii, analyzerOn: false).Seconds); break;
            default: onBaseline.Add(Build(withPii, analyzerOn: true, $"-p:PrivacyAnalyzerPath={baseline}").Seconds); break;
        }
    }

    Console.WriteLine($"run {run + 1}: with analyzer {on[^1]:F2} s, without {off[^1]:F2} s"
        + (baseline is null ? string.Empty : $", with the baseline analyzer {onBaseline[^1]:F2} s"));
}

var report = Build(withPii, analyzerOn: true, "-p:ReportAnalyzer=true", "-v:detailed");
var reportNoPii = Build(withoutPii, analyzerOn: true, "-p:ReportAnalyzer=true", "-v:detailed");
var median = (List<double> values) => values.Order().ElementAt(values.Count / 2);
Console.WriteLine();
Console.WriteLine($"| build of {files} files, {lines:N0} lines | median of {runs} |");
Console.WriteLine("|---|---:|");
Console.WriteLine($"| without the analyzer | {median(off):F2} s |");
Console.WriteLine($"| with the analyzer | {median(on):F2} s |");
Console.WriteLine($"| overhead | {100 * (median(on) - median(off)) / median(off):F1} % |");
Console.WriteLine($"| overhead per round: median, and each round | {PerRound(on)} |");
if (baseline is not null)
{
    Console.WriteLine($"| with the baseline analyzer | {median(onBaseline):F2} s |");
    Console.WriteLine($"| overhead of the baseline analyzer | {100 * (median(onBaseline) - median(off)) / median(off):F1} % |");
    Console.WriteLine($"| overhead of the baseline analyzer per round: median, and each round | {PerRound(onBaseline)} |");
}

Console.WriteLine($"| analyzer's own time (ReportAnalyzer), project with PII | {AnalyzerTime(report.Output)} |");
Console.WriteLine($"| analyzer's own time (ReportAnalyzer), same project without PII attributes | {AnalyzerTime(reportNoPii.Output)} |");
Console.WriteLine($"| OPRIV diagnostics in the project with PII | {Regex.Count(report.Output, @"warning OPRIV00\d") / 2} |");
return 0;

int Option(string name, int fallback) =>
    StringOption(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

string? StringOption(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

string PerRound(List<double> with)
{
    var overheads = with.Zip(off, (w, o) => 100 * (w - o) / o).ToList();
    var middle = overheads.Order().ElementAt(overheads.Count / 2);
    return $"{middle:F1} % ({string.Join(", ", overheads.Select(o => o.ToString("F1", CultureInfo.InvariantCulture)))})";
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

static string AnalyzerTime(string log)
{
    // ReportAnalyzer prints one line per analyzer assembly and per analyzer with its execution time.
    var match = Regex.Match(log, @"(?<time>[<\d\.]+)\s+(?<percent>[<\d]+)\s+Octopus\.Privacy\.Analyzers, Version");
    return match.Success ? $"{match.Groups["time"].Value} s ({match.Groups["percent"].Value} % of analyzer time)" : "not listed (0)";
}
