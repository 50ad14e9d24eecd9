//! The header's menu: which places each role sees, grouped as the role
//! works. Pure, so that "nothing leads to a wall" is a unit test: every
//! place listed for a role is one the permission table lets it use.

use crate::auth::domain::{Operation, may};
use crate::auth::types::Role;

/// A place the menu can lead to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Programme,
    Register,
    MyAgenda,
    Dashboard,
    Review,
    Badges,
    Checkin,
    Budget,
    Agreements,
    Editions,
    Members,
    Committees,
    Council,
    Outbox,
    Audit,
    Staff,
    MyRegistration,
}

/// A group of places under one heading (a drop-down on wide screens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Directory,
    Administration,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Place(Place),
    Group(Group, Vec<Place>),
}

/// The edition the menu is about: the one on now or next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurrentEdition {
    pub id: i64,
    pub registration_open: bool,
}

impl Place {
    /// What the place's page asks of the caller; `None`: anyone, signed
    /// in or not.
    pub fn operation(self) -> Option<Operation> {
        match self {
            Place::Programme | Place::Register => None,
            Place::MyAgenda | Place::MyRegistration => Some(Operation::ManageOwnRegistration),
            Place::Dashboard | Place::Editions => Some(Operation::ManageEditions),
            Place::Review => Some(Operation::ReviewRegistrations),
            Place::Badges => Some(Operation::PrintBadges),
            Place::Checkin => Some(Operation::ViewArrivals),
            Place::Budget => Some(Operation::ViewBudget),
            Place::Agreements => Some(Operation::ViewAgreements),
            Place::Members | Place::Committees | Place::Council => Some(Operation::ViewDirectory),
            Place::Outbox => Some(Operation::ReadOutbox),
            Place::Audit => Some(Operation::ReadAuditLog),
            Place::Staff => Some(Operation::ManageAccounts),
        }
    }

    /// Where it is; `None` for a place of an edition when there is none.
    pub fn href(self, edition: Option<CurrentEdition>) -> Option<String> {
        let of_edition = |path: &str| edition.map(|e| format!("/editions/{}{path}", e.id));
        match self {
            Place::Programme => of_edition("/programme"),
            Place::Register => of_edition("/register"),
            Place::MyAgenda => of_edition("/agenda"),
            Place::Dashboard => of_edition(""),
            Place::Review => of_edition("/registrations"),
            Place::Badges => of_edition("/badges"),
            Place::Checkin => of_edition("/checkin"),
            Place::Budget => of_edition("/budget"),
            // Agreements outlive an edition: followed up all year.
            Place::Agreements => Some("/agreements".into()),
            Place::Editions => Some("/editions".into()),
            Place::Members => Some("/members".into()),
            Place::Committees => Some("/committees".into()),
            Place::Council => Some("/council".into()),
            Place::Outbox => Some("/outbox".into()),
            Place::Audit => Some("/audit".into()),
            Place::Staff => Some("/account/staff".into()),
            Place::MyRegistration => Some("/my".into()),
        }
    }

    fn allowed(self, role: Option<Role>) -> bool {
        match (self.operation(), role) {
            (None, _) => true,
            (Some(operation), Some(role)) => may(role, operation),
            // A visitor's own registration is reached by an e-mailed link;
            // the page asks for the address.
            (Some(_), None) => self == Place::MyRegistration,
        }
    }
}

