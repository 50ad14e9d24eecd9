//! The agreements' services (server only), by what they keep:
//! `templates`, `drafting` (new agreements, their particulars, texts,
//! versions, comparisons, comments), `signing` (status moves, the signing,
//! the ceremony list), `activities` (follow-up, progress notes, the
//! representatives' own view), `reminders`, `plans` (committees'
//! initiatives), `report` (dashboard, outcome report, CSV, PDF). This file
//! loads what they share and turns rows into views.

pub mod activities;
pub mod drafting;
pub mod plans;
pub mod reminders;
pub mod report;
pub mod signing;
pub mod templates;
pub mod versions;

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::domain;
use super::entity::{agreement, party, signing as signing_row, version};
use super::types::{AgreementSummary, AgreementView, Clause, PartyView, Signatory, SigningView};
use crate::audit::{Actor, Change};
use crate::error::{AppError, ErrorCode};

/// Names of the directory, read once per request: members (Latin and
/// native), Business Council members, committees, editions.
#[derive(Default)]
pub struct Names {
    pub members: HashMap<i64, (String, String)>,
    pub council: HashMap<i64, String>,
    pub committees: HashMap<i64, String>,
    /// Committees' names in the app's other languages.
    pub committee_names: HashMap<i64, crate::names::types::Names>,
    pub editions: HashMap<i64, String>,
}

impl Names {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Names, AppError> {
        use crate::directory::entity::{committee, council_member, member};
        use crate::editions::entity::edition;
        let members = member::Entity::find()
            .select_only()
            .columns([
                member::Column::Id,
                member::Column::NameLatin,
                member::Column::NameNative,
            ])
            .into_tuple::<(i64, String, String)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, latin, native)| (id, (latin, native)))
            .collect();
        let council = council_member::Entity::find()
            .select_only()
            .columns([council_member::Column::Id, council_member::Column::Name])
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let committees: HashMap<i64, String> = committee::Entity::find()
            .select_only()
            .columns([committee::Column::Id, committee::Column::Name])
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let editions = edition::Entity::find()
            .select_only()
            .columns([edition::Column::Id, edition::Column::Title])
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let committee_names = crate::names::service::names_of(
            db,
            crate::names::service::Named::Committee,
            committees.keys().copied(),
        )
        .await?;
        Ok(Names {
            members,
            council,
            committees,
            committee_names,
            editions,
        })
    }

    /// A party's (Latin, native) names.
    pub fn party(&self, p: &party::Model) -> (String, String) {
        if let Some(id) = p.member_id {
            self.members.get(&id).cloned().unwrap_or_default()
        } else if let Some(id) = p.council_member_id {
            (
                self.council.get(&id).cloned().unwrap_or_default(),
                String::new(),
            )
        } else {
            Default::default()
        }
    }

    pub fn committee(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.committees.get(&id).cloned())
            .unwrap_or_default()
    }

    /// A committee's name in the other languages.
    pub fn committee_names(&self, id: Option<i64>) -> crate::names::types::Names {
        id.and_then(|id| self.committee_names.get(&id).cloned())
            .unwrap_or_default()
    }

    pub fn edition(&self, id: i64) -> String {
        self.editions.get(&id).cloned().unwrap_or_default()
    }
}

pub fn party_view(p: &party::Model, names: &Names) -> PartyView {
    let (name, name_native) = names.party(p);
    PartyView {
        id: p.id,
        member_id: p.member_id,
        council_member_id: p.council_member_id,
        name,
        name_native,
        signatory_name: p.signatory_name.clone(),
        signatory_title: p.signatory_title.clone(),
        contact_name: p.contact_name.clone(),
        contact_email: p.contact_email.clone(),
        language: p.language.clone(),
    }
}

/// A JSON column read back (`what` names it when it cannot be).
fn stored<T: serde::de::DeserializeOwned>(json: &str, what: &str) -> Result<T, AppError> {
    serde_json::from_str(json).map_err(|err| AppError::internal(format!("stored {what}: {err}")))
}

/// A value as its JSON column keeps it.
fn to_stored(value: &impl serde::Serialize) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|err| AppError::internal(err.to_string()))
}

pub fn clauses_of(json: &str) -> Result<Vec<Clause>, AppError> {
    stored(json, "clauses")
}

