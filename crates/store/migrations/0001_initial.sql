-- Schema 1: reports and what analyze found in them.
--
-- Documents keep an explicit `seq` so that ingest order survives VACUUM (a table whose primary
-- key is not an INTEGER may have its rowids renumbered). Claims and mentions are keyed by their
-- position in the analysis, not by their derived id, so that an analysis holding two claims with
-- the same id is still stored rather than rejected.

CREATE TABLE documents (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT    NOT NULL UNIQUE,
    origin            TEXT    NOT NULL,
    url               TEXT,
    title             TEXT,
    publisher         TEXT,
    author            TEXT,
    published         TEXT,             -- ISO 8601 date
    published_from    TEXT    NOT NULL, -- DateProvenance id
    language          TEXT,
    text              TEXT    NOT NULL,
    paragraphs        TEXT    NOT NULL, -- JSON array of Paragraph
    syndication_group TEXT,
    ingested_at       TEXT    NOT NULL  -- RFC 3339, UTC
);

CREATE TABLE analyses (
    document         TEXT    PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    pipeline_version INTEGER NOT NULL,
    sentences        TEXT    NOT NULL, -- JSON array of Sentence
    diagnostics      TEXT    NOT NULL, -- JSON array of Diagnostic
    analyzed_at      TEXT    NOT NULL  -- RFC 3339, UTC
);

CREATE TABLE claims (
    document       TEXT    NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL, -- index in Analysis::claims
    id             TEXT    NOT NULL,
    sentence       INTEGER NOT NULL,
    source_kind    TEXT    NOT NULL, -- SourceKind id
    source_name    TEXT,
    source_surface TEXT    NOT NULL,
    stance         TEXT    NOT NULL, -- Stance id
    form           TEXT    NOT NULL, -- ClaimForm id
    json           TEXT    NOT NULL, -- the whole Claim
    PRIMARY KEY (document, position)
);

-- The primary key already indexes claims by document.
CREATE INDEX claims_by_id ON claims(id);

CREATE TABLE mentions (
    document TEXT    NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, -- index in Analysis::mentions
    id       TEXT    NOT NULL,
    claim    TEXT    NOT NULL,
    json     TEXT    NOT NULL, -- the whole EventMention
    PRIMARY KEY (document, position)
);
