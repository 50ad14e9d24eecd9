//! `/editions/{id}/budget`: the summary with its charts, the cost items,
//! the setup (currency, threshold, categories, payers, rates, income) and
//! the history, as tabs; `/editions/{id}/budget/items/{item}` edits one
//! item with its receipts. Finance and organizers only.

mod history;
mod item;
mod items;
mod setup;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

pub use item::BudgetItemPage;

use super::server_fns::load_budget;
use super::types::{BudgetOverview, BudgetSummary, Figures, VarianceState};
use super::words;
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::numbers::{self, Amount};
use crate::ui::{Loaded, Tabs, route_id};

/// An amount with its currency's code, in the page's language and
/// following the language switch ("CNY 1,234.56", "1 234,56 CNY").
pub(crate) fn money(currency: &str, exponent: u32, minor: i64) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let currency = currency.to_owned();
    move || numbers::money(i18n.get_locale(), &currency, exponent, minor)
}

/// A query value as a URL writes it: letters and digits kept, every
/// other byte percent-encoded.
pub(crate) fn url_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Summary,
    Items,
    Setup,
    History,
}

impl crate::ui::TabKey for Tab {
    fn key(self) -> &'static str {
        match self {
            Tab::Summary => "summary",
            Tab::Items => "items",
            Tab::Setup => "setup",
            Tab::History => "history",
        }
    }
}

#[component]
pub fn BudgetPage() -> impl IntoView {
    let id = route_id();
    let i18n = use_i18n();
    let query = use_query_map();
    let tab = Memo::new(move |_| match query.read().get("tab").as_deref() {
        Some("items") => Tab::Items,
        Some("setup") => Tab::Setup,
        Some("history") => Tab::History,
        _ => Tab::Summary,
    });
    // Saves on the setup tab bump this, and the overview is read again.
    let changed = RwSignal::new(0u32);
    let history_page = RwSignal::new(1u32);
    let history = history::history_resource(
        id,
        Signal::derive(|| None),
        history_page,
        Signal::derive(move || tab.get() == Tab::History),
        changed.into(),
    );
    let items = items::items_resource(id, Signal::derive(move || tab.get() == Tab::Items));
    // Made outside the guard's suspense (see ReviewPage).
    let overview = Resource::new(
        move || (id.get(), changed.get(), i18n.get_locale()),
        |(id, _, locale)| async move {
            load_budget(id.ok_or(AppError::NotFound)?, locale.to_string()).await
        },
    );
    view! {
        <Guard operation=Operation::ViewBudget>
            <h1>{t!(i18n, budget_title)}</h1>
            <Tabs nav="budget" label=Signal::derive(move || t_string!(i18n, budget_title).to_string())
                tabs=vec![Tab::Summary, Tab::Items, Tab::Setup, Tab::History]
                current=tab
                tab_label=move |t| match t {
                    Tab::Summary => t_string!(i18n, budget_tab_summary).to_string(),
                    Tab::Items => t_string!(i18n, budget_tab_items).to_string(),
                    Tab::Setup => t_string!(i18n, budget_tab_setup).to_string(),
                    Tab::History => t_string!(i18n, budget_tab_history).to_string(),
                } />
            <Loaded
                resource=overview
                render=move |overview| match tab.get() {
                    Tab::Summary => view! { <Summary overview /> }.into_any(),
                    Tab::Items => view! { <items::Items overview items /> }.into_any(),
                    Tab::Setup => view! { <setup::Setup overview changed /> }.into_any(),
                    Tab::History => view! { <history::History entries=history page=history_page /> }.into_any(),
                }
            />
        </Guard>
    }
}

fn variance_class(state: VarianceState) -> &'static str {
    match state {
        VarianceState::Under => "variance under",
        VarianceState::OnPlan => "variance on-plan",
        VarianceState::Over => "variance over",
    }
}

