-- Report, Fix 2: sessions per IP in the last 24 hours (rate limiting, the IP fraud signal).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_login_sessions_ip_time
  ON login_sessions (ip_address, created_at DESC);
