-- Schema 8: indexes that let a filtered incident list page come straight off an index in
-- resolution order (see docs/decisions/0014-incident-list-indexes.md).
--
-- A list page is `WHERE filter ORDER BY position LIMIT n`. With an index on the filter column
-- alone SQLite sorted every matching row, JSON and all, to return fifty; with the position
-- after the filter column it reads the first fifty in order. The date bounds are indexed as the
-- expressions the filter compares, so a date range reads only the incidents inside it.

DROP INDEX incidents_by_type;
DROP INDEX incidents_by_country;
DROP INDEX incidents_by_grade;
CREATE INDEX incidents_by_type_position ON incidents(event_type, position);
CREATE INDEX incidents_by_country_position ON incidents(country_code, position);
CREATE INDEX incidents_by_grade_position ON incidents(grade, position);
CREATE INDEX incidents_by_time_bounds
    ON incidents(COALESCE(latest, earliest), COALESCE(earliest, latest));

-- Statistics, so that with two filters the planner starts from the more selective index (a
-- country has hundreds of incidents, a grade tens of thousands). `replace_resolution` refreshes
-- them whenever the incidents change.
ANALYZE incidents;
