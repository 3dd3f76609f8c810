-- Schema 13: the type, country and grade indexes also hold the other filter columns, the date
-- bounds and the id, so a page filtered by two of them ("country and grade") or by one of them
-- and a status or source kind walks one index in order and checks each incident there, reading
-- a row only for the fifty it returns. Before, every candidate cost a visit to its row (one
-- page each, rows being ~2.5 KB of JSON), and a rare combination walked a whole country's rows.
-- At 99,830 incidents: a country and a grade 0.131 → 0.049 ms a page (warm cache), and the load
-- mix of BENCHMARKS.md 2,612 → 3,086 requests/s (see docs/decisions/0014-incident-list-indexes.md).

DROP INDEX incidents_by_type_position;
DROP INDEX incidents_by_country_position;
DROP INDEX incidents_by_grade_position;
CREATE INDEX incidents_by_type_position ON incidents(
    event_type, position, country_code, grade,
    COALESCE(latest, earliest), COALESCE(earliest, latest), id);
CREATE INDEX incidents_by_country_position ON incidents(
    country_code, position, event_type, grade,
    COALESCE(latest, earliest), COALESCE(earliest, latest), id);
CREATE INDEX incidents_by_grade_position ON incidents(
    grade, position, event_type, country_code,
    COALESCE(latest, earliest), COALESCE(earliest, latest), id);
ANALYZE incidents;
