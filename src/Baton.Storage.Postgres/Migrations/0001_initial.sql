-- Baton's schema on PostgreSQL: the final state of the SQLite schema, in its own schema "baton" (the migrator creates
-- it and runs this with search_path set to it). Times are Unix milliseconds (bigint), exactly as the SQLite store
-- keeps them, so that every store returns the same values; JSON lists and maps are text, written and read by the
-- store's own code. Flags are integers 0/1 as in SQLite. Core decides every status and event; nothing here holds a
-- rule (no triggers, no views).

-- Tasks: one row per task. seq gives first-in first-out order among tasks of one priority.
CREATE TABLE tasks (
    seq                bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                 text    NOT NULL UNIQUE,
    name               text    NOT NULL,
    runner             text    NOT NULL,
    program            text,
    arguments          text    NOT NULL DEFAULT '[]',
    agent_name         text,
    instructions       text,
    model              text,
    working_directory  text    NOT NULL,
    environment        text    NOT NULL DEFAULT '{}',
    priority           integer NOT NULL,
    timeout_seconds    integer,
    max_retries        integer NOT NULL,
    retry_backoff      text    NOT NULL,
    retry_on_timeout   integer NOT NULL DEFAULT 0,
    tags               text    NOT NULL DEFAULT '[]',
    metadata           text    NOT NULL DEFAULT '{}',
    run_at             bigint,
    idempotency_key    text,
    status             text    NOT NULL,
    created_at         bigint  NOT NULL,
    updated_at         bigint  NOT NULL,
    due_at             bigint  NOT NULL,
    started_at         bigint,
    completed_at       bigint,
    attempt_count      integer NOT NULL DEFAULT 0,
    failure_count      integer NOT NULL DEFAULT 0,
    rescue_count       integer NOT NULL DEFAULT 0,
    cancel_requested   integer NOT NULL DEFAULT 0,
    result             text,
    error              text,
    agent              text,
    follow_up          text,
    worktree           integer NOT NULL DEFAULT 0,
    keep_worktree      integer NOT NULL DEFAULT 0,
    workflow_id        text,
    phase_id           text,
    depends_on         text    NOT NULL DEFAULT '[]',
    -- 1 while a pending task waits for its dependencies or for its draft workflow to start: the queue skips it.
    blocked            integer NOT NULL DEFAULT 0,
    -- 1 once another task depends on it, so that ending a task without dependents costs no extra query.
    has_dependents     integer NOT NULL DEFAULT 0,
    upstream_context   text,
    cancel_cause       text,
    created_by         text,
    permission_denials text,
    notice             text
);

CREATE UNIQUE INDEX ix_tasks_idempotency ON tasks (idempotency_key) WHERE idempotency_key IS NOT NULL;
-- The queue: only ready tasks (pending or retrying, not blocked), in claim order; claims read it with
-- FOR UPDATE SKIP LOCKED, so concurrent claimers pass over each other's rows instead of waiting on them.
CREATE INDEX ix_tasks_queue ON tasks (priority DESC, seq) INCLUDE (due_at) WHERE status IN ('pending', 'retrying') AND blocked = 0;
CREATE INDEX ix_tasks_status ON tasks (status, seq) WHERE status <> 'completed';
CREATE INDEX ix_tasks_workflow ON tasks (workflow_id, phase_id) WHERE workflow_id IS NOT NULL;
CREATE INDEX ix_tasks_workflow_name ON tasks (name, seq) WHERE workflow_id IS NOT NULL;

CREATE TABLE task_tags (
    tag      text   NOT NULL,
    task_seq bigint NOT NULL REFERENCES tasks (seq),
    PRIMARY KEY (tag, task_seq)
);

CREATE TABLE task_dependencies (
    upstream_seq bigint NOT NULL REFERENCES tasks (seq),
    task_seq     bigint NOT NULL REFERENCES tasks (seq),
    PRIMARY KEY (upstream_seq, task_seq)
);
CREATE INDEX ix_task_dependencies_task ON task_dependencies (task_seq);

-- Attempts: one row per execution of a task; (task, number) is the fencing token.
CREATE TABLE attempts (
    task_seq         bigint  NOT NULL REFERENCES tasks (seq),
    task_id          text    NOT NULL,
    number           integer NOT NULL,
    status           text    NOT NULL,
    worker_id        text    NOT NULL,
    started_at       bigint  NOT NULL,
    ended_at         bigint,
    lease_expires_at bigint,
    exit_code        integer,
    signal           integer,
    error            text,
    log_path         text,
    pid              integer,
    pid_start_ticks  bigint,
    boot_id          text,
    session_id       text,
    current_step     text,
    turns            integer,
    api_retries      integer,
    details          text,
    cgroup           text,
    PRIMARY KEY (task_seq, number)
);
CREATE INDEX ix_attempts_running ON attempts (worker_id) WHERE status = 'running';

