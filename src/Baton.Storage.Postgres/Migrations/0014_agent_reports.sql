-- What a running agent says of its own progress (Baton's progress_update tool): a percentage and a step, with when it
-- said so. Kept apart from current_step, which follows the agent's tool calls.
ALTER TABLE attempts ADD COLUMN reported_percent integer;
ALTER TABLE attempts ADD COLUMN reported_step text;
ALTER TABLE attempts ADD COLUMN reported_at bigint;
