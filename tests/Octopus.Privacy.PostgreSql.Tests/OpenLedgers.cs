namespace Octopus.Privacy.PostgreSql.Tests;

/// <summary>
/// The ledgers a test class opens on the test server, each on a fresh schema, disposed in reverse order by
/// <see cref="CloseAllAsync"/> from the class's own <c>DisposeAsync</c>.
/// </summary>
internal sealed class OpenLedgers(PostgreSqlServer server)
{
    private readonly List<IAsyncDisposable> _opened = [];

    /// <summary>A ledger on a new schema; returns the schema's name.</summary>
    public string Open(out PostgreSqlConsentLedger ledger, bool listenForChanges = true)
    {
        server.Require();
        var schema = PostgreSqlServer.NewSchema();
        ledger = Keep(new PostgreSqlConsentLedger(server.ConnectionString, new PostgreSqlConsentLedgerOptions { Schema = schema, ListenForChanges = listenForChanges }, null));
        return schema;
    }

    /// <summary>Disposes <paramref name="opened"/> with the others.</summary>
    public T Keep<T>(T opened)
        where T : IAsyncDisposable
    {
        _opened.Add(opened);
        return opened;
    }

    /// <summary>Disposes everything kept, the last first.</summary>
    public async Task CloseAllAsync()
    {
        foreach (var opened in Enumerable.Reverse(_opened))
        {
            await opened.DisposeAsync();
        }
    }
}
