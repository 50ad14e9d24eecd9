//! What the badges page and the dashboard show of an edition's badges.

use super::batches::batch_view;
use super::*;

/// The badges page: every approved person with their badge's print
/// history, recent batches, the keys, and the filters' choices;
/// `manage_keys`: whether the caller may rotate and revoke keys.
pub async fn overview(
    db: &impl ConnectionTrait,
    edition_id: i64,
    manage_keys: bool,
) -> Result<BadgesOverview, AppError> {
    load_edition(db, edition_id).await?;
    let rows = select(db, edition_id, &BatchSelection::default()).await?;
    let prints = badge_print::Entity::find()
        .filter(badge_print::Column::EditionId.eq(edition_id))
        .order_by_asc(badge_print::Column::Id)
        .all(db)
        .await?;
    let mut last: HashMap<i64, (badge_print::Model, u32)> = HashMap::new();
    for p in prints {
        let entry = last.entry(p.registration_id).or_insert((p.clone(), 0));
        entry.1 += 1;
        entry.0 = p;
    }
    let members = members_of(db, &rows).await?;
    let mut delegations = HashMap::new();
    let mut member_choices = HashMap::new();
    let rows = rows
        .into_iter()
        .map(|r| {
            let member = r.delegation_id.and_then(|d| members.get(&d));
            if let (Some(d), Some(m)) = (r.delegation_id, member) {
                delegations.insert(d, m.name_latin.clone());
                member_choices.insert(m.id, m.name_latin.clone());
            }
            let print = last.get(&r.id);
            let current = print.filter(|(p, _)| p.version == r.badge_version);
            BadgeRow {
                registration_id: r.id,
                member_name: member.map(|m| m.name_latin.clone()),
                delegation_id: r.delegation_id,
                status: r.status,
                version: r.badge_version,
                printed_at: current.map(|(p, _)| p.printed_at),
                printed_by: current.map(|(p, _)| p.printed_by_label.clone()),
                prints: print.map(|(_, n)| *n).unwrap_or(0),
                name_native: r.name_native,
                name_latin: r.name_latin,
                category: r.category,
            }
        })
        .collect();
    let batches = badge_batch::Entity::find()
        .filter(badge_batch::Column::EditionId.eq(edition_id))
        .order_by_desc(badge_batch::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .take(10)
        .map(batch_view)
        .collect();
    let sorted = |map: HashMap<i64, String>| {
        let mut list: Vec<(i64, String)> = map.into_iter().collect();
        list.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        list
    };
    Ok(BadgesOverview {
        rows,
        batches,
        keys: crate::credentials::service::list_keys(db, edition_id).await?,
        delegations: sorted(delegations),
        members: sorted(member_choices),
        manage_keys,
    })
}

/// The dashboard's figures: approved people, printed current badges,
/// reprints, batches being made.
pub async fn badge_summary(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<BadgeSummary, AppError> {
    let rows = select(db, edition_id, &BatchSelection::default()).await?;
    let printed = printed_versions(db, edition_id).await?;
    let batches_working = badge_batch::Entity::find()
        .filter(badge_batch::Column::EditionId.eq(edition_id))
        .filter(badge_batch::Column::Status.eq(BatchStatus::Working))
        .count(db)
        .await?;
    Ok(BadgeSummary {
        approved: rows.len() as u32,
        printed: rows
            .iter()
            .filter(|r| printed.contains(&(r.id, r.badge_version)))
            .count() as u32,
        reprinted: rows.iter().filter(|r| r.badge_version > 1).count() as u32,
        batches_working: batches_working as u32,
    })
}
