using System.Globalization;
using Baton.Core.Events;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// One PostgreSQL database as every store of a registration uses it: a pooled data source (search_path set to
/// Baton's schema), reads on pooled connections, each write as one transaction that is run again after a
/// serialization failure or deadlock, and the change signal: this process's commits fire it at once, and one
/// coalescing NOTIFY per process tells the other nodes, whose listeners fire theirs.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>The schema that holds every table of Baton's.</summary>
    public const string Schema = "baton";

    /// <summary>The channel commits are announced on.</summary>
    public const string Channel = "baton_changes";

    /// <summary>
    /// The channel of announcements that work was queued (the payload names the announcing process) or, with
    /// <see cref="AttentionSuffix"/> after the name, that a person asked something of a running task.
    /// </summary>
    public const string WorkChannel = "baton_work";

    /// <summary>Marks an announcement on <see cref="WorkChannel"/> as a person's request rather than queued work.</summary>
    public const string AttentionSuffix = ":attention";

    private const int MaxAttempts = 5;

    private readonly ChangeSignal commits = new();
    private readonly ChangeSignal announced = new();
    private readonly ChangeSignal attention = new();
    private readonly string process = Guid.NewGuid().ToString("N");
    private readonly ChangeNotifier notifier;
    private readonly PostgresChangeListener listener;

    public PostgresDatabase(string location, TimeSpan lockWait, TimeProvider time, ILoggerFactory loggers)
    {
        var builder = PostgresLocation.Parse(location);
        Where = PostgresLocation.Describe(builder);
        LockWait = lockWait;
        builder.SearchPath = Schema;
        builder.ApplicationName ??= "baton";
        // A statement waits at most this long for a row or advisory lock; a whole command gets more, for large reads.
        builder.Options = string.Create(CultureInfo.InvariantCulture, $"{builder.Options} -c lock_timeout={(long)lockWait.TotalMilliseconds}").Trim();
        builder.CommandTimeout = (int)Math.Max(30, Math.Ceiling(lockWait.TotalSeconds * 3));
        // Baton runs the same few statements all day: prepare them once per connection.
        builder.MaxAutoPrepare = 128;
        builder.AutoPrepareMinUsages = 2;
        // Baton leaves no session state on a pooled connection (settings come with the connection string; the
        // migrator's advisory lock is released; the listener's connection is its own), so a connection handed back to
        // the pool needs no reset round trip before its next use.
        builder.NoResetOnClose = true;
        builder.Timeout = (int)Math.Clamp(Math.Ceiling(lockWait.TotalSeconds), 2, 1024);
        DataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
        // A reader's first look waits at most this long for the writers in flight (milliseconds, normally).
        Horizon = new EventHorizon(time, TimeSpan.FromSeconds(1));
        notifier = new ChangeNotifier(DataSource, process, loggers.CreateLogger<ChangeNotifier>());
        listener = new PostgresChangeListener(DataSource, commits, announced, attention, process, time, loggers.CreateLogger<PostgresChangeListener>());
    }

    /// <summary>host:port/database, for messages (no secret).</summary>
    public string Where { get; }

    public TimeSpan LockWait { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>How far readers may read the event log (see <see cref="EventHorizon"/>).</summary>
    public EventHorizon Horizon { get; }

    /// <summary>The events this process committed lately (see <see cref="CommittedEvents"/>).</summary>
    public CommittedEvents Committed { get; } = new();

    /// <summary>The webhook subscriptions last read by any writer of this process.</summary>
    public WebhookRoutes Routes { get; set; } = WebhookRoutes.Unknown;

    /// <summary>The change signal; the first look starts listening for other nodes' commits.</summary>
    public ChangeSignal Changes
    {
        get
        {
            listener.Start();
            return commits;
        }
    }

    /// <summary>Fires when another process announced queued work; the first look starts listening.</summary>
    public ChangeSignal Announced
    {
        get
        {
            listener.Start();
            return announced;
        }
    }

    /// <summary>Fires when another process announced a person's request of a running task; the first look starts listening.</summary>
    public ChangeSignal AttentionAnnounced
    {
        get
        {
            listener.Start();
            return attention;
        }
    }

    /// <summary>Tells the other processes that work was queued here.</summary>
    public void AnnounceWork() => notifier.Signal(ChangeNotifier.Notice.Work);

    /// <summary>Tells the other processes that a person asked something of a running task.</summary>
    public void AnnounceAttention() => notifier.Signal(ChangeNotifier.Notice.Attention);

    /// <summary>Waits until the announcements signalled so far have been sent (or failed to be).</summary>
    public Task FlushAnnouncementsAsync(CancellationToken cancellationToken) => notifier.FlushAsync(cancellationToken);

    internal PostgresChangeListener Listener => listener;

    /// <summary>Runs <paramref name="work"/> on a pooled connection (for reads), mapping PostgreSQL errors.</summary>
    public async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
                return await work(connection);
            }
            catch (NpgsqlException ex) when (attempt == 1 && PostgresErrors.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
            {
                // Most often a pooled connection the server closed while it sat idle (a restart): drop them all and
                // try once more on a fresh one; if the server is really gone, that fails too and says so.
                DataSource.Clear();
            }
            catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw PostgresErrors.Translate(ex, Where, LockWait);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it with the events it appended; run again (from
    /// the start, on a fresh transaction) after a serialization failure or a deadlock, or once after a lost
    /// connection, as long as its commit was not sent (so a commit is never made twice).
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<PgSession, Task<T>> work, CancellationToken cancellationToken)
    {
        var reconnected = false;
        for (var attempt = 1; ; attempt++)
        {
            PgSession? session = null;
            try
            {
                await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                session = new PgSession(connection, transaction, this);
                var result = await work(session);
                await session.CommitAsync(cancellationToken);
                Committed.Publish(session.Appended);
                commits.Notify();
                if (session.Changed)
                {
                    notifier.Signal(ChangeNotifier.Notice.Changes);
                }

                return result;
            }
            catch (NpgsqlException ex) when (attempt < MaxAttempts && PostgresErrors.IsRetryable(ex))
            {
                // Nothing of it committed; the routes it may have read are still right (they carry their version).
            }
            catch (RoutesChangedException) when (attempt < MaxAttempts)
            {
                // Nothing of it committed; the next run reads the subscriptions as they are now.
            }
            catch (NpgsqlException ex) when (!reconnected && session?.CommitSent != true && PostgresErrors.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
            {
                reconnected = true;
                DataSource.Clear();
            }
            catch (NpgsqlException ex) when (session?.CommitSent == true && PostgresErrors.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
            {
                throw PostgresErrors.CommitUnknown(Where, ex);
            }
            catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw PostgresErrors.Translate(ex, Where, LockWait);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await listener.DisposeAsync();
        await notifier.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
