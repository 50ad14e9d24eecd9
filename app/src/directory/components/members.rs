//! The member cities and institutions: list, search, create, edit.

use leptos::prelude::*;

use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::error::AppError;
use crate::i18n::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::member_kind_label;
use crate::directory::domain::validate_member;
use crate::directory::server_fns::{get_member, list_members, save_member};
use crate::directory::types::{MemberInput, MemberKind, MemberView};
use crate::ui::{Field, Loaded, form_banner, form_error, route_id};

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
            <Loaded
                resource=members
                render=move |list| view! { <MemberTable members=list /> }.into_any()
            />
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
    let id = route_id();
    let member = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_member(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Guard operation=Operation::ManageDirectory>
            <Loaded
                resource=member
                render=move |m| {
                    let initial = MemberInput {
                        kind: m.kind,
                        name_native: m.name_native.clone(),
                        name_latin: m.name_latin.clone(),
                        country: m.country,
                    };
                    view! {
                        <h1 dir="auto">{format!("{} · {}", m.name_latin, m.name_native)}</h1>
                        <MemberEditor id=Some(m.id) initial />
                    }
                    .into_any()
                }
            />
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
        <form method="post" class="stack card" novalidate on:submit=on_submit data-form="member">
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
