using System.Data.Common;
using Baton.Testing.Postgres;
using Npgsql;

namespace Baton.EndToEnd.Tests.Api;

/// <summary>
/// The malformed requests of <see cref="ApiFuzzTestBase"/> against a daemon on PostgreSQL, which refuses some input
/// SQLite takes (NUL in text, numbers past a column's range): none of it may become a 5xx there either.
/// </summary>
public sealed class PostgresApiFuzzTests : ApiFuzzTestBase
{
    private string location = string.Empty;

    private protected override async Task<ApiDaemon> StartAsync()
    {
        var cluster = await PostgresCluster.Shared;
        var database = await cluster.CreateDatabaseAsync("fuzz");
        location = cluster.ConnectionString(database);
        return await ApiDaemon.StartAsync(workers: 2, new Dictionary<string, string> { ["db"] = cluster.Uri(database) });
    }

    private protected override DbConnection OpenStore(ApiDaemon daemon)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(location) { SearchPath = "baton", Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }
}
