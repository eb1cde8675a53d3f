-- Daily roll-ups of the tasks that ended, so statistics over a month read a few thousand rows instead of every task.
-- A day is rolled up (sealed) by the first statistics query that needs it, once it lies a whole day in the past, in
-- one aggregate over that day's tasks; nothing is added as tasks end, so running tasks pays nothing for it. Per UTC
-- day and per group: the whole (dim 0, value ''), each agent (1), each workflow name (2), each runner (3); ''
-- stands for "none".
CREATE TABLE task_rollups (
    day                INTEGER NOT NULL,
    dim                INTEGER NOT NULL,
    value              TEXT    NOT NULL,
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
    PRIMARY KEY (day, dim, value)
) WITHOUT ROWID;

-- How many of those tasks took each duration (kind 0) and waited each queue wait (kind 1), in milliseconds rounded
-- down to three significant digits (within 1 %), so percentiles come from a histogram of a few thousand buckets.
CREATE TABLE task_rollup_times (
    day    INTEGER NOT NULL,
    dim    INTEGER NOT NULL,
    value  TEXT    NOT NULL,
    kind   INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (day, dim, value, kind, bucket)
) WITHOUT ROWID;

-- The days whose roll-ups are complete; rows of a day not listed here are stale and replaced when it is sealed again.
CREATE TABLE task_rollup_days (
    day INTEGER PRIMARY KEY
) WITHOUT ROWID;

-- A sealed day's tasks rarely change: one reopened (requeued, its workflow resumed), ended late (committed after the
-- day was sealed), removed, or given usage late. Then the day is unsealed, and rolled up again when next needed.
-- These triggers keep no figure and no rule; as a task ends they cost one lookup of a day that is not sealed.
CREATE TRIGGER tr_task_rollups_task_changed AFTER UPDATE OF completed_at, status ON tasks
WHEN old.completed_at IS NOT NULL OR new.completed_at IS NOT NULL
BEGIN
    DELETE FROM task_rollup_days WHERE day IN (old.completed_at / 86400000, new.completed_at / 86400000);
END;

CREATE TRIGGER tr_task_rollups_task_added AFTER INSERT ON tasks WHEN new.completed_at IS NOT NULL
BEGIN
    DELETE FROM task_rollup_days WHERE day = new.completed_at / 86400000;
END;

CREATE TRIGGER tr_task_rollups_task_removed AFTER DELETE ON tasks WHEN old.completed_at IS NOT NULL
BEGIN
    DELETE FROM task_rollup_days WHERE day = old.completed_at / 86400000;
END;

CREATE TRIGGER tr_task_rollups_usage_changed AFTER UPDATE OF details ON attempts
BEGIN
    DELETE FROM task_rollup_days WHERE day = (SELECT completed_at / 86400000 FROM tasks WHERE seq = new.task_seq);
END;

-- Failure modes read the failed and timed-out tasks of a window without walking the others.
CREATE INDEX ix_tasks_failed ON tasks (completed_at) WHERE status IN ('failed', 'timed_out');
