-- Books and images (#23).
--
-- images: one row per distinct image, content-addressed by the SHA-256 of its
-- bytes, so a picture shared by several articles (a site's logo, a book
-- imported twice under other names) is stored once. Only types the reader
-- shows are stored: PNG, JPEG, GIF, WebP, AVIF, and SVG rewritten by the
-- importer's allowlist.
CREATE TABLE images (
    hash   TEXT PRIMARY KEY,               -- SHA-256 of bytes, hex
    mime   TEXT NOT NULL,
    width  INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes  BLOB NOT NULL
);

-- Which article holds which image, and where it came from (a web address, a
-- file name in a book). An image no article holds any more goes with its
-- last row (trigger below); an article's rows go with it.
CREATE TABLE article_images (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    hash       TEXT NOT NULL REFERENCES images(hash),
    source     TEXT,
    PRIMARY KEY (article_id, hash)
) WITHOUT ROWID;
CREATE INDEX article_images_hash ON article_images(hash);

CREATE TRIGGER article_images_release AFTER DELETE ON article_images
WHEN NOT EXISTS (SELECT 1 FROM article_images WHERE hash = OLD.hash)
BEGIN
    DELETE FROM images WHERE hash = OLD.hash;
END;

-- A book's table of contents (JSON: [{title, level, start}], start a code-point
-- offset of articles.text) and what its package says about it (JSON
-- BookDetails). A row here is what makes an article a book: the articles
-- table's CHECK on source_kind predates books (0001), so a book's row there
-- says 'html' (what its chapters are) and the store reads it as 'epub'.
CREATE TABLE books (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    toc        TEXT NOT NULL,
    details    TEXT NOT NULL
) WITHOUT ROWID;

-- Where the reader left each article: the code-point offset of the first
-- text on screen, so it survives resizing and font changes.
CREATE TABLE reading_positions (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position >= 0),
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
