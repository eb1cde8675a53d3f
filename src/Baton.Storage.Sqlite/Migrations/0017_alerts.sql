-- Task statistics and failure-rate alerts read the tasks that ended in a window, whatever ran them.
CREATE INDEX ix_tasks_ended ON tasks (completed_at) WHERE completed_at IS NOT NULL;
