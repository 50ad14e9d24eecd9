//! The audit log page: filters in the address (so a view can be shared
//! and works before the page hydrates), one page of entries, the export.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::server_fns::list_audit;
use crate::audit::types::{ACTIONS, AuditEntryView, AuditFilter, ENTITIES, display_value};
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::editions::server_fns::list_editions;
use crate::editions::types::EditionView;
use crate::error::AppError;
use crate::i18n::*;
use crate::paging::{DEFAULT_PER_PAGE, Paged};
use crate::ui::{Loaded, dates};

/// A kind of record in the reader's language (the word itself for one
/// this page does not know yet).
pub fn entity_label(i18n: leptos_i18n::I18nContext<Locale>, entity: &str) -> String {
    match entity {
        "edition" => t_string!(i18n, audit_entity_edition).to_string(),
        "room" => t_string!(i18n, audit_entity_room).to_string(),
        "session" => t_string!(i18n, audit_entity_session).to_string(),
        "agenda" => t_string!(i18n, audit_entity_agenda).to_string(),
        "member" => t_string!(i18n, audit_entity_member).to_string(),
        "committee" => t_string!(i18n, audit_entity_committee).to_string(),
        "council_member" => t_string!(i18n, audit_entity_council_member).to_string(),
        "registration" => t_string!(i18n, audit_entity_registration).to_string(),
        "registration_settings" => t_string!(i18n, audit_entity_registration_settings).to_string(),
        "invitation" => t_string!(i18n, audit_entity_invitation).to_string(),
        "account" => t_string!(i18n, audit_entity_account).to_string(),
        "api_token" => t_string!(i18n, audit_entity_api_token).to_string(),
        "budget" => t_string!(i18n, audit_entity_budget).to_string(),
        "budget_category" => t_string!(i18n, audit_entity_budget_category).to_string(),
        "budget_payer" => t_string!(i18n, audit_entity_budget_payer).to_string(),
        "budget_rate" => t_string!(i18n, audit_entity_budget_rate).to_string(),
        "budget_item" => t_string!(i18n, audit_entity_budget_item).to_string(),
        "budget_receipt" => t_string!(i18n, audit_entity_budget_receipt).to_string(),
        "budget_income" => t_string!(i18n, audit_entity_budget_income).to_string(),
        "agreement_template" => t_string!(i18n, audit_entity_agreement_template).to_string(),
        "initiative" => t_string!(i18n, audit_entity_initiative).to_string(),
        "agreement" => t_string!(i18n, audit_entity_agreement).to_string(),
        "agreement_version" => t_string!(i18n, audit_entity_agreement_version).to_string(),
        "agreement_comment" => t_string!(i18n, audit_entity_agreement_comment).to_string(),
        "agreement_signing" => t_string!(i18n, audit_entity_agreement_signing).to_string(),
        "activity" => t_string!(i18n, audit_entity_activity).to_string(),
        "activity_note" => t_string!(i18n, audit_entity_activity_note).to_string(),
        other => other.to_owned(),
    }
}

/// An action in the reader's language (the word itself for one this page
/// does not know yet).
pub fn action_label(i18n: leptos_i18n::I18nContext<Locale>, action: &str) -> String {
    match action {
        "created" => t_string!(i18n, audit_action_created).to_string(),
        "updated" => t_string!(i18n, audit_action_updated).to_string(),
        "deleted" => t_string!(i18n, audit_action_deleted).to_string(),
        "published" => t_string!(i18n, audit_action_published).to_string(),
        "cancelled" => t_string!(i18n, audit_action_cancelled).to_string(),
        "booked" => t_string!(i18n, audit_action_booked).to_string(),
        "unbooked" => t_string!(i18n, audit_action_unbooked).to_string(),
        "feed_renewed" => t_string!(i18n, audit_action_feed_renewed).to_string(),
        "approved" => t_string!(i18n, audit_action_approved).to_string(),
        "moved" => t_string!(i18n, audit_action_moved).to_string(),
        "signed" => t_string!(i18n, audit_action_signed).to_string(),
        other => other.to_owned(),
    }
}

