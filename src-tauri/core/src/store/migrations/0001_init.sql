-- Sidenote library schema, version 1.
-- Migrations are append-only: never edit this file once it has landed; add 0002_*.sql.

-- Articles. `seq` is an explicit INTEGER PRIMARY KEY so rowids are stable for
-- the external-content FTS index (VACUUM may renumber implicit rowids).
CREATE TABLE articles (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,            -- UUID v4, stable across export/restore
    title         TEXT NOT NULL,
    byline        TEXT,
    site          TEXT,
    source_url    TEXT,
    source_kind   TEXT NOT NULL CHECK (source_kind IN ('text','markdown','html','url','paste','sample')),
    published     TEXT,                            -- partial ISO date: YYYY, YYYY-MM, YYYY-MM-DD
    published_precision TEXT CHECK (published_precision IN ('year','month','day')),
    imported_at   TEXT NOT NULL,                   -- RFC 3339 UTC
    lang          TEXT,
    dir           TEXT CHECK (dir IN ('ltr','rtl')),
    html          TEXT NOT NULL,                   -- sanitized HTML with data-o block offsets
    text          TEXT NOT NULL,                   -- normalized plain text; all offsets refer to it
    word_count    INTEGER NOT NULL,
    content_hash  TEXT NOT NULL,                   -- SHA-256 of `text`
    raw           BLOB,                            -- the source bytes, for re-decoding
    encoding      TEXT,                            -- the encoding `raw` was decoded with
    deleted_at    TEXT
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_source_url ON articles(source_url);

-- Highlights: W3C TextPositionSelector (start/end, Unicode code points of
-- articles.text) plus TextQuoteSelector (exact, prefix, suffix).
CREATE TABLE highlights (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL CHECK (start >= 0),
    end         INTEGER NOT NULL CHECK (end > start),
    exact       TEXT NOT NULL,
    prefix      TEXT NOT NULL DEFAULT '',
    suffix      TEXT NOT NULL DEFAULT '',
    color       TEXT NOT NULL DEFAULT 'yellow' CHECK (color IN ('yellow','green','blue','pink','purple')),
    note        TEXT NOT NULL DEFAULT '',          -- Markdown
    orphaned    INTEGER NOT NULL DEFAULT 0,        -- 1 when re-anchoring failed; never deleted for it
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX highlights_article ON highlights(article_id, start);

CREATE TABLE tags (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE highlight_tags (
    highlight_id TEXT NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
    tag_id       INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (highlight_id, tag_id)
) WITHOUT ROWID;

-- Dated events of an article's timeline, anchored like highlights.
CREATE TABLE events (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    origin      TEXT NOT NULL CHECK (origin IN ('extracted','user')),
    timex_type  TEXT NOT NULL,                     -- DATE, TIME, DURATION, SET
    value       TEXT NOT NULL,                     -- TIMEX3 value
    value_end   TEXT,                              -- other end of a range
    label       TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    exact       TEXT NOT NULL,
    prefix      TEXT NOT NULL DEFAULT '',
    suffix      TEXT NOT NULL DEFAULT '',
    warnings    TEXT NOT NULL DEFAULT '[]',        -- JSON array of strings
    hidden      INTEGER NOT NULL DEFAULT 0,
    user_edited INTEGER NOT NULL DEFAULT 0,
    orphaned    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX events_article ON events(article_id, start);

-- Paragraphs the user marked "not part of the article" (ranges of articles.text).
CREATE TABLE hidden_ranges (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    PRIMARY KEY (article_id, start)
) WITHOUT ROWID;

-- Per-user preferences (theme, font size, ...), JSON values.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Full-text search over articles and over highlights (quote + note).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, byline, site, text,
    content = 'articles', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, byline, site, text)
    VALUES (new.seq, new.title, new.byline, new.site, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text)
    VALUES ('delete', old.seq, old.title, old.byline, old.site, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, byline, site, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text)
    VALUES ('delete', old.seq, old.title, old.byline, old.site, old.text);
    INSERT INTO articles_fts(rowid, title, byline, site, text)
    VALUES (new.seq, new.title, new.byline, new.site, new.text);
END;

CREATE VIRTUAL TABLE highlights_fts USING fts5(
    exact, note,
    content = 'highlights', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER highlights_fts_insert AFTER INSERT ON highlights BEGIN
    INSERT INTO highlights_fts(rowid, exact, note) VALUES (new.seq, new.exact, new.note);
END;
CREATE TRIGGER highlights_fts_delete AFTER DELETE ON highlights BEGIN
    INSERT INTO highlights_fts(highlights_fts, rowid, exact, note) VALUES ('delete', old.seq, old.exact, old.note);
END;
CREATE TRIGGER highlights_fts_update AFTER UPDATE OF exact, note ON highlights BEGIN
    INSERT INTO highlights_fts(highlights_fts, rowid, exact, note) VALUES ('delete', old.seq, old.exact, old.note);
    INSERT INTO highlights_fts(rowid, exact, note) VALUES (new.seq, new.exact, new.note);
END;
