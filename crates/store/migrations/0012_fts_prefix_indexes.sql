-- Schema 12: both full-text indexes keep prefix indexes of two and three characters, so that a
-- search whose last word is a short prefix reads one list of rows instead of merging the lists
-- of every word that starts with it (a two-letter prefix over the generated vocabulary is
-- 1,111 words: 165 ms per table and query before, 4 ms after; see
-- docs/decisions/0019-search-excerpts-and-prefixes.md). Longer prefixes match few words and
-- merge quickly without an index. The prefix option is fixed when an FTS5 table is created, so
-- both are rebuilt: the documents' index from its external content, the claims' from the text
-- it stores. The triggers of schema 4 name the tables and keep working.

DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content = 'documents', content_rowid = 'seq', tokenize = 'unicode61',
    prefix = '2 3'
);
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');

CREATE TEMP TABLE claims_fts_rows AS SELECT rowid AS claim, content_text, source FROM claims_fts;
DROP TABLE claims_fts;
CREATE VIRTUAL TABLE claims_fts USING fts5(
    content_text, source, tokenize = 'unicode61', prefix = '2 3'
);
INSERT INTO claims_fts (rowid, content_text, source)
SELECT claim, content_text, source FROM claims_fts_rows;
DROP TABLE claims_fts_rows;
