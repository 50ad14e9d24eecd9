//! The setup tab: the reporting currency and approval threshold, the
//! categories with their plans, the payers, the dated exchange rates and
//! the income each payer pledged. Each form keeps what was typed when the
//! server refuses it, with the reason beside the field.

use leptos::prelude::*;

use super::money;
use crate::budget::money::decimal_minor;
use crate::budget::server_fns::{
    IncomeForm, add_payer, add_rate, copy_categories, delete_category, delete_income, delete_payer,
    delete_rate, save_budget_settings, save_category, save_category_names, save_income,
    set_threshold,
};
use crate::budget::types::{BudgetOverview, CategoryKind, CategoryView, PayerKind};
use crate::budget::words;
use crate::error::{AppError, ErrorCode};
use crate::i18n::*;
use crate::names::components::OtherNames;
use crate::names::types::Names;
use crate::ui::numbers::{self, Amount};
use crate::ui::{Field, Problem, action_error, form_banner};

/// Bumps `changed` after each success of `action`, so the page reads the
/// budget again.
fn refresh_after<I: Send + Sync + 'static, T: Send + Sync + Clone + 'static>(
    action: Action<I, Result<T, AppError>>,
    changed: RwSignal<u32>,
) {
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            changed.update(|n| *n += 1);
        }
    });
}

#[component]
pub fn Setup(overview: BudgetOverview, changed: RwSignal<u32>) -> impl IntoView {
    view! {
        <Settings overview=overview.clone() changed />
        <Categories overview=overview.clone() changed />
        <Rates overview=overview.clone() changed />
        <Payers overview=overview.clone() changed />
        <Income overview changed />
    }
}

