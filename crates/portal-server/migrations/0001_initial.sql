-- Reference portal schema. Dates are ISO-8601 text (YYYY-MM-DD), instants
-- are unix milliseconds, secrets are stored only as SHA-256 hashes.

CREATE TABLE portal_keys (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    secret_key  BLOB NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE customers (
    id                       INTEGER PRIMARY KEY,
    customer_number          TEXT NOT NULL UNIQUE,
    name                     TEXT NOT NULL,
    email                    TEXT NOT NULL COLLATE NOCASE UNIQUE,
    phone                    TEXT NOT NULL,
    street                   TEXT NOT NULL,
    postal_code              TEXT NOT NULL,
    city                     TEXT NOT NULL,
    password_hash            TEXT NOT NULL,
    relationship_valid       INTEGER NOT NULL,
    billing_agreement_valid  INTEGER NOT NULL,
    pay_tv_card_number       TEXT,
    pay_tv_card_valid_until  TEXT,
    created_at               INTEGER NOT NULL
);

CREATE TABLE session_families (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    revoked_at   INTEGER
);
CREATE INDEX session_families_customer ON session_families(customer_id);

CREATE TABLE refresh_tokens (
    id           INTEGER PRIMARY KEY,
    family_id    INTEGER NOT NULL REFERENCES session_families(id) ON DELETE CASCADE,
    token_hash   BLOB NOT NULL UNIQUE,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER
);
CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);

CREATE TABLE access_tokens (
    id           INTEGER PRIMARY KEY,
    family_id    INTEGER NOT NULL REFERENCES session_families(id) ON DELETE CASCADE,
    token_hash   BLOB NOT NULL UNIQUE,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX access_tokens_family ON access_tokens(family_id);

CREATE TABLE services (
    id                INTEGER PRIMARY KEY,
    customer_id       INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    product_id        TEXT NOT NULL,
    start_date        TEXT NOT NULL,
    end_date          TEXT,
    -- JSON array of channel ids, MIX packages only.
    mix_channels      TEXT,
    -- Turvapaketti only.
    subscription_key  TEXT,
    device_code       TEXT UNIQUE,
    devices_in_use    INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL
);
CREATE INDEX services_customer ON services(customer_id);

CREATE TABLE orders (
    id                    INTEGER PRIMARY KEY,
    customer_id           INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    service_id            INTEGER NOT NULL REFERENCES services(id),
    replaced_service_id   INTEGER REFERENCES services(id),
    created_at            INTEGER NOT NULL
);
CREATE INDEX orders_customer ON orders(customer_id);

CREATE TABLE feedback (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    topic          TEXT NOT NULL,
    message        TEXT NOT NULL,
    contact_me     INTEGER NOT NULL,
    contact_email  TEXT,
    contact_phone  TEXT,
    service_id     INTEGER REFERENCES services(id),
    received_at    INTEGER NOT NULL
);
CREATE INDEX feedback_customer ON feedback(customer_id);

-- Idempotency keys of orders and feedback, per customer and scope. The
-- stored response is replayed for the same key and the same body hash.
CREATE TABLE idempotency_keys (
    customer_id      INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    scope            TEXT NOT NULL,
    idem_key         TEXT NOT NULL,
    request_hash     TEXT NOT NULL,
    response_status  INTEGER NOT NULL,
    response_body    TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    PRIMARY KEY (customer_id, scope, idem_key)
);
