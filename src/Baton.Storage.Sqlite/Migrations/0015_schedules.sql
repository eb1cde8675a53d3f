-- Schedules: the spec as JSON (Core reads and checks it), and where each stands. Occurrences are unique by
-- (schedule, planned time): the row that makes an occurrence fire at most once, written with the task it queues.
CREATE TABLE schedules (
    name           TEXT    PRIMARY KEY,
    spec           TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    created_by     TEXT,
    paused         INTEGER NOT NULL DEFAULT 0,
    pause_note     TEXT,
    next_at        INTEGER,
    buffered_at    INTEGER,
    failure_streak INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE schedule_occurrences (
    schedule_name TEXT    NOT NULL,
    planned_at    INTEGER NOT NULL,
    outcome       TEXT    NOT NULL,
    reason        TEXT,
    task_id       TEXT,
    recorded_at   INTEGER NOT NULL,
    settled       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (schedule_name, planned_at)
) WITHOUT ROWID;
-- The runs whose outcome the scheduler has not counted yet (running ones, and ended ones for pause_on_failure).
CREATE INDEX ix_schedule_occurrences_unsettled ON schedule_occurrences (schedule_name, planned_at) WHERE outcome = 'fired' AND settled = 0;
