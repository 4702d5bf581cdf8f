-- The reader's verdicts on disagreements between articles (issue 20): a
-- group of events from several articles that name the same thing with
-- different dates, either dismissed (not the same thing, or not a real
-- disagreement) or settled by marking one article's date as right. Keyed by
-- the group's key (its participants and shared action words, or the named
-- event), not by event ids: extracted events are made again when extraction
-- improves and the verdict must survive that. The event marked right is
-- kept by its article and span, as warning verdicts are, with its quote so
-- that a span that now holds other words is not taken for it.
CREATE TABLE disagreement_verdicts (
    group_key   TEXT PRIMARY KEY,
    verdict     TEXT NOT NULL CHECK (verdict IN ('dismissed','right')),
    article_id  TEXT REFERENCES articles(id) ON DELETE CASCADE,
    start       INTEGER,
    end         INTEGER,
    exact       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (verdict = 'dismissed' OR (article_id IS NOT NULL AND start IS NOT NULL AND end IS NOT NULL AND exact IS NOT NULL))
) WITHOUT ROWID;
