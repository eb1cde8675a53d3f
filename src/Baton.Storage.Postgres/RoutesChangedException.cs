using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// A transaction that was to commit with its events found the webhook subscriptions changed since this process read
/// them: nothing of it committed, and it runs again, routing its events by the subscriptions as they are now.
/// </summary>
internal sealed class RoutesChangedException(PostgresException inner) : Exception("the webhook subscriptions changed while events were written", inner);
