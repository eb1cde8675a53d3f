-- Daily roll-ups of the tasks that ended, kept by triggers in the transaction that ends (or reopens) a task, so
-- statistics over a month read a few thousand rows instead of every task. Per UTC day and per group: the whole
-- (dim 0, value ''), each agent (1), each workflow name (2), each runner (3); '' stands for "none".
CREATE TABLE task_rollups (
    dim                INTEGER NOT NULL,
    value              TEXT    NOT NULL,
    day                INTEGER NOT NULL,
    runs               INTEGER NOT NULL,
    succeeded          INTEGER NOT NULL,
    failed             INTEGER NOT NULL,
    cancelled          INTEGER NOT NULL,
    retries            INTEGER NOT NULL,
    cost_usd           REAL    NOT NULL,
    input_tokens       INTEGER NOT NULL,
    output_tokens      INTEGER NOT NULL,
    cache_read_tokens  INTEGER NOT NULL,
    cache_write_tokens INTEGER NOT NULL,
    PRIMARY KEY (dim, value, day)
) WITHOUT ROWID;

-- How many of those tasks took each duration (kind 0) and waited each queue wait (kind 1), in milliseconds rounded
-- down to three significant digits (within 1 %), so percentiles come from a histogram of at most a few thousand buckets.
CREATE TABLE task_rollup_times (
    dim    INTEGER NOT NULL,
    value  TEXT    NOT NULL,
    day    INTEGER NOT NULL,
    kind   INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (dim, value, day, kind, bucket)
) WITHOUT ROWID;

-- Failure modes read the failed and timed-out tasks of a window without walking the others.
CREATE INDEX ix_tasks_failed ON tasks (completed_at) WHERE status IN ('failed', 'timed_out');

CREATE TRIGGER tr_task_rollups_insert AFTER INSERT ON tasks WHEN new.completed_at IS NOT NULL AND new.status IN ('completed', 'failed', 'timed_out', 'cancelled')
BEGIN
    INSERT INTO task_rollups (dim, value, day, runs, succeeded, failed, cancelled, retries, cost_usd, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens)
    SELECT g.dim, g.value, new.completed_at / 86400000, 1, (new.status = 'completed'), (new.status IN ('failed', 'timed_out')),
        (new.status = 'cancelled'), max(new.attempt_count - 1, 0), u.cost_usd, u.input_tokens, u.output_tokens, u.cache_read_tokens, u.cache_write_tokens
    FROM (SELECT 0 AS dim, '' AS value UNION ALL SELECT 1, coalesce(new.agent_name, '') UNION ALL SELECT 2, coalesce((SELECT name FROM workflows WHERE id = new.workflow_id), '') UNION ALL SELECT 3, new.runner) g,
        (SELECT coalesce(sum(coalesce(json_extract(a.details, '$.cost_usd'), 0)), 0) AS cost_usd, coalesce(sum(coalesce((SELECT sum(json_extract(m.value, '$.input_tokens')) FROM json_each(a.details, '$.models') m), 0)), 0) AS input_tokens, coalesce(sum(coalesce((SELECT sum(json_extract(m.value, '$.output_tokens')) FROM json_each(a.details, '$.models') m), 0)), 0) AS output_tokens, coalesce(sum(coalesce((SELECT sum(json_extract(m.value, '$.cache_read_tokens')) FROM json_each(a.details, '$.models') m), 0)), 0) AS cache_read_tokens, coalesce(sum(coalesce((SELECT sum(json_extract(m.value, '$.cache_write_tokens')) FROM json_each(a.details, '$.models') m), 0)), 0) AS cache_write_tokens FROM attempts a WHERE a.task_seq = new.seq AND a.details IS NOT NULL) u
    WHERE new.completed_at IS NOT NULL AND new.status IN ('completed', 'failed', 'timed_out', 'cancelled')
    ON CONFLICT (dim, value, day) DO UPDATE SET runs = runs + excluded.runs, succeeded = succeeded + excluded.succeeded, failed = failed + excluded.failed, cancelled = cancelled + excluded.cancelled, retries = retries + excluded.retries, cost_usd = cost_usd + excluded.cost_usd, input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens;
    INSERT INTO task_rollup_times (dim, value, day, kind, bucket, n)
    SELECT g.dim, g.value, new.completed_at / 86400000, x.kind, CASE WHEN x.v < 1000 THEN x.v WHEN x.v < 10000 THEN x.v / 10 * 10 WHEN x.v < 100000 THEN x.v / 100 * 100 WHEN x.v < 1000000 THEN x.v / 1000 * 1000 WHEN x.v < 10000000 THEN x.v / 10000 * 10000 WHEN x.v < 100000000 THEN x.v / 100000 * 100000 WHEN x.v < 1000000000 THEN x.v / 1000000 * 1000000 ELSE x.v / 10000000 * 10000000 END, 1
    FROM (SELECT 0 AS dim, '' AS value UNION ALL SELECT 1, coalesce(new.agent_name, '') UNION ALL SELECT 2, coalesce((SELECT name FROM workflows WHERE id = new.workflow_id), '') UNION ALL SELECT 3, new.runner) g,
        (SELECT 0 AS kind, max(new.completed_at - new.started_at, 0) AS v
         UNION ALL SELECT 1, max(new.started_at - max(new.created_at, coalesce(new.run_at, new.created_at)), 0)) x
    WHERE new.started_at IS NOT NULL AND new.completed_at IS NOT NULL AND new.status IN ('completed', 'failed', 'timed_out', 'cancelled')
    ON CONFLICT (dim, value, day, kind, bucket) DO UPDATE SET n = n + excluded.n;
