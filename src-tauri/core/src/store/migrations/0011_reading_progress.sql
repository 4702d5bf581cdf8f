-- The length of the text (in code points) each reading position was saved
-- against, so that the library lists how far each article has been read
-- from the positions table alone, never reading an article's text (the
-- list is served from the articles_list covering index).
ALTER TABLE reading_positions ADD COLUMN length INTEGER NOT NULL DEFAULT 0 CHECK (length >= 0);
UPDATE reading_positions
   SET length = coalesce((SELECT length(a.text) FROM articles a WHERE a.id = reading_positions.article_id), 0);
