-- Schema 7: each document's MinHash signature and its band keys, so that a new document finds
-- its near-duplicates (syndicated copies) at ingest by index look-ups instead of a comparison
-- with every stored text. The hashes are fixed (corroborate_model::minhash), so signatures
-- stored by one version match those of the next.

CREATE TABLE minhash (
    document  TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    signature BLOB NOT NULL -- N_HASHES little-endian u64
);

CREATE TABLE minhash_bands (
    band     INTEGER NOT NULL,
    key      INTEGER NOT NULL, -- the band's u64 key, stored as its i64 bit pattern
    document TEXT    NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, key, document)
) WITHOUT ROWID;

CREATE INDEX minhash_bands_by_document ON minhash_bands(document);
