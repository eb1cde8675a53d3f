-- The event log (issue 6): one append-only table that every consumer reads (SSE, webhooks, notifications, local
-- hooks, MCP resource updates, baton watch). Triggers append to it inside the very transaction that changes a
-- task, attempt, phase or workflow, so no code path can change state without its event, and a crash can never
-- keep one without the other. Webhook deliveries are fanned out the same way, from the event's own insert: the
-- outbox row commits with the event or not at all.

-- Ids are never reused, so a client's Last-Event-ID always means the same event: a new row takes max(id) + 1,
-- and pruning never deletes the newest event (cheaper than AUTOINCREMENT's bookkeeping on every insert).
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    type        TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    task_id     TEXT,
    workflow_id TEXT,
    phase_id    TEXT,
    attempt     INTEGER,
    status      TEXT,
    old_status  TEXT,
    message     TEXT,
    owner       TEXT,
    notify      TEXT
);

-- Notifications are the events meant for a person (notify: task_complete, task_failure, phase_start,
-- phase_complete, milestone, update, input_required), kept for their owner (the creator of the task or workflow).
-- The event triggers write both columns on the event row itself: a separate table filled per event cost the
-- engine a fifth of its throughput in page writes. Only taking a notification writes (notification_reads).
CREATE INDEX ix_events_notify ON events (owner, id) WHERE notify IS NOT NULL;

CREATE TABLE notification_reads (
    event_id     INTEGER PRIMARY KEY,
    delivered_at INTEGER NOT NULL
);

-- A webhook endpoint is one URL with one signing secret (Standard Webhooks: one secret per endpoint). During a
-- rotation the previous secret signs too, until it expires.
CREATE TABLE webhook_endpoints (
    id                         TEXT    PRIMARY KEY,
    url                        TEXT    NOT NULL UNIQUE,
    secret                     TEXT    NOT NULL,
    previous_secret            TEXT,
    previous_secret_expires_at INTEGER,
    created_at                 INTEGER NOT NULL,
    created_by                 TEXT,
    disabled_at                INTEGER,
    disabled_reason            TEXT
) WITHOUT ROWID;

-- What an endpoint hears: a standing subscription (task_id and workflow_id NULL, or a workflow filter), a
-- workflow's webhook_url (workflow_id set) or a task's webhook_url (task_id set). events is '*' or a list
-- written as ',type,type,' so that one instr() tests membership.
CREATE TABLE webhook_subscriptions (
    id          TEXT    PRIMARY KEY,
    endpoint_id TEXT    NOT NULL REFERENCES webhook_endpoints (id),
    events      TEXT    NOT NULL,
    workflow_id TEXT,
    task_id     TEXT,
    created_at  INTEGER NOT NULL,
    created_by  TEXT
) WITHOUT ROWID;

CREATE INDEX ix_webhook_subscriptions_task ON webhook_subscriptions (task_id) WHERE task_id IS NOT NULL;
CREATE INDEX ix_webhook_subscriptions_workflow ON webhook_subscriptions (workflow_id) WHERE workflow_id IS NOT NULL AND task_id IS NULL;
CREATE INDEX ix_webhook_subscriptions_standing ON webhook_subscriptions (endpoint_id) WHERE workflow_id IS NULL AND task_id IS NULL;

-- The outbox. id is the Standard Webhooks webhook-id: fixed when the row is made, the same on every retry. It is
-- the event's time and 48 random bits, unique by construction; it has no index because every page a commit touches
-- is written again, and only `baton webhook redeliver ID` looks a delivery up by it (a scan).
-- body is rendered at the first attempt and then frozen, so every retry carries the same bytes.
CREATE TABLE webhook_deliveries (
    seq              INTEGER PRIMARY KEY,
    id               TEXT    NOT NULL,
    event_id         INTEGER NOT NULL,
    subscription_id  TEXT    NOT NULL,
    endpoint_id      TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER,
    claimed_by       TEXT,
    body             TEXT,
    last_status_code INTEGER,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    delivered_at     INTEGER
);

CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

-- Every HTTP attempt of a delivery, for `baton webhook deliveries`.
CREATE TABLE webhook_attempts (
    delivery_seq INTEGER NOT NULL REFERENCES webhook_deliveries (seq),
    number       INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    status_code  INTEGER,
    error        TEXT,
    duration_ms  INTEGER,
    PRIMARY KEY (delivery_seq, number)
) WITHOUT ROWID;

