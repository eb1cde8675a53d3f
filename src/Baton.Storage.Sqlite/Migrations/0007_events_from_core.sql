-- Core decides every event, its owner, its notification kind and wording, and the webhook subscriptions it goes
-- to; the store appends what Core decided in the transaction of the change (a C#-written outbox). The triggers and
-- the view that held those rules go. Events, read marks and deliveries stay exactly as they are: the columns the
-- triggers wrote are the columns the outbox writes.
DROP TRIGGER IF EXISTS tasks_event_created;
DROP TRIGGER IF EXISTS tasks_event_status;
DROP TRIGGER IF EXISTS attempts_event_progress;
DROP TRIGGER IF EXISTS phases_event_status;
DROP TRIGGER IF EXISTS workflows_event_created_running;
DROP TRIGGER IF EXISTS phases_event_created_running;
DROP TRIGGER IF EXISTS workflows_event_status;
DROP TRIGGER IF EXISTS events_webhooks;
DROP VIEW IF EXISTS notifications;

-- Writers keep the webhook subscriptions in memory between transactions; every change to who hears what (a
-- subscription added or removed, an endpoint disabled or enabled) raises this version in its transaction, and a
-- writer that finds it moved reads them afresh.
CREATE TABLE webhook_routing (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);

INSERT INTO webhook_routing (id, version) VALUES (1, 0);
