-- Report, Fix 5: foreign keys and check constraints, added so that no big table stays locked
-- against writers for long.
--
-- Step 1 (this script, one short transaction): refuse with a clear message if existing rows would
-- violate any constraint, then add every constraint NOT VALID. NOT VALID skips the scan of existing
-- rows, so ADD CONSTRAINT holds its lock only for a moment; new and updated rows are checked from
-- now on. If the check fails, the transaction rolls back and the schema is left unchanged.
-- Step 2 (V4_2, outside a transaction): VALIDATE CONSTRAINT scans the existing rows under a
-- SHARE UPDATE EXCLUSIVE lock, which lets reads and writes go on.
--
-- The report adds the constraints in one plain ALTER TABLE each: that scans every table while
-- holding a lock that blocks all writes to it, contrary to its "Migration Safety" promise.
DO $check$
DECLARE
    violation record;
    offending bigint;
    problems text := '';
BEGIN
    FOR violation IN
        SELECT * FROM (VALUES
            ('fk_free_trial_tokens_user_id', 'free_trial_tokens',
             'SELECT count(*) FROM free_trial_tokens t WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = t.user_id)'),
            ('fk_device_fingerprints_user_id', 'device_fingerprints',
             'SELECT count(*) FROM device_fingerprints d WHERE d.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = d.user_id)'),
            ('fk_trial_fraud_flags_user_id', 'trial_fraud_flags',
             'SELECT count(*) FROM trial_fraud_flags f WHERE f.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = f.user_id)'),
            ('fk_trial_usage_token_id', 'trial_usage',
             'SELECT count(*) FROM trial_usage tu WHERE NOT EXISTS (SELECT 1 FROM free_trial_tokens t WHERE t.token_id = tu.token_id)'),
            ('fk_trial_usage_user_id', 'trial_usage',
             'SELECT count(*) FROM trial_usage tu WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = tu.user_id)'),
            ('fk_payment_verifications_user_id', 'payment_verifications',
             'SELECT count(*) FROM payment_verifications p WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = p.user_id)'),
            ('fk_login_sessions_user_id', 'login_sessions',
             'SELECT count(*) FROM login_sessions s WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = s.user_id)'),
            ('check_reports_remaining', 'free_trial_tokens',
             'SELECT count(*) FROM free_trial_tokens WHERE reports_remaining < 0'),
            ('check_total_cost_positive', 'reports',
             'SELECT count(*) FROM reports WHERE total_cost < 0'),
            ('check_fraud_score_range', 'trial_fraud_flags',
             'SELECT count(*) FROM trial_fraud_flags WHERE fraud_score < 0 OR fraud_score > 100')
        ) AS v (constraint_name, table_name, count_sql)
    LOOP
        EXECUTE violation.count_sql INTO offending;
        IF offending > 0 THEN
            problems := problems || format('%s%s: %s rows violate %s',
                CASE WHEN problems = '' THEN '' ELSE '; ' END,
                violation.table_name, offending, violation.constraint_name);
        END IF;
    END LOOP;
    IF problems <> '' THEN
        RAISE EXCEPTION 'trialbench: constraints not added, existing rows violate them: %', problems
            USING ERRCODE = '23514',
                  HINT = 'Delete or fix the offending rows (or point them at existing users), then migrate again. Nothing was changed.';
    END IF;
END
$check$;

ALTER TABLE free_trial_tokens
  ADD CONSTRAINT fk_free_trial_tokens_user_id
  FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE NOT VALID;

ALTER TABLE device_fingerprints
  ADD CONSTRAINT fk_device_fingerprints_user_id
  FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE SET NULL NOT VALID;

ALTER TABLE trial_fraud_flags
  ADD CONSTRAINT fk_trial_fraud_flags_user_id
  FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE NOT VALID;

ALTER TABLE trial_usage
  ADD CONSTRAINT fk_trial_usage_token_id
  FOREIGN KEY (token_id) REFERENCES free_trial_tokens (token_id) ON DELETE CASCADE NOT VALID;

ALTER TABLE trial_usage
  ADD CONSTRAINT fk_trial_usage_user_id
  FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE NOT VALID;

ALTER TABLE payment_verifications
  ADD CONSTRAINT fk_payment_verifications_user_id
  FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE NOT VALID;

ALTER TABLE login_sessions
  ADD CONSTRAINT fk_login_sessions_user_id
  FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE NOT VALID;

ALTER TABLE free_trial_tokens
  ADD CONSTRAINT check_reports_remaining CHECK (reports_remaining >= 0) NOT VALID;

ALTER TABLE reports
  ADD CONSTRAINT check_total_cost_positive CHECK (total_cost >= 0) NOT VALID;

ALTER TABLE trial_fraud_flags
  ADD CONSTRAINT check_fraud_score_range CHECK (fraud_score >= 0 AND fraud_score <= 100) NOT VALID;
