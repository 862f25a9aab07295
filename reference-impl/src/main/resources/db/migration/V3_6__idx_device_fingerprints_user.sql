-- Report, Fix 2: a user's devices.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_device_fingerprints_user
  ON device_fingerprints (user_id) WHERE user_id IS NOT NULL;
