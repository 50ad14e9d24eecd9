use crate::error::ErrorCode;
use serde::{Deserialize, Serialize};

/// A member of the alliance is a city or an institution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MemberKind {
    #[default]
    City,
    UnEntity,
    ChamberOfCommerce,
    University,
    Company,
    OtherInstitution,
}

/// Business Council membership has three kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CouncilKind {
    #[default]
    Group,
    Individual,
    Observer,
}

/// A specialized committee is established or still preparatory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CommitteeStatus {
    #[default]
    Established,
    Preparatory,
}

/// The text form of the small enums, shared by the database, forms and URLs.
pub trait Code: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    fn parse(text: &str) -> Result<Self, ErrorCode> {
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.as_str() == text.trim())
            .ok_or(ErrorCode::UnknownChoice)
    }
}

impl Code for MemberKind {
    const ALL: &'static [Self] = &[
        MemberKind::City,
        MemberKind::UnEntity,
        MemberKind::ChamberOfCommerce,
        MemberKind::University,
        MemberKind::Company,
        MemberKind::OtherInstitution,
    ];
    fn as_str(self) -> &'static str {
        match self {
            MemberKind::City => "city",
            MemberKind::UnEntity => "un_entity",
            MemberKind::ChamberOfCommerce => "chamber_of_commerce",
            MemberKind::University => "university",
            MemberKind::Company => "company",
            MemberKind::OtherInstitution => "other_institution",
        }
    }
}

impl Code for CouncilKind {
    const ALL: &'static [Self] = &[
        CouncilKind::Group,
        CouncilKind::Individual,
        CouncilKind::Observer,
    ];
    fn as_str(self) -> &'static str {
        match self {
            CouncilKind::Group => "group",
            CouncilKind::Individual => "individual",
            CouncilKind::Observer => "observer",
        }
    }
}

impl Code for CommitteeStatus {
    const ALL: &'static [Self] = &[CommitteeStatus::Established, CommitteeStatus::Preparatory];
    fn as_str(self) -> &'static str {
        match self {
            CommitteeStatus::Established => "established",
            CommitteeStatus::Preparatory => "preparatory",
        }
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
