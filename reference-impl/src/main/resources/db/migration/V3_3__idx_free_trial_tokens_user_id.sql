-- Report, Fix 2: a user's trial tokens (the fraud check counts them).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_free_trial_tokens_user_id
  ON free_trial_tokens (user_id);
