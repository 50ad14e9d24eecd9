//! Organizer pages of the directory: members, committees, Business Council.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::domain::{validate_committee, validate_council_member, validate_member};
use super::server_fns::{
    get_member, list_committees, list_council_members, list_members, save_committee,
    save_council_member, save_member,
};
use super::types::{
    Code, CommitteeInput, CommitteeStatus, CouncilKind, CouncilMemberInput, MemberInput,
    MemberKind, MemberView,
};
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::{Field, Problem};

type I18n = leptos_i18n::I18nContext<Locale>;

pub fn member_kind_label(i18n: I18n, kind: MemberKind) -> String {
    match kind {
        MemberKind::City => t_string!(i18n, kind_city),
        MemberKind::UnEntity => t_string!(i18n, kind_un_entity),
        MemberKind::ChamberOfCommerce => t_string!(i18n, kind_chamber_of_commerce),
        MemberKind::University => t_string!(i18n, kind_university),
        MemberKind::Company => t_string!(i18n, kind_company),
        MemberKind::OtherInstitution => t_string!(i18n, kind_other_institution),
    }
    .to_string()
}

fn council_kind_label(i18n: I18n, kind: CouncilKind) -> String {
    match kind {
        CouncilKind::Group => t_string!(i18n, council_group),
        CouncilKind::Individual => t_string!(i18n, council_individual),
        CouncilKind::Observer => t_string!(i18n, council_observer),
    }
    .to_string()
}

fn committee_status_label(i18n: I18n, status: CommitteeStatus) -> String {
    match status {
        CommitteeStatus::Established => t_string!(i18n, committee_established),
        CommitteeStatus::Preparatory => t_string!(i18n, committee_preparatory),
    }
    .to_string()
}

/// The error to show: the browser's own check first, else the server's.
fn form_error<T: Clone + Send + Sync + 'static>(
    local: RwSignal<Option<AppError>>,
    action: Action<impl Clone + Send + Sync + 'static, Result<T, AppError>>,
) -> Signal<Option<AppError>> {
    Signal::derive(move || {
        local
            .get()
            .or_else(|| action.value().get().and_then(Result::err))
    })
}

/// A banner above a form when the server refused it for a reason that
/// belongs to no field.
fn form_banner(i18n: I18n, error: Signal<Option<AppError>>) -> impl IntoView {
    move || match error.get() {
        Some(AppError::Validation(_)) => Some(
            view! { <div class="banner error" role="alert">{t!(i18n, problem_validation)}</div> }
                .into_any(),
        ),
        Some(other) => Some(view! { <Problem error=other /> }.into_any()),
        None => None,
    }
}

#[component]
pub fn MembersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let members = Resource::new(
        move || (kind.get(), query.get()),
        |(kind, query)| list_members(Some(kind), Some(query)),
    );
    view! {
        <Guard operation=Operation::ViewDirectory>
            <div class="toolbar">
                <h1 class="grow">{t!(i18n, members_title)}</h1>
                <A href="/members/new" attr:class="button">{t!(i18n, member_new)}</A>
            </div>
            <div class="toolbar">
                <div class="field grow">
                    <label for="member-search">{t!(i18n, search)}</label>
                    <input id="member-search" type="search" bind:value=query />
                </div>
                <div class="field">
                    <label for="member-kind">{t!(i18n, member_kind)}</label>
                    <select id="member-kind" bind:value=kind>
                        <option value="">{t!(i18n, all)}</option>
                        {MemberKind::ALL
                            .iter()
                            .map(|k| view! { <option value=k.as_str()>{move || member_kind_label(i18n, *k)}</option> })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <Transition fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match members.await {
                        Ok(list) => view! { <MemberTable members=list /> }.into_any(),
                        Err(error) => view! { <Problem error /> }.into_any(),
                    }
                })}
            </Transition>
        </Guard>
    }
}

