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
