-- The most a task's attempts may cost in all, in USD, as invariant decimal text (exact, unlike REAL); null: no limit.
ALTER TABLE tasks ADD COLUMN budget_usd TEXT;