-- Task events. A claim (status -> running) is the attempt's start: attempt_count was raised by the same UPDATE.
-- A task that goes back to pending after having run (a retry by hand, a rescue, a shutdown) is retrying.
CREATE TRIGGER tasks_event_created AFTER INSERT ON tasks
BEGIN
    INSERT INTO events (type, at, task_id, workflow_id, phase_id, status, owner)
    VALUES ('task.created', NEW.created_at, NEW.id, NEW.workflow_id, NEW.phase_id, NEW.status, NEW.created_by);
END;

CREATE TRIGGER tasks_event_status AFTER UPDATE OF status ON tasks WHEN NEW.status <> OLD.status
BEGIN
    INSERT INTO events (type, at, task_id, workflow_id, phase_id, attempt, status, old_status, message, owner, notify)
    VALUES (
        CASE NEW.status WHEN 'running' THEN 'task.started' WHEN 'pending' THEN 'task.retrying' ELSE 'task.' || NEW.status END,
        NEW.updated_at, NEW.id, NEW.workflow_id, NEW.phase_id, NULLIF(NEW.attempt_count, 0), NEW.status, OLD.status,
        CASE WHEN NEW.status IN ('failed', 'timed_out', 'cancelled', 'retrying', 'pending') THEN NEW.error END,
        NEW.created_by,
        CASE NEW.status
            WHEN 'completed' THEN 'task_complete'
            WHEN 'failed' THEN 'task_failure'
            WHEN 'timed_out' THEN 'task_failure'
            WHEN 'input_required' THEN 'input_required'
            WHEN 'running' THEN NULL
            WHEN 'paused' THEN NULL
            ELSE 'update'
        END);
END;

-- Progress: a new current step of a running attempt (ProgressReporter already writes at most four times a second).
CREATE TRIGGER attempts_event_progress AFTER UPDATE OF current_step ON attempts
WHEN NEW.status = 'running' AND NEW.current_step IS NOT NULL AND NEW.current_step IS NOT OLD.current_step
BEGIN
    INSERT INTO events (type, at, task_id, workflow_id, phase_id, attempt, status, message, owner)
    SELECT 'task.progress', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), NEW.task_id, t.workflow_id,
        t.phase_id, NEW.number, 'running', NEW.current_step, t.created_by
    FROM tasks t WHERE t.seq = NEW.task_seq;
END;

CREATE TRIGGER phases_event_status AFTER UPDATE OF status ON phases
WHEN NEW.status <> OLD.status AND NEW.status IN ('running', 'completed', 'failed', 'cancelled')
BEGIN
    INSERT INTO events (type, at, workflow_id, phase_id, status, old_status, owner, notify)
    VALUES (
        CASE NEW.status WHEN 'running' THEN 'phase.started' ELSE 'phase.' || NEW.status END,
        coalesce(CASE WHEN NEW.status = 'running' THEN NEW.started_at ELSE NEW.completed_at END,
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)),
        NEW.workflow_id, NEW.phase_id, NEW.status, OLD.status,
        (SELECT created_by FROM workflows WHERE id = NEW.workflow_id),
        CASE NEW.status WHEN 'running' THEN 'phase_start' WHEN 'completed' THEN 'phase_complete' WHEN 'failed' THEN 'update' END);
END;

-- A workflow (or phase) may be created already running: a YAML file is created and started in one transaction.
CREATE TRIGGER workflows_event_created_running AFTER INSERT ON workflows WHEN NEW.status = 'running'
BEGIN
    INSERT INTO events (type, at, workflow_id, status, owner) VALUES ('workflow.started', coalesce(NEW.started_at, NEW.created_at), NEW.id, NEW.status, NEW.created_by);
END;

CREATE TRIGGER phases_event_created_running AFTER INSERT ON phases WHEN NEW.status = 'running'
BEGIN
    INSERT INTO events (type, at, workflow_id, phase_id, status, owner, notify)
    VALUES ('phase.started', coalesce(NEW.started_at, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), NEW.workflow_id, NEW.phase_id, NEW.status,
        (SELECT created_by FROM workflows WHERE id = NEW.workflow_id), 'phase_start');
END;

CREATE TRIGGER workflows_event_status AFTER UPDATE OF status ON workflows
WHEN NEW.status <> OLD.status AND NEW.status IN ('running', 'completed', 'failed', 'cancelled')
BEGIN
    INSERT INTO events (type, at, workflow_id, status, old_status, message, owner, notify)
    VALUES (
        CASE NEW.status WHEN 'running' THEN 'workflow.started' ELSE 'workflow.' || NEW.status END,
        NEW.updated_at, NEW.id, NEW.status, OLD.status, NEW.error, NEW.created_by,
        CASE WHEN NEW.status IN ('completed', 'failed', 'cancelled') THEN 'update' END);
