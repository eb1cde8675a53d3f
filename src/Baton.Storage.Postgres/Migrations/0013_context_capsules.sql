-- Context capsules: what an agent handed to the session that continues its work, saved with context_save. Never
-- changed: a newer capsule supersedes the older. Kept as long as their task, as attempts are. capsule is compact JSON
-- with snake_case keys (Core's CapsuleJson), text as in the SQLite store, so that both return the same values.
CREATE TABLE context_capsules (
    id             text    PRIMARY KEY,
    task_id        text    NOT NULL REFERENCES tasks (id),
    attempt_number integer,
    session_id     text,
    workflow_id    text,
    agent          text    NOT NULL,
    created_at     bigint  NOT NULL,
    capsule        text    NOT NULL
);

-- A task's capsules, newest first (its latest is the first row).
CREATE INDEX ix_context_capsules_task ON context_capsules (task_id, created_at, id);
-- A session's latest capsule, whichever task saved it.
CREATE INDEX ix_context_capsules_session ON context_capsules (session_id, created_at, id) WHERE session_id IS NOT NULL;
-- A workflow's capsules, by task.
CREATE INDEX ix_context_capsules_workflow ON context_capsules (workflow_id, task_id, created_at, id) WHERE workflow_id IS NOT NULL;

-- Sessions as users see them are attempts grouped by their agent session: one session's attempts, and the newest
-- sessions first, are read from this index instead of every attempt.
CREATE INDEX ix_attempts_session ON attempts (session_id, started_at) WHERE session_id IS NOT NULL;
