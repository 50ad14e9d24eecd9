//! After registering: capacities and the waitlist, invitations, decisions
//! and their letters, the delegate's own page through the e-mailed link,
//! CSV export and import, the visa letter. On SQLite and PostgreSQL.

use sea_orm::EntityTrait;

use app::error::AppError;
use app::mail::entity::message;
use app::registration::domain::parse_delegation;
use app::registration::service::register_delegation;
use app::registration::types::{PersonForm, SettingsForm};

use crate::helpers::TestApp;
pub(crate) use crate::helpers::open_edition;
use crate::helpers::staff;

mod csv;
mod decisions;
mod invitations;
mod own_page;
mod visa_letter;

const URL: &str = "https://forum.example";

fn person(latin: &str, native: &str, email: &str, category: &str) -> PersonForm {
    PersonForm {
        name_native: native.into(),
        name_latin: latin.into(),
        email: email.into(),
        category: category.into(),
        languages: "zh".into(),
        ..Default::default()
    }
}

async fn register_one(app: &TestApp, edition: i64, who: PersonForm) -> Result<i64, AppError> {
    let d = parse_delegation(&who, &[], true)?;
    Ok(
        register_delegation(app.db(), &staff(), edition, None, "", d, URL)
            .await?
            .created[0]
            .id,
    )
}

fn settings(invite_only: bool, capacities: &[(&str, &str)]) -> SettingsForm {
    SettingsForm {
        invite_only,
        capacities: capacities
            .iter()
            .map(|(c, n)| (c.to_string(), n.to_string()))
            .collect(),
        ..Default::default()
    }
}

async fn subjects_to(app: &TestApp, address: &str) -> Vec<String> {
    message::Entity::find()
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.to_address == address)
        .map(|m| m.subject)
        .collect()
}
