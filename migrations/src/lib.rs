//! The one source of the schema, for SQLite and PostgreSQL alike.

pub use sea_orm_migration::prelude::*;

mod m20261128_000001_create_accounts;
mod m20261128_000002_create_directory;
mod m20261128_000003_create_editions;
mod m20261128_000004_create_outbox;
mod m20261128_000005_create_registrations;
mod m20261128_000006_registration_settings;
mod m20261128_000007_programme;
mod m20261201_000008_session_texts;
mod m20261201_000009_safety;
mod m20261201_000010_audit_log;
mod m20261201_000011_hash_feed_secrets;
mod m20261201_000012_first_impressions;
mod m20261201_000013_badges;
mod m20261202_000014_checkin;
mod m20261202_000015_budget;
mod m20261202_000016_agreements;
mod m20261206_000017_retention;
mod m20261207_000018_account_language;
mod m20261207_000019_edition_texts;
mod m20261207_000020_names;
mod m20261207_000021_template_texts;
mod m20261207_000022_travel;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_create_accounts::Migration),
            Box::new(m20261128_000002_create_directory::Migration),
            Box::new(m20261128_000003_create_editions::Migration),
            Box::new(m20261128_000004_create_outbox::Migration),
            Box::new(m20261128_000005_create_registrations::Migration),
            Box::new(m20261128_000006_registration_settings::Migration),
            Box::new(m20261128_000007_programme::Migration),
            Box::new(m20261201_000008_session_texts::Migration),
            Box::new(m20261201_000009_safety::Migration),
            Box::new(m20261201_000010_audit_log::Migration),
            Box::new(m20261201_000011_hash_feed_secrets::Migration),
            Box::new(m20261201_000012_first_impressions::Migration),
            Box::new(m20261201_000013_badges::Migration),
            Box::new(m20261202_000014_checkin::Migration),
            Box::new(m20261202_000015_budget::Migration),
            Box::new(m20261202_000016_agreements::Migration),
            Box::new(m20261206_000017_retention::Migration),
            Box::new(m20261207_000018_account_language::Migration),
            Box::new(m20261207_000019_edition_texts::Migration),
            Box::new(m20261207_000020_names::Migration),
            Box::new(m20261207_000021_template_texts::Migration),
            Box::new(m20261207_000022_travel::Migration),
        ]
    }
}
