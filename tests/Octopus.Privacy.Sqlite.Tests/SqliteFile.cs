using Microsoft.Data.Sqlite;

namespace Octopus.Privacy.Sqlite.Tests;

/// <summary>SQL run on a ledger file from outside the ledger, as another client of the file would: one connection, no pool.</summary>
internal static class SqliteFile
{
    public static void Execute(string file, string sql)
    {
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(string file, string sql)
    {
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        return connection;
    }
}
