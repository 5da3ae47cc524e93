-- API keys of the stores (issue 4). A key is shown once when it is made; only its prefix (to find and list it),
-- a random salt and SHA-256(salt || secret) are kept. Revoked keys stay for the record.
CREATE TABLE api_keys (
    id {{ID}},
    store_id BIGINT NOT NULL REFERENCES stores (id),
    prefix {{KEY}} NOT NULL UNIQUE,
    salt TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX api_keys_store ON api_keys (store_id);
