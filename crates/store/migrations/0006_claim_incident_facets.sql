-- Schema 6: incident facets also list each claim an incident rests on (facet `claim`), so that
-- the document view finds the incident of each of its claims through the facets' primary key
-- instead of reading every incident's JSON.

INSERT INTO incident_facets (incident, facet, value)
SELECT DISTINCT i.id, 'claim', ic.value
FROM incidents AS i, json_each(i.json, '$.claims') AS ic
WHERE ic.value IS NOT NULL;

DROP TRIGGER incident_facets_insert;
DROP TRIGGER incident_facets_update;

CREATE TRIGGER incident_facets_insert AFTER INSERT ON incidents BEGIN
    DELETE FROM incident_facets WHERE incident = NEW.id;
    INSERT INTO incident_facets (incident, facet, value)
    SELECT DISTINCT NEW.id, 'status', json_extract(f.value, '$.status')
    FROM json_each(NEW.json, '$.facts') AS f WHERE json_extract(f.value, '$.status') IS NOT NULL;
    INSERT INTO incident_facets (incident, facet, value)
    SELECT DISTINCT NEW.id, 'source_kind', c.source_kind
    FROM json_each(NEW.json, '$.claims') AS ic JOIN claims AS c ON c.id = ic.value;
    INSERT INTO incident_facets (incident, facet, value)
    SELECT DISTINCT NEW.id, 'claim', ic.value
    FROM json_each(NEW.json, '$.claims') AS ic WHERE ic.value IS NOT NULL;
END;
CREATE TRIGGER incident_facets_update AFTER UPDATE OF json ON incidents BEGIN
    DELETE FROM incident_facets WHERE incident = OLD.id;
    INSERT INTO incident_facets (incident, facet, value)
    SELECT DISTINCT NEW.id, 'status', json_extract(f.value, '$.status')
    FROM json_each(NEW.json, '$.facts') AS f WHERE json_extract(f.value, '$.status') IS NOT NULL;
    INSERT INTO incident_facets (incident, facet, value)
    SELECT DISTINCT NEW.id, 'source_kind', c.source_kind
    FROM json_each(NEW.json, '$.claims') AS ic JOIN claims AS c ON c.id = ic.value;
    INSERT INTO incident_facets (incident, facet, value)
    SELECT DISTINCT NEW.id, 'claim', ic.value
    FROM json_each(NEW.json, '$.claims') AS ic WHERE ic.value IS NOT NULL;
END;
