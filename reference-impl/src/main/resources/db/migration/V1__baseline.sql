-- The schema as the optimization report found it: primary keys only, none of the report's
-- indexes, foreign keys or check constraints. The one exception is the reference the report
-- calls "exists but weak": reports.created_by_user_id -> users.user_id, declared without an
-- index and without an ON DELETE rule (PostgreSQL never indexes the referencing side by itself).
--
-- Column sets follow what the report's SQL reads and writes, plus the few columns a real
-- table of that kind carries (so that rows have a realistic width for scans).

CREATE TABLE users (
    user_id        uuid        PRIMARY KEY,
    email          text        NOT NULL,
    name           text,
    password_hash  text,
    google_id      text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_login_at  timestamptz
);

CREATE TABLE free_trial_tokens (
    token_id          uuid        PRIMARY KEY,
    user_id           uuid        NOT NULL,
    status            text        NOT NULL,
    activated_at      timestamptz,
    expires_at        timestamptz NOT NULL,
    reports_remaining integer     NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE device_fingerprints (
    fingerprint_id   uuid        PRIMARY KEY,
    user_id          uuid,
    fingerprint_hash text        NOT NULL,
    device_data      jsonb,
    trial_count      integer     NOT NULL DEFAULT 0,
    first_seen_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at     timestamptz NOT NULL DEFAULT now(),
    is_blocked       boolean     NOT NULL DEFAULT false,
    blocked_reason   text
);

CREATE TABLE trial_fraud_flags (
    flag_id          uuid        PRIMARY KEY,
    user_id          uuid,
    fingerprint_hash text,
    ip_address       inet,
    flag_type        text        NOT NULL,
    severity         text        NOT NULL,
    fraud_score      integer     NOT NULL,
    details          jsonb,
    resolved         boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE trial_usage (
    usage_id    uuid        PRIMARY KEY,
    token_id    uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    action      text        NOT NULL,
    report_id   uuid,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payment_verifications (
    verification_id     uuid        PRIMARY KEY,
    user_id             uuid        NOT NULL,
    card_fingerprint    text        NOT NULL,
    card_last4          text,
    card_brand          text,
    verification_status text        NOT NULL,
    verification_date   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE login_sessions (
    session_id  uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL,
    ip_address  inet,
    user_agent  text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reports (
    report_id          uuid           PRIMARY KEY,
    created_by_user_id uuid           REFERENCES users (user_id),
    title              text           NOT NULL,
    property_address   text,
    damage_type        text,
    state              text,
    summary            text,
    total_cost         numeric(12, 2),
    created_at         timestamptz    NOT NULL DEFAULT now(),
    updated_at         timestamptz    NOT NULL DEFAULT now(),
    deleted_at         timestamptz
);

CREATE TABLE ascora_customers (
    customer_id     uuid        PRIMARY KEY,
    organization_id uuid,
    email           text,
    name            text,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ascora_jobs (
    job_id          uuid        PRIMARY KEY,
    organization_id uuid,
    customer_id     uuid,
    job_status      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