#[component]
fn MemberTable(members: Vec<MemberView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table data-table="members">
            <thead>
                <tr>
                    <th>{t!(i18n, member_name_native)}</th>
                    <th>{t!(i18n, member_name_latin)}</th>
                    <th>{t!(i18n, member_country)}</th>
                    <th class="optional">{t!(i18n, member_kind)}</th>
                </tr>
            </thead>
            <tbody>
                {members
                    .into_iter()
                    .map(|m| {
                        let kind = m.kind;
                        view! {
                            <tr>
                                <td class="native" dir="auto">{m.name_native}</td>
                                <td>
                                    <A href=format!("/members/{}", m.id)>{m.name_latin}</A>
                                </td>
                                <td>{m.country}</td>
                                <td class="optional">{move || member_kind_label(i18n, kind)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn MemberNewPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Guard operation=Operation::ManageDirectory>
            <h1>{t!(i18n, member_new)}</h1>
            <MemberEditor id=None initial=MemberInput::default() />
        </Guard>
    }
}

#[component]
pub fn MemberEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let member = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_member(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Guard operation=Operation::ManageDirectory>
            <Transition fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match member.await {
                        Ok(m) => view! {
                            <h1 dir="auto">{format!("{} · {}", m.name_latin, m.name_native)}</h1>
                            <MemberEditor
                                id=Some(m.id)
                                initial=MemberInput {
                                    kind: m.kind,
                                    name_native: m.name_native,
                                    name_latin: m.name_latin,
                                    country: m.country,
                                }
                            />
                        }
                        .into_any(),
                        Err(error) => view! { <Problem error /> }.into_any(),
                    }
                })}
            </Transition>
        </Guard>
    }
}

