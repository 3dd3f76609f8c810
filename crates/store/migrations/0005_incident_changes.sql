-- Schema 5: automatic merges and splits of incidents between resolve runs, with their reason.
-- Append-only like reviews: a record outlives the incidents it names.

CREATE TABLE incident_changes (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT    NOT NULL, -- RFC 3339, UTC: when the resolve run stored it
    kind     TEXT    NOT NULL, -- IncidentChangeKind id
    incident TEXT    NOT NULL, -- the incident of the earlier run
    others   TEXT    NOT NULL, -- JSON array of the incidents it went into
    reason   TEXT    NOT NULL
);

CREATE INDEX incident_changes_by_incident ON incident_changes(incident);
