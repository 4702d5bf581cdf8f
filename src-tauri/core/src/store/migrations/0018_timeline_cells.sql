-- How many of the timeline's events have their midpoint in each cell of
-- 1/16 year (~23 days): the Timeline tab's overview strip and its crowded
-- zoom levels count a whole library's events from a few thousand rows
-- instead of the 500,000 entries of the date index (issue 20). Kept by
-- triggers on timeline_points; the full rebuild (store/timeline_groups.rs)
-- drops them for its bulk insert and counts the cells in one pass before
-- making them again. Derived data, never synced.
-- floor() is not in this SQLite build: a cast truncates toward zero, and
-- the comparison takes one off for negative midpoints (BC years).
ALTER TABLE timeline_points ADD COLUMN cell INTEGER GENERATED ALWAYS AS (
    CAST((from_year + to_year) * 8.0 AS INTEGER) - ((from_year + to_year) * 8.0 < CAST((from_year + to_year) * 8.0 AS INTEGER))
) VIRTUAL;

CREATE TABLE timeline_cells (
    cell   INTEGER PRIMARY KEY,   -- floor(midpoint in years × 16)
    events INTEGER NOT NULL
);

CREATE TRIGGER timeline_cells_add AFTER INSERT ON timeline_points BEGIN
    INSERT INTO timeline_cells (cell, events) VALUES (NEW.cell, 1)
    ON CONFLICT (cell) DO UPDATE SET events = events + 1;
END;

CREATE TRIGGER timeline_cells_remove AFTER DELETE ON timeline_points BEGIN
    UPDATE timeline_cells SET events = events - 1 WHERE cell = OLD.cell;
    DELETE FROM timeline_cells WHERE cell = OLD.cell AND events <= 0;
END;

CREATE TRIGGER timeline_cells_move AFTER UPDATE OF from_year, to_year ON timeline_points BEGIN
    UPDATE timeline_cells SET events = events - 1 WHERE cell = OLD.cell;
    DELETE FROM timeline_cells WHERE cell = OLD.cell AND events <= 0;
    INSERT INTO timeline_cells (cell, events) VALUES (NEW.cell, 1)
    ON CONFLICT (cell) DO UPDATE SET events = events + 1;
END;

INSERT INTO timeline_cells (cell, events) SELECT cell, count(*) FROM timeline_points GROUP BY cell;
