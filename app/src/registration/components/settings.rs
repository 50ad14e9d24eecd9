//! An edition's registration settings: window, edit deadline, invitation
//! only, capacities per category, invitations (organizers).

use leptos::prelude::*;

use super::person::category_label;
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::directory::server_fns::list_members;
use crate::directory::types::MemberView;
use crate::error::{AppError, ErrorCode};
use crate::i18n::*;
use crate::registration::server_fns::{
    create_invitation, delete_invitation, registration_settings, save_registration_settings,
};
use crate::registration::types::{
    Category, InvitationView, RegistrationSettingsView, SettingsForm,
};
use crate::ui::{Field, Loaded, form_banner, form_error, route_id};

#[component]
pub fn RegistrationSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = route_id();
    // Settings and the members to invite in one load, so the page renders
    // whole on the server.
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            let id = id.ok_or(AppError::NotFound)?;
            Ok((
                id,
                registration_settings(id).await?,
                list_members(None, None).await?,
            ))
        },
    );
    let render =
        move |(edition_id, settings, members): (i64, RegistrationSettingsView, Vec<MemberView>)| {
            view! {
                <SettingsEditor edition_id settings=settings.clone() />
                <Invitations edition_id invitations=settings.invitations members />
            }
            .into_any()
        };
    view! {
        <Guard operation=Operation::ManageRegistrationSettings>
            <h1>{t!(i18n, settings_title)}</h1>
            <Loaded resource=data render />
        </Guard>
    }
}

#[component]
fn SettingsEditor(edition_id: i64, settings: RegistrationSettingsView) -> impl IntoView {
    let i18n = use_i18n();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let opens_on = RwSignal::new(date(settings.opens_on));
    let closes_on = RwSignal::new(date(settings.closes_on));
    let edit_deadline = RwSignal::new(date(settings.edit_deadline));
    let invite_only = RwSignal::new(settings.invite_only);
    let capacities: Vec<(Category, RwSignal<String>, u32)> = Category::ALL
        .into_iter()
        .map(|c| {
            let set = settings.capacities.iter().find(|x| x.category == c);
            (
                c,
                RwSignal::new(set.map(|x| x.capacity.to_string()).unwrap_or_default()),
                set.map(|x| x.taken).unwrap_or(0),
            )
        })
        .collect();
    let local_error = RwSignal::new(None::<AppError>);
    let save = Action::new(move |form: &SettingsForm| {
        let form = form.clone();
        async move { save_registration_settings(edition_id, form).await }
    });
    let error = form_error(local_error, save);
    let signals = capacities
        .iter()
        .map(|(c, s, _)| (*c, *s))
        .collect::<Vec<_>>();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = SettingsForm {
            opens_on: opens_on.get_untracked(),
            closes_on: closes_on.get_untracked(),
            edit_deadline: edit_deadline.get_untracked(),
            invite_only: invite_only.get_untracked(),
            capacities: signals
                .iter()
                .map(|(c, s)| (c.as_str().to_owned(), s.get_untracked()))
                .collect(),
        };
        match form.parse() {
            Ok(_) => {
                local_error.set(None);
                save.dispatch(form);
            }
            Err(err) => {
                save.value().set(None);
                local_error.set(Some(err));
            }
        }
    };
    view! {
        <form method="post" class="stack card" novalidate on:submit=on_submit data-form="registration-settings">
            {form_banner(i18n, error)}
            <Show when=move || matches!(save.value().get(), Some(Ok(_)))>
                <div class="banner ok" role="status">{t!(i18n, saved)}</div>
            </Show>
            <div class="row">
                <Field name="opens_on" label=move || t!(i18n, settings_opens_on) error>
                    <input id="opens_on" name="opens_on" type="date" bind:value=opens_on />
                </Field>
                <Field name="closes_on" label=move || t!(i18n, settings_closes_on) error>
                    <input id="closes_on" name="closes_on" type="date" bind:value=closes_on />
                </Field>
                <Field
                    name="edit_deadline"
                    label=move || t!(i18n, settings_edit_deadline)
                    error
                    hint=move || t!(i18n, settings_edit_deadline_hint)
                >
                    <input id="edit_deadline" name="edit_deadline" type="date" bind:value=edit_deadline />
                </Field>
            </div>
            <label class="check">
                <input type="checkbox" name="invite_only" bind:checked=invite_only />
                {t!(i18n, settings_invite_only)}
            </label>
            <h2>{t!(i18n, settings_capacities)}</h2>
            <p class="muted">{t!(i18n, settings_capacities_hint)}</p>
            <div class="row">
                {capacities
                    .into_iter()
                    .map(|(c, value, taken)| {
                        let name = format!("capacity.{}", c.as_str());
                        view! {
                            <Field name=name.clone() label=move || category_label(i18n, c) error
                                hint=move || format!("{} {taken}", t_string!(i18n, settings_taken))>
                                <input id=name.clone() name=name inputmode="numeric" bind:value=value />
                            </Field>
                        }
                    })
                    .collect_view()}
            </div>
            <div>
                <button type="submit" disabled=move || save.pending().get()>{t!(i18n, save)}</button>
            </div>
        </form>
    }
}

