//! The cost items tab: filters and a page of items.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::{money, url_encode};
use crate::budget::server_fns::load_items;
use crate::budget::types::{BudgetOverview, ItemStatus, ItemView};
use crate::budget::words;
use crate::error::AppError;
use crate::i18n::*;
use crate::paging::Paged;
use crate::ui::Loaded;
use crate::ui::numbers::Amount;

type ItemsResource = Resource<Result<Paged<ItemView>, AppError>>;

/// The items' resource, from the address's filters: made by the page,
/// outside any suspense (see `history_resource`). `wanted` false: nothing
/// is read.
pub fn items_resource(edition_id: Signal<Option<i64>>, wanted: Signal<bool>) -> ItemsResource {
    let query = use_query_map();
    let number = move |name: &str| query.read().get(name).and_then(|v| v.parse::<i64>().ok());
    let text = move |name: &str| query.read().get(name).unwrap_or_default();
    Resource::new(
        move || {
            (
                edition_id.get(),
                wanted.get(),
                number("category_id"),
                number("payer_id"),
                text("status"),
                text("q"),
                number("page").unwrap_or(1).clamp(1, i64::from(u32::MAX)) as u32,
            )
        },
        |(edition_id, wanted, category_id, payer_id, status, q, page)| async move {
            if !wanted {
                return Ok(Paged::new(Vec::new(), 0, Default::default()));
            }
            let edition_id = edition_id.ok_or(AppError::NotFound)?;
            load_items(edition_id, category_id, payer_id, status, q, page).await
        },
    )
}

#[component]
pub fn Items(overview: BudgetOverview, items: ItemsResource) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let edition_id = overview.settings.edition_id;
    let number = move |name: &str| query.read().get(name).and_then(|v| v.parse::<i64>().ok());
    let text = move |name: &str| query.read().get(name).unwrap_or_default();
    let categories = overview.categories.clone();
    let payers = overview.payers.clone();
    let (currency, exponent) = (
        overview.settings.currency.clone(),
        overview.settings.exponent,
    );
    let category_name = {
        let categories = categories.clone();
        move |id: i64| {
            categories
                .iter()
                .find(|c| c.id == id)
                .map(|c| words::category(i18n.get_locale(), c.kind, &c.name, &c.names))
                .unwrap_or_default()
        }
    };
    let payer_name = {
        let payers = payers.clone();
        move |id: i64| {
            payers
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.name.clone())
                .unwrap_or_default()
        }
    };
    view! {
        <div class="toolbar">
            <form method="get" class="row wrap grow" data-form="item-filter">
                <input type="hidden" name="tab" value="items" />
                <label>{t!(i18n, budget_category_label)} " "
                    <select name="category_id">
                        <option value="">{t!(i18n, budget_all)}</option>
                        {categories.iter().map(|c| {
                            let (id, kind, name, names) = (c.id, c.kind, c.name.clone(), c.names.clone());
                            view! { <option value=id selected=move || number("category_id") == Some(id)>
                                {move || words::category(i18n.get_locale(), kind, &name, &names)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, budget_payer)} " "
                    <select name="payer_id">
                        <option value="">{t!(i18n, budget_all)}</option>
                        {payers.iter().map(|p| {
                            let id = p.id;
                            view! { <option value=id selected=move || number("payer_id") == Some(id)>{p.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, budget_status)} " "
                    <select name="status">
                        <option value="">{t!(i18n, budget_all)}</option>
                        {ItemStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=move || text("status") == s.as_str()>
                                {move || words::status(i18n.get_locale(), s)}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, budget_search)} " "
                    <input type="search" name="q" maxlength="200" value=move || text("q") />
                </label>
                <button type="submit" class="secondary">{t!(i18n, budget_filter)}</button>
            </form>
            <A href=format!("/editions/{edition_id}/budget/items/new") attr:class="button" attr:data-action="new-item">
                {t!(i18n, budget_new_item)}
            </A>
        </div>
        <Loaded
            resource=items
            render=move |paged| {
                let (category_name, payer_name) = (category_name.clone(), payer_name.clone());
                let currency = currency.clone();
                if paged.items.is_empty() {
                    return view! { <p class="card">{t!(i18n, budget_no_items)}</p> }.into_any();
                }
                let (page, pages, total) = (paged.page, paged.pages(), paged.total);
                let link = move |n: u32| {
                    let mut pairs: Vec<String> = query
                        .read_untracked()
                        .clone()
                        .into_iter()
                        .filter(|(k, _)| k != "page")
                        .map(|(k, v)| format!("{k}={}", url_encode(&v)))
                        .collect();
                    pairs.push(format!("page={n}"));
                    format!("?{}", pairs.join("&"))
                };
                view! {
                    <table data-table="items">
                        <thead><tr>
                            <th>{t!(i18n, budget_description)}</th>
                            <th>{t!(i18n, budget_category_label)}</th>
                            <th>{t!(i18n, budget_payer)}</th>
                            <th>{t!(i18n, budget_status)}</th>
                            <th class="number">{t!(i18n, budget_planned_items)}</th>
                            <th class="number">{t!(i18n, budget_committed)}</th>
                            <th class="number">{t!(i18n, budget_actual)}</th>
                            <th class="number">{format!("{} ({currency})", t_string!(i18n, budget_actual))}</th>
                        </tr></thead>
                        <tbody>
                            {paged.items.into_iter().map(|i| {
                                let status = i.status;
                                let own = |minor: Option<i64>| minor.map(|m| money(&i.currency, i.exponent, m));
                                view! {
                                    <tr data-item=i.id data-status=status.as_str()>
                                        <td dir="auto">
                                            <A href=format!("/editions/{edition_id}/budget/items/{}", i.id)>{i.description.clone()}</A>
                                            {(!i.receipts.is_empty()).then(|| view! { " " <span class="pill" title="receipts">{format!("📎 {}", i.receipts.len())}</span> })}
                                        </td>
                                        <td dir="auto">{category_name(i.category_id)}</td>
                                        <td dir="auto">{payer_name(i.payer_id)}</td>
                                        <td><span class=format!("pill status-{}", status.as_str())>{move || words::status(i18n.get_locale(), status)}</span></td>
                                        <td class="number">{own(Some(i.planned_minor))}</td>
                                        <td class="number">{own(i.committed_minor)}</td>
                                        <td class="number">{own(i.actual_minor)}</td>
                                        <td class="number">{i.actual.as_ref().map(|c| view! { <Amount minor=c.minor exponent /> })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <nav class="toolbar" data-pager="items">
                        {(page > 1).then(|| view! { <A href=link(page - 1) attr:class="button secondary small" attr:rel="prev">{t!(i18n, audit_previous)}</A> })}
                        <span class="muted">{move || t_string!(i18n, audit_page, page, pages, total)}</span>
                        {(page < pages).then(|| view! { <A href=link(page + 1) attr:class="button secondary small" attr:rel="next">{t!(i18n, audit_next)}</A> })}
                    </nav>
                }.into_any()
            }
        />
    }
}