/// When, in the reader's language: the day as a sentence says it, the
/// time in UTC (an entry may concern no edition, hence no time zone).
fn when(locale: Locale, at: DateTime<Utc>) -> String {
    format!(
        "{} {}",
        dates::long_date(locale, at.date_naive()),
        at.format("%H:%M UTC")
    )
}

/// `/audit` or `/audit.csv` with a query, and a page when given.
fn address(base: &str, filter: &AuditFilter, page: Option<u32>) -> String {
    let mut query = filter.query_string();
    if let Some(page) = page {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(&format!("page={page}"));
    }
    if query.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{query}")
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    // What the address asks for: the filter form and the page links
    // change the address, and the list follows it.
    let applied = Memo::new(move |_| {
        let query = query.read();
        AuditFilter::from_query(|name| query.get(name))
    });
    // Made here, outside the guard's suspense: a resource created inside
    // it loses the request's context on the server.
    let entries = Resource::new(
        move || applied.get(),
        |(filter, page)| list_audit(Some(filter), page, DEFAULT_PER_PAGE),
    );
    let editions = Resource::new(|| (), |_| list_editions());
    let render =
        move |paged: Paged<AuditEntryView>| view! { <AuditTable paged applied /> }.into_any();
    view! {
        <Guard operation=Operation::ReadAuditLog>
            <h1>{t!(i18n, audit_title)}</h1>
            <p class="muted">{t!(i18n, audit_hint)}</p>
            <AuditFilters applied editions />
            <Loaded resource=entries render=render />
        </Guard>
    }
}

