-- Report, Fix 2, kept as written although doubtful: it is led by the primary key, so it can only
-- serve lookups by report_id, which the primary key already serves; it "covers" nothing the
-- listing needs (the listing filters on created_by_user_id, which it does not contain).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reports_covering
  ON reports (report_id, created_at, total_cost, damage_type, state)
  WHERE deleted_at IS NULL;
