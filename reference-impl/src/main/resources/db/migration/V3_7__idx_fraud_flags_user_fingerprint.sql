-- Report, Fix 2, kept as written although doubtful: the fraud check filters on
-- (user_id = ? OR fingerprint_hash = ?); a composite led by user_id serves the first arm only, so
-- the OR can use it through a BitmapOr only if the second arm has an index of its own.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_fraud_flags_user_fingerprint
  ON trial_fraud_flags (user_id, fingerprint_hash, created_at DESC)
  WHERE resolved = false;
