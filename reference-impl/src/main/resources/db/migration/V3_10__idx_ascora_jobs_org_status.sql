-- Report, Fix 2: Ascora integration (outside the activation path; the audit judges it).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_ascora_jobs_org_status
  ON ascora_jobs (organization_id, job_status)
  WHERE organization_id IS NOT NULL;
