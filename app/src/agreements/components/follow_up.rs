//! The coordinators' follow-up dashboard (overdue, due in the next 30
//! days, by committee, party and edition) and an edition's outcome
//! report (figures, chart, CSV, PDF).

use leptos::prelude::*;
use leptos_router::components::A;

use super::status_label;
use crate::agreements::server_fns::{load_ceremony, load_follow_up, load_outcome};
use crate::agreements::types::{Dashboard, DueActivity, GroupCounts};
use crate::editions::server_fns::list_editions;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::Loaded;

pub type DashboardResource = Resource<Result<Dashboard, AppError>>;

/// The dashboard's resource, made by the page outside any suspense;
/// `wanted` false: nothing is read.
pub fn dashboard_resource(wanted: Signal<bool>) -> DashboardResource {
    Resource::new(
        move || wanted.get(),
        |wanted| async move {
            if !wanted {
                return Err(AppError::NotFound);
            }
            load_follow_up().await
        },
    )
}

#[component]
pub fn FollowUp(dashboard: DashboardResource) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Loaded resource=dashboard render=move |d| view! {
            <section class="stack" data-section="follow-up">
                <div class="tiles">
                    <div class="card tile" data-tile="overdue">
                        <strong class="figure">{d.overdue_total}</strong>
                        <span>{t!(i18n, agreements_overdue)}</span>
                    </div>
                    <div class="card tile" data-tile="due-soon">
                        <strong class="figure">{d.due_soon_total}</strong>
                        <span>{t!(i18n, agreements_due_soon)}</span>
                    </div>
                    {d.by_status.iter().map(|s| {
                        let status = s.status;
                        view! {
                            <div class="card tile" data-tile=s.status.as_str()>
                                <strong class="figure">{s.count}</strong>
                                <span>{move || status_label(i18n, status)}</span>
                            </div>
                        }
                    }).collect_view()}
                </div>
                <h2>{t!(i18n, agreements_overdue)}</h2>
                <DueTable rows=d.overdue.clone() name="overdue" />
                <h2>{t!(i18n, agreements_due_soon)}</h2>
                <DueTable rows=d.due_soon.clone() name="due-soon" />
                <h2>{t!(i18n, agreements_by_committee)}</h2>
                <Groups rows=d.by_committee.clone() name="committee" />
                <h2>{t!(i18n, agreements_by_party)}</h2>
                <Groups rows=d.by_party.clone() name="party" />
                <h2>{t!(i18n, agreements_by_edition)}</h2>
                <Groups rows=d.by_edition.clone() name="edition" />
            </section>
        }.into_any() />
    }
}

