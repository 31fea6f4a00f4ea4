using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Octopus.Privacy.AnalyzerBenchmark;

/// <summary>
/// The analyzer's share of the compiler's processor time, measured inside one compilation: the compiler of the
/// synthetic project runs under <c>perf record</c> (a software clock, so it works on virtual machines without
/// hardware counters), and each sample whose stack holds a method of the analyzer counts for the analyzer, including
/// what Roslyn does for it (control-flow graphs) and the JIT compiling it. Both sides of the ratio come from the same
/// run, so a machine that is faster or slower from one minute to the next does not move it, as it moves the difference
/// between two builds. What it cannot see is work the analyzer causes on other threads (background JIT, garbage
/// collections started elsewhere): the build series measures those.
/// </summary>
internal static class CompilerProfile
{
    private const int Frequency = 499;

    public static int Run(string project, int runs, string analyzer, string? baseline, Func<string[], (double Seconds, string Output)> build)
    {
        if (!OperatingSystem.IsLinux() || !OnPath("perf"))
        {
            Console.Error.WriteLine("--cpu-profile needs Linux and perf (Debian: apt-get install linux-perf).");
            return 2;
        }

        // The compiler's own command line, as the build ran it (with the analyzer), from a detailed log.
        var log = build(["-p:WithPrivacyAnalyzer=true", "-v:detailed"]).Output;
        var line = log.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => Regex.IsMatch(l, @"^\S*csc(\.dll)? /noconfig ") && l.Contains("Octopus.Privacy.Analyzers.dll", StringComparison.Ordinal));
        if (line is null)
        {
            Console.Error.WriteLine("The build log does not show the compiler's command line with the analyzer.");
            return 2;
        }

        var output = Directory.CreateTempSubdirectory("octopus-privacy-profile-").FullName;
        var compiler = line[..line.IndexOf(' ', StringComparison.Ordinal)];
        var arguments = line[(compiler.Length + 1)..].Replace(" /reportanalyzer", string.Empty, StringComparison.Ordinal);
        arguments = Regex.Replace(arguments, @"/out:\S+", $"/out:{output}/Synthetic.dll");
        arguments = Regex.Replace(arguments, @"/refout:\S+", $"/refout:{output}/ref.dll");
        var responseFile = Path.Combine(output, "csc.rsp");
        File.WriteAllText(responseFile, arguments);
        var baselineFile = Path.Combine(output, "baseline.rsp");
        var baselineArguments = baseline is null ? arguments : arguments.Replace("/analyzer:" + analyzer, "/analyzer:" + baseline, StringComparison.Ordinal);
        if (baseline is not null && baselineArguments == arguments)
        {
            Console.Error.WriteLine($"The compiler's command line does not name the analyzer as {analyzer}: the baseline cannot replace it.");
            Directory.Delete(output, recursive: true);
            return 2;
        }

        File.WriteAllText(baselineFile, baselineArguments);

        // With a baseline analyzer, the two alternate: this one, the baseline, this one...
        var shares = new List<double>();
        var baselineShares = new List<double>();
        for (var step = 0; step < (baseline is null ? runs : 2 * runs); step++)
        {
            var run = baseline is null ? step : step / 2;
            var isBaseline = baseline is not null && step % 2 == 1;
            var data = Path.Combine(output, "perf.data");
            var command = compiler.EndsWith(".dll", StringComparison.Ordinal) ? new[] { "dotnet", "exec", compiler } : new[] { compiler };
            var started = DateTime.UtcNow;
            Execute(project, ["perf", "record", "-q", "-e", "cpu-clock", "-F", Frequency.ToString(CultureInfo.InvariantCulture), "-g", "-o", data, "--", .. command, "@" + (isBaseline ? baselineFile : responseFile)]);
            var (samples, inAnalyzer, jit) = Count(project, data);
            foreach (var map in Directory.GetFiles(Path.GetTempPath(), "perf-*.map").Concat(Directory.GetFiles(Path.GetTempPath(), "perfinfo-*.map")).Where(m => File.GetLastWriteTimeUtc(m) >= started))
            {
                File.Delete(map);
            }

            var share = 100.0 * inAnalyzer / samples;
            (isBaseline ? baselineShares : shares).Add(share);
            Console.WriteLine($"profile {run + 1}{(isBaseline ? ", the baseline analyzer" : string.Empty)}: {samples / (double)Frequency:F1} s of compiler processor time, the analyzer {inAnalyzer / (double)Frequency:F2} s ({share:F2} %), JIT compiling {100.0 * jit / samples:F1} %");
        }

        Directory.Delete(output, recursive: true);
        Console.WriteLine();
        Console.WriteLine($"| the analyzer's share of the compiler's processor time, {runs} profiles | {Describe(shares)} |");
        if (baseline is not null)
        {
            Console.WriteLine($"| the baseline analyzer's share, {runs} profiles | {Describe(baselineShares)} |");
        }

        return 0;
    }

    private static string Describe(List<double> shares) =>
        $"median {shares.Order().ElementAt(shares.Count / 2):F2} % ({string.Join(", ", shares.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))})";

    /// <summary>Samples in all, samples with an analyzer method on the stack, samples in the JIT compiler.</summary>
    private static (int Samples, int Analyzer, int Jit) Count(string directory, string data)
    {
        var start = new ProcessStartInfo("perf") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "script", "-i", data })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        int samples = 0, analyzer = 0, jit = 0;
        bool inSample = false, inAnalyzer = false, inJit = false;
        void Close()
        {
            samples += inSample ? 1 : 0;
            analyzer += inSample && inAnalyzer ? 1 : 0;
            jit += inSample && inJit ? 1 : 0;
            inSample = inAnalyzer = inJit = false;
        }

        // perf script: a header line per sample, then one indented line per frame, then a blank line.
        while (process.StandardOutput.ReadLine() is { } text)
        {
            if (text.Length == 0)
            {
                Close();
            }
            else if (!char.IsWhiteSpace(text[0]))
            {
                Close();
                inSample = true;
            }
            else
            {
                // JIT-compiled frames are named from the runtime's perf map: "... [Octopus.Privacy.Analyzers] Octopus.Privacy.Analyzers.X::M(...)".
                inAnalyzer |= text.Contains("[Octopus.Privacy.Analyzers] Octopus.Privacy.Analyzers.", StringComparison.Ordinal);
                inJit |= text.Contains("libclrjit.so", StringComparison.Ordinal);
            }
        }

        Close();
        process.WaitForExit();
        if (process.ExitCode != 0 || samples == 0)
        {
            throw new InvalidOperationException($"perf script gave no samples: {error.Result}");
        }

        return (samples, analyzer, jit);
    }

    private static void Execute(string directory, string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        // Names for the JIT-compiled code (a perf map), written where perf reads it; code mapped once, so perf finds it.
        start.Environment["DOTNET_PerfMapEnabled"] = "1";
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed:\n{output.Result}{error.Result}");
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, tool)));
}