/// The menu of `role` (`None`: a visitor): the current edition's places
/// first, then the directory and administration as groups, then one's
/// own registration. Only places the role may use; a group with none is
/// left out.
pub fn menu(role: Option<Role>, edition: Option<CurrentEdition>) -> Vec<Entry> {
    let usable = |place: Place| place.allowed(role) && place.href(edition).is_some();
    let mut entries = Vec::new();
    let register = edition.is_some_and(|e| e.registration_open) && role.is_none();
    let delegate_agenda = role == Some(Role::Delegate);
    for (place, shown) in [
        (Place::Programme, true),
        (Place::Register, register),
        (Place::Dashboard, true),
        (Place::Review, true),
        (Place::Badges, true),
        (Place::Checkin, true),
        (Place::Budget, true),
        (Place::Agreements, true),
        (Place::MyAgenda, delegate_agenda),
    ] {
        if shown && usable(place) {
            entries.push(Entry::Place(place));
        }
    }
    for (group, places) in [
        (
            Group::Directory,
            vec![Place::Members, Place::Committees, Place::Council],
        ),
        (
            Group::Administration,
            vec![Place::Editions, Place::Staff, Place::Outbox, Place::Audit],
        ),
    ] {
        let places: Vec<Place> = places.into_iter().filter(|p| usable(*p)).collect();
        if !places.is_empty() {
            entries.push(Entry::Group(group, places));
        }
    }
    entries.push(Entry::Place(Place::MyRegistration));
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUANZHOU: CurrentEdition = CurrentEdition {
        id: 1,
        registration_open: true,
    };

    fn places(entries: &[Entry]) -> Vec<Place> {
        entries
            .iter()
            .flat_map(|entry| match entry {
                Entry::Place(place) => vec![*place],
                Entry::Group(_, places) => places.clone(),
            })
            .collect()
    }

    #[test]
    fn no_role_is_shown_a_place_it_may_not_use() {
        for role in Role::ALL.into_iter().map(Some).chain([None]) {
            for edition in [Some(QUANZHOU), None] {
                for place in places(&menu(role, edition)) {
                    assert!(place.allowed(role), "{role:?} is shown {place:?}");
                    assert!(place.href(edition).is_some(), "{place:?} leads nowhere");
                }
            }
        }
    }

    #[test]
    fn each_role_sees_its_own_places() {
        use Place::*;
        assert_eq!(
            places(&menu(None, Some(QUANZHOU))),
            vec![Programme, Register, MyRegistration]
        );
        assert_eq!(
            places(&menu(Some(Role::Delegate), Some(QUANZHOU))),
            vec![Programme, MyAgenda, MyRegistration]
        );
        assert_eq!(
            places(&menu(Some(Role::Registrar), Some(QUANZHOU))),
            vec![
                Programme,
                Review,
                Badges,
                Checkin,
                Members,
                Committees,
                Council,
                MyRegistration
            ]
        );
        assert_eq!(
            places(&menu(Some(Role::Organizer), Some(QUANZHOU))),
            vec![
                Programme,
                Dashboard,
                Review,
                Badges,
                Checkin,
                Budget,
                Agreements,
                Members,
                Committees,
                Council,
                Editions,
                Staff,
                Outbox,
                Audit,
                MyRegistration
            ]
        );
        // Without an edition, an organizer still reaches the editions.
        assert_eq!(
            places(&menu(Some(Role::Organizer), None)),
            vec![
                Agreements,
                Members,
                Committees,
                Council,
                Editions,
                Staff,
                Outbox,
                Audit,
                MyRegistration
            ]
        );
    }

    #[test]
    fn finance_sees_the_budget_and_the_directory() {
        use Place::*;
        assert_eq!(
            places(&menu(Some(Role::Finance), Some(QUANZHOU))),
            vec![
                Programme,
                Budget,
                Members,
                Committees,
                Council,
                MyRegistration
            ]
        );
    }

    #[test]
    fn coordinators_see_the_agreements_with_or_without_an_edition() {
        use Place::*;
        for edition in [Some(QUANZHOU), None] {
            let shown = places(&menu(Some(Role::Coordinator), edition));
            assert!(shown.contains(&Agreements), "{edition:?}");
            assert!(!shown.contains(&Budget) && !shown.contains(&Review));
        }
        assert!(!places(&menu(Some(Role::Delegate), Some(QUANZHOU))).contains(&Agreements));
    }

    #[test]
    fn registration_is_offered_only_while_open() {
        let closed = CurrentEdition {
            registration_open: false,
            ..QUANZHOU
        };
        assert!(!places(&menu(None, Some(closed))).contains(&Place::Register));
    }
}
