-- People signed in to mlm-server (SPEC 9, issue 15). A token is shown once, at sign-in; only its SHA-256 is kept,
-- so a copy of the database signs nobody in. A session ends at sign-out, after 12 hours without use, when its user is
-- disabled and when its user's password changes.
CREATE TABLE user_sessions (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    client TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL
);
CREATE INDEX user_sessions_user ON user_sessions (user_id);

-- Failed sign-ins, for the throttle of SPEC 9 (per user name and per client address, 15 minutes back).
CREATE TABLE sign_in_failures (
    id {{ID}},
    username_key TEXT NOT NULL,
    client TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_user ON sign_in_failures (username_key, at);
CREATE INDEX sign_in_failures_client ON sign_in_failures (client, at);
