using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Octopus.Privacy.Sqlite;

namespace Octopus.Privacy.Sqlite.Tests;

/// <summary>The decision log on a real SQLite file that another connection keeps locked: decisions never wait for it.</summary>
public sealed class DecisionLogQueueTests : IDisposable
{
    private static readonly string[] Email = ["contact.email"];

    private readonly string _directory = Directory.CreateTempSubdirectory("octopus-privacy-decision-log-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task While_the_file_is_locked_every_decision_completes_at_once_and_a_full_queue_drops_and_counts()
    {
        var file = Path.Combine(_directory, "locked.db");
        using var dropped = new DroppedDecisions();

        const int Decisions = 2000;
        var services = new ServiceCollection()
            .AddOctopusPrivacy(o => o.ConsentCacheDuration = TimeSpan.FromHours(1))
            .AddSqliteConsentLedger($"Data Source={file}", new SqliteConsentLedgerOptions { BusyTimeout = TimeSpan.FromMinutes(2) })
            .AddPrivacyDecisionLog(o => o.QueueCapacity = 16)
            .BuildServiceProvider();
        await using (services)
        {
            var guard = services.GetRequiredService<IPrivacyGuard>();
            await services.GetRequiredService<IConsentLedger>().AppendAsync("s", [ConsentChange.AcceptPolicy("1.0")]);
            Assert.True(await guard.IsPermittedAsync("s", Email, "legal.compliance", "authority"));

            // Another writer holds the file's write lock: the log's writer waits on it, the guard must not.
            using (var blocker = new SqliteConnection($"Data Source={file};Pooling=False"))
            {
                blocker.Open();
                using var transaction = blocker.BeginTransaction(deferred: false);
                for (var i = 0; i < Decisions; i++)
                {
                    var decision = guard.CheckAsync("s", Email, "legal.compliance", "authority");
                    Assert.True(decision.IsCompletedSuccessfully, $"decision {i} waited");
                    Assert.True((await decision).IsPermitted);
                }

                Assert.True(dropped.Count >= Decisions - 16 - 256, $"only {dropped.Count} entries were dropped");
                transaction.Rollback();
            }
        }

        // Disposed: what was queued is written. Every decision is accounted for: written or counted as dropped.
        await using var reader = new SqliteConsentLedger($"Data Source={file}");
        var written = 0;
        await foreach (var entry in reader.ReadDecisionsAsync("s"))
        {
            written++;
        }

        Assert.Equal(Decisions + 1, written + dropped.Count);
    }
}
