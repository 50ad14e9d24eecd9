//! Drafting: a new agreement (from a template, every placeholder asked
//! for, or blank), its particulars and parties, every revision of its
//! text kept as a version (compared and commented on in `versions`). Two
//! people saving from the same reading: the second is told
//! (`edited_meanwhile`), never silently lost.

use std::collections::BTreeSet;

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};

use super::{
    Names, claim_version, clauses_json, clauses_of, find, language, log, parties_of, texts_of,
};
use crate::agreements::domain::{self, LINE_MAX, PARTIES_MAX, PartyName, TITLE_MAX, check_clauses};
use crate::agreements::entity::{agreement, party, template, version};
use crate::agreements::types::{
    AgreementFilter, AgreementInput, AgreementStatus, AgreementSummary, AgreementView, Clause,
    ClauseText, DraftInput, PartyInput, TextInput,
};
use crate::audit::{Actor, Change};
use crate::db::now;
use crate::error::{AppError, ErrorCode, Validator, validated};
use crate::paging::{PageRequest, Paged};

/// A party as checked, ready to store.
pub struct CheckedParty {
    pub id: Option<i64>,
    pub member_id: Option<i64>,
    pub council_member_id: Option<i64>,
    pub signatory_name: String,
    pub signatory_title: String,
    pub contact_name: String,
    pub contact_email: String,
    pub language: String,
}

/// Checks the parties against the directory: two or more, each a member
/// or a Business Council member (not both), none twice.
pub fn check_parties(inputs: &[PartyInput], names: &Names, v: &mut Validator) -> Vec<CheckedParty> {
    if inputs.len() < 2 {
        v.add("parties", ErrorCode::TooFewParties);
    }
    if inputs.len() > PARTIES_MAX {
        v.add("parties", ErrorCode::TooMany);
        return Vec::new();
    }
    let mut seen = BTreeSet::new();
    let mut ids = BTreeSet::new();
    let mut checked = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let field = |name: &str| format!("parties.{i}.{name}");
        let who = match (input.member_id, input.council_member_id) {
            (Some(id), None) if names.members.contains_key(&id) => Some((Some(id), None)),
            (None, Some(id)) if names.council.contains_key(&id) => Some((None, Some(id))),
            (None, None) => {
                v.add(&field("member_id"), ErrorCode::Required);
                None
            }
            _ => {
                v.add(&field("member_id"), ErrorCode::UnknownMember);
                None
            }
        };
        if let Some(who) = who
            && !seen.insert(who)
        {
            v.add(&field("member_id"), ErrorCode::PartyRepeated);
        }
        if let Some(id) = input.id
            && !ids.insert(id)
        {
            v.add(&field("member_id"), ErrorCode::PartyRepeated);
        }
        let mut line = |name: &str, text: &str| {
            v.check(&field(name), crate::text::line(text, LINE_MAX, false))
                .unwrap_or_default()
        };
        let signatory_name = line("signatory_name", &input.signatory_name);
        let signatory_title = line("signatory_title", &input.signatory_title);
        let contact_name = line("contact_name", &input.contact_name);
        let contact_email = v
            .check(
                &field("contact_email"),
                domain::optional_email(&input.contact_email),
            )
            .unwrap_or_default();
        let language = if input.language.trim().is_empty() {
            "en".to_owned()
        } else {
            language(&field("language"), &input.language, v)
        };
        let (member_id, council_member_id) = who.unwrap_or_default();
        checked.push(CheckedParty {
            id: input.id,
            member_id,
            council_member_id,
            signatory_name,
            signatory_title,
            contact_name,
            contact_email,
            language,
        });
    }
    checked
}

