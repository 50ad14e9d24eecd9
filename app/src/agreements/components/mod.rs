//! `/agreements`: the agreements (list and search), the follow-up
//! dashboard, each edition's outcome report and the committees' plans,
//! as tabs; `/agreements/new` drafts one; `/agreements/{id}` is one
//! agreement (text, versions, particulars, signing, activities);
//! `/my/follow-up` is a party's contact's own activities. Coordinators
//! and organizers; the last, anyone signed in who is a contact.

mod agreement;
mod clauses;
mod draft;
mod follow_up;
mod mine;
mod plans;
mod templates;
mod translations;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

pub use agreement::AgreementPage;
pub use draft::NewAgreementPage;
pub use mine::MyFollowUpPage;

use super::server_fns::{load_agreements, load_choices};
use super::types::{AgreementStatus, AgreementSummary};
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::i18n::*;
use crate::ui::{Loaded, Pager, Tabs};

pub(crate) fn status_label(
    i18n: leptos_i18n::I18nContext<Locale>,
    status: AgreementStatus,
) -> String {
    status.label(i18n.get_locale())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    List,
    FollowUp,
    Outcome,
    Plans,
    Templates,
}

impl crate::ui::TabKey for Tab {
    fn key(self) -> &'static str {
        match self {
            Tab::List => "list",
            Tab::FollowUp => "follow-up",
            Tab::Outcome => "outcome",
            Tab::Plans => "plans",
            Tab::Templates => "templates",
        }
    }
}

#[component]
pub fn AgreementsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let tab = Memo::new(move |_| match query.read().get("tab").as_deref() {
        Some("follow-up") => Tab::FollowUp,
        Some("outcome") => Tab::Outcome,
        Some("plans") => Tab::Plans,
        Some("templates") => Tab::Templates,
        _ => Tab::List,
    });
    let status = RwSignal::new(String::new());
    let q = RwSignal::new(String::new());
    let page = RwSignal::new(1u32);
    // Made outside the guard's suspense (see ReviewPage).
    let list = Resource::new(
        move || (tab.get(), status.get(), q.get(), page.get()),
        |(tab, status, q, page)| async move {
            if tab != Tab::List {
                return Ok(crate::paging::Paged::new(Vec::new(), 0, Default::default()));
            }
            load_agreements(status, q, page).await
        },
    );
    let dashboard =
        follow_up::dashboard_resource(Signal::derive(move || tab.get() == Tab::FollowUp));
    let plans = plans::plans_resource(Signal::derive(move || tab.get() == Tab::Plans));
    let outcome = follow_up::outcome_resources(Signal::derive(move || tab.get() == Tab::Outcome));
    // What the plans' and templates' forms offer; read again after a
    // template is saved.
    let templates_changed = RwSignal::new(0u32);
    let choices = Resource::new(
        move || {
            (
                matches!(tab.get(), Tab::Plans | Tab::Templates),
                templates_changed.get(),
            )
        },
        |(wanted, _)| async move {
            if !wanted {
                return Err(crate::error::AppError::NotFound);
            }
            load_choices().await
        },
    );
    view! {
        <Guard operation=Operation::ViewAgreements>
            <h1>{t!(i18n, agreements_page_title)}</h1>
            <Tabs nav="agreements" label=Signal::derive(move || t_string!(i18n, agreements_page_title).to_string())
                tabs=vec![Tab::List, Tab::FollowUp, Tab::Outcome, Tab::Plans, Tab::Templates]
                current=tab
                tab_label=move |t| match t {
                    Tab::List => t_string!(i18n, agreements_tab_list).to_string(),
                    Tab::FollowUp => t_string!(i18n, agreements_tab_follow_up).to_string(),
                    Tab::Outcome => t_string!(i18n, agreements_tab_outcome).to_string(),
                    Tab::Plans => t_string!(i18n, agreements_tab_plans).to_string(),
                    Tab::Templates => t_string!(i18n, agreements_tab_templates).to_string(),
                } />
            {move || match tab.get() {
                Tab::List => view! {
                    <section class="stack" data-section="agreements">
                        <div class="toolbar wrap">
                            <A href="/agreements/new" attr:class="button" attr:data-action="new-agreement">{t!(i18n, agreements_new)}</A>
                            <label class="inline">
                                {t!(i18n, agreements_status)} " "
                                <select data-filter="status" on:change=move |ev| { status.set(event_target_value(&ev)); page.set(1); }>
                                    <option value="">{t!(i18n, agreements_any_status)}</option>
                                    {AgreementStatus::ALL.into_iter().map(|s| view! {
                                        <option value=s.as_str()>{move || status_label(i18n, s)}</option>
                                    }).collect_view()}
                                </select>
                            </label>
                            <input type="search" data-filter="q" maxlength="200"
                                placeholder=move || t_string!(i18n, agreements_search).to_string()
                                aria-label=move || t_string!(i18n, agreements_search).to_string()
                                on:change=move |ev| { q.set(event_target_value(&ev)); page.set(1); } />
                        </div>
                        <Loaded resource=list render=move |paged| {
                            let (pages, total) = (paged.pages(), paged.total);
                            view! {
                                <AgreementTable rows=paged.items />
                                <Pager name="agreements" page pages total />
                            }.into_any()
                        } />
                    </section>
                }.into_any(),
                Tab::FollowUp => view! { <follow_up::FollowUp dashboard /> }.into_any(),
                Tab::Outcome => view! { <follow_up::Outcome outcome /> }.into_any(),
                Tab::Plans => view! { <plans::Plans plans choices /> }.into_any(),
                Tab::Templates => view! { <templates::Templates choices changed=templates_changed /> }.into_any(),
            }}
        </Guard>
    }
}

#[component]
pub(crate) fn AgreementTable(rows: Vec<AgreementSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="card muted" data-empty="agreements">{t!(i18n, agreements_none)}</p> }
            .into_any();
    }
    view! {
        <div class="table-scroll">
            <table data-table="agreements">
                <thead><tr>
                    <th>{t!(i18n, agreements_title)}</th>
                    <th>{t!(i18n, agreements_parties)}</th>
                    <th>{t!(i18n, agreements_committee)}</th>
                    <th>{t!(i18n, agreements_status)}</th>
                    <th>{t!(i18n, agreements_version)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|a| {
                        let status = a.status;
                        let (english, names, sector) = (a.committee.clone(), a.committee_names.clone(), a.sector.clone());
                        let committee = move || if english.is_empty() {
                            sector.clone()
                        } else {
                            crate::names::types::name_in(&english, &names, i18n.get_locale()).to_owned()
                        };
                        view! {
                            <tr data-agreement=a.id data-status=a.status.as_str()>
                                <td dir="auto"><A href=format!("/agreements/{}", a.id)>{a.title.clone()}</A></td>
                                <td dir="auto">{a.parties.join(" · ")}</td>
                                <td dir="auto">{committee}</td>
                                <td>{move || status_label(i18n, status)}</td>
                                <td>{a.latest_version}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