#[component]
fn Invitations(
    edition_id: i64,
    invitations: Vec<InvitationView>,
    members: Vec<MemberView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = RwSignal::new(invitations);
    let member_id = RwSignal::new(String::new());
    let max_size = RwSignal::new(String::new());
    let add = Action::new(move |(member, max): &(String, String)| {
        let (member, max) = (member.clone(), max.clone());
        async move {
            let member = member
                .parse()
                .map_err(|_| AppError::field("member_id", ErrorCode::Required))?;
            create_invitation(edition_id, member, max).await
        }
    });
    let remove = Action::new(move |id: &i64| {
        let id = *id;
        async move { delete_invitation(edition_id, id).await.map(|_| id) }
    });
    Effect::new(move |_| {
        if let Some(Ok(invitation)) = add.value().get() {
            list.update(|l| l.push(invitation));
            member_id.set(String::new());
            max_size.set(String::new());
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(id)) = remove.value().get() {
            list.update(|l| l.retain(|i| i.id != id));
        }
    });
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    view! {
        <section class="card stack wide">
            <h2>{t!(i18n, invitations_title)}</h2>
            <table data-table="invitations">
                <thead>
                    <tr>
                        <th>{t!(i18n, register_member)}</th>
                        <th>{t!(i18n, invitations_code)}</th>
                        <th>{t!(i18n, invitations_max)}</th>
                        <th>{t!(i18n, invitations_used)}</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || list.get()
                        key=|i| i.id
                        children=move |i| {
                            let id = i.id;
                            let name = i.member_name.clone();
                            view! {
                                <tr data-invitation=name>
                                    <td>{i.member_name}</td>
                                    <td><code>{i.code}</code></td>
                                    <td>{i.max_size.map(|m| m.to_string()).unwrap_or_else(|| "—".into())}</td>
                                    <td>{i.used}</td>
                                    <td>
                                        <button type="button" class="small secondary" on:click=move |_| { remove.dispatch(id); }>
                                            {t!(i18n, invitations_withdraw)}
                                        </button>
                                    </td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
            <form method="post"
                class="row"
                novalidate
                data-form="invite"
                on:submit=move |ev| {
                    ev.prevent_default();
                    add.dispatch((member_id.get_untracked(), max_size.get_untracked()));
                }
            >
                {form_banner(i18n, error)}
                <Field name="member_id" input="invite_member" label=move || t!(i18n, register_member) error>
                    <select id="invite_member" name="member_id" bind:value=member_id>
                        <option value="">{t!(i18n, choose)}</option>
                        {members
                            .into_iter()
                            .map(|m| view! { <option value=m.id.to_string()>{format!("{} · {}", m.name_latin, m.name_native)}</option> })
                            .collect_view()}
                    </select>
                </Field>
                <Field name="max_size" label=move || t!(i18n, invitations_max) error>
                    <input id="max_size" name="max_size" inputmode="numeric" bind:value=max_size />
                </Field>
                <div>
                    <button type="submit" disabled=move || add.pending().get()>{t!(i18n, invitations_add)}</button>
                </div>
            </form>
        </section>
    }
}
