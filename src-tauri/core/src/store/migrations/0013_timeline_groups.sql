-- The library timeline's groups, kept (issue 20): what each event's label
-- says for grouping (its bucket: the named event, or the set of
-- participants; its action-word stems) and the group it falls in, so that
-- opening the timeline reads groups instead of regrouping the library.
-- Derived data, owned by store/timeline_groups.rs and never synced: it can
-- always be made again from `events`.
CREATE TABLE event_readings (
    event_id    TEXT PRIMARY KEY,
    article_id  TEXT NOT NULL,
    bucket      TEXT NOT NULL,
    named       INTEGER NOT NULL,
    action      TEXT NOT NULL,          -- stems, space-separated, sorted
    from_year   REAL NOT NULL,
    to_year     REAL NOT NULL,
    component   TEXT,                   -- the group: its smallest event id; NULL when in none
    group_key   TEXT,
    disagree    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX event_readings_bucket ON event_readings(bucket);
CREATE INDEX event_readings_article ON event_readings(article_id);
CREATE INDEX event_readings_disagree ON event_readings(component) WHERE disagree = 1;

-- Articles whose readings must be made again: every change to an article's
-- events, hidden paragraphs or deletion marks it here, whichever path wrote
-- it (import, re-extraction, an edit, sync), and the next read of the
-- library timeline regroups only the buckets those articles touch.
CREATE TABLE timeline_dirty (
    article_id  TEXT PRIMARY KEY
) WITHOUT ROWID;

-- (No INSERT OR IGNORE in these triggers: an outer statement's own conflict
-- clause, e.g. a synced row written with OR ABORT, would override it.)
CREATE TRIGGER timeline_dirty_event_insert AFTER INSERT ON events BEGIN
    INSERT INTO timeline_dirty (article_id) SELECT new.article_id WHERE NOT EXISTS (SELECT 1 FROM timeline_dirty WHERE article_id = new.article_id);
END;
CREATE TRIGGER timeline_dirty_event_update AFTER UPDATE ON events BEGIN
    INSERT INTO timeline_dirty (article_id) SELECT new.article_id WHERE NOT EXISTS (SELECT 1 FROM timeline_dirty WHERE article_id = new.article_id);
END;
CREATE TRIGGER timeline_dirty_event_delete AFTER DELETE ON events BEGIN
    INSERT INTO timeline_dirty (article_id) SELECT old.article_id WHERE NOT EXISTS (SELECT 1 FROM timeline_dirty WHERE article_id = old.article_id);
END;
CREATE TRIGGER timeline_dirty_hidden_insert AFTER INSERT ON hidden_ranges BEGIN
    INSERT INTO timeline_dirty (article_id) SELECT new.article_id WHERE NOT EXISTS (SELECT 1 FROM timeline_dirty WHERE article_id = new.article_id);
END;
CREATE TRIGGER timeline_dirty_hidden_update AFTER UPDATE ON hidden_ranges BEGIN
    INSERT INTO timeline_dirty (article_id) SELECT new.article_id WHERE NOT EXISTS (SELECT 1 FROM timeline_dirty WHERE article_id = new.article_id);
END;
CREATE TRIGGER timeline_dirty_hidden_delete AFTER DELETE ON hidden_ranges BEGIN
    INSERT INTO timeline_dirty (article_id) SELECT old.article_id WHERE NOT EXISTS (SELECT 1 FROM timeline_dirty WHERE article_id = old.article_id);
END;
CREATE TRIGGER timeline_dirty_article_deleted AFTER UPDATE OF deleted_at ON articles BEGIN
    INSERT INTO timeline_dirty (article_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM timeline_dirty WHERE article_id = new.id);
END;
CREATE TRIGGER timeline_dirty_article_delete AFTER DELETE ON articles BEGIN
    INSERT INTO timeline_dirty (article_id) SELECT old.id WHERE NOT EXISTS (SELECT 1 FROM timeline_dirty WHERE article_id = old.id);
END;

-- An existing library is grouped once, on the first open of its timeline.
INSERT INTO timeline_dirty (article_id) SELECT id FROM articles;
