-- Report, Fix 2: OAuth lookups by google_id. Built CONCURRENTLY, so this script runs outside a
-- transaction and in a script of its own.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_google_id
  ON users (google_id) WHERE google_id IS NOT NULL;
