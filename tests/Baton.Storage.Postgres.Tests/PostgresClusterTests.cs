using Baton.Testing.Postgres;
using Npgsql;

namespace Baton.Storage.Postgres.Tests;

/// <summary>The throw-away cluster the PostgreSQL tests run on: it serves, keeps data over a restart, and needs its password.</summary>
public sealed class PostgresClusterTests
{
    [Fact]
    public async Task Shared_NewDatabase_AcceptsConnectionsAndKeepsDataOverRestart()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var database = await cluster.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString(database) + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE kept(v int); INSERT INTO kept VALUES (42)", connection);
            await create.ExecuteNonQueryAsync();
        }

        await cluster.StopAsync();
        await cluster.StartAgainAsync();

        await using var again = new NpgsqlConnection(cluster.ConnectionString(database) + ";Pooling=false");
        await again.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT v FROM kept", again);
        Assert.Equal(42, await read.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Connect_WrongPassword_IsRefused()
    {
        var cluster = await PostgresCluster.Shared;
        var builder = new NpgsqlConnectionStringBuilder(cluster.ConnectionString()) { Password = "wrong", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal("28P01", error.SqlState);
    }
}
