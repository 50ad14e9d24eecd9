//! The budget's words in a reader's language, for pages, charts, the CSV
//! and the PDF alike.

use super::types::{CategoryKind, ItemStatus, PayerKind, VarianceState};
use crate::i18n::*;
use crate::names::types::{Names, name_in};

/// A category's name: the organizers' own for a custom one (in the
/// reader's language where they wrote it, see `names`).
pub fn category(locale: Locale, kind: CategoryKind, name: &str, names: &Names) -> String {
    let word = match kind {
        CategoryKind::Venue => td_string!(locale, budget_cat_venue),
        CategoryKind::Catering => td_string!(locale, budget_cat_catering),
        CategoryKind::Interpretation => td_string!(locale, budget_cat_interpretation),
        CategoryKind::Translation => td_string!(locale, budget_cat_translation),
        CategoryKind::AudioVisual => td_string!(locale, budget_cat_audio_visual),
        CategoryKind::Security => td_string!(locale, budget_cat_security),
        CategoryKind::LocalTransport => td_string!(locale, budget_cat_local_transport),
        CategoryKind::Accommodation => td_string!(locale, budget_cat_accommodation),
        CategoryKind::Printing => td_string!(locale, budget_cat_printing),
        CategoryKind::Communications => td_string!(locale, budget_cat_communications),
        CategoryKind::Staff => td_string!(locale, budget_cat_staff),
        CategoryKind::Contingency => td_string!(locale, budget_cat_contingency),
        CategoryKind::Custom => return name_in(name, names, locale).to_owned(),
    };
    word.to_string()
}

pub fn payer_kind(locale: Locale, kind: PayerKind) -> String {
    match kind {
        PayerKind::HostCity => td_string!(locale, budget_payer_host_city),
        PayerKind::AllianceProject => td_string!(locale, budget_payer_alliance_project),
        PayerKind::Sponsor => td_string!(locale, budget_payer_sponsor),
        PayerKind::Committee => td_string!(locale, budget_payer_committee),
        PayerKind::BusinessCouncil => td_string!(locale, budget_payer_business_council),
        PayerKind::Other => td_string!(locale, budget_payer_other),
    }
    .to_string()
}

pub fn status(locale: Locale, status: ItemStatus) -> String {
    match status {
        ItemStatus::Planned => td_string!(locale, budget_status_planned),
        ItemStatus::AwaitingApproval => td_string!(locale, budget_status_awaiting_approval),
        ItemStatus::Committed => td_string!(locale, budget_status_committed),
        ItemStatus::Invoiced => td_string!(locale, budget_status_invoiced),
        ItemStatus::PartlyPaid => td_string!(locale, budget_status_partly_paid),
        ItemStatus::Paid => td_string!(locale, budget_status_paid),
        ItemStatus::Cancelled => td_string!(locale, budget_status_cancelled),
    }
    .to_string()
}

/// "CNY 16,000.00 over plan (16.0%)", "on plan", "… under plan".
pub fn variance(
    locale: Locale,
    variance: &super::types::Variance,
    currency: &str,
    exponent: u32,
) -> String {
    let amount = crate::ui::numbers::money(locale, currency, exponent, variance.minor.abs());
    let share = variance
        .percent
        .as_deref()
        .map(|p| {
            let share = crate::ui::numbers::percent(locale, p.trim_start_matches('-'));
            format!(" ({share})")
        })
        .unwrap_or_default();
    match variance.state {
        VarianceState::Under => td_string!(locale, budget_under_plan, amount, share).to_string(),
        VarianceState::Over => td_string!(locale, budget_over_plan, amount, share).to_string(),
        VarianceState::OnPlan => td_string!(locale, budget_on_plan).to_string(),
    }
}

/// The charts' words.
#[cfg(feature = "ssr")]
pub fn chart_words(locale: Locale) -> super::chart::ChartWords {
    super::chart::ChartWords {
        locale,
        by_category: td_string!(locale, budget_chart_by_category).to_string(),
        over_time: td_string!(locale, budget_chart_over_time).to_string(),
        plan: td_string!(locale, budget_plan).to_string(),
        committed: td_string!(locale, budget_committed).to_string(),
        committed_or_awaiting: td_string!(locale, budget_chart_committed_or_awaiting).to_string(),
        actual: td_string!(locale, budget_actual).to_string(),
        budget_total: td_string!(locale, budget_total_plan).to_string(),
        nothing_yet: td_string!(locale, budget_nothing_yet).to_string(),
    }
}
