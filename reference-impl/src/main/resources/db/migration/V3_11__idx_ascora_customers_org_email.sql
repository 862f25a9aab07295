-- Report, Fix 2: Ascora integration (outside the activation path; the audit judges it).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_ascora_customers_org_email
  ON ascora_customers (organization_id, email)
  WHERE organization_id IS NOT NULL;
