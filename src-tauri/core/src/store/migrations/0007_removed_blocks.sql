-- Blocks the extractor took out of an article (teasers, captions, prompts...),
-- kept so the reader can see what was removed and put a block back.
-- `at` is the offset in articles.text (code points) where the block's first
-- character would stand if it were put back (past the end: after the last
-- block); `seq` keeps the page's order among blocks at the same place.
-- Text and HTML are sanitized and laid out at import, each at most 4,000
-- characters, at most 200 per article.
CREATE TABLE IF NOT EXISTS removed_blocks (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    at          INTEGER NOT NULL CHECK (at >= 0),
    reason      TEXT NOT NULL CHECK (reason IN ('related','caption','prompt','widget','meta','notice','byline')),
    text        TEXT NOT NULL,
    html        TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;
