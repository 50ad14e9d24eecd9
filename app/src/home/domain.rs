//! Which editions the home page shows, and where.

use chrono::NaiveDate;

use super::types::{Home, HomeEdition};
use crate::editions::types::EditionStatus;

/// Whether a visitor may see the edition: one still being planned is the
/// organizers' draft.
pub fn is_public(status: EditionStatus) -> bool {
    status != EditionStatus::Planning
}

/// Whether an edition is over: closed, or its last day gone by in the host
/// city (`today` is that city's date).
pub fn is_past(edition: &HomeEdition, today: NaiveDate) -> bool {
    edition.status == EditionStatus::Closed || edition.end_date < today
}

/// Sorts editions into the home page's two lists; `today_of` gives each
/// edition's date in its host city.
pub fn arrange(editions: Vec<HomeEdition>, today_of: impl Fn(&HomeEdition) -> NaiveDate) -> Home {
    let (mut past, mut coming): (Vec<_>, Vec<_>) = editions
        .into_iter()
        .partition(|edition| is_past(edition, today_of(edition)));
    coming.sort_by_key(|e| e.start_date);
    past.sort_by_key(|e| std::cmp::Reverse(e.start_date));
    Home { coming, past }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registration::types::RegistrationWindow;

    fn edition(year: i32, status: EditionStatus) -> HomeEdition {
        let day = |d| NaiveDate::from_ymd_opt(year, 11, d).unwrap();
        HomeEdition {
            id: i64::from(year),
            year,
            title: format!("Cities Forum {year}"),
            host_city_latin: "Quanzhou".into(),
            host_city_native: "泉州".into(),
            venue: "Hall".into(),
            start_date: day(2),
            end_date: day(4),
            time_zone: "Asia/Shanghai".into(),
            zone_label: "Asia/Shanghai, UTC+8".into(),
            status,
            intro: String::new(),
            registration: RegistrationWindow {
                closed_reason: None,
                opens_on: None,
                closes_on: None,
                invite_only: false,
            },
            texts: Vec::new(),
        }
    }

    #[test]
    fn coming_editions_come_first_soonest_first_and_past_ones_newest_first() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let home = arrange(
            vec![
                edition(2024, EditionStatus::Closed),
                edition(2028, EditionStatus::Planning),
                edition(2025, EditionStatus::Running),
                edition(2027, EditionStatus::RegistrationOpen),
            ],
            |_| today,
        );
        let years = |list: &[HomeEdition]| list.iter().map(|e| e.year).collect::<Vec<_>>();
        assert_eq!(years(&home.coming), vec![2027, 2028]);
        // 2025 is still marked running, but its days are over.
        assert_eq!(years(&home.past), vec![2025, 2024]);
        assert_eq!(home.current().map(|e| e.year), Some(2027));
    }

    #[test]
    fn editions_being_planned_are_not_public() {
        assert!(!is_public(EditionStatus::Planning));
        assert!(is_public(EditionStatus::RegistrationOpen));
        assert!(is_public(EditionStatus::Closed));
    }
}