#[component]
fn Settings(overview: BudgetOverview, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let s = overview.settings.clone();
    let edition_id = s.edition_id;
    let currency = RwSignal::new(s.currency.clone());
    let threshold = RwSignal::new(
        s.approval_threshold_minor
            .map(|m| decimal_minor(m, s.exponent))
            .unwrap_or_default(),
    );
    let version = s.version;
    let save = Action::new(move |currency: &String| {
        let currency = currency.clone();
        async move { save_budget_settings(edition_id, currency, version).await }
    });
    refresh_after(save, changed);
    let error = action_error(save);
    let limit = Action::new(move |threshold: &String| {
        let threshold = threshold.clone();
        async move { set_threshold(edition_id, threshold).await }
    });
    refresh_after(limit, changed);
    let limit_error = action_error(limit);
    let shown = s
        .approval_threshold_minor
        .map(|m| numbers::money(i18n.get_locale_untracked(), &s.currency, s.exponent, m));
    view! {
        <section class="card stack" data-section="budget-settings">
            <h2>{t!(i18n, budget_settings)}</h2>
            <form method="post" class="row wrap" data-form="budget-currency" novalidate on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(currency.get_untracked());
            }>
                <Field input="settings-currency" name="currency" label=move || t!(i18n, budget_reporting_currency) error hint=move || t!(i18n, budget_reporting_hint)>
                    <input id="settings-currency" name="currency" maxlength="3" size="4" bind:value=currency />
                </Field>
                <div><button type="submit" disabled=move || save.pending().get()>{t!(i18n, save)}</button></div>
            </form>
            {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
            {if overview.may_approve {
                view! {
                    <form method="post" class="row wrap" data-form="budget-threshold" novalidate on:submit=move |ev| {
                        ev.prevent_default();
                        limit.dispatch(threshold.get_untracked());
                    }>
                        <Field input="threshold" name="approval_threshold_minor" label=move || t!(i18n, budget_threshold) error=limit_error hint=move || t!(i18n, budget_threshold_hint)>
                            <input id="threshold" name="threshold" inputmode="decimal" bind:value=threshold />
                        </Field>
                        <div><button type="submit" disabled=move || limit.pending().get()>{t!(i18n, save)}</button></div>
                    </form>
                }.into_any()
            } else {
                view! {
                    <p data-threshold="">
                        <strong>{t!(i18n, budget_threshold)} ": "</strong>
                        {shown.unwrap_or_else(|| "—".to_owned())}
                    </p>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Categories(overview: BudgetOverview, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let edition_id = overview.settings.edition_id;
    let (currency, exponent) = (
        overview.settings.currency.clone(),
        overview.settings.exponent,
    );
    let copy = Action::new(move |_: &()| async move { copy_categories(edition_id).await });
    refresh_after(copy, changed);
    let kind = RwSignal::new(String::from("custom"));
    let name = RwSignal::new(String::new());
    let planned = RwSignal::new(String::new());
    let add = Action::new(move |(kind, name, planned): &(String, String, String)| {
        let (kind, name, planned) = (kind.clone(), name.clone(), planned.clone());
        async move { save_category(edition_id, None, kind, name, planned, 0).await }
    });
    refresh_after(add, changed);
    let add_error = action_error(add);
    let remove = Action::new(move |id: &i64| {
        let id = *id;
        async move { delete_category(edition_id, id).await }
    });
    refresh_after(remove, changed);
    view! {
        <section class="card stack" data-section="categories">
            <h2>{t!(i18n, budget_categories)}</h2>
            <div class="toolbar">
                <button type="button" class="secondary" data-action="copy-categories"
                    disabled=move || copy.pending().get() on:click=move |_| { copy.dispatch(()); }>
                    {t!(i18n, budget_copy_categories)}
                </button>
                {move || copy.value().get().map(|r| match r {
                    Ok(r) => view! {
                        <span class="banner ok" role="status" data-copied=r.copied>
                            {t!(i18n, budget_copied, count = move || r.copied)}
                        </span>
                    }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                })}
            </div>
            {move || remove.value().get().and_then(Result::err).map(|error| view! { <Problem error /> })}
            <table data-table="budget-categories">
                <thead><tr>
                    <th>{t!(i18n, budget_category_label)}</th>
                    <th class="number">{format!("{} ({currency})", t_string!(i18n, budget_plan))}</th>
                    <th class="number">{t!(i18n, budget_items_count)}</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    {overview.categories.iter().cloned().map(|c| view! {
                        <CategoryRow category=c exponent changed edition_id remove />
                    }).collect_view()}
                </tbody>
            </table>
            <form method="post" class="row wrap" data-form="add-category" novalidate on:submit=move |ev| {
                ev.prevent_default();
                add.dispatch((kind.get_untracked(), name.get_untracked(), planned.get_untracked()));
            }>
                <Field input="category-kind" name="kind" label=move || t!(i18n, budget_kind) error=add_error>
                    <select id="category-kind" name="kind" bind:value=kind>
                        {CategoryKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=move || kind.get() == k.as_str()>
                                {move || if k == CategoryKind::Custom {
                                    t_string!(i18n, budget_custom_category).to_string()
                                } else {
                                    words::category(i18n.get_locale(), k, "", &Names::new())
                                }}
                            </option>
                        }).collect_view()}
                    </select>
                </Field>
                <Field input="category-name" name="name" label=move || t!(i18n, budget_custom_name) error=add_error>
                    <input id="category-name" name="name" maxlength="80" bind:value=name />
                </Field>
                <Field input="category-planned" name="planned_minor" label=move || t!(i18n, budget_plan) error=add_error>
                    <input id="category-planned" name="planned" inputmode="decimal" bind:value=planned />
                </Field>
                <div><button type="submit">{t!(i18n, budget_add_category)}</button></div>
            </form>
            {form_banner(i18n, Signal::derive(move || add_error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
        </section>
    }
}

#[component]
fn CategoryRow(
    category: CategoryView,
    exponent: u32,
    changed: RwSignal<u32>,
    edition_id: i64,
    remove: Action<i64, Result<(), AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let CategoryView {
        id,
        kind,
        name: saved_name,
        planned_minor,
        version,
        items,
        names,
        ..
    } = category;
    let name = RwSignal::new(saved_name.clone());
    let planned = RwSignal::new(decimal_minor(planned_minor, exponent));
    let save = Action::new(move |(name, planned): &(String, String)| {
        let (name, planned) = (name.clone(), planned.clone());
        async move { save_category(edition_id, Some(id), String::new(), name, planned, version).await }
    });
    refresh_after(save, changed);
    let error = action_error(save);
    view! {
        <tr data-category=id data-kind=kind.as_str()>
            <td dir="auto">
                {if kind == CategoryKind::Custom {
                    view! {
                        <input aria-label=move || t_string!(i18n, budget_custom_name).to_string() bind:value=name maxlength="80" />
                        <OtherNames
                            id=format!("category-{id}")
                            names
                            save=move |names| save_category_names(edition_id, id, names)
                        />
                    }.into_any()
                } else {
                    view! { <span>{move || words::category(i18n.get_locale(), kind, "", &Names::new())}</span> }.into_any()
                }}
            </td>
            <td class="number">
                <form method="post" class="row" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    save.dispatch((name.get_untracked(), planned.get_untracked()));
                }>
                    <input name="planned" inputmode="decimal" size="12" bind:value=planned
                        aria-label=move || t_string!(i18n, budget_plan).to_string() />
                    <button type="submit" class="secondary small">{t!(i18n, save)}</button>
                </form>
                {move || error.get().map(|e| {
                    let text = e.field_messages("planned_minor").iter().chain(e.field_messages("name").iter())
                        .map(|c| crate::ui::message(i18n, c)).collect::<Vec<_>>().join(" ");
                    let text = if text.is_empty() { e.to_string() } else { text };
                    view! { <p class="error" role="alert">{text}</p> }
                })}
            </td>
            <td class="number">{items}</td>
            <td>
                {(items == 0).then(|| view! {
                    <button type="button" class="secondary small" on:click=move |_| { remove.dispatch(id); }>{t!(i18n, budget_delete)}</button>
                })}
            </td>
        </tr>
    }
}

#[component]
fn Rates(overview: BudgetOverview, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let edition_id = overview.settings.edition_id;
    let reporting = overview.settings.currency.clone();
    let currency = RwSignal::new(String::new());
    let valid_from = RwSignal::new(String::new());
    let rate = RwSignal::new(String::new());
    let source = RwSignal::new(String::new());
    let unusual = RwSignal::new(false);
    let add = Action::new(move |input: &(String, String, String, String, bool)| {
        let (currency, valid_from, rate, source, unusual) = input.clone();
        async move { add_rate(edition_id, currency, valid_from, rate, source, unusual).await }
    });
    refresh_after(add, changed);
    let error = action_error(add);
    // Offered once a rate was found far from the usual one.
    let unusual_refused = Signal::derive(move || {
        error.get().is_some_and(|e| {
            e.field_messages("rate")
                .contains(&ErrorCode::RateImplausible)
        })
    });
    let remove = Action::new(move |id: &i64| {
        let id = *id;
        async move { delete_rate(edition_id, id).await }
    });
    refresh_after(remove, changed);
    view! {
        <section class="card stack" data-section="rates">
            <h2>{t!(i18n, budget_rates)}</h2>
            <p class="muted">{t!(i18n, budget_rates_hint, currency = reporting.clone())}</p>
            {move || remove.value().get().and_then(Result::err).map(|error| view! { <Problem error /> })}
            <table data-table="rates">
                <thead><tr>
                    <th>{t!(i18n, budget_currency)}</th>
                    <th>{t!(i18n, budget_valid_from)}</th>
                    <th class="number">{t!(i18n, budget_rate)}</th>
                    <th>{t!(i18n, budget_source)}</th>
                    <th>{t!(i18n, budget_entered_by)}</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    {overview.rates.iter().map(|r| {
                        let id = r.id;
                        view! {
                            <tr data-rate=id data-currency=r.currency.clone()>
                                <td>{r.currency.clone()}</td>
                                <td>{r.valid_from.to_string()}</td>
                                <td class="number">{format!("1 {} = {} {reporting}", r.currency, r.rate)}</td>
                                <td dir="auto">{r.source.clone()}</td>
                                <td>{r.entered_by.clone().unwrap_or_default()}</td>
                                <td><button type="button" class="secondary small" on:click=move |_| { remove.dispatch(id); }>{t!(i18n, budget_delete)}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <form method="post" class="row wrap" data-form="add-rate" novalidate on:submit=move |ev| {
                ev.prevent_default();
                add.dispatch((currency.get_untracked(), valid_from.get_untracked(), rate.get_untracked(), source.get_untracked(), unusual.get_untracked()));
            }>
                <Field input="rate-currency" name="currency" label=move || t!(i18n, budget_currency) error>
                    <input id="rate-currency" name="currency" maxlength="3" size="4" bind:value=currency />
                </Field>
                <Field input="rate-valid-from" name="valid_from" label=move || t!(i18n, budget_valid_from) error>
                    <input id="rate-valid-from" name="valid_from" type="date" bind:value=valid_from />
                </Field>
                <Field input="rate-rate" name="rate" label=move || t!(i18n, budget_rate) error>
                    <input id="rate-rate" name="rate" inputmode="decimal" bind:value=rate />
                </Field>
                <Field input="rate-source" name="source" label=move || t!(i18n, budget_source) error>
                    <input id="rate-source" name="source" maxlength="120" bind:value=source />
                </Field>
                <Show when=move || unusual_refused.get() || unusual.get()>
                    <label class="check">
                        <input type="checkbox" name="unusual_confirmed" data-field="unusual_confirmed" bind:checked=unusual />
                        {t!(i18n, budget_confirm_unusual_rate)}
                    </label>
                </Show>
                <div><button type="submit">{t!(i18n, budget_add_rate)}</button></div>
            </form>
            {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
        </section>
    }
}

#[component]
fn Payers(overview: BudgetOverview, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let edition_id = overview.settings.edition_id;
    let kind = RwSignal::new(String::from("sponsor"));
    let name = RwSignal::new(String::new());
    let committee = RwSignal::new(String::new());
    let add = Action::new(move |(kind, name, committee): &(String, String, String)| {
        let (kind, name) = (kind.clone(), name.clone());
        let committee = committee.parse().ok();
        async move { add_payer(edition_id, kind, name, committee).await }
    });
    refresh_after(add, changed);
    let error = action_error(add);
    let remove = Action::new(move |id: &i64| {
        let id = *id;
        async move { delete_payer(edition_id, id).await }
    });
    refresh_after(remove, changed);
    view! {
        <section class="card stack" data-section="payers">
            <h2>{t!(i18n, budget_payers)}</h2>
            {move || remove.value().get().and_then(Result::err).map(|error| view! { <Problem error /> })}
            <ul data-list="payers">
                {overview.payers.iter().map(|p| {
                    let (id, kind, uses) = (p.id, p.kind, p.uses);
                    view! {
                        <li data-payer=id>
                            <span dir="auto">{p.name.clone()}</span> " "
                            <span class="pill">{move || words::payer_kind(i18n.get_locale(), kind)}</span>
                            {(uses == 0).then(|| view! {
                                " " <button type="button" class="secondary small" on:click=move |_| { remove.dispatch(id); }>{t!(i18n, budget_delete)}</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form method="post" class="row wrap" data-form="add-payer" novalidate on:submit=move |ev| {
                ev.prevent_default();
                add.dispatch((kind.get_untracked(), name.get_untracked(), committee.get_untracked()));
            }>
                <Field input="payer-kind" name="kind" label=move || t!(i18n, budget_kind) error>
                    <select id="payer-kind" name="kind" bind:value=kind>
                        {PayerKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=move || kind.get() == k.as_str()>{move || words::payer_kind(i18n.get_locale(), k)}</option>
                        }).collect_view()}
                    </select>
                </Field>
                <Field input="payer-name" name="name" label=move || t!(i18n, budget_payer_name) error>
                    <input id="payer-name" name="name" maxlength="120" bind:value=name />
                </Field>
                <Field input="payer-committee" name="committee_id" label=move || t!(i18n, budget_committee) error>
                    <select id="payer-committee" name="committee_id" bind:value=committee>
                        <option value="">"—"</option>
                        {overview.committees.iter().map(|(id, name)| view! { <option value=*id>{name.clone()}</option> }).collect_view()}
                    </select>
                </Field>
                <div><button type="submit">{t!(i18n, budget_add_payer)}</button></div>
            </form>
            {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
        </section>
    }
}

#[component]
fn Income(overview: BudgetOverview, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let edition_id = overview.settings.edition_id;
    let (reporting, exponent) = (
        overview.settings.currency.clone(),
        overview.settings.exponent,
    );
    let payer = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let currency = RwSignal::new(reporting.clone());
    let pledged = RwSignal::new(String::new());
    let received = RwSignal::new(String::new());
    let received_on = RwSignal::new(String::new());
    // Editing a line fills the form; `None` adds a new one.
    let editing = RwSignal::new(None::<(i64, i32)>);
    let save = Action::new(move |(editing, form): &(Option<i64>, IncomeForm)| {
        let (editing, form) = (*editing, form.clone());
        async move { save_income(edition_id, editing, form).await }
    });
    refresh_after(save, changed);
    let error = action_error(save);
    let remove = Action::new(move |id: &i64| {
        let id = *id;
        async move { delete_income(edition_id, id).await }
    });
    refresh_after(remove, changed);
    let payer_name = {
        let payers = overview.payers.clone();
        move |id: i64| {
            payers
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.name.clone())
                .unwrap_or_default()
        }
    };
    view! {
        <section class="card stack" data-section="income">
            <h2>{t!(i18n, budget_income)}</h2>
            <table data-table="income">
                <thead><tr>
                    <th>{t!(i18n, budget_payer)}</th>
                    <th>{t!(i18n, budget_description)}</th>
                    <th class="number">{t!(i18n, budget_pledged)}</th>
                    <th class="number">{t!(i18n, budget_received)}</th>
                    <th class="number">{format!("{} ({reporting})", t_string!(i18n, budget_pledged))}</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    {overview.income.iter().map(|line| {
                        let id = line.id;
                        let fill = line.clone();
                        let line = line.clone();
                        view! {
                            <tr data-income=id>
                                <td dir="auto">{payer_name(line.payer_id)}</td>
                                <td dir="auto">{line.description.clone()}</td>
                                <td class="number">{money(&line.currency, line.exponent, line.pledged_minor)}</td>
                                <td class="number">{line.received_minor.map(|m| view! { {money(&line.currency, line.exponent, m)} " · " {line.received_on.map(|d| d.to_string())} })}</td>
                                <td class="number">{line.pledged.as_ref().map(|c| view! { <Amount minor=c.minor exponent /> })}</td>
                                <td>
                                    <button type="button" class="secondary small" on:click=move |_| {
                                        editing.set(Some((fill.id, fill.version)));
                                        payer.set(fill.payer_id.to_string());
                                        description.set(fill.description.clone());
                                        currency.set(fill.currency.clone());
                                        pledged.set(decimal_minor(fill.pledged_minor, fill.exponent));
                                        received.set(fill.received_minor.map(|m| decimal_minor(m, fill.exponent)).unwrap_or_default());
                                        received_on.set(fill.received_on.map(|d| d.to_string()).unwrap_or_default());
                                    }>{t!(i18n, budget_edit)}</button>
                                    " "
                                    <button type="button" class="secondary small" on:click=move |_| { remove.dispatch(id); }>{t!(i18n, budget_delete)}</button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <form method="post" class="row wrap" data-form="income" novalidate on:submit=move |ev| {
                ev.prevent_default();
                let editing = editing.get_untracked();
                save.dispatch((editing.map(|(id, _)| id), IncomeForm {
                    payer_id: payer.get_untracked(),
                    description: description.get_untracked(),
                    currency: currency.get_untracked(),
                    pledged: pledged.get_untracked(),
                    received: received.get_untracked(),
                    received_on: received_on.get_untracked(),
                    version: editing.map_or(0, |(_, version)| version),
                }));
            }>
                <Field input="income-payer" name="payer_id" label=move || t!(i18n, budget_payer) error>
                    <select id="income-payer" name="payer_id" bind:value=payer>
                        <option value="">{t!(i18n, choose)}</option>
                        {overview.payers.iter().map(|p| {
                            let value = p.id.to_string();
                            let selected = { let value = value.clone(); move || payer.get() == value };
                            view! { <option value=value selected=selected>{p.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </Field>
                <Field input="income-description" name="description" label=move || t!(i18n, budget_description) error>
                    <input id="income-description" name="description" maxlength="200" bind:value=description />
                </Field>
                <Field input="income-currency" name="currency" label=move || t!(i18n, budget_currency) error>
                    <input id="income-currency" name="currency" maxlength="3" size="4" bind:value=currency />
                </Field>
                <Field input="income-pledged" name="pledged" label=move || t!(i18n, budget_pledged) error>
                    <input id="income-pledged" name="pledged" inputmode="decimal" bind:value=pledged />
                </Field>
                <Field input="income-received" name="received" label=move || t!(i18n, budget_received) error>
                    <input id="income-received" name="received" inputmode="decimal" bind:value=received />
                </Field>
                <Field input="income-received-on" name="received_on" label=move || t!(i18n, budget_received_on) error>
                    <input id="income-received-on" name="received_on" type="date" bind:value=received_on />
                </Field>
                <div>
                    <button type="submit">{move || if editing.get().is_some() { t_string!(i18n, save) } else { t_string!(i18n, budget_add_income) }}</button>
                </div>
            </form>
            {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
        </section>
    }
}
