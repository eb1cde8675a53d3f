-- Agent runners: the agent definition a task was queued with, and each attempt's progress and run details.
ALTER TABLE tasks ADD COLUMN agent TEXT;
-- A follow-up sent with 'baton task continue': the next attempts resume the session with it.
ALTER TABLE tasks ADD COLUMN follow_up TEXT;
-- Run in a git worktree of its own (and keep it when the task ends).
ALTER TABLE tasks ADD COLUMN worktree INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN keep_worktree INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN session_id TEXT;
ALTER TABLE attempts ADD COLUMN current_step TEXT;
ALTER TABLE attempts ADD COLUMN turns INTEGER;
ALTER TABLE attempts ADD COLUMN api_retries INTEGER;
ALTER TABLE attempts ADD COLUMN details TEXT;
