using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>
/// How far the event log can be read without passing an event that is still to commit. Writers take event ids from
/// a sequence without waiting for each other (see <see cref="PostgresEventAppender"/>), so id 12 can be visible while
/// 11 is in flight. An id is final once it is visible, or once it is known never to come: the transaction that took
/// it rolled back. The horizon is the end of the run of final ids; readers never read past it.
/// <para>
/// A gap below a visible id is resolved without asking who holds it. Every writer has a transaction id before it
/// takes an event id, so the holder of a missing id had its transaction id before the visible one was committed,
/// before the read that saw the gap. A transaction id taken after that read (<c>pg_current_xact_id()</c> in a
/// statement of its own) is therefore above the holder's; once the oldest running transaction is past it, the
/// holder has ended, and an id still missing then is missing for good. Gaps are rare (a rolled-back write, or a
/// reader that came a moment before a commit, which fills the gap itself) and cost one such statement each.
/// </para>
/// One per database, shared by every reader of the process: the run of final ids found by one serves all.
/// </summary>
internal sealed class EventHorizon(TimeProvider time, TimeSpan startWait)
{
    /// <summary>How many ids one look reads past the known final ones (the limit in <see cref="LookSql"/>).</summary>
    private const int Window = 1000;

    private const string LookSql = """
        SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint, array(SELECT id FROM events WHERE id > @base ORDER BY id LIMIT 1000) AS ids
        """;

    private const string TransactionIdSql = "SELECT pg_current_xact_id()::text::bigint";
    private const string NewestSql = "SELECT coalesce(max(id), 0), pg_current_xact_id()::text::bigint FROM events";
    private const string OldestRunningSql = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    /// <summary>How many gaps are remembered at once (readers far apart may each be at one).</summary>
    private const int MaxGaps = 64;

    private readonly Lock gate = new();
    private readonly SemaphoreSlim starting = new(1, 1);
    private readonly Dictionary<long, Gap> gaps = [];
    private long final;
    private bool started;

    /// <summary>
    /// The horizon after <paramref name="position"/>, a position the reader holds as final: every id up to the
    /// returned one is visible or never will be. Not less than <paramref name="position"/>.
    /// </summary>
    public async Task<long> AfterAsync(NpgsqlConnection connection, long position, CancellationToken cancellationToken)
    {
        await StartOnceAsync(connection, cancellationToken);
        long known;
        lock (gate)
        {
            known = final;
        }

        // Only a walk from the shared final run may extend it: a reader's own position could be any number.
        var shared = position <= known;
        var (end, _) = await WalkAsync(connection, shared ? known : position, shared, cancellationToken);
        return Math.Max(end, position);
    }

    /// <summary>The newest final id, for a reader that starts from now.</summary>
    public async Task<long> LatestAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await StartOnceAsync(connection, cancellationToken);
        while (true)
        {
            long from;
            lock (gate)
            {
                from = final;
            }

            var (end, more) = await WalkAsync(connection, from, shared: true, cancellationToken);
            if (!more || end == from)
            {
                return end;
            }
        }
    }

    /// <summary>
    /// The first use in a process starts the final run near the newest id, rather than walking the whole log: it
    /// waits until every transaction that may hold a lower id has ended (a few milliseconds), and then every id up to
    /// the newest is final. After at most the start wait (a transaction elsewhere on the server can hold the oldest
    /// running one back), it starts below the newest gap among the last ids instead, taking older ones as final:
    /// writers take ids just before they commit, so none is in flight while a thousand others commit.
    /// </summary>
    private async Task StartOnceAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref started))
        {
            return;
        }

        await starting.WaitAsync(cancellationToken);
        try
        {
            if (!started)
            {
                await StartAsync(connection, cancellationToken);
                Volatile.Write(ref started, true);
            }
        }
        finally
        {
            starting.Release();
        }
    }

    private async Task StartAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        long newest, mark;
        await using (var command = Command(connection, NewestSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (newest, mark) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var deadline = time.GetUtcNow() + startWait;
        await using (var look = Command(connection, OldestRunningSql))
        {
            while ((long)(await look.ExecuteScalarAsync(cancellationToken))! <= mark)
            {
                if (time.GetUtcNow() >= deadline)
                {
                    Advance(await BelowNewestGapAsync(connection, newest, cancellationToken));
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(2), time, cancellationToken);
            }
        }

        Advance(newest);
    }

    /// <summary>The id below the newest gap among the last <see cref="Window"/> ids up to <paramref name="newest"/>.</summary>
    private static async Task<long> BelowNewestGapAsync(NpgsqlConnection connection, long newest, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT array(SELECT id FROM events WHERE id <= @newest ORDER BY id DESC LIMIT 1000)").With("@newest", newest);
        var ids = (long[])(await command.ExecuteScalarAsync(cancellationToken))!;
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] != ids[i - 1] - 1)
            {
                return ids[i];
            }
        }

        return newest;
    }

    /// <summary>One look past <paramref name="from"/>: where the final run ends, and whether the window was full.</summary>
    private async Task<(long End, bool More)> WalkAsync(NpgsqlConnection connection, long from, bool shared, CancellationToken cancellationToken)
    {
        long oldestRunning;
        long[] ids;
        await using (var command = Command(connection, LookSql).With("@base", from))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (oldestRunning, ids) = (reader.GetInt64(0), reader.GetFieldValue<long[]>(1));
        }

        var end = from;
        foreach (var id in ids)
        {
            if (id != end + 1 && !Passable(end + 1, id - 1, oldestRunning))
            {
                await NoteGapAsync(connection, end + 1, id - 1, cancellationToken);
                if (shared)
                {
                    Advance(end);
                }

                return (end, false);
            }

            end = id;
        }

        if (shared)
        {
            Advance(end);
        }

        return (end, ids.Length == Window);
    }

    /// <summary>True if ids <paramref name="first"/>..<paramref name="last"/>, missing now, are missing for good.</summary>
    private bool Passable(long first, long last, long oldestRunning)
    {
        lock (gate)
        {
            return gaps.TryGetValue(first, out var known) && last <= known.Last && oldestRunning > known.Mark;
        }
    }

    private async Task NoteGapAsync(NpgsqlConnection connection, long first, long last, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (gaps.TryGetValue(first, out var known) && last <= known.Last)
            {
                return;
            }
        }

        await using var command = Command(connection, TransactionIdSql);
        var mark = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        lock (gate)
        {
            if (gaps.Count >= MaxGaps)
            {
                gaps.Remove(gaps.Keys.Min());
            }

            gaps[first] = new Gap(first, last, mark);
        }
    }

    private void Advance(long end)
    {
        lock (gate)
        {
            if (end > final)
            {
                final = end;
                foreach (var passed in gaps.Values.Where(g => g.Last <= end).ToList())
                {
                    gaps.Remove(passed.First);
                }
            }
        }
    }

    /// <summary>
    /// Ids <paramref name="First"/>..<paramref name="Last"/> were missing below a visible id when transaction
    /// <paramref name="Mark"/> began.
    /// </summary>
    private sealed record Gap(long First, long Last, long Mark);
}
