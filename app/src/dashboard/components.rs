//! The dashboard page: tiles of figures and small bar charts, each
//! linking to the list behind it.

use leptos::prelude::*;
use leptos_router::components::A;

use super::domain::{bar_percent, countdown};
use super::server_fns::load_dashboard;
use super::types::{Countdown, EditionDashboard};
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::editions::components::status_label as edition_status_label;
use crate::error::AppError;
use crate::i18n::*;
use crate::registration::components::{category_label, status_label};
use crate::registration::types::RegistrationStatus;
use crate::ui::dates::{day_tab, long_date};
use crate::ui::numbers::{Amount, Count};
use crate::ui::{Loaded, route_id};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let id = route_id();
    // Made outside the guard's suspense (see ReviewPage).
    let dashboard = Resource::new(
        move || id.get(),
        |id| async move { load_dashboard(id.ok_or(AppError::NotFound)?).await },
    );
    view! {
        <Guard operation=Operation::ManageEditions>
            <Loaded
                resource=dashboard
                render=move |dashboard| view! { <Dashboard dashboard /> }.into_any()
            />
        </Guard>
    }
}

#[component]
fn Dashboard(dashboard: EditionDashboard) -> impl IntoView {
    let i18n = use_i18n();
    let EditionDashboard {
        edition,
        today,
        registration,
        programme,
        mail,
        badges,
        checkin,
        budget,
        agreements,
    } = dashboard;
    let id = edition.id;
    let base = format!("/editions/{id}");
    let queue = format!("{base}/registrations");
    let status = edition.status;
    let (first, last) = (edition.start_date, edition.end_date);
    let dates = move || {
        let locale = i18n.get_locale();
        format!("{} – {}", long_date(locale, first), long_date(locale, last))
    };
    let when = countdown(today, first, last);
    let people: u32 = registration
        .by_status
        .iter()
        .filter(|(s, _)| *s != RegistrationStatus::Cancelled)
        .map(|(_, n)| n)
        .sum();
    // The day it came in, in the host city's calendar like `today`.
    let zone = crate::editions::domain::parse_time_zone(&edition.time_zone).ok();
    let oldest = registration
        .oldest_waiting
        .map(|at| zone.map_or(at.date_naive(), |zone| at.with_timezone(&zone).date_naive()));

    let status_rows = {
        let largest = registration
            .by_status
            .iter()
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(0);
        registration
            .by_status
            .iter()
            .map(|(s, n)| {
                let s = *s;
                BarRow {
                    label: Signal::derive(move || status_label(i18n, s)),
                    value: *n,
                    largest,
                    href: Some(format!("{queue}?status={}", s.as_str())),
                    key: s.as_str(),
                }
            })
            .collect::<Vec<_>>()
    };
    let category_rows = {
        let largest = registration
            .approved_by_category
            .iter()
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(0);
        registration
            .approved_by_category
            .iter()
            .map(|(c, n)| {
                let c = *c;
                BarRow {
                    label: Signal::derive(move || category_label(i18n, c)),
                    value: *n,
                    largest,
                    href: Some(format!("{queue}?status=approved&category={}", c.as_str())),
                    key: c.as_str(),
                }
            })
            .collect::<Vec<_>>()
    };
    let day_rows = {
        let largest = programme
            .days
            .iter()
            .map(|d| d.published + d.drafts)
            .max()
            .unwrap_or(0);
        programme
            .days
            .iter()
            .map(|d| {
                let day = d.day;
                BarRow {
                    label: Signal::derive(move || day_tab(i18n.get_locale(), day)),
                    value: d.published + d.drafts,
                    largest,
                    href: None,
                    key: "day",
                }
            })
            .collect::<Vec<_>>()
    };
    let drafts: u32 = programme.days.iter().map(|d| d.drafts).sum();
    let capacity = registration.capacity.clone();

    view! {
        <div class="toolbar">
            <h1 class="grow">{edition.title.clone()}</h1>
            <span class=format!("status {}", status.as_str())>
                {move || edition_status_label(i18n, status)}
            </span>
        </div>
        <p class="muted">
            {edition.host_city_name.clone()} " · " {dates} " · " {edition.venue.clone()} " · "
            {edition.time_zone.clone()}
        </p>
        <nav class="toolbar" data-nav="edition" aria-label=move || t_string!(i18n, dashboard_edition_nav).to_string()>
            <A href=format!("{base}/settings") attr:class="button secondary">{t!(i18n, dashboard_edition_settings)}</A>
            <A href=format!("{base}/registration-settings") attr:class="button secondary">{t!(i18n, settings_title)}</A>
            <A href=queue.clone() attr:class="button secondary">{t!(i18n, review_title)}</A>
            <A href=format!("{base}/timetable") attr:class="button secondary">{t!(i18n, timetable_title)}</A>
            <A href=format!("{base}/programme") attr:class="button secondary">{t!(i18n, programme_title)}</A>
            <A href=format!("{base}/register") attr:class="button secondary">{t!(i18n, register_page)}</A>
        </nav>
        <div class="tiles">
            <Tile name="countdown" title=Signal::derive(move || t_string!(i18n, dashboard_when).to_string()) href=None>
                {match when {
                    Countdown::DaysToGo(days) => view! {
                        <p class="figure" data-count=days>{days}</p>
                        <p class="muted">{t!(i18n, dashboard_days_to_go)}</p>
                    }.into_any(),
                    Countdown::Day { n, of } => view! {
                        <p class="figure" data-count=n>{format!("{n} / {of}")}</p>
                        <p class="muted">{t!(i18n, dashboard_day_of_forum)}</p>
                    }.into_any(),
                    Countdown::DaysSince(days) => view! {
                        <p class="figure" data-count=days>{days}</p>
                        <p class="muted">{t!(i18n, dashboard_days_since)}</p>
                    }.into_any(),
                }}
            </Tile>
            <Tile name="registrations" title=Signal::derive(move || t_string!(i18n, dashboard_registrations).to_string()) href=Some(queue.clone())>
                <p class="figure" data-count=people><Count n=people /></p>
                <p class="muted">{t!(i18n, dashboard_people_not_cancelled)}</p>
                <Bars rows=status_rows />
            </Tile>
            <Tile name="review" title=Signal::derive(move || t_string!(i18n, dashboard_review).to_string()) href=Some(format!("{queue}?status=submitted"))>
                <p class="figure" data-count=registration.waiting_review><Count n=registration.waiting_review /></p>
                <p class="muted">{t!(i18n, dashboard_waiting_review)}</p>
                {oldest.map(|day| view! {
                    <p data-oldest=day.to_string()>
                        {t!(i18n, dashboard_oldest_waiting)} " "
                        {move || long_date(i18n.get_locale(), day)}
                        {move || format!(" ({})", t_string!(i18n, dashboard_days_ago, days = (today - day).num_days()))}
                    </p>
                })}
                <p data-count-changed=registration.changed_since_approval>
                    {t!(i18n, dashboard_changed_since_approval)} ": " {registration.changed_since_approval}
                </p>
            </Tile>
            <Tile name="delegations" title=Signal::derive(move || t_string!(i18n, dashboard_delegations).to_string()) href=Some(queue.clone())>
                <p class="figure" data-count=registration.delegations><Count n=registration.delegations /></p>
                <p class="muted">{t!(i18n, dashboard_delegations_hint)}</p>
                <dl class="pairs">
                    <dt>{t!(i18n, dashboard_members_represented)}</dt>
                    <dd data-count-members=registration.members_represented><Count n=registration.members_represented /></dd>
                    <dt>{t!(i18n, dashboard_invitations_used)}</dt>
                    <dd data-count-invitations=registration.invitations_used>
                        {format!("{} / {}", registration.invitations_used, registration.invitations)}
                    </dd>
                </dl>
            </Tile>
            <Tile name="categories" title=Signal::derive(move || t_string!(i18n, dashboard_approved_by_category).to_string()) href=Some(format!("{queue}?status=approved"))>
                {if category_rows.is_empty() {
                    view! { <p class="muted">{t!(i18n, dashboard_none_yet)}</p> }.into_any()
                } else {
                    view! { <Bars rows=category_rows /> }.into_any()
                }}
            </Tile>
            <Tile name="capacity" title=Signal::derive(move || t_string!(i18n, dashboard_capacity).to_string()) href=Some(format!("{base}/registration-settings"))>
                {if capacity.is_empty() {
                    view! { <p class="muted">{t!(i18n, dashboard_no_caps)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="meters">
                            {capacity.into_iter().map(|(c, cap, held)| {
                                let left = cap.saturating_sub(held);
                                view! {
                                    <li data-category=c.as_str() data-left=left>
                                        <span>{move || category_label(i18n, c)}</span>
                                        <meter min="0" max=cap value={held.min(cap)} high={cap.saturating_mul(9) / 10} optimum="0"
                                            aria-label=move || category_label(i18n, c)></meter>
                                        <span>{move || t_string!(i18n, dashboard_places_left, left = left, cap = cap).to_string()}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </Tile>
            <Tile name="programme" title=Signal::derive(move || t_string!(i18n, dashboard_sessions_per_day).to_string()) href=Some(format!("{base}/timetable"))>
                <Bars rows=day_rows />
                <p class="muted" data-count-drafts=drafts>{t!(i18n, dashboard_drafts)} ": " {drafts}</p>
            </Tile>
            <Tile name="conflicts" title=Signal::derive(move || t_string!(i18n, dashboard_conflicts).to_string()) href=Some(format!("{base}/conflicts"))>
                <dl class="pairs">
                    <dt>{t!(i18n, dashboard_clashes)}</dt>
                    <dd data-count-clashes=programme.clashes class:alert={programme.clashes > 0}><Count n=programme.clashes /></dd>
                    <dt>{t!(i18n, dashboard_warnings)}</dt>
                    <dd data-count-warnings=programme.warnings><Count n=programme.warnings /></dd>
                    <dt>{t!(i18n, dashboard_bookings)}</dt>
                    <dd data-count-bookings=programme.bookings><Count n=programme.bookings /></dd>
                </dl>
            </Tile>
            <Tile name="badges" title=Signal::derive(move || t_string!(i18n, dashboard_badges).to_string()) href=Some(format!("{base}/badges"))>
                <p class="figure" data-count-printed=badges.printed>
                    {t!(i18n, dashboard_badges_printed, printed = badges.printed, approved = badges.approved)}
                </p>
                <dl>
                    <dt>{t!(i18n, dashboard_badges_to_print)}</dt>
                    <dd data-count-to-print={badges.approved - badges.printed} class:alert={badges.printed < badges.approved}>{badges.approved - badges.printed}</dd>
                    <dt>{t!(i18n, dashboard_badges_reprinted)}</dt>
                    <dd data-count-reprinted=badges.reprinted><Count n=badges.reprinted /></dd>
                    <dt>{t!(i18n, dashboard_badges_working)}</dt>
                    <dd data-count-batches=badges.batches_working><Count n=badges.batches_working /></dd>
                </dl>
            </Tile>
            <Tile name="checkin" title=Signal::derive(move || t_string!(i18n, dashboard_checkin).to_string()) href=Some(format!("{base}/checkin"))>
                <p class="figure" data-count-arrived=checkin.arrived>
                    {t!(i18n, checkin_arrived_count, arrived = checkin.arrived, approved = checkin.approved)}
                </p>
                <dl class="pairs">
                    <dt>{t!(i18n, dashboard_checkin_devices)}</dt>
                    <dd data-count-devices=checkin.devices><Count n=checkin.devices /></dd>
                    <dt>{t!(i18n, dashboard_checkin_flagged)}</dt>
                    <dd data-count-flagged=checkin.flagged class:alert={checkin.flagged > 0}><Count n=checkin.flagged /></dd>
                </dl>
            </Tile>
            <Tile name="budget" title=Signal::derive(move || t_string!(i18n, dashboard_budget).to_string()) href=Some(format!("{base}/budget"))>
                <p class="figure" data-budget=budget.budget_minor>
                    {crate::budget::components::money(&budget.currency, budget.exponent, budget.budget_minor)}
                </p>
                <dl class="pairs">
                    <dt>{t!(i18n, dashboard_budget_committed)}</dt>
                    <dd data-committed=budget.committed_minor><Amount minor=budget.committed_minor exponent=budget.exponent /></dd>
                    <dt>{t!(i18n, dashboard_budget_actual)}</dt>
                    <dd data-actual=budget.actual_minor><Amount minor=budget.actual_minor exponent=budget.exponent /></dd>
                    <dt>{t!(i18n, dashboard_budget_awaiting)}</dt>
                    <dd data-count-awaiting=budget.awaiting_approval class:alert={budget.awaiting_approval > 0}>{budget.awaiting_approval}</dd>
                </dl>
            </Tile>
            <Tile name="agreements" title=Signal::derive(move || t_string!(i18n, nav_agreements).to_string()) href=Some("/agreements?tab=outcome".to_owned())>
                <p class="figure" data-count-signed=agreements.signed>
                    {t!(i18n, dashboard_agreements_signed, count = move || agreements.signed)}
                </p>
                <dl class="pairs">
                    <dt>{t!(i18n, agreement_status_ready_to_sign)}</dt>
                    <dd data-count-ready=agreements.ready_to_sign>{agreements.ready_to_sign}</dd>
                    <dt>{t!(i18n, dashboard_agreements_drafting)}</dt>
                    <dd data-count-drafting=agreements.drafting>{agreements.drafting}</dd>
                </dl>
            </Tile>
            <Tile name="mail" title=Signal::derive(move || t_string!(i18n, dashboard_mail).to_string()) href=Some("/outbox".to_owned())>
                <dl class="pairs">
                    <dt>{t!(i18n, dashboard_mail_waiting)}</dt>
                    <dd data-count-waiting=mail.waiting>{mail.waiting}</dd>
                    <dt>{t!(i18n, dashboard_mail_failing)}</dt>
                    <dd data-count-failing=mail.failing class:alert={mail.failing > 0}>{mail.failing}</dd>
                    <dt>{t!(i18n, dashboard_mail_sent)}</dt>
                    <dd data-count-sent=mail.sent>{mail.sent}</dd>
                </dl>
            </Tile>
        </div>
    }
}

/// One tile: a titled card whose title links to the list behind it.
#[component]
fn Tile(
    name: &'static str,
    title: Signal<String>,
    href: Option<String>,
    children: Children,
) -> impl IntoView {
    let heading = match href {
        Some(href) => view! { <h2><A href=href>{title}</A></h2> }.into_any(),
        None => view! { <h2>{title}</h2> }.into_any(),
    };
    view! {
        <section class="tile card" data-tile=name>
            {heading}
            {children()}
        </section>
    }
}

/// A row of a bar chart: its label, its figure and where it leads.
struct BarRow {
    label: Signal<String>,
    value: u32,
    largest: u32,
    href: Option<String>,
    key: &'static str,
}

/// A small horizontal bar chart; the figures are written out, the bars
/// only draw them.
#[component]
fn Bars(rows: Vec<BarRow>) -> impl IntoView {
    view! {
        <ul class="bars">
            {rows.into_iter().map(|row| {
                let label = match row.href {
                    Some(href) => view! { <A href=href>{row.label}</A> }.into_any(),
                    None => view! { <span>{row.label}</span> }.into_any(),
                };
                let width = format!("inline-size: {}%", bar_percent(row.value, row.largest));
                view! {
                    <li data-row=row.key data-count=row.value>
                        <span class="label">{label}</span>
                        <span class="bar" aria-hidden="true"><span style=width></span></span>
                        <span class="value">{row.value}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
