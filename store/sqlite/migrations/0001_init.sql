-- Parley store, schema 1: documents, actors across articles, quotes, events
-- across articles with their mentions, full-text search over quotes and
-- article text.

-- One row per document. key is the document's identity (its URL, else
-- "sha256:" and the hash of its text); hash changes when its content does.
CREATE TABLE documents (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    hash      TEXT NOT NULL,
    doc_id    TEXT NOT NULL,            -- the id the input gave
    url       TEXT NOT NULL DEFAULT '',
    source    TEXT NOT NULL DEFAULT '', -- the input's source field
    site      TEXT NOT NULL DEFAULT '', -- URL host or source: what NumSources counts
    title     TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD or ''
    lead_end  INTEGER NOT NULL,         -- byte offset where the first paragraph ends
    text      TEXT NOT NULL,
    added     TEXT NOT NULL             -- RFC 3339 UTC
);

-- One actor across articles. merge_key tells which actors are one (see
-- store.go); norm is the folded name that name searches match.
CREATE TABLE actors (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL,
    name         TEXT NOT NULL,
    norm         TEXT NOT NULL,
    merge_key    TEXT NOT NULL,
    code         TEXT NOT NULL DEFAULT '',
    country      TEXT NOT NULL DEFAULT '',
    num_articles INTEGER NOT NULL DEFAULT 0,
    num_mentions INTEGER NOT NULL DEFAULT 0,
    first_seen   TEXT NOT NULL DEFAULT '',
    last_seen    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX actors_merge ON actors (merge_key);
CREATE INDEX actors_norm ON actors (norm);
CREATE INDEX actors_code ON actors (code);

-- An actor as one article gives it: the link from the article's actor id
-- (a1, a2, ...) to the actor across articles, with the article's name,
-- title, aliases and mention spans.
CREATE TABLE doc_actors (
    document_id  INTEGER NOT NULL,
    local_id     TEXT NOT NULL,
    actor_id     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    title        TEXT NOT NULL DEFAULT '',
    code         TEXT NOT NULL DEFAULT '',
    country      TEXT NOT NULL DEFAULT '',
    aliases      TEXT NOT NULL DEFAULT '[]', -- JSON array
    mentions     TEXT NOT NULL DEFAULT '[]', -- JSON array of {text, span}
    num_mentions INTEGER NOT NULL,
    published    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, local_id)
) WITHOUT ROWID;
CREATE INDEX doc_actors_actor ON doc_actors (actor_id, published);

CREATE TABLE quotes (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL,
    published     TEXT NOT NULL DEFAULT '',
    speaker_actor INTEGER,                  -- actors.id, or NULL
    anonymous     INTEGER NOT NULL DEFAULT 0,
    speaker_text  TEXT NOT NULL DEFAULT '',
    cue           TEXT NOT NULL DEFAULT '',
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    text          TEXT NOT NULL
);
CREATE INDEX quotes_document ON quotes (document_id);
CREATE INDEX quotes_speaker ON quotes (speaker_actor, published);
CREATE INDEX quotes_published ON quotes (published);
CREATE INDEX quotes_anonymous ON quotes (published) WHERE anonymous;

-- One event across articles: the reports with the same key (source, target,
-- CAMEO code, date). The counts are kept equal to what event_mentions holds.
CREATE TABLE events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT, -- GDELT's GlobalEventID
    key            TEXT NOT NULL UNIQUE,
    day            TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD the event is counted on
    date           TEXT NOT NULL DEFAULT '', -- as reported: day, month or year
    date_precision TEXT NOT NULL DEFAULT '',
    source_code    TEXT NOT NULL DEFAULT '',
    target_code    TEXT NOT NULL DEFAULT '',
    source_actor   INTEGER,
    target_actor   INTEGER,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL DEFAULT '',
    name           TEXT NOT NULL DEFAULT '',
    quad_class     INTEGER NOT NULL DEFAULT 0,
    goldstein      REAL NOT NULL DEFAULT 0,
    symmetric      INTEGER NOT NULL DEFAULT 0,
    place          TEXT NOT NULL DEFAULT '',
    is_root        INTEGER NOT NULL DEFAULT 0,
    num_mentions   INTEGER NOT NULL DEFAULT 0,
    num_articles   INTEGER NOT NULL DEFAULT 0,
    num_sources    INTEGER NOT NULL DEFAULT 0,
    first_seen     TEXT NOT NULL DEFAULT '',
    last_seen      TEXT NOT NULL DEFAULT '',
    added          TEXT NOT NULL
);
-- Covering indexes: a dyad's timeline and a month's dyads read no table rows.
CREATE INDEX events_dyad ON events (source_code, target_code, day, quad_class, goldstein, num_mentions);
CREATE INDEX events_target ON events (target_code, day);
CREATE INDEX events_day ON events (day, source_code, target_code, quad_class, goldstein, num_mentions);
CREATE INDEX events_cameo ON events (cameo, day);

-- One report of an event in one article.
CREATE TABLE event_mentions (
    id             INTEGER PRIMARY KEY,
    event_id       INTEGER NOT NULL,
    document_id    INTEGER NOT NULL,
    site           TEXT NOT NULL DEFAULT '',
    seen           TEXT NOT NULL DEFAULT '', -- the article's publication date
    source_actor   INTEGER,
    target_actor   INTEGER,
    source_person  TEXT NOT NULL DEFAULT '',
    target_person  TEXT NOT NULL DEFAULT '',
    trigger        TEXT NOT NULL DEFAULT '',
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    is_root        INTEGER NOT NULL DEFAULT 0,
    place          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX event_mentions_event ON event_mentions (event_id);
CREATE INDEX event_mentions_document ON event_mentions (document_id);
CREATE INDEX event_mentions_source_actor ON event_mentions (source_actor);
CREATE INDEX event_mentions_target_actor ON event_mentions (target_actor);

-- Full-text search: external-content FTS5 tables. The store writes them in
-- the same transaction as the rows they index, with explicit statements and
-- not triggers: a trigger makes every insert a multi-write statement, whose
-- statement journal makes FTS5 write its pending index to disk each time.
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text, content = 'quotes', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, text, content = 'documents', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
