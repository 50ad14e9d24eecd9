//! Where each session of a day goes on the grid: plain numbers, no view,
//! so the arithmetic is tested here and compiles for server and browser.
//!
//! Grid lines follow CSS grid: row 1 holds the room names, column 1 the
//! hours; a row is a quarter hour.

use chrono::Timelike;

use chrono::NaiveDateTime;

use crate::programme::types::SessionView;

/// Minutes per grid row.
const ROW_MINUTES: u32 = 15;
/// Rows per hour, for the hour labels.
pub(super) const ROWS_PER_HOUR: u32 = 60 / ROW_MINUTES;
/// The first row of times, under the room names.
const FIRST_TIME_ROW: u32 = 2;
/// The first room's column, after the hours.
const FIRST_ROOM_COLUMN: usize = 2;
/// A day shows at least these hours, so that an empty or short day still
/// looks like a working day.
const EARLIEST_FIRST_HOUR: u32 = 8;
const LATEST_LAST_HOUR: u32 = 18;

/// What the grid needs of a session: its room and its local times
/// (`YYYY-MM-DDTHH:MM`, in the edition's zone).
#[derive(Clone, Copy, Debug)]
pub(super) struct Slot {
    pub room_id: Option<i64>,
    pub starts_local: NaiveDateTime,
    pub ends_local: NaiveDateTime,
}

impl From<&SessionView> for Slot {
    fn from(s: &SessionView) -> Self {
        Slot {
            room_id: s.room_id,
            starts_local: s.starts_local,
            ends_local: s.ends_local,
        }
    }
}

impl Slot {
    /// Ends on a later date than it starts: it runs to the bottom of the day.
    fn crosses_midnight(&self) -> bool {
        self.ends_local.date() != self.starts_local.date()
    }
}

/// One session's place: a column and the grid lines it spans (`start /
/// end`, end exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Block {
    pub column: usize,
    pub start: u32,
    pub end: u32,
    /// Overlaps an earlier block in the same column, so it is drawn
    /// shifted and both stay visible.
    pub over: bool,
}

/// The grid of one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct DayLayout {
    pub first_hour: u32,
    pub last_hour: u32,
    /// Rows of times (the room names' row not counted).
    pub rows: u32,
    /// A last column for sessions without a room is shown.
    pub no_room_column: bool,
    /// One per slot, in the slots' order.
    pub blocks: Vec<Block>,
}

impl DayLayout {
    /// Columns after the hours: the rooms, and "No room" if shown.
    pub fn room_columns(&self, rooms: usize) -> usize {
        rooms + usize::from(self.no_room_column)
    }

    /// Each hour label and the row it starts on.
    pub fn hours(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        (self.first_hour..self.last_hour).map(|h| (h, self.row_of(h * 60)))
    }

    /// The row a minute of the day falls in, rounded down to its quarter.
    fn row_of(&self, minute: u32) -> u32 {
        minute.saturating_sub(self.first_hour * 60) / ROW_MINUTES + FIRST_TIME_ROW
    }
}

/// Minute of the day.
fn minute_of_day(local: NaiveDateTime) -> u32 {
    local.hour() * 60 + local.minute()
}

