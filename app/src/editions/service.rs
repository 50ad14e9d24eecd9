//! Editions and rooms in the database (server only).

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder,
    Set, TransactionSession, TransactionTrait,
};

use super::domain::ROOM_TEXT_MAX;
use super::domain::{EditionClock, NewEdition, parse_edition_text, parse_room, parse_time_zone};
use super::entity::{edition, edition_text, room};
use super::types::{EditionInput, EditionPatch, EditionText, EditionView, RoomInput, RoomView};
use crate::audit::{Actor, Change, record};
use crate::db::{is_foreign_key_violation, now, unique_or_internal};
use crate::directory::entity::member;
use crate::directory::service::latin_names;
use crate::directory::types::MemberKind;
use crate::error::{AppError, ErrorCode};
use crate::names::domain::parse_names;
use crate::names::service::{Named, names_of, replace_names};
use crate::names::types::Names;
use crate::platform::edition_version::touch_programme;

/// An edition as the areas above it need it: its row and its clock.
#[derive(Debug, Clone)]
pub struct Edition {
    pub model: edition::Model,
    pub clock: EditionClock,
}

/// One edition with its clock, loaded once per request.
pub async fn load_edition(db: &impl ConnectionTrait, id: i64) -> Result<Edition, AppError> {
    let model = edition::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Edition {
        clock: clock_of(&model)?,
        model,
    })
}

/// A stored edition's clock (its zone was checked when it was saved).
pub fn clock_of(model: &edition::Model) -> Result<EditionClock, AppError> {
    let zone = parse_time_zone(&model.time_zone).map_err(AppError::internal)?;
    Ok(EditionClock::new(zone, model.start_date, model.end_date))
}

fn room_view(model: room::Model, names: Names) -> RoomView {
    RoomView {
        id: model.id,
        name: model.name,
        capacity: model.capacity,
        floor: model.floor,
        booths: model.booths,
        names,
    }
}

/// The rooms of one edition (`Some`) or of all, by edition and name,
/// each with its names in other languages (one query for all of them).
async fn rooms_by_edition(
    db: &impl ConnectionTrait,
    edition_id: Option<i64>,
) -> Result<HashMap<i64, Vec<RoomView>>, AppError> {
    let mut find = room::Entity::find().order_by_asc(room::Column::Name);
    if let Some(id) = edition_id {
        find = find.filter(room::Column::EditionId.eq(id));
    }
    let rooms = find.all(db).await?;
    let mut names = names_of(db, Named::Room, rooms.iter().map(|r| r.id)).await?;
    let mut by_edition: HashMap<i64, Vec<RoomView>> = HashMap::new();
    for r in rooms {
        let names = names.remove(&r.id).unwrap_or_default();
        by_edition
            .entry(r.edition_id)
            .or_default()
            .push(room_view(r, names));
    }
    Ok(by_edition)
}

