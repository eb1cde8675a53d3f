using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Baton.EndToEnd.Tests.Api;

/// <summary>The malformed requests of <see cref="ApiFuzzTestBase"/> against a daemon on its SQLite file.</summary>
public sealed class ApiFuzzTests : ApiFuzzTestBase
{
    private protected override Task<ApiDaemon> StartAsync() => ApiDaemon.StartAsync(workers: 2);

    private protected override DbConnection OpenStore(ApiDaemon daemon)
    {
        var connection = new SqliteConnection($"Data Source={daemon.Home.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
