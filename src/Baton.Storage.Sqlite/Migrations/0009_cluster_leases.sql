-- Named leases for once-per-cluster work (event pruning, rescue sweeps, hooks). One SQLite file has one daemon, which
-- always holds them; the table exists so that every store keeps the same contract.
CREATE TABLE cluster_leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
