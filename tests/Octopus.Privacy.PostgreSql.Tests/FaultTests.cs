using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Octopus.Privacy.PostgreSql.Tests;

/// <summary>Real processes on one server, a server stopped as a crash would stop it, and schemas created in a race.</summary>
[Collection(PostgreSqlTests.Name)]
public sealed class FaultTests(PostgreSqlServer server)
{
    [SkippableFact]
    public async Task Four_processes_of_sixteen_writers_each_get_exactly_their_total_with_gapless_versions()
    {
        server.Require();
        var schema = PostgreSqlServer.NewSchema();
        const int Processes = 4;
        const int Writers = 16;
        const int AppendsEach = 400;

        var writers = Enumerable.Range(0, Processes)
            .Select(p => Start("append", server.ConnectionString, schema, $"process-{p}", AppendsEach.ToString(CultureInfo.InvariantCulture), Writers.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        var results = await Task.WhenAll(writers.Select(WaitAsync));

        foreach (var (exitCode, output, error) in results)
        {
            Assert.True(exitCode == 0, $"a writer failed ({exitCode}): {output}{error}");
            Assert.Equal("done", output.Trim());
        }

        await using var ledger = new PostgreSqlConsentLedger(server.ConnectionString, new PostgreSqlConsentLedgerOptions { Schema = schema, ListenForChanges = false }, null);
        var all = await ToListAsync(ledger.ReadAllAsync());
        Assert.Equal(Processes * AppendsEach, all.Count);
        Assert.All(Enumerable.Range(0, Processes), p => Assert.Equal(AppendsEach, all.Count(r => r.Source == $"process-{p}")));
        Assert.Equal(Enumerable.Range(1, all.Count).Select(p => (long)p), all.Select(r => r.Position));
        foreach (var subject in all.GroupBy(r => r.SubjectId))
        {
            Assert.Equal(Enumerable.Range(1, subject.Count()).Select(v => (long)v), subject.Select(r => r.Version));
            Assert.Equal(subject.Count(), (await ledger.GetAsync(subject.Key)).Version);
        }
    }

    [SkippableFact]
    public async Task Two_processes_creating_the_schema_at_the_same_moment_both_succeed_with_one_schema()
    {
        server.Require();
        for (var round = 0; round < 3; round++)
        {
            var schema = PostgreSqlServer.NewSchema();

            // Both wait for the same moment, well after both have started and loaded.
            var start = (DateTime.UtcNow + TimeSpan.FromSeconds(3)).Ticks.ToString(CultureInfo.InvariantCulture);
            var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => WaitAsync(Start("create", server.ConnectionString, schema, start))));

            Assert.All(results, r => Assert.True(r.ExitCode == 0 && r.Output.Trim() == "version 0", $"a process failed ({r.ExitCode}): {r.Output}{r.Error}"));
            Assert.Equal(1L, await server.ScalarAsync($"SELECT count(*) FROM pg_namespace WHERE nspname = '{schema}'"));
            Assert.Equal(1L, await server.ScalarAsync($"SELECT count(*) FROM {schema}.octopus_privacy_schema"));
        }
    }

    [SkippableFact]
    public async Task A_server_stopped_mid_stream_loses_no_acknowledged_append_and_the_ledger_works_again_by_itself()
    {
        server.RequireOwn();
        var schema = PostgreSqlServer.NewSchema();
        await using var ledger = new PostgreSqlConsentLedger(server.ConnectionString + ";Timeout=5;Command Timeout=5", new PostgreSqlConsentLedgerOptions { Schema = schema, ListenForChanges = false }, null);
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, ConsentAppendResult>();
        var failed = new System.Collections.Concurrent.ConcurrentDictionary<string, Exception>();
        using var stop = new CancellationTokenSource();

        // Four writers append without pause; each append has its own idempotency key and subject.
        var streams = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = $"w{w}-{i}";
                try
                {
                    acknowledged[key] = await ledger.AppendAsync(key, [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")], new ConsentAppendOptions { IdempotencyKey = key });
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or OperationCanceledException)
                {
                    failed[key] = ex;
                    await Task.Delay(20);
                }
            }
        })).ToList();

        await WaitUntilAsync(() => acknowledged.Count >= 200);
        await server.StopImmediatelyAsync();
        await WaitUntilAsync(() => failed.Count >= 8);
        var failedDuringOutage = failed.Count;
        await server.StartAsync();
        var before = acknowledged.Count;
        await WaitUntilAsync(() => acknowledged.Count >= before + 200);
        await stop.CancelAsync();
        await Task.WhenAll(streams);

        // Every acknowledged append is there, whole.
        Assert.True(failedDuringOutage >= 8, "appends during the outage did not fail");
        foreach (var (key, result) in acknowledged)
        {
            var snapshot = await ledger.GetAsync(key);
            Assert.Equal(2, snapshot.Version);
            Assert.Equal(result.Version, snapshot.Version);
        }

        // An append whose outcome the caller never learned, retried with its key, records once.
        foreach (var key in failed.Keys)
        {
            var retry = await ledger.AppendAsync(key, [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")], new ConsentAppendOptions { IdempotencyKey = key });
            Assert.Equal(2, retry.Version);
            Assert.Equal(2, (await ledger.GetAsync(key)).Version);
        }

        var total = (long)(await server.ScalarAsync($"SELECT count(*) FROM {schema}.consent_history"))!;
        Assert.Equal(2L * (acknowledged.Count + failed.Keys.Count(k => !acknowledged.ContainsKey(k))), total);
        var all = await ToListAsync(ledger.ReadAllAsync());
        Assert.Equal(Enumerable.Range(1, all.Count).Select(p => (long)p), all.Select(r => r.Position));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // A bound on a wait for progress, not a timing assertion: only no progress at all is a failure.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "no progress in two minutes");
            await Task.Delay(10);
        }
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private static Process Start(params string[] args) => WriterProcess.Start("Octopus.Privacy.PostgreSql.Writer", args);

    private static Task<(int ExitCode, string Output, string Error)> WaitAsync(Process process) => WriterProcess.WaitAsync(process);
}
