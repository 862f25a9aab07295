-- Way back from V3 (Fix 2): drop the indexes without blocking writers. Each statement runs on its
-- own in autocommit (DROP INDEX CONCURRENTLY cannot run inside a transaction).
DROP INDEX CONCURRENTLY IF EXISTS idx_users_google_id;
DROP INDEX CONCURRENTLY IF EXISTS idx_users_password_hash;
DROP INDEX CONCURRENTLY IF EXISTS idx_free_trial_tokens_user_id;
DROP INDEX CONCURRENTLY IF EXISTS idx_free_trial_tokens_status;
DROP INDEX CONCURRENTLY IF EXISTS idx_device_fingerprints_hash;
DROP INDEX CONCURRENTLY IF EXISTS idx_device_fingerprints_user;
DROP INDEX CONCURRENTLY IF EXISTS idx_fraud_flags_user_fingerprint;
DROP INDEX CONCURRENTLY IF EXISTS idx_login_sessions_ip_time;
DROP INDEX CONCURRENTLY IF EXISTS idx_payment_verifications_card;
DROP INDEX CONCURRENTLY IF EXISTS idx_ascora_jobs_org_status;
DROP INDEX CONCURRENTLY IF EXISTS idx_ascora_customers_org_email;
DROP INDEX CONCURRENTLY IF EXISTS idx_reports_user_created;
DROP INDEX CONCURRENTLY IF EXISTS idx_reports_covering;
