-- Notes on a whole article rather than on a passage of it: a Hypothesis page
-- note, a Kindle note that sits on no highlight, the reader's own remark on
-- the piece. Markdown, like a highlight's note; soft-deleted so that a delete
-- can be undone.
CREATE TABLE article_notes (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    note        TEXT NOT NULL CHECK (trim(note) <> ''),
    created_at  TEXT NOT NULL,                     -- RFC 3339 UTC
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);

CREATE INDEX article_notes_by_article ON article_notes (article_id, seq);
