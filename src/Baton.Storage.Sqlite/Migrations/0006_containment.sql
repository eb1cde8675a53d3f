-- The cgroup an attempt ran in, where the daemon contains attempts in cgroups: a rescue after a crash stops every
-- process in it, whatever became of the recorded pid.
ALTER TABLE attempts ADD COLUMN cgroup TEXT;

-- Tool calls an agent's CLI refused during the task's last attempt (JSON: [{"tool_name", "tool_input"}]), and Core's
-- one-line note on a completion that is not a clean success ("1 tool call refused: Bash `echo hi > out.txt`").
ALTER TABLE tasks ADD COLUMN permission_denials TEXT;
ALTER TABLE tasks ADD COLUMN notice TEXT;

-- As in 0005, but a completion carries the task's notice as its message, so notifications and webhooks show it.
DROP TRIGGER tasks_event_status;

CREATE TRIGGER tasks_event_status AFTER UPDATE OF status ON tasks WHEN NEW.status <> OLD.status
BEGIN
    INSERT INTO events (type, at, task_id, workflow_id, phase_id, attempt, status, old_status, message, owner, notify)
    VALUES (
        CASE NEW.status WHEN 'running' THEN 'task.started' WHEN 'pending' THEN 'task.retrying' ELSE 'task.' || NEW.status END,
        NEW.updated_at, NEW.id, NEW.workflow_id, NEW.phase_id, NULLIF(NEW.attempt_count, 0), NEW.status, OLD.status,
        CASE
            WHEN NEW.status IN ('failed', 'timed_out', 'cancelled', 'retrying', 'pending') THEN NEW.error
            WHEN NEW.status = 'completed' THEN NEW.notice
        END,
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
