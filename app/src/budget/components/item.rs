//! `/editions/{id}/budget/items/{item}` (or `new`): one cost item's form,
//! its receipts, its approval and its history. What was typed stays in
//! the form whatever the server answers; a save over someone else's newer
//! save is told, not lost.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::history::{Entries, History, history_resource};
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::budget::money::decimal_minor;
use crate::budget::server_fns::{
    ItemForm, approve_item, delete_receipt, load_budget, load_item, save_item,
};
use crate::budget::types::{BudgetOverview, ItemStatus, ItemView};
use crate::budget::words;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::numbers;
use crate::ui::{
    EditedMeanwhile, Field, FieldErrors, Loaded, form_banner, form_error, is_edited_meanwhile,
    message, route_id,
};

#[component]
pub fn BudgetItemPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = route_id();
    let params = use_params_map();
    let item_id = Signal::derive(move || {
        params
            .read()
            .get("item")
            .and_then(|v| v.parse::<i64>().ok())
    });
    let reload = RwSignal::new(0u32);
    let history_page = RwSignal::new(1u32);
    let history = history_resource(
        id,
        item_id,
        history_page,
        Signal::derive(move || item_id.get().is_some()),
        reload.into(),
    );
    let data = Resource::new(
        move || (id.get(), item_id.get(), reload.get(), i18n.get_locale()),
        |(id, item_id, _, locale)| async move {
            let id = id.ok_or(AppError::NotFound)?;
            let overview = load_budget(id, locale.to_string()).await?;
            let item = match item_id {
                Some(item_id) => Some(load_item(id, item_id).await?),
                None => None,
            };
            Ok::<_, AppError>((overview, item))
        },
    );
    view! {
        <Guard operation=Operation::ViewBudget>
            <Loaded
                resource=data
                render=move |(overview, item)| view! { <ItemEditor overview item reload history history_page /> }.into_any()
            />
        </Guard>
    }
}

fn form_of(item: &Option<ItemView>, currency: &str) -> ItemForm {
    match item {
        None => ItemForm {
            currency: currency.to_owned(),
            ..Default::default()
        },
        Some(i) => {
            let amount =
                |m: Option<i64>| m.map(|m| decimal_minor(m, i.exponent)).unwrap_or_default();
            let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            ItemForm {
                category_id: i.category_id.to_string(),
                payer_id: i.payer_id.to_string(),
                description: i.description.clone(),
                vendor: i.vendor.clone(),
                currency: i.currency.clone(),
                planned: amount(Some(i.planned_minor)),
                committed: amount(i.committed_minor),
                actual: amount(i.actual_minor),
                committed_on: day(i.committed_on),
                invoiced_on: day(i.invoiced_on),
                paid_on: day(i.paid_on),
                invoice_ref: i.invoice_ref.clone(),
                notes: i.notes.clone(),
                cancelled: i.cancelled,
                version: i.version,
            }
        }
    }
}

