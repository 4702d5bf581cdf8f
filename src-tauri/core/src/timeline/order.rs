//! The timeline's date order: by the values' sort key (earlier first, the
//! coarser first where two begin together, dates off the calendar last),
//! then in order of mention. What a value means is `TimexValue`'s to say.

use std::cmp::Ordering;

use super::TimelineEvent;

/// Date order of two events of one article.
pub fn date_order(a: &TimelineEvent, b: &TimelineEvent) -> Ordering {
    a.date.sort_key.cmp(&b.date.sort_key).then(a.start.cmp(&b.start)).then_with(|| a.id.cmp(&b.id))
}

/// Puts events in the order the timeline shows them by date.
pub fn in_date_order(events: &mut [TimelineEvent]) {
    events.sort_by(date_order);
}