pub fn clauses_json(clauses: &[Clause]) -> Result<String, AppError> {
    to_stored(&clauses)
}

/// A template's clauses in more languages, as stored.
pub fn texts_of(json: &str) -> Result<super::types::TemplateTexts, AppError> {
    stored(json, "texts")
}

pub fn texts_json(texts: &super::types::TemplateTexts) -> Result<String, AppError> {
    to_stored(texts)
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<agreement::Model, AppError> {
    agreement::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The parties of these agreements, in their order.
pub async fn parties_of(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<party::Model>>, AppError> {
    let mut by_agreement: HashMap<i64, Vec<party::Model>> = HashMap::new();
    // Bounded lists: SQLite takes at most 32,766 bound values.
    for chunk in ids.chunks(10_000) {
        let rows = party::Entity::find()
            .filter(party::Column::AgreementId.is_in(chunk.iter().copied()))
            .order_by_asc(party::Column::AgreementId)
            .order_by_asc(party::Column::Position)
            .all(db)
            .await?;
        for row in rows {
            by_agreement.entry(row.agreement_id).or_default().push(row);
        }
    }
    Ok(by_agreement)
}

pub async fn latest_version(
    db: &impl ConnectionTrait,
    model: &agreement::Model,
) -> Result<version::Model, AppError> {
    version::Entity::find()
        .filter(version::Column::AgreementId.eq(model.id))
        .filter(version::Column::Number.eq(model.latest_version))
        .one(db)
        .await?
        .ok_or_else(|| AppError::internal("an agreement without its latest version"))
}

pub fn summary(
    model: &agreement::Model,
    parties: &[party::Model],
    names: &Names,
) -> AgreementSummary {
    AgreementSummary {
        id: model.id,
        title: model.title.clone(),
        status: model.status,
        committee_id: model.committee_id,
        committee: names.committee(model.committee_id),
        committee_names: names.committee_names(model.committee_id),
        sector: model.sector.clone(),
        edition_id: model.edition_id,
        parties: parties.iter().map(|p| names.party(p).0).collect(),
        latest_version: model.latest_version,
        updated_at: model.updated_at,
    }
}

pub fn signing_view(
    row: signing_row::Model,
    names: &Names,
    labels: &HashMap<i64, String>,
) -> SigningView {
    let signatories: Vec<Signatory> = serde_json::from_str(&row.signatories).unwrap_or_default();
    SigningView {
        edition_id: row.edition_id,
        edition: names.edition(row.edition_id),
        session_id: row.session_id,
        signed_on: row.signed_on,
        place: row.place,
        version_number: row.version_number,
        signatories,
        recorded_by: row.recorded_by.and_then(|id| labels.get(&id).cloned()),
        recorded_at: row.recorded_at,
    }
}

/// The whole agreement as its page shows it: particulars, parties, the
/// latest text, the signing.
pub async fn view(
    db: &impl ConnectionTrait,
    model: agreement::Model,
) -> Result<AgreementView, AppError> {
    let names = Names::load(db).await?;
    let parties = parties_of(db, &[model.id])
        .await?
        .remove(&model.id)
        .unwrap_or_default();
    let latest = latest_version(db, &model).await?;
    let signing = signing_row::Entity::find_by_id(model.id).one(db).await?;
    let labels = crate::auth::service::account_labels(
        db,
        model
            .created_by
            .into_iter()
            .chain(signing.as_ref().and_then(|s| s.recorded_by)),
    )
    .await?;
    Ok(AgreementView {
        id: model.id,
        title: model.title.clone(),
        status: model.status,
        moves: domain::allowed_moves(model.status).to_vec(),
        template_id: model.template_id,
        language_a: model.language_a.clone(),
        language_b: model.language_b.clone(),
        committee_id: model.committee_id,
        committee: names.committee(model.committee_id),
        committee_names: names.committee_names(model.committee_id),
        sector: model.sector.clone(),
        edition_id: model.edition_id,
        initiative_id: model.initiative_id,
        ceremony_session_id: model.ceremony_session_id,
        parties: parties.iter().map(|p| party_view(p, &names)).collect(),
        clauses: clauses_of(&latest.clauses)?,
        latest_version: model.latest_version,
        editable: domain::text_editable(model.status),
        signing: signing.map(|s| signing_view(s, &names, &labels)),
        version: model.version,
        created_by: model.created_by.and_then(|id| labels.get(&id).cloned()),
        created_at: model.created_at,
        updated_at: model.updated_at,
    })
}

/// Records a change in the audit log (in the writer's transaction).
pub async fn log(db: &impl ConnectionTrait, actor: &Actor, change: Change) -> Result<(), AppError> {
    crate::audit::record(db, actor, change).await
}

/// Raises the agreement's version if it is still `expected`; refused with
/// `edited_meanwhile` when someone saved it meanwhile.
pub async fn claim_version(
    db: &impl ConnectionTrait,
    id: i64,
    expected: i32,
) -> Result<(), AppError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    let done = agreement::Entity::update_many()
        .col_expr(
            agreement::Column::Version,
            Expr::col(agreement::Column::Version).add(1),
        )
        .col_expr(agreement::Column::UpdatedAt, Expr::value(crate::db::now()))
        .filter(agreement::Column::Id.eq(id))
        .filter(agreement::Column::Version.eq(expected))
        .exec(db)
        .await?;
    if done.rows_affected == 1 {
        Ok(())
    } else {
        Err(crate::platform::versioned::edited_meanwhile())
    }
}

/// An ISO 639-1 code: two lower-case letters.
pub fn language(field: &str, code: &str, v: &mut crate::error::Validator) -> String {
    crate::locale::language_code(code).unwrap_or_else(|| {
        v.add(field, ErrorCode::InvalidLanguage);
        String::new()
    })
}

/// What the drafting forms offer, sorted by name.
pub async fn choices(db: &impl ConnectionTrait) -> Result<super::types::Choices, AppError> {
    use super::entity::initiative;
    use super::types::{Choices, Named};
    use crate::programme::entity::{session, session_text};
    use crate::programme::types::SessionKind;
    let names = Names::load(db).await?;
    let sorted = |map: &HashMap<i64, String>| {
        let mut list: Vec<Named> = map
            .iter()
            .map(|(id, name)| Named {
                id: *id,
                name: name.clone(),
                names: Default::default(),
            })
            .collect();
        list.sort_by(|a, b| a.name.cmp(&b.name));
        list
    };
    let members: HashMap<i64, String> = names
        .members
        .iter()
        .map(|(id, (latin, native))| {
            let name = if native.is_empty() || native == latin {
                latin.clone()
            } else {
                format!("{latin} ({native})")
            };
            (*id, name)
        })
        .collect();
    let sessions = session::Entity::find()
        .filter(session::Column::Kind.eq(SessionKind::SigningCeremony))
        .order_by_asc(session::Column::StartsAt)
        .all(db)
        .await?;
    let titles: HashMap<i64, String> = session_text::Entity::find()
        .filter(session_text::Column::SessionId.is_in(sessions.iter().map(|s| s.id)))
        .filter(session_text::Column::Lang.eq("en"))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.session_id, t.title))
        .collect();
    let initiatives = initiative::Entity::find()
        .order_by_desc(initiative::Column::Year)
        .order_by_asc(initiative::Column::Title)
        .all(db)
        .await?;
    Ok(Choices {
        templates: templates::list(db).await?,
        members: sorted(&members),
        council: sorted(&names.council),
        committees: sorted(&names.committees)
            .into_iter()
            .map(|named| Named {
                names: names.committee_names(Some(named.id)),
                ..named
            })
            .collect(),
        editions: sorted(&names.editions),
        ceremonies: sessions
            .iter()
            .map(|s| {
                (
                    s.edition_id,
                    Named {
                        id: s.id,
                        name: format!(
                            "{} ({})",
                            titles.get(&s.id).cloned().unwrap_or_default(),
                            s.starts_at.format("%Y-%m-%d %H:%M UTC")
                        ),
                        names: Default::default(),
                    },
                )
            })
            .collect(),
        initiatives: initiatives
            .into_iter()
            .map(|i| Named {
                id: i.id,
                name: format!(
                    "{} {} — {}",
                    i.year,
                    names.committee(Some(i.committee_id)),
                    i.title
                ),
                names: Default::default(),
            })
            .collect(),
    })
}
