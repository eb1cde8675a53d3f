-- A schedule may launch a whole workflow: its occurrence names the workflow it created (task_id stays null).
ALTER TABLE schedule_occurrences ADD COLUMN workflow_id TEXT;