#[component]
fn ItemEditor(
    overview: BudgetOverview,
    item: Option<ItemView>,
    reload: RwSignal<u32>,
    history: Entries,
    history_page: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let edition_id = overview.settings.edition_id;
    let item_id = item.as_ref().map(|i| i.id);
    let initial = form_of(&item, &overview.settings.currency);
    let f = RwSignal::new(initial);
    let field = |get: fn(&ItemForm) -> String, set: fn(&mut ItemForm, String)| {
        (
            Signal::derive(move || f.with(get)),
            move |ev: leptos::ev::Event| {
                let value = event_target_value(&ev);
                f.update(|form| set(form, value));
            },
        )
    };
    let save = Action::new(move |form: &ItemForm| {
        let form = form.clone();
        async move { save_item(edition_id, item_id, form).await }
    });
    let local = RwSignal::new(None::<AppError>);
    let error = form_error(local, save);
    let saved = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(view)) = save.value().get() {
            if item_id.is_none() {
                navigate(
                    &format!("/editions/{edition_id}/budget/items/{}", view.id),
                    Default::default(),
                );
            } else {
                f.update(|form| form.version = view.version);
                saved.set(true);
                reload.update(|n| *n += 1);
            }
        }
    });
    let (description, on_description) = field(|f| f.description.clone(), |f, v| f.description = v);
    let (vendor, on_vendor) = field(|f| f.vendor.clone(), |f, v| f.vendor = v);
    let (currency, on_currency) = field(|f| f.currency.clone(), |f, v| f.currency = v);
    let (planned, on_planned) = field(|f| f.planned.clone(), |f, v| f.planned = v);
    let (committed, on_committed) = field(|f| f.committed.clone(), |f, v| f.committed = v);
    let (committed_on, on_committed_on) =
        field(|f| f.committed_on.clone(), |f, v| f.committed_on = v);
    let (actual, on_actual) = field(|f| f.actual.clone(), |f, v| f.actual = v);
    let (paid_on, on_paid_on) = field(|f| f.paid_on.clone(), |f, v| f.paid_on = v);
    let (invoiced_on, on_invoiced_on) = field(|f| f.invoiced_on.clone(), |f, v| f.invoiced_on = v);
    let (invoice_ref, on_invoice_ref) = field(|f| f.invoice_ref.clone(), |f, v| f.invoice_ref = v);
    let (notes, on_notes) = field(|f| f.notes.clone(), |f, v| f.notes = v);
    let (category_id, on_category) = field(|f| f.category_id.clone(), |f, v| f.category_id = v);
    let (payer_id, on_payer) = field(|f| f.payer_id.clone(), |f, v| f.payer_id = v);
    let cancelled = Signal::derive(move || f.with(|f| f.cancelled));
    let settings = overview.settings.clone();
    let currencies: Vec<String> = std::iter::once(settings.currency.clone())
        .chain(overview.rates.iter().map(|r| r.currency.clone()))
        .fold(Vec::new(), |mut all, c| {
            if !all.contains(&c) {
                all.push(c);
            }
            all
        });
    let title = item
        .as_ref()
        .map(|i| i.description.clone())
        .unwrap_or_else(|| t_string!(i18n, budget_new_item).to_string());
    view! {
        <p><A href=format!("/editions/{edition_id}/budget?tab=items")>{t!(i18n, budget_back_to_items)}</A></p>
        <h1 dir="auto">{title}</h1>
        {item.clone().map(|i| view! { <ItemState item=i reporting=overview.settings.currency.clone() exponent=overview.settings.exponent may_approve=overview.may_approve reload /> })}
        <form method="post" class="stack card" novalidate data-form="item" on:submit=move |ev| {
            ev.prevent_default();
            saved.set(false);
            local.set(None);
            save.dispatch(f.get_untracked());
        }>
            {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !is_edited_meanwhile(e))))}
            <EditedMeanwhile error reload />
            <Show when=move || saved.get()>
                <div class="banner ok" role="status">{t!(i18n, saved)}</div>
            </Show>
            <Field name="description" label=move || t!(i18n, budget_description) error>
                <input id="description" name="description" maxlength="200" prop:value=description on:input=on_description />
            </Field>
            <div class="row wrap">
                <Field name="category_id" label=move || t!(i18n, budget_category_label) error>
                    <select id="category_id" name="category_id" on:change=on_category prop:value=category_id>
                        <option value="">{t!(i18n, choose)}</option>
                        {overview.categories.iter().map(|c| {
                            let (value, kind, name, names) = (c.id.to_string(), c.kind, c.name.clone(), c.names.clone());
                            let selected = { let value = value.clone(); move || category_id.get() == value };
                            view! { <option value=value selected=selected>{move || words::category(i18n.get_locale(), kind, &name, &names)}</option> }
                        }).collect_view()}
                    </select>
                </Field>
                <Field name="payer_id" label=move || t!(i18n, budget_payer) error>
                    <select id="payer_id" name="payer_id" on:change=on_payer prop:value=payer_id>
                        <option value="">{t!(i18n, choose)}</option>
                        {overview.payers.iter().map(|p| {
                            let value = p.id.to_string();
                            let selected = { let value = value.clone(); move || payer_id.get() == value };
                            view! { <option value=value selected=selected>{p.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </Field>
                <Field name="vendor" label=move || t!(i18n, budget_vendor) error>
                    <input id="vendor" name="vendor" maxlength="120" prop:value=vendor on:input=on_vendor />
                </Field>
            </div>
            <div class="row wrap">
                <Field name="currency" label=move || t!(i18n, budget_currency) error hint=move || t!(i18n, budget_currency_hint)>
                    <input id="currency" name="currency" list="budget-currencies" maxlength="3" size="4" autocomplete="off"
                        prop:value=currency on:input=on_currency />
                    <datalist id="budget-currencies">
                        {currencies.into_iter().map(|c| view! { <option value=c /> }).collect_view()}
                    </datalist>
                </Field>
                <Field name="planned" label=move || t!(i18n, budget_planned_amount) error>
                    <input id="planned" name="planned" inputmode="decimal" prop:value=planned on:input=on_planned />
                </Field>
            </div>
            <div class="row wrap">
                <Field name="committed" label=move || t!(i18n, budget_committed_amount) error>
                    <input id="committed" name="committed" inputmode="decimal" prop:value=committed on:input=on_committed />
                </Field>
                <Field name="committed_on" label=move || t!(i18n, budget_committed_on) error>
                    <input id="committed_on" name="committed_on" type="date" prop:value=committed_on on:input=on_committed_on />
                </Field>
            </div>
            <div class="row wrap">
                <Field name="invoice_ref" label=move || t!(i18n, budget_invoice_ref) error>
                    <input id="invoice_ref" name="invoice_ref" maxlength="60" prop:value=invoice_ref on:input=on_invoice_ref />
                </Field>
                <Field name="invoiced_on" label=move || t!(i18n, budget_invoiced_on) error>
                    <input id="invoiced_on" name="invoiced_on" type="date" prop:value=invoiced_on on:input=on_invoiced_on />
                </Field>
            </div>
            <div class="row wrap">
                <Field name="actual" label=move || t!(i18n, budget_actual_amount) error>
                    <input id="actual" name="actual" inputmode="decimal" prop:value=actual on:input=on_actual />
                </Field>
                <Field name="paid_on" label=move || t!(i18n, budget_paid_on) error>
                    <input id="paid_on" name="paid_on" type="date" prop:value=paid_on on:input=on_paid_on />
                </Field>
            </div>
            <Field name="notes" label=move || t!(i18n, budget_notes) error>
                <textarea id="notes" name="notes" rows="3" maxlength="2000" prop:value=notes on:input=on_notes></textarea>
            </Field>
            <label class="check">
                <input type="checkbox" name="cancelled" prop:checked=cancelled
                    on:change=move |ev| { let on = event_target_checked(&ev); f.update(|f| f.cancelled = on); } />
                {t!(i18n, budget_cancelled_item)}
            </label>
            <div>
                <button type="submit" disabled=move || save.pending().get()>{t!(i18n, save)}</button>
            </div>
        </form>
        {item.map(|i| view! {
            <Receipts edition_id item=i reload />
            <h2>{t!(i18n, budget_item_history)}</h2>
            <History entries=history page=history_page />
        })}
    }
}

/// Status, converted amounts and, for a commitment waiting, the approval.
#[component]
fn ItemState(
    item: ItemView,
    reporting: String,
    exponent: u32,
    may_approve: bool,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = item.status;
    let edition_id_and_item = (item.id, item.version);
    let approve = Action::new(move |(edition_id, item_id, version): &(i64, i64, i32)| {
        let (edition_id, item_id, version) = (*edition_id, *item_id, *version);
        async move { approve_item(edition_id, item_id, version).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = approve.value().get() {
            reload.update(|n| *n += 1);
        }
    });
    let edition_id = crate::ui::route_id().get_untracked().unwrap_or_default();
    let waiting = status == ItemStatus::AwaitingApproval;
    let amounts = [
        (
            item.planned.clone(),
            t_string!(i18n, budget_planned_items).to_string(),
        ),
        (
            item.committed.clone(),
            t_string!(i18n, budget_committed).to_string(),
        ),
        (
            item.actual.clone(),
            t_string!(i18n, budget_actual).to_string(),
        ),
    ]
    .into_iter()
    .filter_map(|(c, label)| {
        c.map(|c| {
            format!(
                " · {label}: {}",
                numbers::money(i18n.get_locale(), &reporting, exponent, c.minor)
            )
        })
    })
    .collect::<String>();
    let approved_by = item.approved_by.clone().unwrap_or_default();
    let problem = move || {
        approve
            .value()
            .get()
            .and_then(Result::err)
            .map(|err| match &err {
                AppError::Conflict(code) => message(i18n, code),
                other => other.to_string(),
            })
    };
    view! {
        <p data-item-status=status.as_str()>
            <span class=format!("pill status-{}", status.as_str())>{move || words::status(i18n.get_locale(), status)}</span>
            <span data-amounts="">{amounts}</span>
            <span class="muted" data-approved-by=approved_by.clone() hidden=approved_by.is_empty()>
                {format!(" {}", t_string!(i18n, budget_approved_by, who = approved_by.clone()))}
            </span>
        </p>
        <div class="banner warning" data-waiting="" hidden=!waiting>
            <p>{t!(i18n, budget_waits_for_organizer)}</p>
            <div hidden=!(waiting && may_approve)>
                <button type="button" data-action="approve" disabled=move || approve.pending().get()
                    on:click=move |_| { approve.dispatch((edition_id, edition_id_and_item.0, edition_id_and_item.1)); }>
                    {t!(i18n, budget_approve)}
                </button>
                <p class="error" role="alert" hidden=move || problem().is_none()>{problem}</p>
            </div>
        </div>
    }
}

/// The item's receipts: download, delete, and add (sent as the file
/// itself to the API, which checks what it is).
#[component]
fn Receipts(edition_id: i64, item: ItemView, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let item_id = item.id;
    let upload_error = RwSignal::new(None::<AppError>);
    let uploading = RwSignal::new(false);
    let remove = Action::new(move |receipt_id: &i64| {
        let receipt_id = *receipt_id;
        async move { delete_receipt(edition_id, item_id, receipt_id).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = remove.value().get() {
            reload.update(|n| *n += 1);
        }
    });
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let input: web_sys::HtmlInputElement = event_target(&ev);
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                uploading.set(true);
                upload_error.set(None);
                leptos::task::spawn_local(async move {
                    let result = upload(edition_id, item_id, file).await;
                    uploading.set(false);
                    match result {
                        Ok(()) => reload.update(|n| *n += 1),
                        Err(err) => upload_error.set(Some(err)),
                    }
                });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let base = format!("/api/v1/editions/{edition_id}/budget/items/{item_id}/receipts");
    view! {
        <section class="card stack" data-section="receipts">
            <h2>{t!(i18n, budget_receipts)}</h2>
            {if item.receipts.is_empty() {
                view! { <p class="muted">{t!(i18n, budget_no_receipts)}</p> }.into_any()
            } else {
                view! {
                    <ul data-list="receipts">
                        {item.receipts.iter().map(|r| {
                            let id = r.id;
                            view! {
                                <li data-receipt=id>
                                    <a href=format!("{base}/{id}") download=r.file_name.clone() dir="auto">{r.file_name.clone()}</a>
                                    {format!(" · {} · {} KB", r.content_type, (r.size + 1023) / 1024)}
                                    " "
                                    <button type="button" class="secondary small" on:click=move |_| { remove.dispatch(id); }>
                                        {t!(i18n, budget_delete)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <label>
                {t!(i18n, budget_add_receipt)} " "
                <input type="file" name="receipt" accept="application/pdf,image/*" on:change=on_file disabled=move || uploading.get() />
            </label>
            <span class="hint">{t!(i18n, budget_receipt_hint)}</span>
            <FieldErrors name="file" error=Signal::derive(move || upload_error.get()) />
            {move || upload_error.get().filter(|e| e.field_messages("file").is_empty()).map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })}
        </section>
    }
}

/// Sends the file's bytes to the API; the answer's error, if any.
#[cfg(feature = "hydrate")]
async fn upload(edition_id: i64, item_id: i64, file: web_sys::File) -> Result<(), AppError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let name = super::url_encode(&file.name());
    let url = format!("/api/v1/editions/{edition_id}/budget/items/{item_id}/receipts?name={name}");
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&file);
    let window = web_sys::window().ok_or(AppError::Internal)?;
    let response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .map_err(|_| AppError::Transport("upload".into()))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| AppError::Internal)?;
    if response.ok() {
        return Ok(());
    }
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string()),
        Err(_) => None,
    };
    Err(text
        .and_then(|t| serde_json::from_str::<AppError>(&t).ok())
        .unwrap_or_else(|| {
            if response.status() == 413 {
                AppError::field("file", crate::error::ErrorCode::FileTooLarge)
            } else {
                AppError::Transport(format!("HTTP {}", response.status()))
            }
        }))
}
