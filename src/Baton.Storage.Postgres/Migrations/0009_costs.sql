-- The most a task's attempts may cost in all, in USD; null: no limit.
ALTER TABLE tasks ADD COLUMN budget_usd numeric;
