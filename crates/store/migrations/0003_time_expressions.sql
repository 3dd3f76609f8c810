-- Every time expression of a document (Analysis::time_expressions, pipeline version 2), as
-- JSON. Analyses stored before this version read back with an empty list until `reanalyze`.
ALTER TABLE analyses ADD COLUMN time_expressions TEXT NOT NULL DEFAULT '[]';
