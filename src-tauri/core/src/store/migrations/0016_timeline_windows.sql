-- The kept groups regrouped within a window of years (issue 20). Two events
-- are only ever linked when their midpoints are within the grouping's
-- window of years, so a change regroups the events of its bucket near the
-- changed dates and the sets they were linked into, read by these indexes,
-- instead of the whole bucket. For that, `component` now names every set of
-- linked events, one article's too (`group_key` stays NULL for those): the
-- readings kept so far lack them, so they are made again on the next open.
DROP INDEX event_readings_bucket;
CREATE INDEX event_readings_bucket_mid ON event_readings(bucket, (from_year + to_year) / 2);
CREATE INDEX event_readings_component ON event_readings(component) WHERE component IS NOT NULL;
DELETE FROM event_readings;
INSERT INTO timeline_dirty (article_id) SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM timeline_dirty);
