-- Schema 10: the position index also holds the date bounds and the id, so a page whose filter
-- is a date range (and a status or source kind) walks the index in order and checks each
-- incident there, reading a row only for the fifty it returns (145 ms → 3 ms for a year of
-- one status at 100,000 incidents; see docs/decisions/0014-incident-list-indexes.md).

DROP INDEX incidents_by_position;
CREATE INDEX incidents_by_position
    ON incidents(position, COALESCE(latest, earliest), COALESCE(earliest, latest), id);
ANALYZE incidents;
