using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Octopus.Privacy.Sqlite;

namespace Octopus.Privacy.Sqlite.Tests;

/// <summary>Real processes on one ledger file: several writers at once, and a writer killed with SIGKILL.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("octopus-privacy-processes-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Four_processes_appending_to_one_file_get_exactly_their_total_with_no_busy_error()
    {
        var file = Path.Combine(_directory, "shared.db");
        const int Processes = 4;
        const int AppendsEach = 500;

        var writers = Enumerable.Range(0, Processes).Select(p => Start("append", file, $"process-{p}", AppendsEach.ToString(System.Globalization.CultureInfo.InvariantCulture), "4")).ToList();
        var results = await Task.WhenAll(writers.Select(WaitAsync));

        foreach (var (exitCode, output, error) in results)
        {
            Assert.True(exitCode == 0, $"a writer failed ({exitCode}): {output}{error}");
            Assert.Equal("done", output.Trim());
        }

        await using var ledger = new SqliteConsentLedger($"Data Source={file}");
        var all = new List<ConsentRecord>();
        await foreach (var record in ledger.ReadAllAsync())
        {
            all.Add(record);
        }

        Assert.Equal(Processes * AppendsEach, all.Count);
        Assert.Equal(AppendsEach, all.Count(r => r.Source == "process-2"));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Position < p.Second.Position));
        foreach (var subject in all.GroupBy(r => r.SubjectId))
        {
            Assert.Equal(Enumerable.Range(1, subject.Count()).Select(v => (long)v), subject.Select(r => r.Version).Order());
        }
    }

    [Fact]
    public async Task A_writer_killed_at_random_moments_loses_no_acknowledged_append_and_never_half_a_batch()
    {
        var file = Path.Combine(_directory, "crash.db");
        var random = new Random(20261130);
        var acknowledged = new List<(string Subject, long Version)>();
        for (var kill = 0; kill < 20; kill++)
        {
            using var writer = Start("batches", file, $"run{kill}");
            var acks = new List<(string Subject, long Version)>();
            var firstAck = new TaskCompletionSource();
            writer.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line && line.StartsWith("ack ", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ');
                    lock (acks)
                    {
                        acks.Add((parts[1], long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)));
                    }

                    firstAck.TrySetResult();
                }
            };
            writer.BeginOutputReadLine();

            // Killed at a random moment after it started appending: mid-transaction, mid-commit or between appends.
            await firstAck.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(random.Next(1, 250));
            writer.Kill(entireProcessTree: true);
            await writer.WaitForExitAsync();
            lock (acks)
            {
                acknowledged.AddRange(acks);
            }

            await using var ledger = new SqliteConsentLedger($"Data Source={file}");
            foreach (var (subject, version) in acknowledged)
            {
                Assert.Equal(version, (await ledger.GetAsync(subject)).Version);
            }

            // Every subject holds a whole batch of three or nothing: no append is ever half written.
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            await foreach (var record in ledger.ReadAllAsync())
            {
                counts[record.SubjectId] = counts.GetValueOrDefault(record.SubjectId) + 1;
            }

            Assert.All(counts, c => Assert.Equal(3, c.Value));
            Assert.Equal("ok", IntegrityCheck(file));
        }

        Assert.True(acknowledged.Count >= 20, $"only {acknowledged.Count} appends were acknowledged in 20 runs");
    }

    [Fact]
    public async Task A_process_killed_during_an_erasure_leaves_the_subject_whole_or_erased_never_half()
    {
        var file = Path.Combine(_directory, "erase-crash.db");
        var random = new Random(20261203);
        var outcomes = new List<string>();
        for (var run = 0; run < 8; run++)
        {
            var subject = $"big-{run}";
            await using (var seed = new SqliteConsentLedger($"Data Source={file}"))
            {
                // A subject with many records, so that the erasure's transaction takes a while to write.
                for (var batch = 0; batch < 20; batch++)
                {
                    await seed.AppendAsync(subject, Enumerable.Range(0, 250).Select(i => i % 2 == 0 ? ConsentChange.Grant("ads") : ConsentChange.Withdraw("ads")).ToList(), new ConsentAppendOptions { Evidence = $"evidence of {subject}" });
                }

                await seed.AppendAsync($"bystander-{run}", [ConsentChange.Grant("ads")]);
            }

            using var eraser = Start("erase", file, subject);
            Assert.Equal("erasing", await eraser.StandardOutput.ReadLineAsync());
            await Task.Delay(random.Next(0, 60));
            eraser.Kill(entireProcessTree: true);
            await eraser.WaitForExitAsync();

            await using var ledger = new SqliteConsentLedger($"Data Source={file}");
            var history = 0;
            await foreach (var record in ledger.ReadHistoryAsync(subject))
            {
                history++;
            }

            var erasures = 0;
            await foreach (var erasure in ledger.ReadErasuresAsync(subject))
            {
                erasures++;
                Assert.Equal(5000, erasure.RecordsErased);
            }

            var version = (await ledger.GetAsync(subject)).Version;
            Assert.True((history, version, erasures) is (5000, 5000, 0) or (0, 0, 1), $"run {run}: {history} records, version {version}, {erasures} erasure records");
            Assert.Equal(1, (await ledger.GetAsync($"bystander-{run}")).Version);
            Assert.Equal("ok", IntegrityCheck(file));
            outcomes.Add(erasures == 1 ? "erased" : "whole");
        }

        // Which way each run ends is the timing's choice (locally about half each); both are correct, half is not.
        Assert.Equal(8, outcomes.Count);
    }

    private static Process Start(params string[] args) => WriterProcess.Start("Octopus.Privacy.Sqlite.Writer", args);

    private static Task<(int ExitCode, string Output, string Error)> WaitAsync(Process process) => WriterProcess.WaitAsync(process);

    private static string IntegrityCheck(string file) => (string)SqliteFile.Scalar(file, "PRAGMA integrity_check")!;
}
