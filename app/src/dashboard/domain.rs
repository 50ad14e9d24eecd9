//! The dashboard's arithmetic, shared by the browser and the server.

use chrono::NaiveDate;

use super::types::Countdown;

/// Where `today` falls against the edition's first and last day.
pub fn countdown(today: NaiveDate, first: NaiveDate, last: NaiveDate) -> Countdown {
    if today < first {
        Countdown::DaysToGo((first - today).num_days())
    } else if today <= last {
        Countdown::Day {
            n: (today - first).num_days() + 1,
            of: (last - first).num_days() + 1,
        }
    } else {
        Countdown::DaysSince((today - last).num_days())
    }
}

/// A bar's length in percent of the longest, at least a sliver for any
/// value above zero so that it shows.
pub fn bar_percent(value: u32, largest: u32) -> u32 {
    if value == 0 || largest == 0 {
        0
    } else {
        (u64::from(value) * 100 / u64::from(largest)).clamp(2, 100) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).unwrap()
    }

    #[test]
    fn the_countdown_runs_before_during_and_after() {
        let (first, last) = (day(11, 2), day(11, 4));
        assert_eq!(countdown(day(10, 31), first, last), Countdown::DaysToGo(2));
        assert_eq!(
            countdown(day(11, 2), first, last),
            Countdown::Day { n: 1, of: 3 }
        );
        assert_eq!(
            countdown(day(11, 4), first, last),
            Countdown::Day { n: 3, of: 3 }
        );
        assert_eq!(countdown(day(11, 9), first, last), Countdown::DaysSince(5));
    }

    #[test]
    fn bars_are_proportional_and_never_vanish() {
        assert_eq!(bar_percent(0, 10), 0);
        assert_eq!(bar_percent(5, 10), 50);
        assert_eq!(bar_percent(1, 1_000), 2);
        assert_eq!(bar_percent(10, 10), 100);
        assert_eq!(bar_percent(3, 0), 0);
    }
}