/// Checks the committee, edition and initiative an agreement names.
async fn check_links(
    db: &impl ConnectionTrait,
    names: &Names,
    committee_id: Option<i64>,
    edition_id: Option<i64>,
    initiative_id: Option<i64>,
    v: &mut Validator,
) -> Result<(), AppError> {
    if let Some(id) = committee_id
        && !names.committees.contains_key(&id)
    {
        v.add("committee_id", ErrorCode::UnknownCommittee);
    }
    if let Some(id) = edition_id
        && !names.editions.contains_key(&id)
    {
        v.add("edition_id", ErrorCode::UnknownEdition);
    }
    if let Some(id) = initiative_id {
        use crate::agreements::entity::initiative;
        if initiative::Entity::find_by_id(id).one(db).await?.is_none() {
            v.add("initiative_id", ErrorCode::UnknownInitiative);
        }
    }
    Ok(())
}

async fn insert_party(
    db: &impl ConnectionTrait,
    agreement_id: i64,
    position: usize,
    p: &CheckedParty,
) -> Result<(), AppError> {
    party::ActiveModel {
        id: NotSet,
        agreement_id: Set(agreement_id),
        position: Set(position as i32),
        member_id: Set(p.member_id),
        council_member_id: Set(p.council_member_id),
        signatory_name: Set(p.signatory_name.clone()),
        signatory_title: Set(p.signatory_title.clone()),
        contact_name: Set(p.contact_name.clone()),
        contact_email: Set(p.contact_email.clone()),
        language: Set(p.language.clone()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A new agreement: from a template (every placeholder filled in both
/// columns) or blank (one clause naming the parties, to write on).
pub async fn create(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    input: DraftInput,
) -> Result<AgreementView, AppError> {
    let names = Names::load(db).await?;
    let mut v = Validator::new();
    let title = v.check("title", crate::text::line(&input.title, TITLE_MAX, true));
    let sector = v
        .check("sector", crate::text::line(&input.sector, LINE_MAX, false))
        .unwrap_or_default();
    let parties = check_parties(&input.parties, &names, &mut v);
    check_links(
        db,
        &names,
        input.committee_id,
        input.edition_id,
        input.initiative_id,
        &mut v,
    )
    .await?;
    let party_names: Vec<PartyName> = parties
        .iter()
        .map(|p| {
            let (latin, native) = p
                .member_id
                .and_then(|id| names.members.get(&id).cloned())
                .or_else(|| {
                    p.council_member_id
                        .and_then(|id| names.council.get(&id).cloned())
                        .map(|name| (name, String::new()))
                })
                .unwrap_or_default();
            PartyName { latin, native }
        })
        .collect();
    let (languages, clauses, note) = match input.template_id {
        Some(id) => {
            let Some(template) = template::Entity::find_by_id(id).one(db).await? else {
                v.add("template_id", ErrorCode::UnknownTemplate);
                v.finish()?;
                return Err(AppError::NotFound);
            };
            let texts = texts_of(&template.texts)?;
            let offered = domain::template_languages(&template.language_b, &texts);
            let chosen = |field: &str, typed: &str, default: &str, v: &mut Validator| {
                let typed = if typed.trim().is_empty() {
                    default
                } else {
                    typed
                };
                match crate::locale::language_code(typed) {
                    Some(code) if offered.contains(&code) => code,
                    _ => {
                        v.add(field, ErrorCode::TemplateLacksLanguage);
                        String::new()
                    }
                }
            };
            let a = chosen("language_a", &input.language_a, "en", &mut v);
            let b = chosen(
                "language_b",
                &input.language_b,
                &template.language_b,
                &mut v,
            );
            // Every value is asked for whatever the pair: a translation has
            // its clause's placeholders.
            let clauses = clauses_of(&template.clauses)?;
            let wanted = domain::placeholders(&clauses).unwrap_or_default();
            let or_english = |code: &str| if code.is_empty() { "en" } else { code }.to_owned();
            let written_in = (or_english(&a), or_english(&b));
            let filled = domain::fill_values(
                &wanted,
                &input.values,
                &party_names,
                (&written_in.0, &written_in.1),
                &mut v,
            );
            let pair = domain::template_pair(&clauses, &template.language_b, &texts, (&a, &b));
            let drafted = match &pair {
                Some(pair) => {
                    let drafted = domain::fill(pair, &filled);
                    domain::check_filled(pair, &drafted, &mut v);
                    drafted
                }
                // A language refused above: nothing is stored.
                None => Vec::new(),
            };
            (
                (a, b),
                drafted,
                format!("Drafted from the template “{}”", template.name),
            )
        }
        None => {
            let a = if input.language_a.trim().is_empty() {
                "en".to_owned()
            } else {
                language("language_a", &input.language_a, &mut v)
            };
            let b = language("language_b", &input.language_b, &mut v);
            let listed = party_names
                .iter()
                .map(|p| p.latin.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let clause = Clause {
                a: ClauseText {
                    heading: "Parties".to_owned(),
                    body: format!("This agreement is made between {listed}."),
                },
                b: ClauseText::default(),
            };
            ((a, b), vec![clause], "Drafted".to_owned())
        }
    };
    if !languages.0.is_empty() && languages.0 == languages.1 {
        v.add("language_b", ErrorCode::SameLanguage);
    }
    v.finish()?;
    let title = validated(title)?;
    let at = now();
    let txn = db.begin().await?;
    let model = agreement::ActiveModel {
        id: NotSet,
        title: Set(title.clone()),
        status: Set(AgreementStatus::Draft),
        template_id: Set(input.template_id),
        language_a: Set(languages.0),
        language_b: Set(languages.1),
        committee_id: Set(input.committee_id),
        sector: Set(sector),
        edition_id: Set(input.edition_id),
        initiative_id: Set(input.initiative_id),
        ceremony_session_id: Set(None),
        latest_version: Set(1),
        version: Set(1),
        created_by: Set(actor.user_id),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(&txn)
    .await?;
    for (position, p) in parties.iter().enumerate() {
        insert_party(&txn, model.id, position, p).await?;
    }
    version::ActiveModel {
        id: NotSet,
        agreement_id: Set(model.id),
        number: Set(1),
        title: Set(title),
        clauses: Set(clauses_json(&clauses)?),
        note: Set(note),
        status: Set(AgreementStatus::Draft),
        created_by: Set(actor.user_id),
        created_at: Set(at),
    }
    .insert(&txn)
    .await?;
    log(
        &txn,
        actor,
        Change::new("created", "agreement", model.id).after(&model),
    )
    .await?;
    let view = super::view(&txn, model).await?;
    txn.commit().await?;
    Ok(view)
}

/// Saves the particulars: committee or sector, edition, initiative,
/// ceremony session, parties. Once signed, the parties and signatories
/// are those who signed; only contacts change.
pub async fn update(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i64,
    input: AgreementInput,
) -> Result<AgreementView, AppError> {
    let names = Names::load(db).await?;
    let before = find(db, id).await?;
    let mut v = Validator::new();
    let sector = v
        .check("sector", crate::text::line(&input.sector, LINE_MAX, false))
        .unwrap_or_default();
    let parties = check_parties(&input.parties, &names, &mut v);
    check_links(
        db,
        &names,
        input.committee_id,
        input.edition_id,
        input.initiative_id,
        &mut v,
    )
    .await?;
    if let Some(session_id) = input.ceremony_session_id {
        use crate::programme::entity::session;
        use crate::programme::types::SessionKind;
        let ceremony = session::Entity::find_by_id(session_id)
            .one(db)
            .await?
            .filter(|s| {
                s.kind == SessionKind::SigningCeremony && Some(s.edition_id) == input.edition_id
            });
        if ceremony.is_none() {
            v.add("ceremony_session_id", ErrorCode::UnknownSession);
        }
    }
    v.finish()?;
    let old_parties = parties_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    // From "ready to sign" on, the parties and signatories are those the
    // text names (reopen the negotiation to change them); contacts change.
    if !domain::text_editable(before.status) {
        let same = old_parties.len() == parties.len()
            && old_parties.iter().zip(&parties).all(|(old, new)| {
                new.id == Some(old.id)
                    && old.member_id == new.member_id
                    && old.council_member_id == new.council_member_id
                    && old.signatory_name == new.signatory_name
                    && old.signatory_title == new.signatory_title
            });
        if !same {
            return Err(AppError::Conflict(ErrorCode::SignatoriesFrozen));
        }
    }
    let txn = db.begin().await?;
    claim_version(&txn, id, input.version).await?;
    let mut row: agreement::ActiveModel = before.clone().into();
    row.committee_id = Set(input.committee_id);
    row.sector = Set(sector);
    row.edition_id = Set(input.edition_id);
    row.initiative_id = Set(input.initiative_id);
    row.ceremony_session_id = Set(input.ceremony_session_id);
    row.version = Set(input.version + 1);
    row.updated_at = Set(now());
    let after = row.update(&txn).await?;
    save_parties(&txn, id, &old_parties, &parties).await?;
    log(
        &txn,
        actor,
        Change::new("updated", "agreement", id)
            // Objects, as every entry's before and after are.
            .before(&serde_json::json!({"agreement": &before, "parties": &old_parties}))
            .after(&serde_json::json!({
                "agreement": &after,
                "parties": parties_of(&txn, &[id]).await?.remove(&id).unwrap_or_default(),
            })),
    )
    .await?;
    let view = super::view(&txn, after).await?;
    txn.commit().await?;
    Ok(view)
}

/// Parties kept by id are updated in place (their activities stay
/// theirs), new ones added, the others removed (refused while they own
/// activities).
async fn save_parties(
    db: &impl ConnectionTrait,
    agreement_id: i64,
    old: &[party::Model],
    new: &[CheckedParty],
) -> Result<(), AppError> {
    let kept: BTreeSet<i64> = new.iter().filter_map(|p| p.id).collect();
    for gone in old.iter().filter(|p| !kept.contains(&p.id)) {
        party::Entity::delete_by_id(gone.id)
            .exec(db)
            .await
            .map_err(|err| {
                if crate::db::is_foreign_key_violation(&err) {
                    AppError::Conflict(ErrorCode::PartyInUse)
                } else {
                    AppError::from(err)
                }
            })?;
    }
    for (position, p) in new.iter().enumerate() {
        let existing = p.id.and_then(|id| old.iter().find(|o| o.id == id));
        match existing {
            Some(old) => {
                let mut row: party::ActiveModel = old.clone().into();
                row.position = Set(position as i32);
                row.member_id = Set(p.member_id);
                row.council_member_id = Set(p.council_member_id);
                row.signatory_name = Set(p.signatory_name.clone());
                row.signatory_title = Set(p.signatory_title.clone());
                row.contact_name = Set(p.contact_name.clone());
                row.contact_email = Set(p.contact_email.clone());
                row.language = Set(p.language.clone());
                row.update(db).await?;
            }
            None => insert_party(db, agreement_id, position, p).await?,
        }
    }
    Ok(())
}

/// Saves a revision of the text as the next version, if `base_version`
/// is still the latest (else `edited_meanwhile`); the same text again
/// makes no new version.
pub async fn save_text(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i64,
    input: TextInput,
) -> Result<AgreementView, AppError> {
    let before = find(db, id).await?;
    if !domain::text_editable(before.status) {
        return Err(AppError::Conflict(ErrorCode::TextFrozen));
    }
    let mut v = Validator::new();
    let title = v.check("title", crate::text::line(&input.title, TITLE_MAX, true));
    let note = v
        .check("note", crate::text::line(&input.note, LINE_MAX, false))
        .unwrap_or_default();
    let clauses = check_clauses(&input.clauses, &mut v);
    v.finish()?;
    let title = validated(title)?;
    if before.latest_version != input.base_version {
        return Err(crate::platform::versioned::edited_meanwhile());
    }
    let latest = super::latest_version(db, &before).await?;
    if latest.title == title && clauses_of(&latest.clauses)? == clauses {
        return super::view(db, before).await;
    }
    let number = input.base_version + 1;
    let at = now();
    let txn = db.begin().await?;
    // The latest version in the filter: of two saves from one reading,
    // one wins and the other is told.
    let claimed = agreement::Entity::update_many()
        .col_expr(agreement::Column::LatestVersion, Expr::value(number))
        .col_expr(agreement::Column::Title, Expr::value(title.clone()))
        // Any change of the agreement moves its version, so that a status
        // move made from an earlier reading (ready to sign) is refused.
        .col_expr(
            agreement::Column::Version,
            Expr::col(agreement::Column::Version).add(1),
        )
        .col_expr(agreement::Column::UpdatedAt, Expr::value(at))
        .filter(agreement::Column::Id.eq(id))
        .filter(agreement::Column::LatestVersion.eq(input.base_version))
        .filter(agreement::Column::Status.is_in([
            AgreementStatus::Draft.as_str(),
            AgreementStatus::Negotiating.as_str(),
        ]))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(crate::platform::versioned::edited_meanwhile());
    }
    let saved = version::ActiveModel {
        id: NotSet,
        agreement_id: Set(id),
        number: Set(number),
        title: Set(title),
        clauses: Set(clauses_json(&clauses)?),
        note: Set(note),
        status: Set(before.status),
        created_by: Set(actor.user_id),
        created_at: Set(at),
    }
    .insert(&txn)
    .await
    .map_err(|err| {
        crate::db::unique_or_internal(err, "base_version", ErrorCode::EditedMeanwhile)
    })?;
    log(
        &txn,
        actor,
        Change::new("created", "agreement_version", format!("{id}/{number}")).after(
            &serde_json::json!({"agreement_id": id, "number": number, "title": saved.title, "note": saved.note}),
        ),
    )
    .await?;
    let after = find(&txn, id).await?;
    let view = super::view(&txn, after).await?;
    txn.commit().await?;
    Ok(view)
}

pub async fn get(db: &impl ConnectionTrait, id: i64) -> Result<AgreementView, AppError> {
    super::view(db, find(db, id).await?).await
}

/// Agreements, most recently changed first, 50 a page.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &AgreementFilter,
) -> Result<Paged<AgreementSummary>, AppError> {
    let request = PageRequest {
        page: filter.page.unwrap_or(1),
        per_page: crate::paging::DEFAULT_PER_PAGE,
    }
    .clamped();
    let mut condition = Condition::all();
    if let Some(status) = filter.status {
        condition = condition.add(agreement::Column::Status.eq(status));
    }
    if let Some(id) = filter.committee_id {
        condition = condition.add(agreement::Column::CommitteeId.eq(id));
    }
    if let Some(id) = filter.edition_id {
        condition = condition.add(agreement::Column::EditionId.eq(id));
    }
    if let Some(id) = filter.member_id {
        condition = condition.add(
            agreement::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(party::Column::AgreementId)
                    .from(party::Entity)
                    .and_where(party::Column::MemberId.eq(id))
                    .to_owned(),
            ),
        );
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        // Control characters never match a title (and a NUL would fail
        // on PostgreSQL).
        let q: String = q
            .chars()
            .filter(|c| !c.is_control())
            .take(TITLE_MAX)
            .collect();
        condition = condition.add(agreement::Column::Title.contains(&q));
    }
    let query = agreement::Entity::find().filter(condition);
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_desc(agreement::Column::UpdatedAt)
        .order_by_desc(agreement::Column::Id)
        .offset(request.offset())
        .limit(u64::from(request.per_page))
        .all(db)
        .await?;
    let names = Names::load(db).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let parties = parties_of(db, &ids).await?;
    let items = rows
        .iter()
        .map(|row| {
            super::summary(
                row,
                parties.get(&row.id).map(Vec::as_slice).unwrap_or(&[]),
                &names,
            )
        })
        .collect();
    Ok(Paged::new(items, total, request))
}
