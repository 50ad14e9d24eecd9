//! The budget for the browser. Reading is for finance and organizers,
//! writing too; approving and the threshold are the organizers' (each
//! function checks the role). Forms send amounts as typed ("1,234.56"),
//! read here in the currency they are in.

use leptos::prelude::*;

use super::types::{
    BudgetOverview, BudgetSettings, CategoryView, CopyResult, IncomeView, ItemView, PayerView,
    RateView,
};
use crate::audit::types::AuditEntryView;
use crate::error::AppError;
use crate::paging::Paged;

#[cfg(feature = "ssr")]
use crate::{
    audit::Actor,
    auth::domain::{Operation, may},
    auth::guard::guarded,
    budget::money::{Currency, parse_amount},
    budget::service,
    budget::types::{
        CategoryInput, IncomeInput, ItemFilter, ItemInput, PayerInput, RateInput, SettingsInput,
        ThresholdInput,
    },
    error::{ErrorCode, Validator},
};

/// A day from a form: empty is none.
#[cfg(feature = "ssr")]
fn day(v: &mut Validator, field: &str, text: &str) -> Option<chrono::NaiveDate> {
    v.check(field, crate::editions::domain::parse_optional_date(text))
        .flatten()
}

/// An amount from a form in `currency`: empty is none.
#[cfg(feature = "ssr")]
fn amount(v: &mut Validator, field: &str, text: &str, currency: Option<Currency>) -> Option<i64> {
    if text.trim().is_empty() {
        return None;
    }
    let currency = currency?;
    v.check(field, parse_amount(text, currency))
}

#[cfg(feature = "ssr")]
async fn reporting(
    db: &sea_orm::DatabaseConnection,
    edition_id: i64,
) -> Result<Currency, AppError> {
    Ok(service::books(db, edition_id).await?.reporting)
}

#[server(endpoint = "budget/overview")]
pub async fn load_budget(edition_id: i64, lang: String) -> Result<BudgetOverview, AppError> {
    guarded(Operation::ViewBudget, |state, caller| async move {
        let locale = crate::locale::locale_of(&lang).unwrap_or_default();
        let may_approve = may(caller.role, Operation::ApproveBudget);
        service::report::overview(
            &state.db,
            &state.part::<crate::budget::cache::SummaryCache>(),
            edition_id,
            locale,
            may_approve,
        )
        .await
    })
    .await
}

#[server(endpoint = "budget/items")]
pub async fn load_items(
    edition_id: i64,
    #[server(default)] category_id: Option<i64>,
    #[server(default)] payer_id: Option<i64>,
    #[server(default)] status: String,
    #[server(default)] q: String,
    #[server(default)] page: u32,
) -> Result<Paged<ItemView>, AppError> {
    guarded(Operation::ViewBudget, |state, _| async move {
        let status = super::types::ItemStatus::parse(&status).ok();
        let filter = ItemFilter {
            category_id,
            payer_id,
            status,
            q: Some(q),
        };
        let page = crate::paging::PageRequest {
            page: page.max(1),
            per_page: crate::paging::DEFAULT_PER_PAGE,
        };
        service::items::list_items(&state.db, edition_id, &filter, page).await
    })
    .await
}

#[server(endpoint = "budget/item")]
pub async fn load_item(edition_id: i64, item_id: i64) -> Result<ItemView, AppError> {
    guarded(Operation::ViewBudget, |state, _| async move {
        service::items::get_item(&state.db, edition_id, item_id).await
    })
    .await
}

/// The item form as typed; `item_id` `None` adds one.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ItemForm {
    pub category_id: String,
    pub payer_id: String,
    pub description: String,
    pub vendor: String,
    pub currency: String,
    pub planned: String,
    pub committed: String,
    pub actual: String,
    pub committed_on: String,
    pub invoiced_on: String,
    pub paid_on: String,
    pub invoice_ref: String,
    pub notes: String,
    pub cancelled: bool,
    pub version: i32,
}

#[server(endpoint = "budget/save_item")]
pub async fn save_item(
    edition_id: i64,
    item_id: Option<i64>,
    form: ItemForm,
) -> Result<ItemView, AppError> {
    guarded(Operation::KeepBudget, |state, caller| async move {
        let mut v = Validator::new();
        let id = |v: &mut Validator, field: &str, text: &str| -> i64 {
            match text.trim().parse() {
                Ok(id) => id,
                Err(_) => {
                    v.add(field, ErrorCode::Required);
                    0
                }
            }
        };
        let category_id = id(&mut v, "category_id", &form.category_id);
        let payer_id = id(&mut v, "payer_id", &form.payer_id);
        let currency = v.check("currency", Currency::parse(&form.currency));
        let planned = if form.planned.trim().is_empty() {
            Some(0)
        } else {
            amount(&mut v, "planned", &form.planned, currency)
        };
        let input = ItemInput {
            category_id,
            payer_id,
            description: form.description,
            vendor: form.vendor,
            currency: form.currency.clone(),
            planned_minor: planned.unwrap_or(0),
            committed_minor: amount(&mut v, "committed", &form.committed, currency),
            actual_minor: amount(&mut v, "actual", &form.actual, currency),
            committed_on: day(&mut v, "committed_on", &form.committed_on),
            invoiced_on: day(&mut v, "invoiced_on", &form.invoiced_on),
            paid_on: day(&mut v, "paid_on", &form.paid_on),
            invoice_ref: form.invoice_ref,
            notes: form.notes,
            cancelled: form.cancelled,
            version: form.version,
        };
        v.finish()?;
        let actor = Actor::user(&caller);
        match item_id {
            None => service::items::create_item(&state.db, &actor, edition_id, input).await,
            Some(item_id) => {
                service::items::update_item(&state.db, &actor, edition_id, item_id, input).await
            }
        }
    })
    .await
}

