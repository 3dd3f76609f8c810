-- Schema 11: a list-ready summary of every incident, so that a page of fifty incidents in a list
-- reads and sends about 650 bytes per incident rather than the whole record's 2,300 (see
-- docs/decisions/0018-list-summaries-and-stored-json.md).
--
-- The summary is the incident's JSON without the parts only the incident's own page shows:
-- `facts` (every candidate value with its supporting and opposing claim ids), `claims`,
-- `contradictions` and `timeline`. The other fields keep their names, values and order, so a
-- client reads a summary as it reads an incident. The rows are keyed by the incident row's
-- rowid, which every list index carries, so a page joins them without visiting the incidents
-- table. Triggers keep them in step with every writer, as they do the facets (schema 4).

CREATE TABLE incident_summaries (
    incident INTEGER PRIMARY KEY, -- rowid of the incidents row
    json     TEXT    NOT NULL     -- the incident's JSON without facts, claims, contradictions, timeline
);

INSERT INTO incident_summaries (incident, json)
SELECT rowid, json_remove(json, '$.facts', '$.claims', '$.contradictions', '$.timeline')
FROM incidents;

-- DELETE then INSERT rather than INSERT OR REPLACE: the upsert that writes incidents would
-- override the trigger's conflict clause (see schema 4).
CREATE TRIGGER incident_summaries_insert AFTER INSERT ON incidents BEGIN
    DELETE FROM incident_summaries WHERE incident = NEW.rowid;
    INSERT INTO incident_summaries (incident, json)
    VALUES (NEW.rowid, json_remove(NEW.json, '$.facts', '$.claims', '$.contradictions', '$.timeline'));
END;
CREATE TRIGGER incident_summaries_update AFTER UPDATE OF json ON incidents BEGIN
    DELETE FROM incident_summaries WHERE incident = OLD.rowid;
    INSERT INTO incident_summaries (incident, json)
    VALUES (NEW.rowid, json_remove(NEW.json, '$.facts', '$.claims', '$.contradictions', '$.timeline'));
END;
CREATE TRIGGER incident_summaries_delete AFTER DELETE ON incidents BEGIN
    DELETE FROM incident_summaries WHERE incident = OLD.rowid;
END;
