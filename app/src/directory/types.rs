use serde::{Deserialize, Serialize};

use crate::choice::choice;

choice! {
    /// A member of the alliance is a city or an institution.
    #[derive(Default)]
    pub enum MemberKind unknown UnknownChoice {
        #[default]
        City = "city",
        UnEntity = "un_entity",
        ChamberOfCommerce = "chamber_of_commerce",
        University = "university",
        Company = "company",
        OtherInstitution = "other_institution",
    }
}

choice! {
    /// Business Council membership has three kinds.
    #[derive(Default)]
    pub enum CouncilKind unknown UnknownChoice {
        #[default]
        Group = "group",
        Individual = "individual",
        Observer = "observer",
    }
}

choice! {
    /// A specialized committee is established or still preparatory.
    #[derive(Default)]
    pub enum CommitteeStatus unknown UnknownChoice {
        #[default]
        Established = "established",
        Preparatory = "preparatory",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MemberView {
    pub id: i64,
    pub kind: MemberKind,
    /// The name in its own script, e.g. 泉州, Самарканд, الإسكندرية.
    pub name_native: String,
    /// The name in Latin script, e.g. Quanzhou.
    pub name_latin: String,
    /// ISO 3166-1 alpha-2, e.g. `CN`.
    pub country: String,
}

/// A new or replaced member (the JSON API's body; the form sends the same
/// fields as text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MemberInput {
    pub kind: MemberKind,
    pub name_native: String,
    pub name_latin: String,
    pub country: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MemberPatch {
    pub kind: Option<MemberKind>,
    pub name_native: Option<String>,
    pub name_latin: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeView {
    pub id: i64,
    pub name: String,
    pub sector: String,
    pub status: CommitteeStatus,
    /// The name in the app's other languages.
    #[serde(default)]
    pub names: crate::names::types::Names,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeInput {
    pub name: String,
    pub sector: String,
    pub status: CommitteeStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilMemberView {
    pub id: i64,
    pub name: String,
    pub kind: CouncilKind,
    pub organization: String,
    /// The member city or institution it belongs to, if any.
    pub member_id: Option<i64>,
    pub member_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilMemberInput {
    pub name: String,
    pub kind: CouncilKind,
    pub organization: String,
    pub member_id: Option<i64>,
}
