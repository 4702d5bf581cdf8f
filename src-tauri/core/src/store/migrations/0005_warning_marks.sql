-- The reader's verdicts on chronology warnings (issue 17): a warning
-- dismissed (not a mistake) or marked as a real error in the text. Keyed by
-- the event's span and the warning's kind, not the event's id: extracted
-- events are made again when extraction improves, and the verdict must
-- survive that. `exact` is the event's quote when marked, so a verdict whose
-- span now holds other words (the text was re-read) is not applied. The
-- warning itself is kept as JSON so that an error the reader confirmed
-- stays in the exports even if a later version stops raising it.
CREATE TABLE warning_marks (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    exact       TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('after_publication','likely_typo','two_dates')),
    mark        TEXT NOT NULL CHECK (mark IN ('dismissed','error')),
    warning     TEXT NOT NULL,                     -- JSON: the warning as it was shown
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (article_id, start, end, kind)
) WITHOUT ROWID;
