-- Each article's number of live highlights, kept by triggers, so that the
-- library view reads one small row per article instead of counting its
-- highlights at every open (10,000 articles with 1,000,000 highlights: the
-- counting was most of the view's time, see docs/benchmarks.md).
-- A table of its own, not a column of articles: an articles row holds the
-- text and HTML, and SQLite rewrites the whole row on any update.
CREATE TABLE article_counts (
    article_id      TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    live_highlights INTEGER NOT NULL DEFAULT 0 CHECK (live_highlights >= 0)
) WITHOUT ROWID;

INSERT INTO article_counts (article_id, live_highlights)
SELECT article_id, count(*) FROM highlights WHERE deleted_at IS NULL GROUP BY article_id;

CREATE TRIGGER highlight_counts_insert AFTER INSERT ON highlights
WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO article_counts (article_id, live_highlights) VALUES (NEW.article_id, 1)
    ON CONFLICT (article_id) DO UPDATE SET live_highlights = live_highlights + 1;
END;

CREATE TRIGGER highlight_counts_delete AFTER DELETE ON highlights
WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE article_counts SET live_highlights = live_highlights - 1 WHERE article_id = OLD.article_id;
END;

-- Trashing or restoring a highlight, or moving it to another article.
CREATE TRIGGER highlight_counts_update AFTER UPDATE OF deleted_at, article_id ON highlights
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) OR OLD.article_id <> NEW.article_id
BEGIN
    UPDATE article_counts SET live_highlights = live_highlights - 1
    WHERE article_id = OLD.article_id AND OLD.deleted_at IS NULL;
    INSERT INTO article_counts (article_id, live_highlights)
    SELECT NEW.article_id, 1 WHERE NEW.deleted_at IS NULL
    ON CONFLICT (article_id) DO UPDATE SET live_highlights = live_highlights + 1;
END;
