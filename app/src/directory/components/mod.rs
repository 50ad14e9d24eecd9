//! Organizer pages of the directory: members, committees, Business Council.

mod committees;
mod council;
mod members;

pub use committees::CommitteesPage;
pub use council::CouncilPage;
pub use members::{MemberEditPage, MemberNewPage, MembersPage};

use super::types::{CommitteeStatus, CouncilKind, MemberKind};
use crate::i18n::*;

type I18n = leptos_i18n::I18nContext<Locale>;

pub fn member_kind_label(i18n: I18n, kind: MemberKind) -> String {
    match kind {
        MemberKind::City => t_string!(i18n, kind_city),
        MemberKind::UnEntity => t_string!(i18n, kind_un_entity),
        MemberKind::ChamberOfCommerce => t_string!(i18n, kind_chamber_of_commerce),
        MemberKind::University => t_string!(i18n, kind_university),
        MemberKind::Company => t_string!(i18n, kind_company),
        MemberKind::OtherInstitution => t_string!(i18n, kind_other_institution),
    }
    .to_string()
}

pub fn council_kind_label(i18n: I18n, kind: CouncilKind) -> String {
    match kind {
        CouncilKind::Group => t_string!(i18n, council_group),
        CouncilKind::Individual => t_string!(i18n, council_individual),
        CouncilKind::Observer => t_string!(i18n, council_observer),
    }
    .to_string()
}

pub fn committee_status_label(i18n: I18n, status: CommitteeStatus) -> String {
    match status {
        CommitteeStatus::Established => t_string!(i18n, committee_established),
        CommitteeStatus::Preparatory => t_string!(i18n, committee_preparatory),
    }
    .to_string()
}
