using Baton.Core.Events;
using Baton.Core.Storage;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>Alert states in PostgreSQL (table alert_states): a conditional upsert says whether the alert just began to fire.</summary>
internal sealed class PostgresAlertStore(PostgresDatabase database) : IAlertStore
{
    /// <inheritdoc />
    public Task<bool> SetFiringAsync(string key, bool firing, EventDraft raised, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                // Two nodes setting the same state at once: the second waits for the first's row and changes nothing.
                var changed = await session.Command(
                    """
                    INSERT INTO alert_states (key, firing, changed_at) VALUES (@key, @firing, @now)
                    ON CONFLICT (key) DO UPDATE SET firing = excluded.firing, changed_at = excluded.changed_at
                    WHERE alert_states.firing <> excluded.firing
                    """).With("@key", key).With("@firing", firing).With("@now", ToUnixMs(now))
                    .ExecuteNonQueryAsync(cancellationToken) == 1;
                if (!changed || !firing)
                {
                    return false;
                }

                await session.Events.AppendAsync(raised, cancellationToken);
                return true;
            },
            cancellationToken);
}
