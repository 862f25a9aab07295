-- Report, Fix 2, kept as written although doubtful: nothing looks a user up by password hash
-- (login looks up by email, then compares the hash). The index audit judges whether it is used.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_password_hash
  ON users (password_hash) WHERE password_hash IS NOT NULL;
