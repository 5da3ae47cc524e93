-- A counter of changes to the read-mostly reference data: stores, API keys, price tiers, products, prices and
-- settings. Every change, from any process, bumps it (triggers), so a server may keep that data in memory and
-- check one small row per request to know it is still current (core/storage/ReferenceCache).
CREATE TABLE config_version (
    id SMALLINT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO config_version (id, version) VALUES (1, 1);
{{CONFIG_VERSION_FUNCTION}}
{{BUMPS_CONFIG_VERSION stores}}
{{BUMPS_CONFIG_VERSION api_keys}}
{{BUMPS_CONFIG_VERSION price_tiers}}
{{BUMPS_CONFIG_VERSION products}}
{{BUMPS_CONFIG_VERSION product_prices}}
{{BUMPS_CONFIG_VERSION settings}}
