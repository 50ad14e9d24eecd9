//! The Business Council: group, individual and observer members.

use leptos::prelude::*;

use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::error::AppError;
use crate::i18n::*;

use super::council_kind_label;
use crate::directory::domain::validate_council_member;
use crate::directory::server_fns::{list_council_members, list_members, save_council_member};
use crate::directory::types::{CouncilKind, CouncilMemberInput};
use crate::ui::{Field, Loaded, form_banner, form_error};

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
            <Loaded
                resource=council
                render=move |list| view! {
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
                        }.into_any()
            />
            <h2>
                {move || if editing.get().is_some() { t_string!(i18n, council_edit).to_string() } else { t_string!(i18n, council_new).to_string() }}
            </h2>
            <form method="post" class="stack card" novalidate on:submit=on_submit data-form="council">
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
                    // The select renders whole once the members are in:
                    // a suspense boundary inside a <select> breaks hydration.
                    <Loaded
                        resource=members
                        render=move |members| view! {
                            <select id="member_id" bind:value=member_id>
                                <option value="">{t!(i18n, none)}</option>
                                {members.into_iter().map(|m| {
                                    let value = m.id.to_string();
                                    let selected = { let value = value.clone(); move || member_id.get() == value };
                                    view! { <option value=value selected=selected>{m.name_latin}</option> }
                                }).collect_view()}
                            </select>
                        }.into_any()
                    />
                </Field>
                <div>
                    <button type="submit" disabled=move || save.pending().get()>{t!(i18n, save)}</button>
                </div>
            </form>
        </Guard>
    }
}
