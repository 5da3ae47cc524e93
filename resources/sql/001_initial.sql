-- The first schema of the back office. {{ID}} and {{KEY}} are filled in by SqlDialect.
-- Timestamps are seconds since the epoch (UTC); money is in minor units; pv in hundredths of a point.

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE members (
    id {{ID}},
    code TEXT NOT NULL,
    code_key {{KEY}} NOT NULL,
    name TEXT NOT NULL,
    name_key {{KEY}} NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    email_key {{KEY}},
    phone TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    sponsor_id BIGINT REFERENCES members (id),
    status TEXT NOT NULL CHECK (status IN ('customer', 'distributor', 'suspended', 'terminated')),
    joined_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX members_code_key ON members (code_key);
-- email_key is NULL for an empty email: NULLs are never equal, so empty emails are not compared.
CREATE UNIQUE INDEX members_email_key ON members (email_key);
CREATE INDEX members_name_key ON members (name_key);
CREATE INDEX members_sponsor ON members (sponsor_id);

CREATE TABLE member_status_history (
    id {{ID}},
    member_id BIGINT NOT NULL REFERENCES members (id),
    old_status TEXT NOT NULL,
    new_status TEXT NOT NULL,
    reason TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at BIGINT NOT NULL
);
CREATE INDEX member_status_history_member ON member_status_history (member_id, changed_at);

CREATE TABLE audit_log (
    id {{ID}},
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    details TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TABLE price_tiers (
    id {{ID}},
    code {{KEY}} NOT NULL UNIQUE,
    name TEXT NOT NULL,
    builtin SMALLINT NOT NULL DEFAULT 0
);
INSERT INTO price_tiers (code, name, builtin) VALUES ('retail', 'Retail', 1);
INSERT INTO price_tiers (code, name, builtin) VALUES ('customer', 'Customer', 1);
INSERT INTO price_tiers (code, name, builtin) VALUES ('distributor', 'Distributor', 1);

CREATE TABLE products (
    id {{ID}},
    sku {{KEY}} NOT NULL UNIQUE,
    name TEXT NOT NULL,
    active SMALLINT NOT NULL DEFAULT 1,
    pv BIGINT NOT NULL CHECK (pv >= 0),
    bv BIGINT NOT NULL CHECK (bv >= 0)
);

CREATE TABLE product_prices (
    product_id BIGINT NOT NULL REFERENCES products (id),
    tier_id BIGINT NOT NULL REFERENCES price_tiers (id),
    price BIGINT NOT NULL CHECK (price >= 0),
    PRIMARY KEY (product_id, tier_id)
);

CREATE TABLE stores (
    id {{ID}},
    code {{KEY}} NOT NULL UNIQUE,
    name TEXT NOT NULL,
    base_url TEXT NOT NULL DEFAULT '',
    scenario TEXT NOT NULL CHECK (scenario IN ('separate_channel', 'distributor_channel', 'personal_storefront')),
    link_template TEXT NOT NULL DEFAULT '',
    default_sponsor_id BIGINT REFERENCES members (id),
    pinned_tier_id BIGINT REFERENCES price_tiers (id),
    created_at BIGINT NOT NULL
);

CREATE TABLE referral_links (
    id {{ID}},
    code TEXT NOT NULL,
    code_key {{KEY}} NOT NULL UNIQUE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    store_id BIGINT NOT NULL REFERENCES stores (id),
    active SMALLINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);
CREATE INDEX referral_links_member ON referral_links (member_id);

CREATE TABLE retail_customers (
    id {{ID}},
    store_id BIGINT NOT NULL REFERENCES stores (id),
    email TEXT NOT NULL,
    email_key {{KEY}} NOT NULL,
    name TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    owner_id BIGINT REFERENCES members (id),
    via_link_id BIGINT REFERENCES referral_links (id),
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX retail_customers_store_email ON retail_customers (store_id, email_key);
CREATE INDEX retail_customers_owner ON retail_customers (owner_id);

CREATE TABLE orders (
    id {{ID}},
    store_id BIGINT REFERENCES stores (id),
    external_id TEXT NOT NULL,
    buyer_member_id BIGINT REFERENCES members (id),
    buyer_customer_id BIGINT REFERENCES retail_customers (id),
    credited_member_id BIGINT REFERENCES members (id),
    tier_id BIGINT NOT NULL REFERENCES price_tiers (id),
    total_price BIGINT NOT NULL,
    total_pv BIGINT NOT NULL,
    total_bv BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'cancelled', 'refunded')),
    created_at BIGINT NOT NULL,
    paid_at BIGINT,
    cancelled_at BIGINT,
    refunded_at BIGINT,
    CHECK ((buyer_member_id IS NULL) <> (buyer_customer_id IS NULL))
);
-- The back office is store 0 for idempotency: (store, external_id) is unique.
CREATE UNIQUE INDEX orders_store_external ON orders (COALESCE(store_id, 0), external_id);
CREATE INDEX orders_credited_paid ON orders (credited_member_id, paid_at);
CREATE INDEX orders_paid_at ON orders (paid_at);
CREATE INDEX orders_buyer_member ON orders (buyer_member_id);

CREATE TABLE order_lines (
    order_id BIGINT NOT NULL REFERENCES orders (id),
    line_no INTEGER NOT NULL,
    product_id BIGINT NOT NULL REFERENCES products (id),
    qty BIGINT NOT NULL CHECK (qty > 0),
    unit_price BIGINT NOT NULL,
    distributor_price BIGINT NOT NULL,
    pv BIGINT NOT NULL,
    bv BIGINT NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE users (
    id {{ID}},
    username {{KEY}} NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'support', 'distributor')),
    member_id BIGINT REFERENCES members (id),
    active SMALLINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);

CREATE TABLE compensation_plan (
    id SMALLINT PRIMARY KEY CHECK (id = 1),
    levels_bp TEXT NOT NULL,
    qualification_pv BIGINT NOT NULL,
    compression SMALLINT NOT NULL,
    retail_profit SMALLINT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO compensation_plan (id, levels_bp, qualification_pv, compression, retail_profit, updated_at)
VALUES (1, '[1000,500,300,200,100]', 10000, 1, 1, 0);

CREATE TABLE commission_runs (
    id {{ID}},
    period TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('preview', 'closed')),
    plan TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    closed_at BIGINT
);

CREATE TABLE commission_lines (
    run_id BIGINT NOT NULL REFERENCES commission_runs (id),
    member_id BIGINT NOT NULL REFERENCES members (id),
    kind TEXT NOT NULL CHECK (kind IN ('level', 'retail_profit', 'clawback')),
    level SMALLINT NOT NULL DEFAULT 0,
    order_id BIGINT REFERENCES orders (id),
    rate_bp INTEGER NOT NULL DEFAULT 0,
    base BIGINT NOT NULL DEFAULT 0,
    amount BIGINT NOT NULL
);
CREATE INDEX commission_lines_run_member ON commission_lines (run_id, member_id);
CREATE INDEX commission_lines_order ON commission_lines (order_id);
