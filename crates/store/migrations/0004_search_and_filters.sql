-- Schema 4: full-text search over documents and claims, the facets incident lists filter on, and
-- the hash of the review API's bearer token.
--
-- Everything here is kept in sync by triggers, so every writer (ingest, reanalyze, resolve, or
-- an older corroborate that knows nothing of these tables) leaves them right.

-- Documents: title and text, an external-content index over the documents table.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content = 'documents', content_rowid = 'seq', tokenize = 'unicode61'
);
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (NEW.seq, NEW.title, NEW.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
    VALUES ('delete', OLD.seq, OLD.title, OLD.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
    VALUES ('delete', OLD.seq, OLD.title, OLD.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (NEW.seq, NEW.title, NEW.text);
END;

-- Claims: the words claimed (the bytes from the first content span's start to the last one's
-- end; spans are byte offsets, hence the BLOB slicing) and the source as written. The rowid is
-- the claims row's rowid.
CREATE VIRTUAL TABLE claims_fts USING fts5(content_text, source, tokenize = 'unicode61');

CREATE VIEW claim_texts AS
SELECT c.rowid AS rowid,
       CAST(substr(CAST(d.text AS BLOB),
                   (SELECT min(json_extract(s.value, '$.start')) FROM json_each(c.json, '$.content') AS s) + 1,
                   (SELECT max(json_extract(s.value, '$.end')) FROM json_each(c.json, '$.content') AS s)
                 - (SELECT min(json_extract(s.value, '$.start')) FROM json_each(c.json, '$.content') AS s))
            AS TEXT) AS content_text,
       c.source_surface AS source
FROM claims AS c JOIN documents AS d ON d.id = c.document;

INSERT INTO claims_fts (rowid, content_text, source) SELECT rowid, content_text, source FROM claim_texts;

CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, content_text, source)
    SELECT rowid, content_text, source FROM claim_texts WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    DELETE FROM claims_fts WHERE rowid = OLD.rowid;
END;

-- Incident facets: one row per (incident, facet, value) for the filters that are lists inside
-- an incident's JSON: `status` (the statuses of its facts) and `source_kind` (the kinds of the
-- sources of its stored claims).
CREATE TABLE incident_facets (
    facet    TEXT NOT NULL,
    value    TEXT NOT NULL,
    incident TEXT NOT NULL,
    PRIMARY KEY (facet, value, incident)
) WITHOUT ROWID;
CREATE INDEX incident_facets_by_incident ON incident_facets(incident);

CREATE VIEW incident_facet_values AS
SELECT DISTINCT i.id AS incident, 'status' AS facet, json_extract(f.value, '$.status') AS value
FROM incidents AS i, json_each(i.json, '$.facts') AS f
WHERE json_extract(f.value, '$.status') IS NOT NULL
UNION
SELECT DISTINCT i.id, 'source_kind', c.source_kind
FROM incidents AS i, json_each(i.json, '$.claims') AS ic JOIN claims AS c ON c.id = ic.value;

INSERT INTO incident_facets (incident, facet, value)
SELECT incident, facet, value FROM incident_facet_values;
DROP VIEW incident_facet_values;

-- DISTINCT rather than OR IGNORE: the upsert that writes incidents would override the latter.
CREATE TRIGGER incident_facets_insert AFTER INSERT ON incidents BEGIN
    DELETE FROM incident_facets WHERE incident = NEW.id;
    INSERT INTO incident_facets (incident, facet, value)
    SELECT DISTINCT NEW.id, 'status', json_extract(f.value, '$.status')
    FROM json_each(NEW.json, '$.facts') AS f WHERE json_extract(f.value, '$.status') IS NOT NULL;
    INSERT INTO incident_facets (incident, facet, value)
    SELECT DISTINCT NEW.id, 'source_kind', c.source_kind
    FROM json_each(NEW.json, '$.claims') AS ic JOIN claims AS c ON c.id = ic.value;
END;
CREATE TRIGGER incident_facets_update AFTER UPDATE OF json ON incidents BEGIN
    DELETE FROM incident_facets WHERE incident = OLD.id;
    INSERT INTO incident_facets (incident, facet, value)
    SELECT DISTINCT NEW.id, 'status', json_extract(f.value, '$.status')
    FROM json_each(NEW.json, '$.facts') AS f WHERE json_extract(f.value, '$.status') IS NOT NULL;
    INSERT INTO incident_facets (incident, facet, value)
    SELECT DISTINCT NEW.id, 'source_kind', c.source_kind
    FROM json_each(NEW.json, '$.claims') AS ic JOIN claims AS c ON c.id = ic.value;
END;
CREATE TRIGGER incident_facets_delete AFTER DELETE ON incidents BEGIN
    DELETE FROM incident_facets WHERE incident = OLD.id;
END;

CREATE INDEX incidents_by_earliest ON incidents(earliest);
CREATE INDEX incidents_by_grade ON incidents(grade);

-- The SHA-256 (hex) of the bearer token that review writes through the API need. One row at
-- most; the token itself is never stored.
CREATE TABLE api_token (
    one        INTEGER PRIMARY KEY CHECK (one = 1),
    sha256     TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
