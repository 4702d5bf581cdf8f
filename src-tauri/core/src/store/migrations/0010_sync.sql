-- Sync across devices (docs/sync.md). The library's own tables stay what every
-- query reads; these hold the Automerge documents the changes are merged in,
-- and where this device is in the sync folder.

-- Each document's compacted state (Automerge `save()`): 'catalogue', or
-- 'article:<id>' for one article's notes.
CREATE TABLE sync_docs (
    doc_id    TEXT PRIMARY KEY,
    snapshot  BLOB NOT NULL
) WITHOUT ROWID;

-- Changes since each document's snapshot, one Automerge change a row:
-- recorded here (local = 1) in the transaction of the rows they change, or
-- read from another device's files (local = 0) and not yet compacted.
-- AUTOINCREMENT: `seq` never goes back, so "written up to seq" stays true.
CREATE TABLE sync_changes (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id  TEXT NOT NULL,
    bytes   BLOB NOT NULL,
    local   INTEGER NOT NULL CHECK (local IN (0, 1))
);
CREATE INDEX sync_changes_doc ON sync_changes(doc_id, seq);

-- Bumped on every write to a document (a change, a new snapshot), so that a
-- process holding it in memory knows when another one changed it.
CREATE TABLE sync_doc_versions (
    doc_id   TEXT PRIMARY KEY,
    version  INTEGER NOT NULL
) WITHOUT ROWID;

-- This device: the folder, its id and name, and how far its own changes
-- have been written to the folder ('sent': the last local seq written).
CREATE TABLE sync_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

-- The other devices seen in the folder, and how far their files were read.
CREATE TABLE sync_devices (
    device_id       TEXT PRIMARY KEY,
    name            TEXT NOT NULL DEFAULT '',
    last_change_at  TEXT,            -- when it last wrote a change (its own clock)
    read_at         TEXT,            -- when this device last read something of it
    log_number      INTEGER NOT NULL DEFAULT 0,  -- the log file being read
    log_offset      INTEGER NOT NULL DEFAULT 0   -- bytes of it already applied
) WITHOUT ROWID;

-- Article texts to write to the folder as blobs (by the hash of their body).
CREATE TABLE sync_blobs_out (
    hash        TEXT PRIMARY KEY,
    article_id  TEXT NOT NULL
) WITHOUT ROWID;

-- Articles whose rows are to be made again from their documents (remote
-- changes arrived; a body was not there yet).
CREATE TABLE sync_dirty (
    article_id TEXT PRIMARY KEY
) WITHOUT ROWID;
