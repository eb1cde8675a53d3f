-- Tasks may require labels of the worker that runs them (a JSON list of "key" or "key=value"), NULL for none, which
-- is nearly every task: the queue index carries the column, so a claim tells a task any worker may run from one
-- that needs labels without reading the row, and the common case costs one NULL check more than before.
ALTER TABLE tasks ADD COLUMN requires_labels TEXT;

DROP INDEX ix_tasks_queue;
CREATE INDEX ix_tasks_queue ON tasks (priority DESC, seq, due_at, requires_labels) WHERE status IN ('pending', 'retrying') AND blocked = 0;

-- The nodes that run tasks, one row per name. A node writes its own row at each heartbeat; live_until is the time
-- Core computed from it, past which the node counts as gone. Times are Unix milliseconds like every other column.
CREATE TABLE workers (
    name            TEXT    PRIMARY KEY,
    worker_id       TEXT    NOT NULL,
    host            TEXT    NOT NULL,
    version         TEXT    NOT NULL,
    slots           INTEGER NOT NULL,
    labels          TEXT    NOT NULL DEFAULT '[]',
    running         INTEGER NOT NULL DEFAULT 0,
    started_at      INTEGER NOT NULL,
    heartbeat_at    INTEGER NOT NULL,
    live_until      INTEGER NOT NULL,
    drain_requested INTEGER NOT NULL DEFAULT 0,
    drained_at      INTEGER,
    stopped_at      INTEGER
) WITHOUT ROWID;
