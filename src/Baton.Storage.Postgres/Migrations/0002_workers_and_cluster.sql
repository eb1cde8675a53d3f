-- Tasks may require labels of the worker that runs them (a JSON list of "key" or "key=value"), NULL for none, which
-- is nearly every task: the queue index carries the column, so a claim tells a task any worker may run from one that
-- needs labels without reading the row.
ALTER TABLE tasks ADD COLUMN requires_labels text;
DROP INDEX ix_tasks_queue;
CREATE INDEX ix_tasks_queue ON tasks (priority DESC, seq) INCLUDE (due_at, requires_labels) WHERE status IN ('pending', 'retrying') AND blocked = 0;

-- The nodes that run tasks, one row per name. A node writes its own row at each heartbeat; live_until is the time
-- Core computed from it, past which the node counts as gone. Times are Unix milliseconds like every other column.
CREATE TABLE workers (
    name            text    PRIMARY KEY,
    worker_id       text    NOT NULL,
    host            text    NOT NULL,
    version         text    NOT NULL,
    slots           integer NOT NULL,
    labels          text    NOT NULL DEFAULT '[]',
    running         integer NOT NULL DEFAULT 0,
    started_at      bigint  NOT NULL,
    heartbeat_at    bigint  NOT NULL,
    live_until      bigint  NOT NULL,
    drain_requested integer NOT NULL DEFAULT 0,
    drained_at      bigint,
    stopped_at      bigint
);

-- Named leases for once-per-cluster work (event pruning, rescue sweeps, hooks): one holder at a time.
CREATE TABLE cluster_leases (
    name       text   PRIMARY KEY,
    holder     text   NOT NULL,
    expires_at bigint NOT NULL
);

-- Attempt logs, shipped in chunks by the node that runs the attempt, so that any node reads them live. A chunk is
-- keyed by where it starts in the log; shipping one again changes nothing, or keeps the longer one.
CREATE TABLE attempt_logs (
    task_id text    NOT NULL,
    attempt integer NOT NULL,
    "offset" bigint NOT NULL,
    bytes   bytea   NOT NULL,
    PRIMARY KEY (task_id, attempt, "offset")
);
