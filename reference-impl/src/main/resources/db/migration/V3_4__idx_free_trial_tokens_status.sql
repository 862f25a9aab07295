-- Report, Fix 2, kept as written although doubtful: an index on a constant (status is always
-- 'active' inside the predicate) helps only a query that scans all active tokens.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_free_trial_tokens_status
  ON free_trial_tokens (status) WHERE status = 'active';
