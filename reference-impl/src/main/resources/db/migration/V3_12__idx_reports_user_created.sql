-- Report, Fix 2: a user's newest reports (the listing), soft-deleted rows excluded.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reports_user_created
  ON reports (created_by_user_id, created_at DESC)
  WHERE deleted_at IS NULL;
