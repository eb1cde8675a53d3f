-- How long a task's questions wait for a person, and what happens then (deny, fail, pause); null takes the agent's.
ALTER TABLE tasks ADD COLUMN input_timeout_seconds integer;
ALTER TABLE tasks ADD COLUMN on_input_timeout text;