#[component]
fn MemberEditor(id: Option<i64>, initial: MemberInput) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let kind = RwSignal::new(initial.kind.as_str().to_owned());
    let name_native = RwSignal::new(initial.name_native);
    let name_latin = RwSignal::new(initial.name_latin);
    let country = RwSignal::new(initial.country);
    let local = RwSignal::new(None::<AppError>);
    let save = Action::new(move |input: &MemberInput| {
        let input = input.clone();
        async move {
            save_member(
                id,
                input.kind.as_str().to_owned(),
                input.name_native,
                input.name_latin,
                input.country,
            )
            .await
        }
    });
    let error = form_error(local, save);
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            navigate("/members", Default::default());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = MemberInput {
            kind: MemberKind::parse(&kind.get_untracked()).unwrap_or_default(),
            name_native: name_native.get_untracked(),
            name_latin: name_latin.get_untracked(),
            country: country.get_untracked(),
        };
        match validate_member(input.clone()) {
            Ok(_) => {
                local.set(None);
                save.dispatch(input);
            }
            Err(err) => local.set(Some(err)),
        }
    };
    view! {
        <form class="stack card" novalidate on:submit=on_submit data-form="member">
            {form_banner(i18n, error)}
            <Field name="kind" label=move || t!(i18n, member_kind) error>
                <select id="kind" bind:value=kind>
                    {MemberKind::ALL
                        .iter()
                        .map(|k| {
                            view! {
                                <option value=k.as_str() selected=move || kind.get() == k.as_str()>
                                    {move || member_kind_label(i18n, *k)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </Field>
            <Field name="name_native" label=move || t!(i18n, member_name_native) error>
                <input id="name_native" dir="auto" bind:value=name_native />
            </Field>
            <Field name="name_latin" label=move || t!(i18n, member_name_latin) error>
                <input id="name_latin" bind:value=name_latin />
            </Field>
            <Field
                name="country"
                label=move || t!(i18n, member_country)
                error
                hint=move || t!(i18n, member_country_hint)
            >
                <input id="country" maxlength="2" bind:value=country />
            </Field>
            <div>
                <button type="submit" disabled=move || save.pending().get()>{t!(i18n, save)}</button>
            </div>
        </form>
    }
}

#[component]
pub fn CommitteesPage() -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(None::<i64>);
    let name = RwSignal::new(String::new());
    let sector = RwSignal::new(String::new());
    let status = RwSignal::new(CommitteeStatus::Established.as_str().to_owned());
    let local = RwSignal::new(None::<AppError>);
    let save = Action::new(|(id, input): &(Option<i64>, CommitteeInput)| {
        let (id, input) = (*id, input.clone());
        async move {
            save_committee(
                id,
                input.name,
                input.sector,
                input.status.as_str().to_owned(),
            )
            .await
        }
    });
    let committees = Resource::new(move || save.version().get(), |_| list_committees());
    let error = form_error(local, save);
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            editing.set(None);
            name.set(String::new());
            sector.set(String::new());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = CommitteeInput {
            name: name.get_untracked(),
            sector: sector.get_untracked(),
            status: CommitteeStatus::parse(&status.get_untracked()).unwrap_or_default(),
        };
        match validate_committee(input.clone()) {
            Ok(_) => {
                local.set(None);
                save.dispatch((editing.get_untracked(), input));
            }
            Err(err) => local.set(Some(err)),
        }
    };
    view! {
        <Guard operation=Operation::ViewDirectory>
            <h1>{t!(i18n, committees_title)}</h1>
            <Transition fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match committees.await {
                        Ok(list) => view! {
                            <table data-table="committees">
                                <thead>
                                    <tr>
                                        <th>{t!(i18n, committee_name)}</th>
                                        <th>{t!(i18n, committee_sector)}</th>
                                        <th>{t!(i18n, committee_status)}</th>
                                        <th></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|c| {
                                        let s = c.status;
                                        let (c_name, c_sector) = (c.name.clone(), c.sector.clone());
                                        view! {
                                            <tr>
                                                <td>{c.name}</td>
                                                <td>{c.sector}</td>
                                                <td><span class=format!("status {}", s.as_str())>{move || committee_status_label(i18n, s)}</span></td>
                                                <td>
                                                    <button type="button" class="secondary" on:click=move |_| {
                                                        editing.set(Some(c.id));
                                                        name.set(c_name.clone());
                                                        sector.set(c_sector.clone());
                                                        status.set(s.as_str().to_owned());
                                                    }>{t!(i18n, edit)}</button>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(error) => view! { <Problem error /> }.into_any(),
                    }
                })}
            </Transition>
            <h2>
                {move || if editing.get().is_some() { t_string!(i18n, committee_edit).to_string() } else { t_string!(i18n, committee_new).to_string() }}
            </h2>
            <form class="stack card" novalidate on:submit=on_submit data-form="committee">
                {form_banner(i18n, error)}
                <Field name="name" label=move || t!(i18n, committee_name) error>
                    <input id="name" bind:value=name />
                </Field>
                <Field name="sector" label=move || t!(i18n, committee_sector) error>
                    <input id="sector" bind:value=sector />
                </Field>
                <Field name="status" label=move || t!(i18n, committee_status) error>
                    <select id="status" bind:value=status>
                        {CommitteeStatus::ALL.iter().map(|s| view! {
                            <option value=s.as_str() selected=move || status.get() == s.as_str()>
                                {move || committee_status_label(i18n, *s)}
                            </option>
                        }).collect_view()}
                    </select>
                </Field>
                <div>
                    <button type="submit" disabled=move || save.pending().get()>{t!(i18n, save)}</button>
                </div>
            </form>
        </Guard>
    }
}

#[component]
pub fn CouncilPage() -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(None::<i64>);
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(CouncilKind::Group.as_str().to_owned());
    let organization = RwSignal::new(String::new());
    let member_id = RwSignal::new(String::new());
    let local = RwSignal::new(None::<AppError>);
    let save = Action::new(|(id, input): &(Option<i64>, CouncilMemberInput)| {
        let (id, input) = (*id, input.clone());
        async move {
            save_council_member(
                id,
                input.name,
                input.kind.as_str().to_owned(),
                input.organization,
                input.member_id.map(|m| m.to_string()).unwrap_or_default(),
            )
            .await
        }
    });
    let council = Resource::new(move || save.version().get(), |_| list_council_members());
    let members = Resource::new(|| (), |_| list_members(None, None));
    let error = form_error(local, save);
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            editing.set(None);
            name.set(String::new());
            organization.set(String::new());
            member_id.set(String::new());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = CouncilMemberInput {
            name: name.get_untracked(),
            kind: CouncilKind::parse(&kind.get_untracked()).unwrap_or_default(),
            organization: organization.get_untracked(),
            member_id: member_id.get_untracked().parse().ok(),
        };
        match validate_council_member(input.clone()) {
            Ok(_) => {
                local.set(None);
                save.dispatch((editing.get_untracked(), input));
            }
            Err(err) => local.set(Some(err)),
        }
    };
    view! {
        <Guard operation=Operation::ViewDirectory>
            <h1>{t!(i18n, council_title)}</h1>
            <Transition fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match council.await {
                        Ok(list) => view! {
                            <table data-table="council">
                                <thead>
                                    <tr>
                                        <th>{t!(i18n, council_name)}</th>
                                        <th>{t!(i18n, council_kind)}</th>
                                        <th class="optional">{t!(i18n, council_organization)}</th>
                                        <th class="optional">{t!(i18n, council_member_of)}</th>
                                        <th></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|c| {
                                        let k = c.kind;
                                        let filled = c.clone();
                                        view! {
                                            <tr>
                                                <td>{c.name}</td>
                                                <td>{move || council_kind_label(i18n, k)}</td>
                                                <td class="optional">{c.organization}</td>
                                                <td class="optional">{c.member_name.unwrap_or_default()}</td>
                                                <td>
                                                    <button type="button" class="secondary" on:click=move |_| {
                                                        editing.set(Some(filled.id));
                                                        name.set(filled.name.clone());
                                                        kind.set(filled.kind.as_str().to_owned());
                                                        organization.set(filled.organization.clone());
                                                        member_id.set(filled.member_id.map(|m| m.to_string()).unwrap_or_default());
                                                    }>{t!(i18n, edit)}</button>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(error) => view! { <Problem error /> }.into_any(),
                    }
                })}
            </Transition>
            <h2>
                {move || if editing.get().is_some() { t_string!(i18n, council_edit).to_string() } else { t_string!(i18n, council_new).to_string() }}
            </h2>
            <form class="stack card" novalidate on:submit=on_submit data-form="council">
                {form_banner(i18n, error)}
                <Field name="name" label=move || t!(i18n, council_name) error>
                    <input id="name" bind:value=name />
                </Field>
                <Field name="kind" label=move || t!(i18n, council_kind) error>
                    <select id="kind" bind:value=kind>
                        {CouncilKind::ALL.iter().map(|k| view! {
                            <option value=k.as_str() selected=move || kind.get() == k.as_str()>
                                {move || council_kind_label(i18n, *k)}
                            </option>
                        }).collect_view()}
                    </select>
                </Field>
                <Field name="organization" label=move || t!(i18n, council_organization) error>
                    <input id="organization" bind:value=organization />
                </Field>
                <Field name="member_id" label=move || t!(i18n, council_member_of) error>
                    <select id="member_id" bind:value=member_id>
                        <option value="">{t!(i18n, none)}</option>
                        <Transition fallback=|| ()>
                            {move || Suspend::new(async move {
                                members.await.unwrap_or_default().into_iter().map(|m| {
                                    let value = m.id.to_string();
                                    let selected = { let value = value.clone(); move || member_id.get() == value };
                                    view! { <option value=value selected=selected>{m.name_latin}</option> }
                                }).collect_view()
                            })}
                        </Transition>
                    </select>
                </Field>
                <div>
                    <button type="submit" disabled=move || save.pending().get()>{t!(i18n, save)}</button>
                </div>
            </form>
        </Guard>
    }
}
