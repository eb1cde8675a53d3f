namespace Baton.Bench.Postgres;

/// <summary>
/// The raw ceiling's SQL: one job table with a partial index of ready rows in priority-then-age order, and the
/// pgbench scripts that insert, claim (<c>FOR UPDATE SKIP LOCKED</c>) and complete one row per pgbench transaction.
/// </summary>
internal static class PgbenchScripts
{
    public const string Schema = """
        CREATE TABLE job (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            priority integer NOT NULL DEFAULT 0,
            state smallint NOT NULL DEFAULT 0, -- 0 ready, 1 running, 2 done
            payload jsonb NOT NULL DEFAULT '{}',
            created_at timestamptz NOT NULL DEFAULT now(),
            started_at timestamptz,
            finished_at timestamptz);
        CREATE INDEX job_ready ON job (priority DESC, id) WHERE state = 0;
        """;

    public const string Fill = "INSERT INTO job (payload) SELECT '{}' FROM generate_series(1, $1)";

    public const string Analyze = "ANALYZE job";

    public const string Count = "SELECT count(*) FILTER (WHERE state = 2), count(*) FILTER (WHERE state <> 2) FROM job";

    private const string Insert = "INSERT INTO job (payload) VALUES ('{}');";

    // Always one row for \gset, 0 when nothing was claimed: a client's own committed row can be locked by another
    // client whose row this client's snapshot cannot see yet, so a claim may find nothing although work is queued.
    // pgbench needs a meta-command's whole statement on one line.
    private const string Claim =
        "WITH claimed AS (UPDATE job SET state = 1, started_at = now() WHERE id = (SELECT id FROM job WHERE state = 0 ORDER BY priority DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id) SELECT coalesce(max(id), 0) AS claimed FROM claimed \\gset";

    private const string Complete = "UPDATE job SET state = 2, finished_at = now() WHERE id = :claimed;";

    /// <summary>
    /// Insert, claim, complete. Each statement commits on its own (three commits per job, as a Baton task's enqueue,
    /// claim and end), or, with <paramref name="oneCommit"/>, all three in one transaction.
    /// </summary>
    public static string InsertClaimComplete(bool oneCommit) => Script(oneCommit, Insert, Claim, Complete);

    /// <summary>A producer's script: one row inserted per transaction.</summary>
    public const string Produce = Insert + "\n";

    /// <summary>
    /// A worker's script beside a separate producer: claim and complete in two commits, and where the claim found
    /// nothing, wait a millisecond before the next one (as a worker waits to be woken), so idle workers do not spin.
    /// </summary>
    public const string Work = Claim + "\n\\if :claimed > 0\n" + Complete + "\n\\else\n\\sleep 1 ms\n\\endif\n";

    /// <summary>Claim and complete a row queued beforehand: two commits, or one with <paramref name="oneCommit"/>.</summary>
    public static string ClaimComplete(bool oneCommit) => Script(oneCommit, Claim, Complete);

    private static string Script(bool oneCommit, params string[] statements) =>
        string.Join('\n', oneCommit ? ["BEGIN;", .. statements, "COMMIT;"] : statements) + "\n";
}
