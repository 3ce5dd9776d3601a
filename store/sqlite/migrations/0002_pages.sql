-- Parley store, schema 2: what the web pages show beyond schema 1 (the date
-- expressions read in each document; where each quotation's speaker and verb
-- of saying stand), and the indexes their questions read. Documents stored
-- before have no dates ('[]') and quotes no such spans (NULL). On a large
-- store the new indexes take a few seconds per million events to build.
ALTER TABLE documents ADD COLUMN dates TEXT NOT NULL DEFAULT '[]'; -- JSON array of {text, value, precision, span}
ALTER TABLE quotes ADD COLUMN speaker_start INTEGER;
ALTER TABLE quotes ADD COLUMN speaker_end INTEGER;
ALTER TABLE quotes ADD COLUMN cue_start INTEGER;
ALTER TABLE quotes ADD COLUMN cue_end INTEGER;

-- The target side's index covers what a country's counterparts and a
-- target's dyads read (as events_dyad does for the source side).
DROP INDEX events_target;
CREATE INDEX events_target ON events (target_code, source_code, day, quad_class, goldstein, num_mentions);

-- An actor's titles over time, without reading the articles that give it
-- none (a country's tens of thousands).
CREATE INDEX doc_actors_title ON doc_actors (actor_id, title, published) WHERE title <> '';

-- An actor's names over its latest articles, read from the index alone
-- (and its counts recounted from it).
DROP INDEX doc_actors_actor;
CREATE INDEX doc_actors_actor ON doc_actors (actor_id, published, num_mentions, name, aliases);

-- Actors by the words of their names: full-text search over the folded
-- name, written with the actor (and deleted with it), as quotes_fts is.
CREATE VIRTUAL TABLE actors_fts USING fts5 (
    norm, content = 'actors', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO actors_fts (actors_fts) VALUES ('rebuild');

-- The latest events of a CAMEO code are read back by day from the index
-- alone.
DROP INDEX events_day;
CREATE INDEX events_day ON events (day, source_code, target_code, quad_class, goldstein, num_mentions, cameo);

-- A calendar month's events in (source, target) order: the dyads of a
-- month are counted as they are read, without sorting them.
CREATE INDEX events_month ON events (substr(day, 1, 7), source_code, target_code, quad_class, day);
