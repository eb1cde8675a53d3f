using Baton.Core.Events;
using Baton.Core.Storage;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>Alert states in SQLite (table alert_states): a conditional upsert says whether the alert just began to fire.</summary>
public sealed class SqliteAlertStore : IAlertStore, IAsyncDisposable
{
    private readonly SqliteDatabase database;

    /// <summary>Creates the store over the database file in <paramref name="options"/>.</summary>
    public SqliteAlertStore(SqliteStoreOptions options) => database = new SqliteDatabase(options);

    /// <inheritdoc />
    public Task<bool> SetFiringAsync(string key, bool firing, EventDraft raised, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var changed = await session.Command(
                    """
                    INSERT INTO alert_states (key, firing, changed_at) VALUES ($key, $firing, $now)
                    ON CONFLICT (key) DO UPDATE SET firing = excluded.firing, changed_at = excluded.changed_at
                    WHERE alert_states.firing <> excluded.firing
                    """).With("$key", key).With("$firing", firing ? 1 : 0).With("$now", ToUnixMs(now))
                    .ExecuteNonQueryAsync(cancellationToken) == 1;
                if (!changed || !firing)
                {
                    return false;
                }

                await session.Events.AppendAsync(raised, cancellationToken);
                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => database.DisposeAsync();
}
