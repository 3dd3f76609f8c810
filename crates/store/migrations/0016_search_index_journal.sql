-- Schema 16: full-text search moves out of SQLite into a tantivy index beside the database
-- (`DB.search/`, decision 0036). FTS5 scored every hit of a search (BM25 reads each ranked row's
-- column sizes, and a short prefix merged thousands of lists), 17 M instructions a search at
-- 100,000 incidents; tantivy stops early on the best hits.
--
-- The index is derived data. SQLite keeps what it must catch up on: every insert, change or
-- delete of a document's words or of a claim appends a row to `search_changes`, from triggers,
-- so every writer (ingest, reanalyze, or a program that knows nothing of the index) leaves a
-- record. The store applies the rows past the sequence number saved in the index's last
-- commit, then deletes them; a crash between the two commits loses nothing, and deleting the
-- index directory rebuilds it from the tables.

DROP TRIGGER documents_fts_insert;
DROP TRIGGER documents_fts_delete;
DROP TRIGGER documents_fts_update;
DROP TRIGGER claims_fts_insert;
DROP TRIGGER claims_fts_delete;
DROP TABLE documents_fts;
DROP TABLE claims_fts;
-- The store cuts a claim's words from its document in Rust now (one JSON read, not three).
DROP VIEW claim_texts;

-- `what` is 'document' (row = documents.seq) or 'claim' (row = the claims row's rowid); `op`
-- says whether the row was inserted, updated or deleted: a row just inserted has nothing in
-- the index to remove (a delete costs tantivy memory until its commit, and most changes are
-- inserts). AUTOINCREMENT: a sequence number is never reused after its row is deleted, so the
-- number in the index's commit stays comparable.
CREATE TABLE search_changes (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    what TEXT    NOT NULL CHECK (what IN ('document', 'claim')),
    op   TEXT    NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    row  INTEGER NOT NULL
);

CREATE TRIGGER search_document_insert AFTER INSERT ON documents BEGIN
    INSERT INTO search_changes (what, op, row) VALUES ('document', 'insert', NEW.seq);
END;
CREATE TRIGGER search_document_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO search_changes (what, op, row) VALUES ('document', 'update', NEW.seq);
END;
CREATE TRIGGER search_document_delete AFTER DELETE ON documents BEGIN
    INSERT INTO search_changes (what, op, row) VALUES ('document', 'delete', OLD.seq);
END;
CREATE TRIGGER search_claim_insert AFTER INSERT ON claims BEGIN
    INSERT INTO search_changes (what, op, row) VALUES ('claim', 'insert', NEW.rowid);
END;
CREATE TRIGGER search_claim_update AFTER UPDATE OF json, source_surface, document ON claims BEGIN
    INSERT INTO search_changes (what, op, row) VALUES ('claim', 'update', NEW.rowid);
END;
CREATE TRIGGER search_claim_delete AFTER DELETE ON claims BEGIN
    INSERT INTO search_changes (what, op, row) VALUES ('claim', 'delete', OLD.rowid);
END;

-- Start the sequence, so that an index built from the tables can record where it stands.
INSERT INTO search_changes (what, op, row) VALUES ('document', 'insert', 0);
DELETE FROM search_changes;
