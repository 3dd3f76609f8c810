-- Schema 14: the store writes an incident's facets and summary itself, beside the incident row,
-- instead of the triggers of schemas 4, 6 and 11. Those ran SQLite's JSON functions (json_each,
-- json_remove) over the incident's whole JSON, holding about ten times its text at once: 8 MB
-- of heap for the largest incident of a 20,000-page archive, so resolve's peak grew with the
-- archive (see docs/decisions/0031-facets-written-by-the-store.md). The writer derives the same
-- rows from the few fields it decodes anyway.
--
-- The rows already stored are right, so nothing is rebuilt.

DROP TRIGGER incident_facets_insert;
DROP TRIGGER incident_facets_update;
DROP TRIGGER incident_facets_delete;
DROP TRIGGER incident_summaries_insert;
DROP TRIGGER incident_summaries_update;
DROP TRIGGER incident_summaries_delete;