/// Lays out one day's sessions, given the rooms' ids in column order.
pub(super) fn lay_out_day(room_ids: &[i64], slots: &[Slot]) -> DayLayout {
    let first_hour = slots
        .iter()
        .map(|s| minute_of_day(s.starts_local) / 60)
        .min()
        .unwrap_or(EARLIEST_FIRST_HOUR)
        .min(EARLIEST_FIRST_HOUR);
    let last_hour = slots
        .iter()
        .map(|s| {
            if s.crosses_midnight() {
                24
            } else {
                minute_of_day(s.ends_local).div_ceil(60)
            }
        })
        .max()
        .unwrap_or(LATEST_LAST_HOUR)
        .max(LATEST_LAST_HOUR);
    let mut day = DayLayout {
        first_hour,
        last_hour,
        rows: (last_hour - first_hour) * ROWS_PER_HOUR,
        no_room_column: slots.iter().any(|s| s.room_id.is_none()),
        blocks: Vec::with_capacity(slots.len()),
    };
    let no_room_column = FIRST_ROOM_COLUMN + room_ids.len();
    for slot in slots {
        // A room the grid does not list falls back to the first column.
        let column = match slot.room_id {
            Some(room) => room_ids.iter().position(|r| *r == room).unwrap_or(0) + FIRST_ROOM_COLUMN,
            None => no_room_column,
        };
        let start = day.row_of(minute_of_day(slot.starts_local));
        let end = if slot.crosses_midnight() {
            day.rows + FIRST_TIME_ROW
        } else {
            // Even a few minutes get a row of their own.
            day.row_of(minute_of_day(slot.ends_local)).max(start + 1)
        };
        let over = day
            .blocks
            .iter()
            .any(|b| b.column == column && b.start < end && start < b.end);
        day.blocks.push(Block {
            column,
            start,
            end,
            over,
        });
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(room_id: Option<i64>, starts_local: &str, ends_local: &str) -> Slot {
        let at = |text| crate::editions::domain::parse_local_minute(text).unwrap();
        Slot {
            room_id,
            starts_local: at(starts_local),
            ends_local: at(ends_local),
        }
    }

    const ROOMS: [i64; 2] = [10, 20];

    #[test]
    fn an_empty_day_runs_from_eight_to_six() {
        let day = lay_out_day(&ROOMS, &[]);
        assert_eq!((day.first_hour, day.last_hour, day.rows), (8, 18, 40));
        assert!(!day.no_room_column);
        assert_eq!(day.room_columns(ROOMS.len()), 2);
        assert_eq!(day.hours().next(), Some((8, 2)));
        assert_eq!(day.hours().last(), Some((17, 38)));
    }

    #[test]
    fn a_session_takes_its_rooms_column_and_its_quarter_hours() {
        let day = lay_out_day(
            &ROOMS,
            &[slot(Some(20), "2027-11-03T09:00", "2027-11-03T10:30")],
        );
        assert_eq!((day.first_hour, day.last_hour), (8, 18));
        // Row 2 is 08:00: 09:00 is four quarters later, 10:30 ten.
        assert_eq!(
            day.blocks,
            [Block {
                column: 3,
                start: 6,
                end: 12,
                over: false
            }]
        );
    }

    #[test]
    fn a_session_crossing_midnight_runs_to_the_bottom() {
        let day = lay_out_day(
            &ROOMS,
            &[slot(Some(10), "2027-11-03T22:00", "2027-11-04T01:00")],
        );
        assert_eq!((day.first_hour, day.last_hour, day.rows), (8, 24, 64));
        assert_eq!(
            day.blocks,
            [Block {
                column: 2,
                start: 58,
                end: 66,
                over: false
            }]
        );
    }

    #[test]
    fn overlapping_sessions_in_one_room_are_shifted_apart() {
        let day = lay_out_day(
            &ROOMS,
            &[
                slot(Some(10), "2027-11-03T09:00", "2027-11-03T10:00"),
                slot(Some(10), "2027-11-03T09:30", "2027-11-03T10:30"),
                // Same time, another room: nothing to shift.
                slot(Some(20), "2027-11-03T09:30", "2027-11-03T10:30"),
                // Right after the second one in the first room: touching is no overlap.
                slot(Some(10), "2027-11-03T10:30", "2027-11-03T11:00"),
            ],
        );
        let over: Vec<bool> = day.blocks.iter().map(|b| b.over).collect();
        assert_eq!(over, [false, true, false, false]);
        assert_eq!((day.blocks[1].start, day.blocks[1].end), (8, 12));
    }

    #[test]
    fn a_session_without_a_room_gets_a_last_column() {
        let day = lay_out_day(
            &ROOMS,
            &[
                slot(None, "2027-11-03T09:00", "2027-11-03T10:00"),
                slot(Some(10), "2027-11-03T09:00", "2027-11-03T10:00"),
            ],
        );
        assert!(day.no_room_column);
        assert_eq!(day.room_columns(ROOMS.len()), 3);
        assert_eq!(day.blocks[0].column, 4);
        assert_eq!(day.blocks[1].column, 2);
        assert!(!day.blocks[1].over);
    }

    #[test]
    fn a_room_not_listed_falls_back_to_the_first_column() {
        let day = lay_out_day(
            &ROOMS,
            &[slot(Some(99), "2027-11-03T09:00", "2027-11-03T10:00")],
        );
        assert!(!day.no_room_column);
        assert_eq!(day.blocks[0].column, 2);
    }

    #[test]
    fn times_round_to_quarter_hours_at_the_edges() {
        let day = lay_out_day(
            &ROOMS,
            &[
                // An early start pulls the day's first hour back to 07:00.
                slot(Some(10), "2027-11-03T07:10", "2027-11-03T07:20"),
                // A late end pulls the last hour up to the next full hour.
                slot(Some(20), "2027-11-03T17:50", "2027-11-03T18:05"),
                // Both ends round down to their quarter: 09:10–09:50 spans 09:00–09:45.
                slot(None, "2027-11-03T09:10", "2027-11-03T09:50"),
                // Five minutes still get one row.
                slot(None, "2027-11-03T12:00", "2027-11-03T12:05"),
            ],
        );
        assert_eq!((day.first_hour, day.last_hour, day.rows), (7, 19, 48));
        let spans: Vec<(u32, u32)> = day.blocks.iter().map(|b| (b.start, b.end)).collect();
        assert_eq!(spans, [(2, 3), (45, 46), (10, 13), (22, 23)]);
    }

    #[test]
    fn an_end_on_the_hour_does_not_add_an_hour() {
        let day = lay_out_day(
            &ROOMS,
            &[slot(Some(10), "2027-11-03T17:00", "2027-11-03T19:00")],
        );
        assert_eq!(day.last_hour, 19);
        assert_eq!(day.blocks[0].end, day.rows + FIRST_TIME_ROW);
    }
}