#[server(endpoint = "budget/approve_item")]
pub async fn approve_item(
    edition_id: i64,
    item_id: i64,
    version: i32,
) -> Result<ItemView, AppError> {
    guarded(Operation::ApproveBudget, |state, caller| async move {
        service::items::approve_item(
            &state.db,
            &Actor::user(&caller),
            edition_id,
            item_id,
            version,
        )
        .await
    })
    .await
}

/// Saves the reporting currency (only while nothing is in it).
#[server(endpoint = "budget/save_settings")]
pub async fn save_budget_settings(
    edition_id: i64,
    currency: String,
    version: i32,
) -> Result<BudgetSettings, AppError> {
    guarded(Operation::KeepBudget, |state, caller| async move {
        service::setup::save_settings(
            &state.db,
            &Actor::user(&caller),
            edition_id,
            SettingsInput { currency, version },
        )
        .await
    })
    .await
}

/// Sets the approval threshold (organizers), typed in the reporting
/// currency; empty is no threshold.
#[server(endpoint = "budget/set_threshold")]
pub async fn set_threshold(
    edition_id: i64,
    #[server(default)] threshold: String,
) -> Result<BudgetSettings, AppError> {
    guarded(Operation::ApproveBudget, |state, caller| async move {
        let reporting = reporting(&state.db, edition_id).await?;
        let mut v = Validator::new();
        let threshold = amount(
            &mut v,
            "approval_threshold_minor",
            &threshold,
            Some(reporting),
        );
        v.finish()?;
        service::setup::set_threshold(
            &state.db,
            &Actor::user(&caller),
            edition_id,
            ThresholdInput {
                approval_threshold_minor: threshold,
            },
        )
        .await
    })
    .await
}

/// Adds a category (`category_id` `None`) or saves one; the plan is typed
/// in the reporting currency.
#[server(endpoint = "budget/save_category")]
pub async fn save_category(
    edition_id: i64,
    category_id: Option<i64>,
    #[server(default)] kind: String,
    #[server(default)] name: String,
    #[server(default)] planned: String,
    #[server(default)] version: i32,
) -> Result<CategoryView, AppError> {
    guarded(Operation::KeepBudget, |state, caller| async move {
        let reporting = reporting(&state.db, edition_id).await?;
        let mut v = Validator::new();
        let kind = if kind.trim().is_empty() {
            None
        } else {
            v.check("kind", super::types::CategoryKind::parse(&kind))
        };
        let planned = amount(&mut v, "planned_minor", &planned, Some(reporting)).unwrap_or(0);
        v.finish()?;
        let input = CategoryInput {
            kind,
            name,
            planned_minor: planned,
            version,
        };
        let actor = Actor::user(&caller);
        match category_id {
            None => service::setup::add_category(&state.db, &actor, edition_id, input).await,
            Some(id) => {
                service::setup::update_category(&state.db, &actor, edition_id, id, input).await
            }
        }
    })
    .await
}

/// Writes a custom category's name in the app's other languages.
#[server(endpoint = "budget/save_category_names")]
pub async fn save_category_names(
    edition_id: i64,
    category_id: i64,
    #[server(default)] names: crate::names::types::Names,
) -> Result<crate::names::types::Names, AppError> {
    guarded(Operation::KeepBudget, |state, caller| async move {
        let actor = Actor::user(&caller);
        service::setup::save_category_names(&state.db, &actor, edition_id, category_id, names).await
    })
    .await
}

#[server(endpoint = "budget/delete_category")]
pub async fn delete_category(edition_id: i64, category_id: i64) -> Result<(), AppError> {
    guarded(Operation::KeepBudget, |state, caller| async move {
        service::setup::delete_category(&state.db, &Actor::user(&caller), edition_id, category_id)
            .await
    })
    .await
}

#[server(endpoint = "budget/copy_categories")]
pub async fn copy_categories(edition_id: i64) -> Result<CopyResult, AppError> {
    guarded(Operation::KeepBudget, |state, caller| async move {
        service::setup::copy_categories(&state.db, &Actor::user(&caller), edition_id).await
    })
    .await
}

