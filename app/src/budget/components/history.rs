//! The budget's history (or one item's): every change, who, when, what
//! it was before and after, read from the audit log.

use leptos::prelude::*;

use crate::audit::types::AuditEntryView;
use crate::audit::types::display_value;
use crate::audit_log::components::{action_label, entity_label};
use crate::budget::server_fns::budget_history;
use crate::error::AppError;
use crate::i18n::*;
use crate::paging::Paged;
use crate::ui::Loaded;

pub type Entries = Resource<Result<Paged<AuditEntryView>, AppError>>;

/// The history's resource: made by the page, outside any suspense (a
/// resource made inside one loses the request's context on the server
/// and breaks hydration). `wanted` false: nothing is read.
pub fn history_resource(
    edition_id: Signal<Option<i64>>,
    item_id: Signal<Option<i64>>,
    page: RwSignal<u32>,
    wanted: Signal<bool>,
    reload: Signal<u32>,
) -> Entries {
    Resource::new(
        move || {
            (
                edition_id.get(),
                item_id.get(),
                page.get(),
                wanted.get(),
                reload.get(),
            )
        },
        |(edition_id, item_id, page, wanted, _)| async move {
            if !wanted {
                return Ok(Paged::new(Vec::new(), 0, Default::default()));
            }
            budget_history(edition_id.ok_or(AppError::NotFound)?, item_id, page).await
        },
    )
}

#[component]
pub fn History(entries: Entries, page: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Loaded
            resource=entries
            render=move |paged| {
                if paged.items.is_empty() {
                    return view! { <p class="card">{t!(i18n, audit_empty)}</p> }.into_any();
                }
                let (current, pages, total) = (paged.page, paged.pages(), paged.total);
                view! {
                    <table data-table="budget-history">
                        <thead><tr>
                            <th>{t!(i18n, audit_when)}</th>
                            <th>{t!(i18n, audit_actor)}</th>
                            <th>{t!(i18n, audit_action)}</th>
                            <th>{t!(i18n, audit_record)}</th>
                            <th>{t!(i18n, audit_changes)}</th>
                        </tr></thead>
                        <tbody>
                            {paged.items.into_iter().map(|entry| {
                                let (entity, action) = (entry.entity.clone(), entry.action.clone());
                                view! {
                                    <tr data-entry=entry.id data-action=entry.action.clone()>
                                        <td>{entry.at.format("%Y-%m-%d %H:%M UTC").to_string()}</td>
                                        <td dir="auto">{entry.actor.clone()}</td>
                                        <td>{move || action_label(i18n, &action)}</td>
                                        <td>{move || entity_label(i18n, &entity)} " #" {entry.record_id.clone()}</td>
                                        <td>
                                            <ul class="changes">
                                                {entry.changes().into_iter().map(|(field, was, is)| view! {
                                                    <li dir="auto"><code>{field}</code> ": " {display_value(&was)} " → " {display_value(&is)}</li>
                                                }).collect_view()}
                                            </ul>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <nav class="toolbar" data-pager="budget-history">
                        {(current > 1).then(|| view! {
                            <button type="button" class="secondary small" on:click=move |_| page.set(current - 1)>{t!(i18n, audit_previous)}</button>
                        })}
                        <span class="muted">{move || t_string!(i18n, audit_page, page = current, pages, total)}</span>
                        {(current < pages).then(|| view! {
                            <button type="button" class="secondary small" on:click=move |_| page.set(current + 1)>{t!(i18n, audit_next)}</button>
                        })}
                    </nav>
                }.into_any()
            }
        />
    }
}
