-- Way back from V4 (Fix 5): drop the foreign keys and check constraints. Each statement is short.
ALTER TABLE free_trial_tokens     DROP CONSTRAINT IF EXISTS fk_free_trial_tokens_user_id;
ALTER TABLE device_fingerprints   DROP CONSTRAINT IF EXISTS fk_device_fingerprints_user_id;
ALTER TABLE trial_fraud_flags     DROP CONSTRAINT IF EXISTS fk_trial_fraud_flags_user_id;
ALTER TABLE trial_usage           DROP CONSTRAINT IF EXISTS fk_trial_usage_token_id;
ALTER TABLE trial_usage           DROP CONSTRAINT IF EXISTS fk_trial_usage_user_id;
ALTER TABLE payment_verifications DROP CONSTRAINT IF EXISTS fk_payment_verifications_user_id;
ALTER TABLE login_sessions        DROP CONSTRAINT IF EXISTS fk_login_sessions_user_id;
ALTER TABLE free_trial_tokens     DROP CONSTRAINT IF EXISTS check_reports_remaining;
ALTER TABLE reports               DROP CONSTRAINT IF EXISTS check_total_cost_positive;
ALTER TABLE trial_fraud_flags     DROP CONSTRAINT IF EXISTS check_fraud_score_range;