#[server(endpoint = "budget/add_payer")]
pub async fn add_payer(
    edition_id: i64,
    kind: String,
    name: String,
    #[server(default)] committee_id: Option<i64>,
) -> Result<PayerView, AppError> {
    guarded(Operation::KeepBudget, |state, caller| async move {
        let mut v = Validator::new();
        let kind = v.check("kind", super::types::PayerKind::parse(&kind));
        v.finish()?;
        service::setup::add_payer(
            &state.db,
            &Actor::user(&caller),
            edition_id,
            PayerInput {
                kind,
                name,
                committee_id,
            },
        )
        .await
    })
    .await
}

#[server(endpoint = "budget/delete_payer")]
pub async fn delete_payer(edition_id: i64, payer_id: i64) -> Result<(), AppError> {
    guarded(Operation::KeepBudget, |state, caller| async move {
        service::setup::delete_payer(&state.db, &Actor::user(&caller), edition_id, payer_id).await
    })
    .await
}

#[server(endpoint = "budget/add_rate")]
pub async fn add_rate(
    edition_id: i64,
    currency: String,
    valid_from: String,
    rate: String,
    #[server(default)] source: String,
    #[server(default)] unusual_confirmed: bool,
) -> Result<RateView, AppError> {
    guarded(Operation::KeepBudget, |state, caller| async move {
        let mut v = Validator::new();
        let valid_from = day(&mut v, "valid_from", &valid_from);
        v.finish()?;
        let may_confirm = crate::auth::domain::may(caller.role, Operation::ApproveBudget);
        service::rates::add_rate(
            &state.db,
            &Actor::user(&caller),
            edition_id,
            RateInput {
                currency,
                valid_from,
                rate,
                source,
                unusual_confirmed,
            },
            may_confirm,
        )
        .await
    })
    .await
}

#[server(endpoint = "budget/delete_rate")]
pub async fn delete_rate(edition_id: i64, rate_id: i64) -> Result<(), AppError> {
    guarded(Operation::KeepBudget, |state, caller| async move {
        service::rates::delete_rate(&state.db, &Actor::user(&caller), edition_id, rate_id).await
    })
    .await
}

/// The income form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IncomeForm {
    pub payer_id: String,
    pub description: String,
    pub currency: String,
    pub pledged: String,
    pub received: String,
    pub received_on: String,
    pub version: i32,
}

/// Adds an income line (`income_id` `None`) or saves one.
#[server(endpoint = "budget/save_income")]
pub async fn save_income(
    edition_id: i64,
    income_id: Option<i64>,
    form: IncomeForm,
) -> Result<IncomeView, AppError> {
    guarded(Operation::KeepBudget, |state, caller| async move {
        let mut v = Validator::new();
        let payer_id = v
            .check(
                "payer_id",
                form.payer_id
                    .trim()
                    .parse()
                    .map_err(|_| ErrorCode::Required),
            )
            .unwrap_or(0);
        let parsed = v.check("currency", Currency::parse(&form.currency));
        if form.pledged.trim().is_empty() {
            v.add("pledged", ErrorCode::Required);
        }
        let pledged = amount(&mut v, "pledged", &form.pledged, parsed).unwrap_or(0);
        let received = amount(&mut v, "received", &form.received, parsed);
        let received_on = day(&mut v, "received_on", &form.received_on);
        v.finish()?;
        service::pledges::save_income(
            &state.db,
            &Actor::user(&caller),
            edition_id,
            income_id,
            IncomeInput {
                payer_id,
                description: form.description,
                currency: form.currency,
                pledged_minor: pledged,
                received_minor: received,
                received_on,
                version: form.version,
            },
        )
        .await
    })
    .await
}

#[server(endpoint = "budget/delete_income")]
pub async fn delete_income(edition_id: i64, income_id: i64) -> Result<(), AppError> {
    guarded(Operation::KeepBudget, |state, caller| async move {
        service::pledges::delete_income(&state.db, &Actor::user(&caller), edition_id, income_id)
            .await
    })
    .await
}

#[server(endpoint = "budget/delete_receipt")]
pub async fn delete_receipt(
    edition_id: i64,
    item_id: i64,
    receipt_id: i64,
) -> Result<(), AppError> {
    guarded(Operation::KeepBudget, |state, caller| async move {
        service::receipts::delete_receipt(
            &state.db,
            &Actor::user(&caller),
            edition_id,
            item_id,
            receipt_id,
        )
        .await
    })
    .await
}

/// The budget's history, or one item's (`item_id`).
#[server(endpoint = "budget/history")]
pub async fn budget_history(
    edition_id: i64,
    #[server(default)] item_id: Option<i64>,
    #[server(default)] page: u32,
) -> Result<Paged<AuditEntryView>, AppError> {
    guarded(Operation::ViewBudget, |state, _| async move {
        let page = crate::paging::PageRequest {
            page: page.max(1),
            per_page: crate::paging::DEFAULT_PER_PAGE,
        };
        service::report::history(
            &state.db,
            edition_id,
            item_id.map(|id| ("budget_item", id)),
            page,
        )
        .await
    })
    .await
}
