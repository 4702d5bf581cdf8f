-- Obsidian vault export (#16): which note file in which vault folder belongs
-- to which article, so a re-export updates that file in place and a changed
-- title renames it instead of leaving the old note behind. `vault` is the
-- folder's absolute path; `file` the note's name inside it (no folders).
-- Local bookkeeping of this machine's folders: never synced.
CREATE TABLE vault_files (
    vault      TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    file       TEXT NOT NULL,
    PRIMARY KEY (vault, article_id)
);
CREATE UNIQUE INDEX vault_files_by_file ON vault_files(vault, file);
