-- Report, Fix 5, step 2: validate the constraints that V4_1 added NOT VALID. Each VALIDATE runs in
-- its own autocommit statement (see the .conf beside this file) and takes SHARE UPDATE EXCLUSIVE on
-- its table: reads and writes go on while existing rows are scanned.
-- Should a row violate a constraint anyway (written between V4_1's check and its ALTERs), the
-- migration runner (dev.trialbench.db.Migrations) drops the V4 constraints again, so that a failed
-- run leaves the schema as it was.
ALTER TABLE free_trial_tokens     VALIDATE CONSTRAINT fk_free_trial_tokens_user_id;
ALTER TABLE device_fingerprints   VALIDATE CONSTRAINT fk_device_fingerprints_user_id;
ALTER TABLE trial_fraud_flags     VALIDATE CONSTRAINT fk_trial_fraud_flags_user_id;
ALTER TABLE trial_usage           VALIDATE CONSTRAINT fk_trial_usage_token_id;
ALTER TABLE trial_usage           VALIDATE CONSTRAINT fk_trial_usage_user_id;
ALTER TABLE payment_verifications VALIDATE CONSTRAINT fk_payment_verifications_user_id;
ALTER TABLE login_sessions        VALIDATE CONSTRAINT fk_login_sessions_user_id;
ALTER TABLE free_trial_tokens     VALIDATE CONSTRAINT check_reports_remaining;
ALTER TABLE reports               VALIDATE CONSTRAINT check_total_cost_positive;
ALTER TABLE trial_fraud_flags     VALIDATE CONSTRAINT check_fraud_score_range;
