-- Task statistics and failure-rate alerts read the tasks that ended in a window, whatever ran them.
CREATE INDEX ix_tasks_ended ON tasks (completed_at) WHERE completed_at IS NOT NULL;
-- Failure-rate alerts: whether each is firing, so that one is raised once per crossing of its threshold.
CREATE TABLE alert_states (
    key        text    PRIMARY KEY,
    firing     boolean NOT NULL,
    changed_at bigint  NOT NULL
);
