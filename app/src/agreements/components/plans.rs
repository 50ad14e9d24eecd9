//! The committees' action plans: each committee's initiatives by year,
//! the agreements that serve them, the working group of an incubated
//! one; and the form that adds an initiative.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::agreements::server_fns::{load_plans, save_initiative};
use crate::agreements::types::{GroupMember, InitiativeInput, InitiativeView};
use crate::error::AppError;
use crate::i18n::*;
use crate::names::types::name_in;
use crate::ui::action_error;
use crate::ui::{Field, Loaded, form_banner};

pub type PlansResource = Resource<Result<Vec<InitiativeView>, AppError>>;

pub fn plans_resource(wanted: Signal<bool>) -> PlansResource {
    Resource::new(
        move || wanted.get(),
        |wanted| async move {
            if !wanted {
                return Ok(Vec::new());
            }
            load_plans().await
        },
    )
}

/// "Name, organization, e-mail" per line.
fn members_of(text: &str) -> Vec<GroupMember> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut parts = line.splitn(3, ',').map(str::trim);
            GroupMember {
                name: parts.next().unwrap_or_default().to_owned(),
                organization: parts.next().unwrap_or_default().to_owned(),
                email: parts.next().unwrap_or_default().to_owned(),
            }
        })
        .collect()
}

#[component]
pub fn Plans(
    plans: PlansResource,
    choices: Resource<Result<crate::agreements::types::Choices, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let committee = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let incubated = RwSignal::new(false);
    let group = RwSignal::new(String::new());
    let members = RwSignal::new(String::new());
    let save = Action::new(move |input: &InitiativeInput| {
        let input = input.clone();
        async move { save_initiative(None, input).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            title.set(String::new());
            description.set(String::new());
            members.set(String::new());
            group.set(String::new());
            plans.refetch();
        }
    });
    let error = action_error(save);
    view! {
        <section class="stack" data-section="plans">
            <Loaded resource=plans render=move |list| {
                if list.is_empty() {
                    return view! { <p class="card muted">{t!(i18n, agreements_no_initiatives)}</p> }.into_any();
                }
                list.into_iter().map(|i| {
                    let (english, names) = (i.committee.clone(), i.committee_names.clone());
                    let committee = move || name_in(&english, &names, i18n.get_locale()).to_owned();
                    view! {
                    <article class="card stack" data-initiative=i.id>
                        <h3 dir="auto">{i.year} " · " {committee} " — " {i.title.clone()}</h3>
                        {(!i.description.is_empty()).then(|| view! { <p class="pre" dir="auto">{i.description.clone()}</p> })}
                        {i.incubated.then(|| view! {
                            <p><strong>{t!(i18n, agreements_working_group)} ": "</strong><span dir="auto">{i.working_group.clone()}</span></p>
                            <ul>{i.members.clone().into_iter().map(|m| view! {
                                <li dir="auto">{m.name} " · " {m.organization} " " {m.email}</li>
                            }).collect_view()}</ul>
                        })}
                        <p><strong>{t!(i18n, agreements_serving)}</strong></p>
                        <ul>{i.agreements.clone().into_iter().map(|a| view! {
                            <li dir="auto"><A href=format!("/agreements/{}", a.id)>{a.title}</A></li>
                        }).collect_view()}</ul>
                    </article>
                    }
                }).collect_view().into_any()
            } />
            <form method="post" class="card stack" data-form="initiative" novalidate on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(InitiativeInput {
                    committee_id: committee.get_untracked().parse().ok(),
                    year: year.get_untracked().trim().parse().unwrap_or(0),
                    title: title.get_untracked(),
                    description: description.get_untracked(),
                    incubated: incubated.get_untracked(),
                    working_group: group.get_untracked(),
                    members: members_of(&members.get_untracked()),
                    version: 0,
                });
            }>
                <h2>{t!(i18n, agreements_add_initiative)}</h2>
                {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
                <div class="row wrap">
                    // The committees are the server's answer: the choice is
                    // drawn once they are in, on the server and in the browser
                    // alike (read outside a suspense, the browser drew options
                    // the server's page did not have, and hydration failed).
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            let committees = choices.await.map(|c| c.committees).unwrap_or_default();
                            view! {
                                <Field name="committee_id" input="initiative-committee" label=move || t!(i18n, agreements_committee) error>
                                    <select id="initiative-committee" on:change=move |ev| committee.set(event_target_value(&ev))>
                                        <option value="">{t!(i18n, agreements_choose)}</option>
                                        {committees.into_iter().map(|n| {
                                            let id = n.id.to_string();
                                            view! { <option value=id>{move || n.name_in(i18n.get_locale())}</option> }
                                        }).collect_view()}
                                    </select>
                                </Field>
                            }
                        })}
                    </Suspense>
                    <Field name="year" input="initiative-year" label=move || t!(i18n, agreements_year) error>
                        <input id="initiative-year" inputmode="numeric" maxlength="4" size="5" bind:value=year />
                    </Field>
                </div>
                <Field name="title" input="initiative-title" label=move || t!(i18n, agreements_title_field) error>
                    <input id="initiative-title" maxlength="200" dir="auto" bind:value=title />
                </Field>
                <Field name="description" input="initiative-description" label=move || t!(i18n, agreements_description) error>
                    <textarea id="initiative-description" rows="3" maxlength="4000" dir="auto" bind:value=description></textarea>
                </Field>
                <label class="inline"><input type="checkbox" bind:checked=incubated /> " " {t!(i18n, agreements_incubated)}</label>
                <Field name="working_group" input="initiative-group" label=move || t!(i18n, agreements_working_group) error>
                    <input id="initiative-group" maxlength="200" dir="auto" bind:value=group />
                </Field>
                <Field name="members" input="initiative-members" label=move || t!(i18n, agreements_group_members) error
                    hint=move || t!(i18n, agreements_group_members_hint)>
                    <textarea id="initiative-members" rows="3" dir="auto" bind:value=members></textarea>
                </Field>
                <div><button type="submit" disabled=move || save.pending().get()>{t!(i18n, agreements_add_initiative)}</button></div>
            </form>
        </section>
    }
}