END;

-- A task that ends is added; one that is reopened (retried, its workflow resumed) is taken out again, with what it
-- was, so it counts once, on the day it last ended.
CREATE TRIGGER tr_task_rollups_update AFTER UPDATE OF status, completed_at, started_at, attempt_count, run_at ON tasks
WHEN (old.completed_at IS NOT NULL AND old.status IN ('completed', 'failed', 'timed_out', 'cancelled')) OR (new.completed_at IS NOT NULL AND new.status IN ('completed', 'failed', 'timed_out', 'cancelled'))
BEGIN
    INSERT INTO task_rollups (dim, value, day, runs, succeeded, failed, cancelled, retries, cost_usd, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens)
    SELECT g.dim, g.value, old.completed_at / 86400000, -1, -(old.status = 'completed'), -(old.status IN ('failed', 'timed_out')),
        -(old.status = 'cancelled'), -max(old.attempt_count - 1, 0), -u.cost_usd, -u.input_tokens, -u.output_tokens, -u.cache_read_tokens, -u.cache_write_tokens
    FROM (SELECT 0 AS dim, '' AS value UNION ALL SELECT 1, coalesce(old.agent_name, '') UNION ALL SELECT 2, coalesce((SELECT name FROM workflows WHERE id = old.workflow_id), '') UNION ALL SELECT 3, old.runner) g,
        (SELECT coalesce(sum(coalesce(json_extract(a.details, '$.cost_usd'), 0)), 0) AS cost_usd, coalesce(sum(coalesce((SELECT sum(json_extract(m.value, '$.input_tokens')) FROM json_each(a.details, '$.models') m), 0)), 0) AS input_tokens, coalesce(sum(coalesce((SELECT sum(json_extract(m.value, '$.output_tokens')) FROM json_each(a.details, '$.models') m), 0)), 0) AS output_tokens, coalesce(sum(coalesce((SELECT sum(json_extract(m.value, '$.cache_read_tokens')) FROM json_each(a.details, '$.models') m), 0)), 0) AS cache_read_tokens, coalesce(sum(coalesce((SELECT sum(json_extract(m.value, '$.cache_write_tokens')) FROM json_each(a.details, '$.models') m), 0)), 0) AS cache_write_tokens FROM attempts a WHERE a.task_seq = old.seq AND a.details IS NOT NULL) u
    WHERE old.completed_at IS NOT NULL AND old.status IN ('completed', 'failed', 'timed_out', 'cancelled')
    ON CONFLICT (dim, value, day) DO UPDATE SET runs = runs + excluded.runs, succeeded = succeeded + excluded.succeeded, failed = failed + excluded.failed, cancelled = cancelled + excluded.cancelled, retries = retries + excluded.retries, cost_usd = cost_usd + excluded.cost_usd, input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens;
    INSERT INTO task_rollup_times (dim, value, day, kind, bucket, n)
    SELECT g.dim, g.value, old.completed_at / 86400000, x.kind, CASE WHEN x.v < 1000 THEN x.v WHEN x.v < 10000 THEN x.v / 10 * 10 WHEN x.v < 100000 THEN x.v / 100 * 100 WHEN x.v < 1000000 THEN x.v / 1000 * 1000 WHEN x.v < 10000000 THEN x.v / 10000 * 10000 WHEN x.v < 100000000 THEN x.v / 100000 * 100000 WHEN x.v < 1000000000 THEN x.v / 1000000 * 1000000 ELSE x.v / 10000000 * 10000000 END, -1
    FROM (SELECT 0 AS dim, '' AS value UNION ALL SELECT 1, coalesce(old.agent_name, '') UNION ALL SELECT 2, coalesce((SELECT name FROM workflows WHERE id = old.workflow_id), '') UNION ALL SELECT 3, old.runner) g,
        (SELECT 0 AS kind, max(old.completed_at - old.started_at, 0) AS v
         UNION ALL SELECT 1, max(old.started_at - max(old.created_at, coalesce(old.run_at, old.created_at)), 0)) x
    WHERE old.started_at IS NOT NULL AND old.completed_at IS NOT NULL AND old.status IN ('completed', 'failed', 'timed_out', 'cancelled')
    ON CONFLICT (dim, value, day, kind, bucket) DO UPDATE SET n = n + excluded.n;
    INSERT INTO task_rollups (dim, value, day, runs, succeeded, failed, cancelled, retries, cost_usd, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens)
    SELECT g.dim, g.value, new.completed_at / 86400000, 1, (new.status = 'completed'), (new.status IN ('failed', 'timed_out')),
        (new.status = 'cancelled'), max(new.attempt_count - 1, 0), u.cost_usd, u.input_tokens, u.output_tokens, u.cache_read_tokens, u.cache_write_tokens
    FROM (SELECT 0 AS dim, '' AS value UNION ALL SELECT 1, coalesce(new.agent_name, '') UNION ALL SELECT 2, coalesce((SELECT name FROM workflows WHERE id = new.workflow_id), '') UNION ALL SELECT 3, new.runner) g,
        (SELECT coalesce(sum(coalesce(json_extract(a.details, '$.cost_usd'), 0)), 0) AS cost_usd, coalesce(sum(coalesce((SELECT sum(json_extract(m.value, '$.input_tokens')) FROM json_each(a.details, '$.models') m), 0)), 0) AS input_tokens, coalesce(sum(coalesce((SELECT sum(json_extract(m.value, '$.output_tokens')) FROM json_each(a.details, '$.models') m), 0)), 0) AS output_tokens, coalesce(sum(coalesce((SELECT sum(json_extract(m.value, '$.cache_read_tokens')) FROM json_each(a.details, '$.models') m), 0)), 0) AS cache_read_tokens, coalesce(sum(coalesce((SELECT sum(json_extract(m.value, '$.cache_write_tokens')) FROM json_each(a.details, '$.models') m), 0)), 0) AS cache_write_tokens FROM attempts a WHERE a.task_seq = new.seq AND a.details IS NOT NULL) u
    WHERE new.completed_at IS NOT NULL AND new.status IN ('completed', 'failed', 'timed_out', 'cancelled')
    ON CONFLICT (dim, value, day) DO UPDATE SET runs = runs + excluded.runs, succeeded = succeeded + excluded.succeeded, failed = failed + excluded.failed, cancelled = cancelled + excluded.cancelled, retries = retries + excluded.retries, cost_usd = cost_usd + excluded.cost_usd, input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens;
    INSERT INTO task_rollup_times (dim, value, day, kind, bucket, n)
    SELECT g.dim, g.value, new.completed_at / 86400000, x.kind, CASE WHEN x.v < 1000 THEN x.v WHEN x.v < 10000 THEN x.v / 10 * 10 WHEN x.v < 100000 THEN x.v / 100 * 100 WHEN x.v < 1000000 THEN x.v / 1000 * 1000 WHEN x.v < 10000000 THEN x.v / 10000 * 10000 WHEN x.v < 100000000 THEN x.v / 100000 * 100000 WHEN x.v < 1000000000 THEN x.v / 1000000 * 1000000 ELSE x.v / 10000000 * 10000000 END, 1
    FROM (SELECT 0 AS dim, '' AS value UNION ALL SELECT 1, coalesce(new.agent_name, '') UNION ALL SELECT 2, coalesce((SELECT name FROM workflows WHERE id = new.workflow_id), '') UNION ALL SELECT 3, new.runner) g,
        (SELECT 0 AS kind, max(new.completed_at - new.started_at, 0) AS v
         UNION ALL SELECT 1, max(new.started_at - max(new.created_at, coalesce(new.run_at, new.created_at)), 0)) x
    WHERE new.started_at IS NOT NULL AND new.completed_at IS NOT NULL AND new.status IN ('completed', 'failed', 'timed_out', 'cancelled')
    ON CONFLICT (dim, value, day, kind, bucket) DO UPDATE SET n = n + excluded.n;
