-- A task may work in a named worktree shared with other tasks (an initiative's stream), starting from a given ref,
-- and may take up another task's agent session: continued ('continue') or copied ('fork').
ALTER TABLE tasks ADD COLUMN worktree_branch text;
ALTER TABLE tasks ADD COLUMN worktree_base text;
ALTER TABLE tasks ADD COLUMN session_from text;
ALTER TABLE tasks ADD COLUMN session_use text;
