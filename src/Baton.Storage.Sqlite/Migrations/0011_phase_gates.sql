-- Phase gates: a phase marked requires_approval waits, once its dependencies completed, for a person to approve it
-- (its tasks start) or reject it (they fail). The decision is kept on the phase, where the workflow rules read it;
-- the question and its answer are a phase_gate interaction.
ALTER TABLE phases ADD COLUMN requires_approval INTEGER NOT NULL DEFAULT 0;
-- 'approve' or 'deny' once decided.
ALTER TABLE phases ADD COLUMN gate_decision TEXT;
-- The approver's feedback (added to the phase's tasks' upstream context) or the reason for a rejection.
ALTER TABLE phases ADD COLUMN gate_message TEXT;
ALTER TABLE phases ADD COLUMN gate_decided_by TEXT;
ALTER TABLE phases ADD COLUMN gate_decided_at INTEGER;

-- A paused workflow: while set, the tasks it releases are held as paused until it is resumed.
ALTER TABLE workflows ADD COLUMN paused_at INTEGER;
ALTER TABLE workflows ADD COLUMN paused_by TEXT;