END;

-- Usage recorded after its task ended (an attempt finished in the same transaction, after the task's row) is added to it.
CREATE TRIGGER tr_task_rollups_attempt_insert AFTER INSERT ON attempts WHEN new.details IS NOT NULL
BEGIN
    INSERT INTO task_rollups (dim, value, day, runs, succeeded, failed, cancelled, retries, cost_usd, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens)
    SELECT g.dim, g.value, g.completed_at / 86400000, 0, 0, 0, 0, 0, coalesce(json_extract(new.details, '$.cost_usd'), 0), coalesce((SELECT sum(json_extract(m.value, '$.input_tokens')) FROM json_each(new.details, '$.models') m), 0), coalesce((SELECT sum(json_extract(m.value, '$.output_tokens')) FROM json_each(new.details, '$.models') m), 0), coalesce((SELECT sum(json_extract(m.value, '$.cache_read_tokens')) FROM json_each(new.details, '$.models') m), 0), coalesce((SELECT sum(json_extract(m.value, '$.cache_write_tokens')) FROM json_each(new.details, '$.models') m), 0)
    FROM (SELECT 0 AS dim, '' AS value, t.completed_at FROM tasks t WHERE t.seq = new.task_seq AND t.completed_at IS NOT NULL AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')
        UNION ALL SELECT 1, coalesce(t.agent_name, ''), t.completed_at FROM tasks t WHERE t.seq = new.task_seq AND t.completed_at IS NOT NULL AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')
        UNION ALL SELECT 2, coalesce((SELECT name FROM workflows WHERE id = t.workflow_id), ''), t.completed_at FROM tasks t WHERE t.seq = new.task_seq AND t.completed_at IS NOT NULL AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')
        UNION ALL SELECT 3, t.runner, t.completed_at FROM tasks t WHERE t.seq = new.task_seq AND t.completed_at IS NOT NULL AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')) g
    WHERE true
    ON CONFLICT (dim, value, day) DO UPDATE SET runs = runs + excluded.runs, succeeded = succeeded + excluded.succeeded, failed = failed + excluded.failed, cancelled = cancelled + excluded.cancelled, retries = retries + excluded.retries, cost_usd = cost_usd + excluded.cost_usd, input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens;
END;

CREATE TRIGGER tr_task_rollups_attempt_update AFTER UPDATE OF details ON attempts
BEGIN
    INSERT INTO task_rollups (dim, value, day, runs, succeeded, failed, cancelled, retries, cost_usd, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens)
    SELECT g.dim, g.value, g.completed_at / 86400000, 0, 0, 0, 0, 0, coalesce(json_extract(new.details, '$.cost_usd'), 0) + -coalesce(json_extract(old.details, '$.cost_usd'), 0), coalesce((SELECT sum(json_extract(m.value, '$.input_tokens')) FROM json_each(new.details, '$.models') m), 0) + -coalesce((SELECT sum(json_extract(m.value, '$.input_tokens')) FROM json_each(old.details, '$.models') m), 0), coalesce((SELECT sum(json_extract(m.value, '$.output_tokens')) FROM json_each(new.details, '$.models') m), 0) + -coalesce((SELECT sum(json_extract(m.value, '$.output_tokens')) FROM json_each(old.details, '$.models') m), 0), coalesce((SELECT sum(json_extract(m.value, '$.cache_read_tokens')) FROM json_each(new.details, '$.models') m), 0) + -coalesce((SELECT sum(json_extract(m.value, '$.cache_read_tokens')) FROM json_each(old.details, '$.models') m), 0), coalesce((SELECT sum(json_extract(m.value, '$.cache_write_tokens')) FROM json_each(new.details, '$.models') m), 0) + -coalesce((SELECT sum(json_extract(m.value, '$.cache_write_tokens')) FROM json_each(old.details, '$.models') m), 0)
    FROM (SELECT 0 AS dim, '' AS value, t.completed_at FROM tasks t WHERE t.seq = new.task_seq AND t.completed_at IS NOT NULL AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')
        UNION ALL SELECT 1, coalesce(t.agent_name, ''), t.completed_at FROM tasks t WHERE t.seq = new.task_seq AND t.completed_at IS NOT NULL AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')
        UNION ALL SELECT 2, coalesce((SELECT name FROM workflows WHERE id = t.workflow_id), ''), t.completed_at FROM tasks t WHERE t.seq = new.task_seq AND t.completed_at IS NOT NULL AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')
        UNION ALL SELECT 3, t.runner, t.completed_at FROM tasks t WHERE t.seq = new.task_seq AND t.completed_at IS NOT NULL AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')) g
    WHERE true
    ON CONFLICT (dim, value, day) DO UPDATE SET runs = runs + excluded.runs, succeeded = succeeded + excluded.succeeded, failed = failed + excluded.failed, cancelled = cancelled + excluded.cancelled, retries = retries + excluded.retries, cost_usd = cost_usd + excluded.cost_usd, input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens;
END;

-- The tasks that ended before this migration.
WITH usage AS (
    SELECT a.task_seq, sum(coalesce(json_extract(a.details, '$.cost_usd'), 0)) AS cost_usd, sum(coalesce((SELECT sum(json_extract(m.value, '$.input_tokens')) FROM json_each(a.details, '$.models') m), 0)) AS input_tokens, sum(coalesce((SELECT sum(json_extract(m.value, '$.output_tokens')) FROM json_each(a.details, '$.models') m), 0)) AS output_tokens, sum(coalesce((SELECT sum(json_extract(m.value, '$.cache_read_tokens')) FROM json_each(a.details, '$.models') m), 0)) AS cache_read_tokens, sum(coalesce((SELECT sum(json_extract(m.value, '$.cache_write_tokens')) FROM json_each(a.details, '$.models') m), 0)) AS cache_write_tokens FROM attempts a WHERE a.details IS NOT NULL GROUP BY a.task_seq
),
ended AS (
    SELECT t.agent_name, t.runner, coalesce(wf.name, '') AS workflow_name, t.completed_at / 86400000 AS day, t.status,
        max(t.attempt_count - 1, 0) AS retries, coalesce(u.cost_usd, 0) AS cost_usd, coalesce(u.input_tokens, 0) AS input_tokens, coalesce(u.output_tokens, 0) AS output_tokens, coalesce(u.cache_read_tokens, 0) AS cache_read_tokens, coalesce(u.cache_write_tokens, 0) AS cache_write_tokens,
        CASE WHEN t.started_at IS NOT NULL THEN max(t.completed_at - t.started_at, 0) END AS duration,
        CASE WHEN t.started_at IS NOT NULL THEN max(t.started_at - max(t.created_at, coalesce(t.run_at, t.created_at)), 0) END AS wait
    FROM tasks t LEFT JOIN workflows wf ON wf.id = t.workflow_id LEFT JOIN usage u ON u.task_seq = t.seq
    WHERE t.completed_at IS NOT NULL AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')
),
grouped AS (SELECT 0 AS dim, '' AS value, e.* FROM ended e UNION ALL SELECT 1, coalesce(e.agent_name, ''), e.* FROM ended e UNION ALL SELECT 2, e.workflow_name, e.* FROM ended e UNION ALL SELECT 3, e.runner, e.* FROM ended e)
INSERT INTO task_rollups (dim, value, day, runs, succeeded, failed, cancelled, retries, cost_usd, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens)
SELECT dim, value, day, count(*), sum(status = 'completed'), sum(status IN ('failed', 'timed_out')), sum(status = 'cancelled'), sum(retries),
    sum(cost_usd), sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens)
FROM grouped GROUP BY dim, value, day;

WITH ended AS (
    SELECT t.agent_name, t.runner, coalesce(wf.name, '') AS workflow_name, t.completed_at / 86400000 AS day,
        max(t.completed_at - t.started_at, 0) AS duration,
        max(t.started_at - max(t.created_at, coalesce(t.run_at, t.created_at)), 0) AS wait
    FROM tasks t LEFT JOIN workflows wf ON wf.id = t.workflow_id
    WHERE t.started_at IS NOT NULL AND t.completed_at IS NOT NULL AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')
),
grouped AS (SELECT 0 AS dim, '' AS value, e.* FROM ended e UNION ALL SELECT 1, coalesce(e.agent_name, ''), e.* FROM ended e UNION ALL SELECT 2, e.workflow_name, e.* FROM ended e UNION ALL SELECT 3, e.runner, e.* FROM ended e),
times AS (SELECT dim, value, day, 0 AS kind, duration AS v FROM grouped UNION ALL SELECT dim, value, day, 1, wait FROM grouped)
INSERT INTO task_rollup_times (dim, value, day, kind, bucket, n)
SELECT dim, value, day, kind, CASE WHEN v < 1000 THEN v WHEN v < 10000 THEN v / 10 * 10 WHEN v < 100000 THEN v / 100 * 100 WHEN v < 1000000 THEN v / 1000 * 1000 WHEN v < 10000000 THEN v / 10000 * 10000 WHEN v < 100000000 THEN v / 100000 * 100000 WHEN v < 1000000000 THEN v / 1000000 * 1000000 ELSE v / 10000000 * 10000000 END, count(*) FROM times GROUP BY 1, 2, 3, 4, 5;
