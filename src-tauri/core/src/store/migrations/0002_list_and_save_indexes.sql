-- Indexes that keep a large library fast (measured with 10,000 articles and
-- 1,000,000 highlights, see docs/benchmarks.md).

-- The library view lists article metadata in import order. The articles table
-- holds text and HTML before word_count, so listing from the table walks every
-- article's overflow pages; this index covers the listed columns.
CREATE INDEX articles_list ON articles(
    deleted_at, imported_at, id, title, byline, site, source_url, source_kind, published, lang, word_count
);

-- Each listed article shows its number of live highlights: counted from this
-- index alone instead of reading every highlight row for deleted_at.
CREATE INDEX highlights_live_article ON highlights(article_id) WHERE deleted_at IS NULL;

-- Dropping unused tag names after a save probes this instead of scanning
-- every highlight's tag links.
CREATE INDEX highlight_tags_tag ON highlight_tags(tag_id);
