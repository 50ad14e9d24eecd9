//! The visa invitation letter of an approved registration.

use sea_orm::ConnectionTrait;

use super::own::owned;
use super::{load_edition, view_one};
use crate::directory::service::latin_names;
use crate::error::{AppError, ErrorCode};
use crate::i18n::Locale;
use crate::registration::entity::registration;
use crate::registration::letter::{VisaLetter, render};
use crate::registration::types::RegistrationStatus;

/// The visa invitation letter of an approved registration in `locale`,
/// as a PDF and its file name.
async fn visa_letter(
    db: &impl ConnectionTrait,
    model: registration::Model,
    locale: Locale,
) -> Result<(String, Vec<u8>), AppError> {
    if model.status != RegistrationStatus::Approved {
        return Err(AppError::Conflict(ErrorCode::NotApproved));
    }
    let edition = load_edition(db, model.edition_id).await?;
    let host = latin_names(db, [edition.model.host_city_id]).await?;
    let view = view_one(db, model, &edition).await?;
    // In the letter's language, as the rest of it: the category, and the
    // edition's title and venue where organizers wrote them in it.
    let category = view.category.label(locale);
    let texts = crate::editions::service::texts_for(db, edition.model.id).await?;
    let written = |field| {
        let (title, venue) = (&edition.model.title, &edition.model.venue);
        crate::editions::types::title_or_venue(title, venue, &texts, field, locale).0
    };
    let (edition_title, venue) = (
        written(crate::editions::types::EditionField::Title),
        written(crate::editions::types::EditionField::Venue),
    );
    let letter = VisaLetter {
        registration_id: view.id,
        issued_on: edition.today(),
        edition_title,
        venue,
        host_city: host
            .get(&edition.model.host_city_id)
            .cloned()
            .unwrap_or_default(),
        start_date: edition.model.start_date,
        end_date: edition.model.end_date,
        honorific: view.honorific,
        name_latin: view.name_latin.clone(),
        name_native: view.name_native,
        position: view.position,
        organization: view.organization,
        member_name: view.member_name,
        category,
        arrival: view.arrival,
        departure: view.departure,
    };
    // Shaping and subsetting fonts is CPU work: off the async workers,
    // under the documents' gate.
    let pdf = crate::heavy::document(move || render(&letter, locale)).await??;
    // The English letter keeps its plain name; another language says so.
    let file = if locale == crate::registration::LETTER_LANGUAGE {
        format!("visa-letter-CF-{}.pdf", view.id)
    } else {
        format!(
            "visa-letter-CF-{}-{}.pdf",
            view.id,
            crate::locale::code(locale)
        )
    };
    Ok((file, pdf))
}

/// The letter for staff who review registrations.
pub async fn visa_letter_for_staff(
    db: &impl ConnectionTrait,
    edition_id: i64,
    id: i64,
    locale: Locale,
) -> Result<(String, Vec<u8>), AppError> {
    let model = super::registration_in(db, edition_id, id).await?;
    visa_letter(db, model, locale).await
}

/// The letter for the person themself or the head of their delegation.
pub async fn visa_letter_for_owner(
    db: &impl ConnectionTrait,
    email: &str,
    edition_id: i64,
    id: i64,
    locale: Locale,
) -> Result<(String, Vec<u8>), AppError> {
    let (model, _) = owned(db, email, id).await?;
    if model.edition_id != edition_id {
        return Err(AppError::NotFound);
    }
    visa_letter(db, model, locale).await
}
