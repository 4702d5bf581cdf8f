-- Word counts now count every Chinese and Japanese character as a word (as
-- word processors do; see `words::count_alphanumeric`): a Japanese book
-- counted at spaces showed "7 words". Counting needs the Unicode tables, so
-- the count is `sidenote_word_count`, the importer's own function registered
-- on the connection before migrating. Only rows whose count changes are
-- written (no trigger watches word_count; nothing else moves).
UPDATE articles SET word_count = counted.n
FROM (SELECT id, sidenote_word_count(text) AS n FROM articles) AS counted
WHERE counted.id = articles.id AND counted.n <> articles.word_count;
