-- Which articles' extracted timelines are current, and which version of the
-- extractor made them. Derived state, so it leaves the user's settings: it was
-- a settings row `events.extracted.<article id>` per article, which the
-- settings the UI reads carried along. Deleting a row makes the timeline be
-- extracted again; deleting the article deletes its row.
CREATE TABLE events_extracted (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    extractor  INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO events_extracted (article_id, extractor)
SELECT a.id, CAST(s.value AS INTEGER) FROM settings s JOIN articles a ON s.key = 'events.extracted.' || a.id;

DELETE FROM settings WHERE substr(key, 1, 17) = 'events.extracted.';
