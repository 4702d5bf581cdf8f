-- The kept groups regrouped within a window of years (issue 20). Two events
-- are only ever linked when their midpoints are within the grouping's
-- window of years, so a change regroups the events of its bucket near the
-- changed dates and the sets they were linked into, instead of the whole
-- bucket. The table is kept in that order (bucket, then midpoint), so the
-- events near a date are read as one run of pages rather than one page
-- each. `component` now names every set of linked events, one article's
-- too (`group_key` stays NULL for those). Derived data: the readings kept
-- so far are dropped and made again on the next open.
DROP TABLE event_readings;
CREATE TABLE event_readings (
    bucket      TEXT NOT NULL,
    mid         REAL NOT NULL,          -- (from_year + to_year) / 2
    event_id    TEXT NOT NULL,
    article_id  TEXT NOT NULL,
    named       INTEGER NOT NULL,
    action      TEXT NOT NULL,          -- stems, space-separated, sorted
    from_year   REAL NOT NULL,
    to_year     REAL NOT NULL,
    component   TEXT,                   -- the set of linked events: its smallest event id; NULL when linked to none
    group_key   TEXT,                   -- when the set holds more than one article's events
    disagree    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, mid, event_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX event_readings_event ON event_readings(event_id);
CREATE INDEX event_readings_article ON event_readings(article_id);
CREATE INDEX event_readings_component ON event_readings(component) WHERE component IS NOT NULL;
CREATE INDEX event_readings_disagree ON event_readings(component) WHERE disagree = 1;
INSERT INTO timeline_dirty (article_id) SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM timeline_dirty);
