using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Storage.Postgres.Tests.Contract;
using Baton.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Baton.Storage.Postgres.Tests;

/// <summary>Creating and upgrading the schema: safe with several nodes at once, refusing a newer schema, and naming the database without its secret.</summary>
public sealed class PostgresStoreMigratorTests
{
    [Fact]
    public async Task MigrateAsync_FourNodesAtOnce_AllSucceedAndEachMigrationIsAppliedOnce()
    {
        var cluster = await PostgresCluster.Shared;
        var database = await cluster.CreateDatabaseAsync("migrate");
        var providers = Enumerable.Range(0, 4)
            .Select(_ => new ServiceCollection().AddBatonPostgresStore(new StoreOptions { Location = cluster.ConnectionString(database) }).BuildServiceProvider())
            .ToList();
        try
        {
            await Task.WhenAll(providers.Select(p => Task.Run(() => p.GetRequiredService<IStoreMigrator>().MigrateAsync())));

            await using var connection = new NpgsqlConnection(cluster.ConnectionString(database) + ";Pooling=false");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT version, count(*) FROM baton.schema_migrations GROUP BY version ORDER BY version", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var applied = new List<(int Version, long Count)>();
            while (await reader.ReadAsync())
            {
                applied.Add((reader.GetInt32(0), reader.GetInt64(1)));
            }

            Assert.NotEmpty(applied);
            Assert.All(applied, a => Assert.Equal(1L, a.Count));
            // Each migration once, in order (a number may be missing while features take theirs in parallel).
            Assert.Equal(1, applied[0].Version);
            Assert.Equal(typeof(PostgresStoreMigrator).Assembly.GetManifestResourceNames().Count(n => n.StartsWith("Baton.Storage.Postgres.Migrations.", StringComparison.Ordinal)), applied.Count);
        }
        finally
        {
            foreach (var provider in providers)
            {
                await provider.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task MigrateAsync_SchemaFromNewerBaton_RefusedAndLeftAlone()
    {
        var cluster = await PostgresCluster.Shared;
        var database = await cluster.CreateDatabaseAsync("newer");
        await using (var store = await PostgresStores.OpenAsync(cluster.ConnectionString(database)))
        {
        }

        await using (var connection = new NpgsqlConnection(cluster.ConnectionString(database) + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("INSERT INTO baton.schema_migrations (version, name) VALUES (9999, 'future')", connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var provider = new ServiceCollection().AddBatonPostgresStore(new StoreOptions { Location = cluster.ConnectionString(database) }).BuildServiceProvider();
        var error = await Assert.ThrowsAsync<BatonException>(() => provider.GetRequiredService<IStoreMigrator>().MigrateAsync());

        Assert.Equal(ErrorKind.StoreFailure, error.Kind);
        Assert.Contains("newer Baton (schema version 9999", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Description_UriWithPassword_NamesHostPortAndDatabaseOnly()
    {
        var cluster = await PostgresCluster.Shared;
        var database = await cluster.CreateDatabaseAsync("describe");
        await using var provider = new ServiceCollection().AddBatonPostgresStore(new StoreOptions { Location = cluster.Uri(database) }).BuildServiceProvider();
        var migrator = provider.GetRequiredService<IStoreMigrator>();

        await migrator.MigrateAsync();

        Assert.Equal($"PostgreSQL 127.0.0.1:{cluster.Port}/{database}", migrator.Description);
        Assert.False(migrator.IsReadOnly);
    }
}
