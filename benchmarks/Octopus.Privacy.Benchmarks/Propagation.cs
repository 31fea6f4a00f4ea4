using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Octopus.Privacy.PostgreSql;

namespace Octopus.Privacy.Benchmarks;

/// <summary>
/// How long after a withdrawal is acknowledged in one process another process's guard says no: this process
/// appends, a second process (this program with <c>--propagation-reader</c>) holds a warm guard with an hour-long
/// cache and asks it until the answer changes. Both read the same monotonic clock (<see cref="Stopwatch"/>,
/// CLOCK_MONOTONIC), so their timestamps compare directly. Not a BenchmarkDotNet benchmark: the delay happens in
/// another process, and the figures wanted are a median and a 99th percentile over many trials.
/// </summary>
internal static class Propagation
{
    private static readonly string[] Email = ["contact.email"];

    /// <summary>Runs the trials and prints the delays.</summary>
    public static async Task<int> MeasureAsync(string connectionString, int trials)
    {
        const int Warmup = 50;
        var schema = "bench_propagation_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        await using var writer = new PostgreSqlConsentLedger(connectionString, new PostgreSqlConsentLedgerOptions { Schema = schema, ListenForChanges = false }, null);
        await writer.GetAsync("warm-up");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Propagation).Assembly.Location);
        start.ArgumentList.Add("--propagation-reader");
        start.ArgumentList.Add(connectionString);
        start.ArgumentList.Add(schema);
        using var reader = Process.Start(start)!;
        Expect(await reader.StandardOutput.ReadLineAsync(), "listening");

        var afterAck = new List<double>(trials);
        var afterStart = new List<double>(trials);
        for (var i = 0; i < Warmup + trials; i++)
        {
            var subject = "subject-" + i.ToString(CultureInfo.InvariantCulture);
            await writer.AppendAsync(subject, [ConsentChange.AcceptPolicy("1.0")]);
            await reader.StandardInput.WriteLineAsync("watch " + subject);
            await reader.StandardInput.FlushAsync();
            Expect(await reader.StandardOutput.ReadLineAsync(), "ready");

            var started = Stopwatch.GetTimestamp();
            await writer.AppendAsync(subject, [ConsentChange.Withdraw("marketing.offers")]);
            var acknowledged = Stopwatch.GetTimestamp();
            var seen = await reader.StandardOutput.ReadLineAsync() is { } line && line.StartsWith("seen ", StringComparison.Ordinal)
                ? long.Parse(line[5..], CultureInfo.InvariantCulture)
                : throw new InvalidOperationException("The reader stopped answering.");
            if (i >= Warmup)
            {
                afterAck.Add(Stopwatch.GetElapsedTime(acknowledged, seen).TotalMilliseconds);
                afterStart.Add(Stopwatch.GetElapsedTime(started, seen).TotalMilliseconds);
            }
        }

        reader.StandardInput.Close();
        await reader.WaitForExitAsync();
        Console.WriteLine($"Propagation of a withdrawal to another process's guard, {trials} trials (after {Warmup} warm-up trials), in ms:");
        Console.WriteLine("| measured from | median | p90 | p99 | max |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(Row("the append's acknowledgement", afterAck));
        Console.WriteLine(Row("the start of the append", afterStart));
        return 0;
    }

    /// <summary>The other process: a guard on the ledger, asked until a watched subject is no longer permitted.</summary>
    public static async Task<int> ReadAsync(string connectionString, string schema)
    {
        await using var services = new ServiceCollection()
            .AddOctopusPrivacy(o => o.ConsentCacheDuration = TimeSpan.FromHours(1))
            .AddPostgreSqlConsentLedger(connectionString, new PostgreSqlConsentLedgerOptions { Schema = schema })
            .BuildServiceProvider();
        var guard = services.GetRequiredService<IPrivacyGuard>();
        await ((PostgreSqlConsentLedger)services.GetRequiredService<IConsentLedger>()).Listener!.WhenListening.WaitAsync(TimeSpan.FromSeconds(30));
        Console.WriteLine("listening");
        while (Console.ReadLine() is { } line)
        {
            var subject = line["watch ".Length..];
            if (!await guard.IsPermittedAsync(subject, Email, "marketing.offers", "internal"))
            {
                throw new InvalidOperationException($"{subject} should be permitted before the withdrawal.");
            }

            Console.WriteLine("ready");

            // Asked every millisecond: the figures include up to a millisecond of this polling.
            while (await guard.IsPermittedAsync(subject, Email, "marketing.offers", "internal"))
            {
                Thread.Sleep(1);
            }

            Console.WriteLine("seen " + Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture));
        }

        return 0;
    }

    private static void Expect(string? line, string expected)
    {
        if (line != expected)
        {
            throw new InvalidOperationException($"The reader said '{line}' instead of '{expected}'.");
        }
    }

    private static string Row(string what, List<double> delays)
    {
        delays.Sort();
        double At(double q) => delays[Math.Min(delays.Count - 1, (int)Math.Ceiling(q * delays.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"| {what} | {At(0.5):F2} | {At(0.9):F2} | {At(0.99):F2} | {delays[^1]:F2} |");
    }
}
