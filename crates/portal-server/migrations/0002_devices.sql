-- The Turvapaketti device registry: one row per device holding a licence.
-- A released device keeps its row (released_at set) so that releasing is
-- idempotent; only rows with released_at IS NULL count against the limit.

CREATE TABLE devices (
    id             INTEGER PRIMARY KEY,
    service_id     INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    os             TEXT NOT NULL,
    app_version    TEXT NOT NULL,
    -- Opaque id the installer sends so that a re-install reuses the licence.
    machine_id     TEXT,
    registered_at  INTEGER NOT NULL,
    last_seen      INTEGER NOT NULL,
    released_at    INTEGER
);
CREATE INDEX devices_service ON devices(service_id, released_at);

-- The count used to be a number on the service: carry it over as devices
-- without details, so no household loses a licence it uses.
WITH RECURSIVE n(service_id, i, total) AS (
    SELECT id, 1, devices_in_use FROM services WHERE devices_in_use > 0
    UNION ALL
    SELECT service_id, i + 1, total FROM n WHERE i < total
)
INSERT INTO devices (service_id, name, os, app_version, registered_at, last_seen)
SELECT service_id, 'Device ' || i, 'windows', 'unknown',
       CAST(strftime('%s', 'now') AS INTEGER) * 1000, CAST(strftime('%s', 'now') AS INTEGER) * 1000
  FROM n;

ALTER TABLE services DROP COLUMN devices_in_use;