CREATE TABLE workflows (
    seq                bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                 text    NOT NULL UNIQUE,
    name               text    NOT NULL,
    description        text    NOT NULL DEFAULT '',
    status             text    NOT NULL,
    failure_policy     text    NOT NULL,
    upstream_task_cap  integer NOT NULL,
    upstream_total_cap integer NOT NULL,
    created_at         bigint  NOT NULL,
    updated_at         bigint  NOT NULL,
    started_at         bigint,
    completed_at       bigint,
    error              text,
    created_by         text
);

CREATE TABLE phases (
    workflow_id  text    NOT NULL REFERENCES workflows (id),
    phase_id     text    NOT NULL,
    position     integer NOT NULL,
    name         text    NOT NULL,
    depends_on   text    NOT NULL DEFAULT '[]',
    status       text    NOT NULL,
    started_at   bigint,
    completed_at bigint,
    PRIMARY KEY (workflow_id, phase_id)
);

CREATE TABLE api_tokens (
    id           text   PRIMARY KEY,
    name         text   NOT NULL UNIQUE,
    scope        text   NOT NULL,
    hash         text   NOT NULL UNIQUE,
    created_at   bigint NOT NULL,
    last_used_at bigint,
    revoked_at   bigint
);

-- The event log. Ids come from this sequence, taken only under the event lock (a transaction-level advisory lock
-- held to commit), so ids are in commit order across concurrent writers: a reader that resumed after id P never
-- misses an event that commits later with a smaller id. A rolled-back transaction leaves a gap; ids are never reused.
CREATE SEQUENCE event_ids;

CREATE TABLE events (
    id          bigint  PRIMARY KEY,
    type        text    NOT NULL,
    at          bigint  NOT NULL,
    task_id     text,
    workflow_id text,
    phase_id    text,
    attempt     integer,
    status      text,
    old_status  text,
    message     text,
    owner       text,
    notify      text
);
CREATE INDEX ix_events_notify ON events (owner, id) WHERE notify IS NOT NULL;

CREATE TABLE notification_reads (
    event_id     bigint PRIMARY KEY,
    delivered_at bigint NOT NULL
);

CREATE TABLE webhook_endpoints (
    id                         text   PRIMARY KEY,
    url                        text   NOT NULL UNIQUE,
    secret                     text   NOT NULL,
    previous_secret            text,
    previous_secret_expires_at bigint,
    created_at                 bigint NOT NULL,
    created_by                 text,
    disabled_at                bigint,
    disabled_reason            text
);

CREATE TABLE webhook_subscriptions (
    id          text   PRIMARY KEY,
    endpoint_id text   NOT NULL REFERENCES webhook_endpoints (id),
    events      text   NOT NULL,
    workflow_id text,
    task_id     text,
    created_at  bigint NOT NULL,
    created_by  text
);

CREATE TABLE webhook_deliveries (
    seq              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id               text    NOT NULL,
    event_id         bigint  NOT NULL,
    subscription_id  text    NOT NULL,
    endpoint_id      text    NOT NULL,
    status           text    NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  bigint,
    claimed_by       text,
    body             text,
    last_status_code integer,
    last_error       text,
    created_at       bigint  NOT NULL,
    delivered_at     bigint
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_webhook_deliveries_event ON webhook_deliveries (event_id);
CREATE INDEX ix_webhook_deliveries_id ON webhook_deliveries (id);

CREATE TABLE webhook_attempts (
    delivery_seq bigint  NOT NULL REFERENCES webhook_deliveries (seq),
    number       integer NOT NULL,
    at           bigint  NOT NULL,
    status_code  integer,
    error        text,
    duration_ms  bigint,
    PRIMARY KEY (delivery_seq, number)
);

-- Writers keep the webhook subscriptions in memory between transactions; every change to who hears what raises this
-- version (under the event lock), and a writer that finds it moved reads them afresh.
CREATE TABLE webhook_routing (
    id      integer PRIMARY KEY CHECK (id = 1),
    version bigint  NOT NULL
);
INSERT INTO webhook_routing (id, version) VALUES (1, 0);