#[component]
fn DueTable(rows: Vec<DueActivity>, name: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="muted" data-empty=name>{t!(i18n, agreements_nothing_here)}</p> }
            .into_any();
    }
    view! {
        <div class="table-scroll">
            <table data-table=name>
                <thead><tr>
                    <th>{t!(i18n, agreements_due_on)}</th>
                    <th>{t!(i18n, agreements_activities)}</th>
                    <th>{t!(i18n, agreements_title)}</th>
                    <th>{t!(i18n, agreements_owner)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr data-activity=r.id>
                            <td>{r.due_on.to_string()}</td>
                            <td dir="auto">{r.title}</td>
                            <td dir="auto"><A href=format!("/agreements/{}?tab=activities", r.agreement_id)>{r.agreement}</A></td>
                            <td dir="auto">{r.owner}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Groups(rows: Vec<GroupCounts>, name: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-scroll">
            <table data-table=format!("by-{name}")>
                <thead><tr>
                    <th></th>
                    <th>{t!(i18n, agreements_page_title)}</th>
                    <th>{t!(i18n, agreements_open)}</th>
                    <th>{t!(i18n, agreements_overdue)}</th>
                    <th>{t!(i18n, agreements_due_soon)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|g| {
                        let (english, names) = (g.name.clone(), g.names.clone());
                        let group = move || if english.is_empty() {
                            "—".to_owned()
                        } else {
                            crate::names::types::name_in(&english, &names, i18n.get_locale()).to_owned()
                        };
                        view! {
                        <tr>
                            <td dir="auto">{group}</td>
                            <td>{g.agreements}</td>
                            <td>{g.open}</td>
                            <td>{g.overdue}</td>
                            <td>{g.due_soon}</td>
                        </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The outcome tab's resources, made by the page outside any suspense:
/// the editions to choose from, the chosen one's report and ceremonies.
#[derive(Clone, Copy)]
pub struct OutcomeResources {
    chosen: RwSignal<Option<i64>>,
    editions: Resource<Result<Vec<crate::editions::types::EditionView>, AppError>>,
    report: Resource<Result<Option<crate::agreements::types::OutcomeReport>, AppError>>,
    ceremony: Resource<Result<Option<crate::agreements::types::Ceremony>, AppError>>,
}

pub fn outcome_resources(wanted: Signal<bool>) -> OutcomeResources {
    let chosen = RwSignal::new(None::<i64>);
    let editions = Resource::new(
        move || wanted.get(),
        |wanted| async move {
            if !wanted {
                return Ok(Vec::new());
            }
            list_editions().await
        },
    );
    let report = Resource::new(
        move || chosen.get(),
        |id| async move {
            match id {
                Some(id) => load_outcome(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let ceremony = Resource::new(
        move || chosen.get(),
        |id| async move {
            match id {
                Some(id) => load_ceremony(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    OutcomeResources {
        chosen,
        editions,
        report,
        ceremony,
    }
}

#[component]
pub fn Outcome(outcome: OutcomeResources) -> impl IntoView {
    let i18n = use_i18n();
    let OutcomeResources {
        chosen,
        editions,
        report,
        ceremony,
    } = outcome;
    view! {
        <section class="stack" data-section="outcome">
            <Loaded resource=editions render=move |list| view! {
                <label class="inline">
                    {t!(i18n, agreements_edition)} " "
                    <select data-filter="edition" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                        <option value="">{t!(i18n, agreements_choose)}</option>
                        {list.into_iter().map(|e| view! { <option value=e.id.to_string()>{e.title}</option> }).collect_view()}
                    </select>
                </label>
            }.into_any() />
            <Loaded resource=report render=move |report| match report {
                None => view! { <p class="muted">{t!(i18n, agreements_choose_edition)}</p> }.into_any(),
                Some(r) => {
                    let id = r.edition_id;
                    view! {
                        <div class="stack" data-report="outcome">
                            <p class="muted">{t_string!(i18n, agreements_outcome_as_of, day = r.today.to_string()).to_string()}</p>
                            <p class="row wrap">
                                <a href=format!("/api/v1/editions/{id}/outcome.csv") data-action="outcome-csv">{t!(i18n, agreements_csv)}</a>
                                <a href=format!("/api/v1/editions/{id}/outcome.pdf") data-action="outcome-pdf">{t!(i18n, agreements_pdf)}</a>
                            </p>
                            <img src=move || format!("/api/v1/editions/{id}/outcome.svg?lang={}", i18n.get_locale()) alt=move || t_string!(i18n, agreements_outcome_chart).to_string() class="chart" />
                            <div class="table-scroll">
                                <table data-table="outcome">
                                    <thead><tr>
                                        <th>{t!(i18n, agreements_title)}</th>
                                        <th>{t!(i18n, agreements_status)}</th>
                                        <th>{t!(i18n, agreements_activities)}</th>
                                        <th>{t!(i18n, agreements_done_on_time)}</th>
                                        <th>{t!(i18n, agreements_done_late)}</th>
                                        <th>{t!(i18n, agreements_overdue)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {r.agreements.into_iter().map(|l| {
                                            let status = l.status;
                                            view! {
                                                <tr data-agreement=l.id>
                                                    <td dir="auto"><A href=format!("/agreements/{}", l.id)>{l.title}</A></td>
                                                    <td>{move || status_label(i18n, status)}</td>
                                                    <td>{l.activities}</td>
                                                    <td>{l.done_on_time}</td>
                                                    <td>{l.done_late}</td>
                                                    <td>{l.overdue}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        </div>
                    }.into_any()
                }
            } />
            <Loaded resource=ceremony render=move |ceremony| match ceremony {
                None => ().into_any(),
                Some(c) => view! {
                    <div class="card stack" data-section="ceremony">
                        <h2>{t!(i18n, agreements_at_ceremonies)}</h2>
                        {c.sessions.into_iter().map(|s| view! {
                            <h3 dir="auto" data-ceremony=s.session_id>{s.title} " · " {s.starts_at.format("%Y-%m-%d %H:%M UTC").to_string()}</h3>
                            <super::AgreementTable rows=s.agreements />
                        }).collect_view()}
                        <h3>{t!(i18n, agreements_unassigned)}</h3>
                        <super::AgreementTable rows=c.unassigned />
                    </div>
                }.into_any(),
            } />
        </section>
    }
}