/// The texts of `ids` in languages other than English, by edition, each
/// edition's by language code.
pub async fn texts_of(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, Vec<EditionText>>, AppError> {
    let mut texts: HashMap<i64, Vec<EditionText>> = HashMap::new();
    for row in edition_text::Entity::find()
        .filter(edition_text::Column::EditionId.is_in(ids))
        .order_by_asc(edition_text::Column::Lang)
        .all(db)
        .await?
    {
        texts.entry(row.edition_id).or_default().push(EditionText {
            lang: row.lang,
            title: row.title,
            venue: row.venue,
            intro: row.intro,
        });
    }
    Ok(texts)
}

/// One edition's texts in languages other than English.
pub async fn texts_for(db: &impl ConnectionTrait, id: i64) -> Result<Vec<EditionText>, AppError> {
    Ok(texts_of(db, [id]).await?.remove(&id).unwrap_or_default())
}

fn edition_view(
    model: edition::Model,
    host_city_name: String,
    rooms: Vec<RoomView>,
    texts: Vec<EditionText>,
) -> Result<EditionView, AppError> {
    let status = model.status;
    Ok(EditionView {
        id: model.id,
        year: model.year,
        title: model.title,
        host_city_id: model.host_city_id,
        host_city_name,
        venue: model.venue,
        start_date: model.start_date,
        end_date: model.end_date,
        time_zone: model.time_zone,
        status,
        intro: model.intro,
        rooms,
        texts,
    })
}

/// Every edition, newest first, with its rooms.
pub async fn list_editions(db: &impl ConnectionTrait) -> Result<Vec<EditionView>, AppError> {
    let editions = edition::Entity::find()
        .order_by_desc(edition::Column::Year)
        .all(db)
        .await?;
    let names = latin_names(db, editions.iter().map(|e| e.host_city_id)).await?;
    let mut texts = texts_of(db, editions.iter().map(|e| e.id)).await?;
    let mut rooms = rooms_by_edition(db, None).await?;
    editions
        .into_iter()
        .map(|e| {
            let name = names.get(&e.host_city_id).cloned().unwrap_or_default();
            let rooms = rooms.remove(&e.id).unwrap_or_default();
            let texts = texts.remove(&e.id).unwrap_or_default();
            edition_view(e, name, rooms, texts)
        })
        .collect()
}

pub async fn get_edition(db: &impl ConnectionTrait, id: i64) -> Result<EditionView, AppError> {
    let model = edition::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let name = latin_names(db, [model.host_city_id])
        .await?
        .remove(&model.host_city_id)
        .unwrap_or_default();
    let rooms = rooms_by_edition(db, Some(id))
        .await?
        .remove(&id)
        .unwrap_or_default();
    let texts = texts_for(db, id).await?;
    edition_view(model, name, rooms, texts)
}

/// Writes an edition's title, venue and intro in one more language (all
/// three empty: that language's texts are removed, its readers read
/// English). The programme's pages show the title, so its version moves
/// in the same transaction; the change is in the audit log.
pub async fn save_edition_text(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i64,
    text: EditionText,
) -> Result<EditionView, AppError> {
    use sea_orm::sea_query::OnConflict;
    let text = parse_edition_text(text)?;
    let txn = db.begin().await?;
    let before = get_edition(&txn, id).await?;
    let key = (id, text.lang.clone());
    if text.title.is_empty() && text.venue.is_empty() && text.intro.is_empty() {
        edition_text::Entity::delete_by_id(key).exec(&txn).await?;
    } else {
        let row = edition_text::ActiveModel {
            edition_id: Set(id),
            lang: Set(text.lang),
            title: Set(text.title),
            venue: Set(text.venue),
            intro: Set(text.intro),
        };
        edition_text::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([edition_text::Column::EditionId, edition_text::Column::Lang])
                    .update_columns([
                        edition_text::Column::Title,
                        edition_text::Column::Venue,
                        edition_text::Column::Intro,
                    ])
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
    }
    touch_programme(&txn, Some(id)).await?;
    let after = get_edition(&txn, id).await?;
    record(
        &txn,
        actor,
        Change::new("translated", "edition", id)
            .edition(id)
            .before(&before)
            .after(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Writes a room's names in the other languages (an empty one is
/// removed: its readers see the English name). The timetable shows them,
/// so the programme's version moves in the same transaction; the change
/// is in the audit log.
pub async fn save_room_names(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    room_id: i64,
    names: Names,
) -> Result<Names, AppError> {
    let names = parse_names(names, ROOM_TEXT_MAX)?;
    let txn = db.begin().await?;
    room::Entity::find_by_id(room_id)
        .filter(room::Column::EditionId.eq(edition_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = replace_names(&txn, Named::Room, room_id, &names).await?;
    touch_programme(&txn, Some(edition_id)).await?;
    record(
        &txn,
        actor,
        Change::new("translated", "room", room_id)
            .edition(edition_id)
            .before(&before)
            .after(&names),
    )
    .await?;
    txn.commit().await?;
    Ok(names)
}

/// The host must be a member city, not an institution.
async fn check_host_city(db: &impl ConnectionTrait, id: i64) -> Result<(), AppError> {
    let found = member::Entity::find_by_id(id).one(db).await?;
    match found {
        Some(m) if m.kind == MemberKind::City => Ok(()),
        _ => Err(AppError::field("host_city_id", ErrorCode::NotAMemberCity)),
    }
}

fn year_taken(err: sea_orm::DbErr) -> AppError {
    unique_or_internal(err, "year", ErrorCode::YearTaken)
}

/// Creates an edition with its rooms in one transaction, recorded in
/// the audit log.
pub async fn create_edition(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition: NewEdition,
    rooms: Vec<RoomInput>,
) -> Result<EditionView, AppError> {
    let rooms = rooms
        .into_iter()
        .map(parse_room)
        .collect::<Result<Vec<_>, _>>()?;
    let input = edition.into_input();
    let txn = db.begin().await?;
    check_host_city(&txn, input.host_city_id).await?;
    let at = now();
    let model = edition::ActiveModel {
        id: NotSet,
        year: Set(input.year),
        title: Set(input.title),
        host_city_id: Set(input.host_city_id),
        venue: Set(input.venue),
        start_date: Set(input.start_date),
        end_date: Set(input.end_date),
        time_zone: Set(input.time_zone),
        status: Set(input.status),
        intro: Set(input.intro),
        created_at: Set(at),
        updated_at: Set(at),
        programme_version: NotSet,
    }
    .insert(&txn)
    .await
    .map_err(year_taken)?;
    for r in rooms {
        insert_room(&txn, model.id, r).await?;
    }
    let created = get_edition(&txn, model.id).await?;
    record(
        &txn,
        actor,
        Change::new("created", "edition", model.id)
            .edition(model.id)
            .after(&created),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update_edition(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i64,
    edition: NewEdition,
) -> Result<EditionView, AppError> {
    let input = edition.into_input();
    let txn = db.begin().await?;
    let before = get_edition(&txn, id).await?;
    let current = edition::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    check_host_city(&txn, input.host_city_id).await?;
    let current_version = current.programme_version;
    let mut model: edition::ActiveModel = current.into();
    model.year = Set(input.year);
    model.title = Set(input.title);
    model.host_city_id = Set(input.host_city_id);
    model.venue = Set(input.venue);
    model.intro = Set(input.intro);
    model.start_date = Set(input.start_date);
    model.end_date = Set(input.end_date);
    model.time_zone = Set(input.time_zone);
    model.status = Set(input.status);
    model.updated_at = Set(now());
    // Title, venue, dates and zone are on the programme's pages too.
    model.programme_version = Set(current_version + 1);
    model.update(&txn).await.map_err(year_taken)?;
    let after = get_edition(&txn, id).await?;
    record(
        &txn,
        actor,
        Change::new("updated", "edition", id)
            .edition(id)
            .before(&before)
            .after(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Applies a partial update after validating the whole result.
pub async fn patch_edition(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i64,
    patch: EditionPatch,
) -> Result<EditionView, AppError> {
    let current = get_edition(db, id).await?;
    let merged = patch.apply_to(EditionInput {
        year: current.year,
        title: current.title,
        host_city_id: current.host_city_id,
        venue: current.venue,
        start_date: current.start_date,
        end_date: current.end_date,
        time_zone: current.time_zone,
        status: current.status,
        intro: current.intro,
    });
    update_edition(db, actor, id, NewEdition::parse(merged)?).await
}

async fn insert_room(
    db: &impl ConnectionTrait,
    edition_id: i64,
    input: RoomInput,
) -> Result<RoomView, AppError> {
    let model = room::ActiveModel {
        id: NotSet,
        edition_id: Set(edition_id),
        name: Set(input.name),
        capacity: Set(input.capacity),
        floor: Set(input.floor),
        booths: Set(input.booths),
    }
    .insert(db)
    .await
    .map_err(|err| unique_or_internal(err, "name", ErrorCode::RoomNameTaken))?;
    Ok(room_view(model, Names::new()))
}

/// Adds a room; the programme's version moves in the same transaction.
pub async fn add_room(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    input: RoomInput,
) -> Result<RoomView, AppError> {
    let input = parse_room(input)?;
    let txn = db.begin().await?;
    edition::Entity::find_by_id(edition_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let room = insert_room(&txn, edition_id, input).await?;
    touch_programme(&txn, Some(edition_id)).await?;
    record(
        &txn,
        actor,
        Change::new("created", "room", room.id)
            .edition(edition_id)
            .after(&room),
    )
    .await?;
    txn.commit().await?;
    Ok(room)
}

/// Removes a room no session uses; the programme's version moves in the
/// same transaction.
pub async fn delete_room(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    room_id: i64,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let before = room::Entity::find_by_id(room_id)
        .filter(room::Column::EditionId.eq(edition_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let result = room::Entity::delete_many()
        .filter(room::Column::Id.eq(room_id))
        .filter(room::Column::EditionId.eq(edition_id))
        .exec(&txn)
        .await
        .map_err(|err| {
            // Sessions are scheduled in it.
            if is_foreign_key_violation(&err) {
                AppError::Conflict(ErrorCode::RoomInUse)
            } else {
                AppError::from(err)
            }
        })?;
    if result.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    touch_programme(&txn, Some(edition_id)).await?;
    record(
        &txn,
        actor,
        Change::new("deleted", "room", room_id)
            .edition(edition_id)
            .before(&room_view(before, Names::new())),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
