-- Password reset and first-password (activation) links: only the SHA-256 of
-- each token is kept; a token works once, until expires_at.
CREATE TABLE password_reset_tokens (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    token_hash   BLOB NOT NULL UNIQUE,
    purpose      TEXT NOT NULL CHECK (purpose IN ('reset', 'activation')),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER
);
CREATE INDEX password_reset_tokens_customer ON password_reset_tokens(customer_id);

-- The language of the customer's email (fi, en, …).
ALTER TABLE customers ADD COLUMN language TEXT NOT NULL DEFAULT 'fi';

-- What happened to each email the portal sent: never the body (it carries a
-- token) nor the address, so an operator sees failures without secrets.
CREATE TABLE mail_log (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER REFERENCES customers(id) ON DELETE SET NULL,
    kind         TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
    attempts     INTEGER NOT NULL,
    last_error   TEXT,
    created_at   INTEGER NOT NULL
);
