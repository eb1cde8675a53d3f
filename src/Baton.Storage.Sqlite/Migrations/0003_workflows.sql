-- Workflows: graphs of phases whose tasks run as their dependencies complete. Their statuses are derived from their
-- tasks' statuses by the workflow rules and written in the same transaction as the change that moved them.
CREATE TABLE workflows (
    seq                INTEGER PRIMARY KEY,
    id                 TEXT    NOT NULL UNIQUE,
    name               TEXT    NOT NULL,
    description        TEXT    NOT NULL DEFAULT '',
    status             TEXT    NOT NULL,
    failure_policy     TEXT    NOT NULL,
    upstream_task_cap  INTEGER NOT NULL,
    upstream_total_cap INTEGER NOT NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    started_at         INTEGER,
    completed_at       INTEGER,
    error              TEXT
);

CREATE TABLE phases (
    workflow_id  TEXT    NOT NULL REFERENCES workflows (id),
    phase_id     TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    depends_on   TEXT    NOT NULL DEFAULT '[]',
    status       TEXT    NOT NULL,
    started_at   INTEGER,
    completed_at INTEGER,
    PRIMARY KEY (workflow_id, phase_id)
) WITHOUT ROWID;

-- A task's place: its workflow and phase, the tasks it depends on (ids, as given), and whether it still waits.
ALTER TABLE tasks ADD COLUMN workflow_id TEXT;
ALTER TABLE tasks ADD COLUMN phase_id TEXT;
ALTER TABLE tasks ADD COLUMN depends_on TEXT NOT NULL DEFAULT '[]';
-- 1 while a pending task waits for its dependencies or for its draft workflow to start: the queue skips it.
ALTER TABLE tasks ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0;
-- 1 once another task depends on it, so that ending a task without dependents costs no extra query.
ALTER TABLE tasks ADD COLUMN has_dependents INTEGER NOT NULL DEFAULT 0;
-- The summary of upstream results, written when the task is released.
ALTER TABLE tasks ADD COLUMN upstream_context TEXT;
-- Set when the dependency rules (not a user) cancelled it; a retry upstream re-opens it.
ALTER TABLE tasks ADD COLUMN cancel_cause TEXT;

-- Edges by task, for the dependents of a task that ends (workflow phases are edges of their own).
CREATE TABLE task_dependencies (
    upstream_seq INTEGER NOT NULL REFERENCES tasks (seq),
    task_seq     INTEGER NOT NULL REFERENCES tasks (seq),
    PRIMARY KEY (upstream_seq, task_seq)
) WITHOUT ROWID;
-- And by dependent, for a task's own upstream (without it, each check scans every edge).
CREATE INDEX ix_task_dependencies_task ON task_dependencies (task_seq);

-- A workflow's tasks, by phase: a finishing task checks whether its phase has others still to run.
CREATE INDEX ix_tasks_workflow ON tasks (workflow_id, phase_id) WHERE workflow_id IS NOT NULL;
-- History for a workflow's time estimate: earlier workflow tasks of the same name.
CREATE INDEX ix_tasks_workflow_name ON tasks (name, seq) WHERE workflow_id IS NOT NULL;

-- The queue leaves out blocked tasks, so a thousand waiting tasks cost the dispatcher nothing.
DROP INDEX ix_tasks_queue;
CREATE INDEX ix_tasks_queue ON tasks (priority DESC, seq, due_at) WHERE status IN ('pending', 'retrying') AND blocked = 0;
