using Baton.Core.Storage;
using Baton.Storage.Postgres;
using Baton.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Configuration;

/// <summary>
/// Chooses the store, once, from BATON_DB or baton.json's "db": every process (daemon, CLI, <c>baton mcp</c>) gets
/// its storage ports from here. A file path is the embedded SQLite store; a postgresql:// URI or an Npgsql connection
/// string is a PostgreSQL database that several nodes share.
/// </summary>
internal static class StoreSelection
{
    /// <summary>The store's options from the settings; callers adjust what their process needs.</summary>
    public static StoreOptions Options(BatonSettings settings) => new()
    {
        Location = settings.StoreLocation,
        DurabilityFull = settings.SynchronousFull,
    };

    /// <summary>Registers the chosen store's ports and migrator.</summary>
    public static IServiceCollection AddBatonStore(this IServiceCollection services, StoreOptions options) =>
        IsServer(options.Location) ? services.AddBatonPostgresStore(options) : services.AddBatonSqliteStore(options);

    /// <summary>A postgres:// or postgresql:// URI, or an Npgsql connection string (Host=...;Database=...).</summary>
    public static bool IsServer(string db) =>
        db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || db.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(part => part.Split('=', 2)[0].Trim() is var key && part.Contains('=', StringComparison.Ordinal)
                && (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase)));
}
