-- People in the loop. An interaction is a question to a person: an agent's (a tool to approve, a question, a plan) or
-- a phase gate's, then the answer. Stored before its task shows input_required and its answer stored before it is
-- delivered, so that a crash loses neither. Times are Unix milliseconds (UTC), as everywhere.
CREATE TABLE interactions (
    id             text    PRIMARY KEY,
    -- The waiting task and the attempt that asked (a later attempt takes it over by fingerprint); null for a phase gate.
    task_id        text,
    attempt_number integer,
    workflow_id    text,
    phase_id       text,
    kind           text    NOT NULL,
    status         text    NOT NULL,
    summary        text    NOT NULL,
    -- The whole ask as JSON (tool, input, suggestions, questions, plan).
    ask            text    NOT NULL,
    fingerprint    text    NOT NULL,
    created_at     bigint  NOT NULL,
    -- When people were last told of it: opened, or last reminded. Reminders are due from it.
    raised_at      bigint  NOT NULL,
    -- The answer as JSON (an answer by a person, or the deny policy's on expiry).
    response       text,
    responded_by   text,
    closed_at      bigint,
    close_reason   text,
    delivered_at   bigint,
    reminded_at    bigint
);

-- The inbox: open interactions, oldest first.
CREATE INDEX ix_interactions_open ON interactions (created_at, id) WHERE status = 'open';
-- Reminders: open interactions by when people were last told.
CREATE INDEX ix_interactions_raised ON interactions (raised_at) WHERE status = 'open';
-- A task's interactions (its open one, takeover by fingerprint, answers waiting for delivery).
CREATE INDEX ix_interactions_task ON interactions (task_id, created_at) WHERE task_id IS NOT NULL;
CREATE INDEX ix_interactions_workflow ON interactions (workflow_id, created_at) WHERE workflow_id IS NOT NULL;

-- Messages people send into a running agent's session; its worker delivers them in order.
CREATE TABLE steering_messages (
    id           text   PRIMARY KEY,
    task_id      text   NOT NULL,
    text         text   NOT NULL,
    sent_by      text   NOT NULL,
    sent_at      bigint NOT NULL,
    delivered_at bigint
);

CREATE INDEX ix_steering_messages_waiting ON steering_messages (task_id, sent_at) WHERE delivered_at IS NULL;

-- A pause asked for while an attempt runs (its worker interrupts the agent, keeping its session), and why.
ALTER TABLE tasks ADD COLUMN pause_requested integer NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN pause_reason text;

-- More about an event (an interaction's id, kind and decision) as a JSON object.
ALTER TABLE events ADD COLUMN data text;
