-- Schema 2: the resolution, analyst reviews, ingest failures, and the indexes `claims` filters on.
--
-- The resolution tables have no foreign keys to documents or claims: resolve may run over
-- `extract` output whose documents are not stored, and the whole resolution is replaced at once.
-- Reviews have none either, so that they outlive the claims and incidents they are about when
-- those are recomputed; reviews are never deleted.

CREATE TABLE incidents (
    id           TEXT    PRIMARY KEY,
    position     INTEGER NOT NULL, -- index in Resolution::incidents
    event_type   TEXT,             -- EventType id
    grade        TEXT    NOT NULL, -- IncidentGrade id
    country_code TEXT,
    earliest     TEXT,             -- ISO 8601 date
    latest       TEXT,             -- ISO 8601 date
    json         TEXT    NOT NULL  -- the whole Incident
);

CREATE INDEX incidents_by_position ON incidents(position);
CREATE INDEX incidents_by_type ON incidents(event_type);
CREATE INDEX incidents_by_country ON incidents(country_code);

CREATE TABLE context_mentions (
    position INTEGER PRIMARY KEY, -- index in Resolution::context
    mention  TEXT    NOT NULL,
    claim    TEXT    NOT NULL,
    document TEXT    NOT NULL,
    json     TEXT    NOT NULL     -- the whole ContextMention
);

CREATE TABLE syndication_groups (
    id        TEXT    PRIMARY KEY,
    position  INTEGER NOT NULL, -- index in Resolution::syndication_groups
    documents TEXT    NOT NULL  -- JSON array of document ids, earliest first
);

CREATE TABLE reviews (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    target   TEXT    NOT NULL, -- a claim id or an incident id
    action   TEXT    NOT NULL, -- ReviewAction id
    other    TEXT,
    reviewer TEXT    NOT NULL,
    at       TEXT    NOT NULL, -- RFC 3339, UTC
    note     TEXT    NOT NULL
);

CREATE INDEX reviews_by_target ON reviews(target);

CREATE TABLE ingest_failures (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    origin  TEXT    NOT NULL,
    message TEXT    NOT NULL,
    at      TEXT    NOT NULL -- RFC 3339, UTC
);

CREATE INDEX claims_by_stance ON claims(stance);
CREATE INDEX claims_by_source_kind ON claims(source_kind);
