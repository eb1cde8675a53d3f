using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Configuration;

/// <summary>
/// Chooses the store, once, from BATON_DB or baton.json's "db": every process (daemon, CLI, <c>baton mcp</c>) gets
/// its storage ports from here. A file path is the embedded SQLite store; a PostgreSQL server is refused by this build.
/// </summary>
internal static class StoreSelection
{
    /// <summary>The store's options from the settings; callers adjust what their process needs.</summary>
    public static StoreOptions Options(BatonSettings settings) => new()
    {
        Location = settings.DatabasePath,
        DurabilityFull = settings.SynchronousFull,
    };

    /// <summary>Registers the chosen store's ports and migrator.</summary>
    public static IServiceCollection AddBatonStore(this IServiceCollection services, StoreOptions options)
    {
        EnsureSupported(options.Location);
        return services.AddBatonSqliteStore(options);
    }

    /// <summary>Refuses a store this build cannot open, with what to do instead.</summary>
    public static void EnsureSupported(string? db)
    {
        if (db is not null && IsPostgreSql(db))
        {
            throw BatonException.Invalid(
                "BATON_DB names a PostgreSQL server, which this build does not support yet; give the path of a SQLite database file (or leave BATON_DB unset for BATON_HOME/baton.db)");
        }
    }

    /// <summary>A postgres:// or postgresql:// URI, or an Npgsql connection string (Host=...;Database=...).</summary>
    private static bool IsPostgreSql(string db) =>
        db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || db.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(part => part.Split('=', 2)[0].Trim() is var key && part.Contains('=', StringComparison.Ordinal)
                && (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase)));
}