/// The filter form, filled from the address and kept in step with it.
#[component]
fn AuditFilters(
    applied: Memo<(AuditFilter, u32)>,
    editions: Resource<Result<Vec<EditionView>, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let edition = RwSignal::new(String::new());
    let entity = RwSignal::new(String::new());
    let record = RwSignal::new(String::new());
    let actor = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let fill = move |f: &AuditFilter| {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        edition.set(f.edition_id.map(|id| id.to_string()).unwrap_or_default());
        entity.set(text(&f.entity));
        record.set(text(&f.record_id));
        actor.set(text(&f.actor));
        action.set(text(&f.action));
        from.set(f.from.map(|d| d.to_string()).unwrap_or_default());
        to.set(f.to.map(|d| d.to_string()).unwrap_or_default());
    };
    fill(&applied.get_untracked().0);
    // A page link or "history of this record" changes the address.
    Effect::new(move |_| fill(&applied.get().0));
    let typed = move || {
        let text = |signal: RwSignal<String>| Some(signal.get_untracked());
        AuditFilter {
            edition_id: edition.get_untracked().trim().parse().ok(),
            entity: text(entity),
            record_id: text(record),
            actor: text(actor),
            action: text(action),
            from: from.get_untracked().parse().ok(),
            to: to.get_untracked().parse().ok(),
        }
    };
    let export_href = move || address("/api/v1/audit.csv", &applied.get().0, None);
    let edition_select = move |list: Vec<EditionView>| {
        view! {
            <label>
                {t!(i18n, audit_edition)} " "
                <select name="edition_id" bind:value=edition>
                    <option value="">{t!(i18n, all)}</option>
                    {list
                        .into_iter()
                        .map(|e| view! { <option value=e.id.to_string()>{format!("{} · {}", e.year, e.title)}</option> })
                        .collect_view()}
                </select>
            </label>
        }
        .into_any()
    };
    view! {
        // Before the page hydrates the form still works: a plain GET to
        // this page with the same parameters.
        <form
            class="toolbar"
            role="search"
            method="get"
            action="/audit"
            data-form="audit-filter"
            on:submit=move |ev| {
                ev.prevent_default();
                navigate(&address("/audit", &typed(), None), Default::default());
            }
        >
            <Loaded resource=editions render=edition_select />
            <label>
                {t!(i18n, audit_entity)} " "
                <select name="entity" bind:value=entity>
                    <option value="">{t!(i18n, all)}</option>
                    {ENTITIES
                        .into_iter()
                        .map(|e| view! { <option value=e>{move || entity_label(i18n, e)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                {t!(i18n, audit_record)} " "
                <input name="record_id" size="6" bind:value=record />
            </label>
            <label>
                {t!(i18n, audit_actor)} " "
                <input type="search" name="actor" bind:value=actor />
            </label>
            <label>
                {t!(i18n, audit_action)} " "
                <input name="action" list="audit-actions" size="10" bind:value=action />
                <datalist id="audit-actions">
                    {ACTIONS.into_iter().map(|a| view! { <option value=a></option> }).collect_view()}
                </datalist>
            </label>
            <label>
                {t!(i18n, audit_from)} " "
                <input type="date" name="from" bind:value=from />
            </label>
            <label>
                {t!(i18n, audit_to)} " "
                <input type="date" name="to" bind:value=to />
            </label>
            <button type="submit">{t!(i18n, audit_apply)}</button>
            <a class="button secondary" href=export_href download data-export="audit">
                {t!(i18n, audit_export)}
            </a>
        </form>
    }
}

/// One page of entries with the links to the pages before and after.
#[component]
fn AuditTable(paged: Paged<AuditEntryView>, applied: Memo<(AuditFilter, u32)>) -> impl IntoView {
    let i18n = use_i18n();
    if paged.items.is_empty() {
        return view! { <p class="card">{t!(i18n, audit_empty)}</p> }.into_any();
    }
    let (page, pages, total) = (paged.page, paged.pages(), paged.total);
    let link = move |n: u32| address("/audit", &applied.get_untracked().0, Some(n));
    let rows = paged
        .items
        .into_iter()
        .map(|entry| {
            let at = entry.at;
            let changes = entry.changes();
            let history = address(
                "/audit",
                &AuditFilter {
                    entity: Some(entry.entity.clone()),
                    record_id: Some(entry.record_id.clone()),
                    ..AuditFilter::default()
                },
                None,
            );
            let entity = entry.entity.clone();
            let action = entry.action.clone();
            view! {
                <tr data-entry=entry.id.to_string()>
                    <td>{move || when(i18n.get_locale(), at)}</td>
                    <td dir="auto">{entry.actor.clone()}</td>
                    <td>{move || action_label(i18n, &action)}</td>
                    <td>
                        <A href=history>
                            {move || entity_label(i18n, &entity)} " #" {entry.record_id.clone()}
                        </A>
                    </td>
                    <td>
                        <ul class="changes">
                            {changes
                                .into_iter()
                                .map(|(field, was, is)| view! {
                                    <li dir="auto">
                                        <code>{field}</code> ": " {display_value(&was)} " → " {display_value(&is)}
                                    </li>
                                })
                                .collect_view()}
                        </ul>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table data-table="audit">
            <thead>
                <tr>
                    <th>{t!(i18n, audit_when)}</th>
                    <th>{t!(i18n, audit_actor)}</th>
                    <th>{t!(i18n, audit_action)}</th>
                    <th>{t!(i18n, audit_record)}</th>
                    <th>{t!(i18n, audit_changes)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <nav class="toolbar" data-pager="audit" aria-label=move || t_string!(i18n, audit_pages).to_string()>
            {(page > 1).then(|| view! {
                <A href=link(page - 1) attr:class="button secondary small" attr:rel="prev">
                    {t!(i18n, audit_previous)}
                </A>
            })}
            <span class="muted">{move || t_string!(i18n, audit_page, page, pages, total)}</span>
            {(page < pages).then(|| view! {
                <A href=link(page + 1) attr:class="button secondary small" attr:rel="next">
                    {t!(i18n, audit_next)}
                </A>
            })}
        </nav>
    }
    .into_any()
}
