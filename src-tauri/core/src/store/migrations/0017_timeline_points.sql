-- The library timeline's windows (issue 20): each event the timeline shows,
-- where it lies in years, so that the Timeline tab asks for what is in
-- view (the events of a window, a page at a time, and counts per slice of
-- time for the overview and the crowded zoom levels) instead of reading
-- every event of the library. Derived data, kept with `event_readings` by
-- store/timeline_groups.rs from the same dirty marks, never synced.
CREATE TABLE timeline_points (
    id          INTEGER PRIMARY KEY,
    event_id    TEXT NOT NULL,
    article_id  TEXT NOT NULL,
    article_seq INTEGER NOT NULL,       -- articles.seq: small keys for the filters
    from_year   REAL NOT NULL,
    to_year     REAL NOT NULL,
    start       INTEGER NOT NULL,       -- the event's offset: ties in text order
    label_lc    TEXT NOT NULL           -- the label lower-cased, for the search filter
);
-- Date order as the timeline lists it; it covers the window counts and the
-- density, which read no other column without a filter on words.
CREATE INDEX timeline_points_order ON timeline_points(from_year, to_year DESC, article_seq, start);
CREATE INDEX timeline_points_article ON timeline_points(article_id);
CREATE UNIQUE INDEX timeline_points_event ON timeline_points(event_id);
-- The longest span, read in one step: how far before a window an event
-- can begin and still reach into it.
CREATE INDEX timeline_points_span ON timeline_points(to_year - from_year);
INSERT INTO timeline_dirty (article_id) SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM timeline_dirty);
