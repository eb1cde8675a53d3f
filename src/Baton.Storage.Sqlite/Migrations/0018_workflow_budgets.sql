-- The most all attempts of a workflow's tasks may cost together, in USD, as invariant decimal text (exact, unlike
-- REAL); null: no limit. A person's raise overwrites it, so every task of the workflow sees the new budget.
ALTER TABLE workflows ADD COLUMN budget_usd TEXT;