#[component]
fn Summary(overview: BudgetOverview) -> impl IntoView {
    let i18n = use_i18n();
    let edition_id = overview.settings.edition_id;
    let BudgetSummary {
        currency,
        exponent,
        totals,
        variance,
        categories,
        payers,
        what_if,
        rates_used,
        rounding,
        plan_rate_day,
        awaiting_approval,
        unconverted,
        ..
    } = overview.summary.clone();
    let Figures {
        budget_minor,
        planned_minor,
        committed_minor,
        awaiting_minor,
        actual_minor,
        forecast_minor,
    } = totals;
    let variance_words = {
        let (variance, currency) = (variance.clone(), currency.clone());
        move || words::variance(i18n.get_locale(), &variance, &currency, exponent)
    };
    let base = format!("/api/v1/editions/{edition_id}/budget");
    let figure = |name: &'static str, label: String, minor: i64| {
        view! {
            <div class="card" data-figure=name data-minor=minor>
                <p class="muted">{label}</p>
                <p class="figure">{money(&currency, exponent, minor)}</p>
            </div>
        }
    };
    view! {
        <section class="stack" data-section="summary">
            {(awaiting_approval > 0).then(|| view! {
                <p class="banner warning" data-awaiting=awaiting_approval>
                    <A href="?tab=items&status=awaiting_approval">
                        {move || t_string!(i18n, budget_awaiting_count, count = awaiting_approval).to_string()}
                    </A>
                </p>
            })}
            {(unconverted > 0).then(|| view! {
                <p class="banner error" data-unconverted=unconverted>{t!(i18n, budget_unconverted, count = move || unconverted)}</p>
            })}
            <div class="tiles">
                {figure("budget", t_string!(i18n, budget_plan).to_string(), budget_minor)}
                {figure("planned", t_string!(i18n, budget_planned_items).to_string(), planned_minor)}
                {figure("committed", t_string!(i18n, budget_committed).to_string(), committed_minor)}
                {figure("awaiting", t_string!(i18n, budget_awaiting).to_string(), awaiting_minor)}
                {figure("actual", t_string!(i18n, budget_actual).to_string(), actual_minor)}
                {figure("forecast", t_string!(i18n, budget_forecast).to_string(), forecast_minor)}
            </div>
            <p class=variance_class(variance.state) data-variance=variance.minor>
                <strong>{t!(i18n, budget_variance)} ": "</strong> {variance_words}
            </p>
            <div class="toolbar">
                <a class="button secondary" href=format!("{base}/items.csv") download data-export="csv">{t!(i18n, budget_export_csv)}</a>
                <a class="button secondary" href=format!("{base}/summary.pdf") download data-export="pdf">{t!(i18n, budget_export_pdf)}</a>
            </div>
            <figure class="chart" data-chart="categories" inner_html=overview.category_chart.clone()></figure>
            <figure class="chart" data-chart="time" inner_html=overview.time_chart.clone()></figure>
            <h2>{t!(i18n, budget_by_category)}</h2>
            <table data-table="categories">
                <thead><tr>
                    <th>{t!(i18n, budget_category_label)}</th>
                    <th class="number">{t!(i18n, budget_plan)}</th>
                    <th class="number">{t!(i18n, budget_planned_items)}</th>
                    <th class="number">{t!(i18n, budget_committed)}</th>
                    <th class="number">{t!(i18n, budget_awaiting)}</th>
                    <th class="number">{t!(i18n, budget_actual)}</th>
                    <th>{t!(i18n, budget_variance)}</th>
                </tr></thead>
                <tbody>
                    {categories.into_iter().map(|line| {
                        let f = line.figures.clone();
                        let (kind, name, names) = (line.kind, line.name.clone(), line.names.clone());
                        let variance = line.variance.clone();
                        let currency = currency.clone();
                        let link = format!("?tab=items&category_id={}", line.id);
                        view! {
                            <tr data-category=line.id data-kind=kind.as_str()>
                                <td dir="auto"><A href=link>{move || words::category(i18n.get_locale(), kind, &name, &names)}</A></td>
                                <td class="number"><Amount minor=f.budget_minor exponent /></td>
                                <td class="number"><Amount minor=f.planned_minor exponent /></td>
                                <td class="number" data-committed=f.committed_minor><Amount minor=f.committed_minor exponent /></td>
                                <td class="number"><Amount minor=f.awaiting_minor exponent /></td>
                                <td class="number" data-actual=f.actual_minor><Amount minor=f.actual_minor exponent /></td>
                                <td class=variance_class(line.variance.state) data-variance=line.variance.minor>
                                    {move || words::variance(i18n.get_locale(), &variance, &currency, exponent)}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <h2>{t!(i18n, budget_by_payer)}</h2>
            <table data-table="payers">
                <thead><tr>
                    <th>{t!(i18n, budget_payer)}</th>
                    <th class="number">{t!(i18n, budget_planned_items)}</th>
                    <th class="number">{t!(i18n, budget_committed)}</th>
                    <th class="number">{t!(i18n, budget_awaiting)}</th>
                    <th class="number">{t!(i18n, budget_actual)}</th>
                    <th class="number">{t!(i18n, budget_pledged)}</th>
                    <th class="number">{t!(i18n, budget_received)}</th>
                    <th class="number">{t!(i18n, budget_owed)}</th>
                </tr></thead>
                <tbody>
                    {payers.into_iter().map(|p| {
                        let f = p.figures.clone();
                        let kind = p.kind;
                        view! {
                            <tr data-payer=p.id>
                                <td dir="auto">{p.name.clone()} " " <span class="pill">{move || words::payer_kind(i18n.get_locale(), kind)}</span></td>
                                <td class="number"><Amount minor=f.planned_minor exponent /></td>
                                <td class="number"><Amount minor=f.committed_minor exponent /></td>
                                <td class="number"><Amount minor=f.awaiting_minor exponent /></td>
                                <td class="number" data-actual=f.actual_minor><Amount minor=f.actual_minor exponent /></td>
                                <td class="number"><Amount minor=p.pledged_minor exponent /></td>
                                <td class="number"><Amount minor=p.received_minor exponent /></td>
                                <td class="number" data-owed=p.owed_minor><Amount minor=p.owed_minor exponent /></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <h2>{t!(i18n, budget_what_if)}</h2>
            <dl class="pairs" data-section="what-if">
                <dt>{t!(i18n, budget_if_all_spent)}</dt>
                <dd data-what-if="all-spent">{money(&currency, exponent, what_if.all_planned_spent_minor)}</dd>
                <dt>{t!(i18n, budget_if_contingency_used)}</dt>
                <dd data-what-if="contingency">{money(&currency, exponent, what_if.contingency_used_minor)}</dd>
                <dt>{t!(i18n, budget_income_pledged)}</dt>
                <dd data-what-if="income">{money(&currency, exponent, what_if.income_minor)}</dd>
                <dt>{t!(i18n, budget_balance)}</dt>
                <dd data-what-if="balance" class:alert={what_if.balance_minor < 0}>{money(&currency, exponent, what_if.balance_minor)}</dd>
            </dl>
            <h2>{t!(i18n, budget_rates_used)}</h2>
            <p class="muted" data-rounding="">{rounding} " " {t!(i18n, budget_plan_rate_day, day = plan_rate_day.to_string())}</p>
            {if rates_used.is_empty() {
                view! { <p class="muted">{t!(i18n, budget_no_rates_used)}</p> }.into_any()
            } else {
                view! {
                    <ul data-list="rates-used">
                        {rates_used.into_iter().map(|r| view! {
                            <li>{format!("1 {} = {} {} · {}", r.currency, r.rate, currency, r.valid_from)}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
