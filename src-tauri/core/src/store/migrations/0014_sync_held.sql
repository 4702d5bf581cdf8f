-- Local changes not yet written to the sync folder that their document's
-- snapshot already holds (docs/sync.md, "Where the time goes"). The row in
-- sync_changes stays only to be sent: loading the document skips it (the
-- snapshot has it), and it goes once it is in the folder. Without this, every
-- article's document loaded its whole first recording twice, once from the
-- snapshot and once from the change kept for sending.
CREATE TABLE sync_held (
    seq  INTEGER PRIMARY KEY
);
