-- Task list filters: by agent, by who created the task and by creation time, each read newest first from an index in
-- seq order so that a page is found at once among many tasks. Partial where most rows have no value.
CREATE INDEX ix_tasks_agent ON tasks (agent_name, seq) WHERE agent_name IS NOT NULL;
CREATE INDEX ix_tasks_created_by ON tasks (created_by, seq) WHERE created_by IS NOT NULL;
CREATE INDEX ix_tasks_created ON tasks (created_at);
-- Agents' recent runs: the tasks of agent definitions that ended in a window.
CREATE INDEX ix_tasks_agent_ended ON tasks (completed_at) WHERE agent_name IS NOT NULL;
