-- Schema 15: each incident row holds its fact statuses and claim source kinds as bit masks,
-- and every list index carries them, so a page filtered by a status or a source kind checks
-- each candidate in the index it walks instead of descending `incident_facets` (keyed by text,
-- and holding a row for every claim of every incident) once per candidate. At 99,830
-- incidents a source kind and a country went from 1.80 M to about 0.6 M instructions a page
-- (docs/decisions/0035-facet-masks.md).
--
-- Which bit stands for which value is data, in `facet_bits`, not a list in the code: the
-- values found here get bits in order, and the store gives a value it has not seen the next
-- free bit when it first writes it. A filter on a value without a bit matches nothing.

CREATE TABLE facet_bits (
    facet TEXT    NOT NULL,
    value TEXT    NOT NULL,
    bit   INTEGER NOT NULL CHECK (bit BETWEEN 0 AND 62),
    PRIMARY KEY (facet, value),
    UNIQUE (facet, bit)
) WITHOUT ROWID;

INSERT INTO facet_bits (facet, value, bit)
SELECT facet, value, row_number() OVER (PARTITION BY facet ORDER BY value) - 1
FROM (SELECT DISTINCT facet, value FROM incident_facets WHERE facet IN ('status', 'source_kind'));

ALTER TABLE incidents ADD COLUMN status_mask INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN source_kind_mask INTEGER NOT NULL DEFAULT 0;

UPDATE incidents SET
    status_mask = (
        SELECT COALESCE(sum(1 << b.bit), 0) FROM incident_facets AS f
        JOIN facet_bits AS b ON b.facet = f.facet AND b.value = f.value
        WHERE f.incident = incidents.id AND f.facet = 'status'),
    source_kind_mask = (
        SELECT COALESCE(sum(1 << b.bit), 0) FROM incident_facets AS f
        JOIN facet_bits AS b ON b.facet = f.facet AND b.value = f.value
        WHERE f.incident = incidents.id AND f.facet = 'source_kind');

DROP INDEX incidents_by_type_position;
DROP INDEX incidents_by_country_position;
DROP INDEX incidents_by_grade_position;
DROP INDEX incidents_by_position;
DROP INDEX incidents_by_time_bounds;
CREATE INDEX incidents_by_type_position ON incidents(
    event_type, position, country_code, grade,
    COALESCE(latest, earliest), COALESCE(earliest, latest), id, status_mask, source_kind_mask);
CREATE INDEX incidents_by_country_position ON incidents(
    country_code, position, event_type, grade,
    COALESCE(latest, earliest), COALESCE(earliest, latest), id, status_mask, source_kind_mask);
CREATE INDEX incidents_by_grade_position ON incidents(
    grade, position, event_type, country_code,
    COALESCE(latest, earliest), COALESCE(earliest, latest), id, status_mask, source_kind_mask);
CREATE INDEX incidents_by_position ON incidents(
    position, COALESCE(latest, earliest), COALESCE(earliest, latest), id,
    status_mask, source_kind_mask);
CREATE INDEX incidents_by_time_bounds ON incidents(
    COALESCE(latest, earliest), COALESCE(earliest, latest), id, status_mask, source_kind_mask);
ANALYZE incidents;