END;

-- The notifications as readers see them; the message is written out when read.
CREATE VIEW notifications AS
SELECT e.id AS id, e.id AS event_id, e.owner AS owner, e.notify AS type, e.workflow_id AS workflow_id, e.task_id AS task_id,
        CASE
            WHEN e.type = 'milestone' THEN e.message
            WHEN e.task_id IS NOT NULL THEN
                'Task "' || coalesce((SELECT name FROM tasks WHERE id = e.task_id), e.task_id) || '" (' || e.task_id || ') '
                || CASE e.type
                    WHEN 'task.completed' THEN 'completed'
                    WHEN 'task.failed' THEN 'failed'
                    WHEN 'task.timed_out' THEN 'timed out'
                    WHEN 'task.cancelled' THEN 'was cancelled'
                    WHEN 'task.retrying' THEN 'will be retried'
                    ELSE 'needs your input'
                END
                || coalesce(': ' || e.message, '')
            WHEN e.phase_id IS NOT NULL THEN
                'Phase "' || coalesce((SELECT name FROM phases WHERE workflow_id = e.workflow_id AND phase_id = e.phase_id), e.phase_id)
                || '" of workflow "' || coalesce((SELECT name FROM workflows WHERE id = e.workflow_id), e.workflow_id) || '" '
                || CASE e.type WHEN 'phase.started' THEN 'started' WHEN 'phase.completed' THEN 'completed' ELSE 'failed' END
            ELSE
                'Workflow "' || coalesce((SELECT name FROM workflows WHERE id = e.workflow_id), e.workflow_id) || '" (' || e.workflow_id || ') '
                || CASE e.type WHEN 'workflow.completed' THEN 'completed' WHEN 'workflow.failed' THEN 'failed' ELSE 'was cancelled' END
                || coalesce(': ' || e.message, '')
        END AS message,
    e.at AS created_at, r.delivered_at AS delivered_at
FROM events e LEFT JOIN notification_reads r ON r.event_id = e.id
WHERE e.notify IS NOT NULL;

-- The webhook outbox: one delivery per matching subscription of an enabled endpoint. Three indexed lookups
-- (standing, the event's workflow, the event's task) rather than one scan, so that many per-task subscriptions
-- cost each event nothing. webhook.test events are queued by `baton webhook test` itself, for one subscription.
CREATE TRIGGER events_webhooks AFTER INSERT ON events
WHEN NEW.type <> 'webhook.test' AND EXISTS (SELECT 1 FROM webhook_subscriptions)
BEGIN
    INSERT INTO webhook_deliveries (id, event_id, subscription_id, endpoint_id, status, next_attempt_at, created_at)
    SELECT 'msg_' || printf('%012x', NEW.at) || lower(hex(randomblob(6))), NEW.id, s.id, s.endpoint_id, 'pending', NEW.at, NEW.at
    FROM webhook_subscriptions s
    JOIN webhook_endpoints e ON e.id = s.endpoint_id
    WHERE s.workflow_id IS NULL AND s.task_id IS NULL AND e.disabled_at IS NULL
        AND (s.events = '*' OR instr(s.events, ',' || NEW.type || ',') > 0);

    INSERT INTO webhook_deliveries (id, event_id, subscription_id, endpoint_id, status, next_attempt_at, created_at)
    SELECT 'msg_' || printf('%012x', NEW.at) || lower(hex(randomblob(6))), NEW.id, s.id, s.endpoint_id, 'pending', NEW.at, NEW.at
    FROM webhook_subscriptions s
    JOIN webhook_endpoints e ON e.id = s.endpoint_id
    WHERE NEW.workflow_id IS NOT NULL AND s.workflow_id = NEW.workflow_id AND s.task_id IS NULL AND e.disabled_at IS NULL
        AND (s.events = '*' OR instr(s.events, ',' || NEW.type || ',') > 0);

    INSERT INTO webhook_deliveries (id, event_id, subscription_id, endpoint_id, status, next_attempt_at, created_at)
    SELECT 'msg_' || printf('%012x', NEW.at) || lower(hex(randomblob(6))), NEW.id, s.id, s.endpoint_id, 'pending', NEW.at, NEW.at
    FROM webhook_subscriptions s
    JOIN webhook_endpoints e ON e.id = s.endpoint_id
    WHERE NEW.task_id IS NOT NULL AND s.task_id = NEW.task_id AND e.disabled_at IS NULL
        AND (s.events = '*' OR instr(s.events, ',' || NEW.type || ',') > 0);
END;
