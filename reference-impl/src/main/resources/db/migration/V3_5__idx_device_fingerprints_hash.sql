-- Report, Fix 2, corrected: the report creates a plain index here, but its own Fix 7 upserts with
-- ON CONFLICT (fingerprint_hash), which PostgreSQL refuses (42P10) unless a UNIQUE index or
-- constraint covers exactly that column. A plain index also lets concurrent activations insert the
-- same device twice. The index is therefore UNIQUE; its name stays the report's.
-- Building it fails if the table already holds duplicated hashes (the naive path can leave some).
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_device_fingerprints_hash
  ON device_fingerprints (fingerprint_hash);
