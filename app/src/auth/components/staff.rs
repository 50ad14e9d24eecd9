//! `/account/staff`: organizers invite staff, change their roles and
//! switch accounts off; `/account/password/{secret}` and `/account/reset`:
//! choosing a password from an e-mailed link, and asking for one.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::{Guard, role_label, use_session};
use crate::auth::domain::Operation;
use crate::auth::server_fns::{
    invite_staff, list_staff, password_link, request_password_reset, set_password, set_staff_role,
    switch_staff,
};
use crate::auth::types::{LinkPurpose, Role, StaffView};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::{
    Field, FormName, Loaded, Problem, dates, form_banner, posted, posted_action_error,
};

/// The roles an organizer can give (delegates register instead).
const STAFF_ROLES: [Role; 5] = [
    Role::Organizer,
    Role::Registrar,
    Role::Finance,
    Role::Checkin,
    Role::Coordinator,
];

#[derive(Clone)]
struct Invite {
    email: String,
    display_name: String,
    role: String,
    lang: String,
}

#[component]
pub fn StaffPage() -> impl IntoView {
    // Made outside the guard's suspense (see TokensPage).
    let invite = Action::new(|form: &Invite| {
        let form = form.clone();
        async move { invite_staff(form.email, form.display_name, form.role, form.lang).await }
    });
    let set_role = Action::new(|(id, role): &(i64, String)| {
        let (id, role) = (*id, role.clone());
        async move { set_staff_role(id, role).await }
    });
    let switch = Action::new(|(id, on): &(i64, bool)| {
        let (id, on) = (*id, *on);
        async move { switch_staff(id, on).await }
    });
    let staff = Resource::new(
        move || {
            (
                invite.version().get(),
                set_role.version().get(),
                switch.version().get(),
            )
        },
        |_| list_staff(),
    );
    view! {
        <Guard operation=Operation::ManageAccounts>
            <Staff invite set_role switch staff />
        </Guard>
    }
}

#[component]
fn Staff(
    invite: Action<Invite, Result<StaffView, AppError>>,
    set_role: Action<(i64, String), Result<StaffView, AppError>>,
    switch: Action<(i64, bool), Result<StaffView, AppError>>,
    staff: Resource<Result<Vec<StaffView>, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Registrar.as_str().to_owned());
    let error = Signal::derive(move || invite.value().get().and_then(Result::err));
    let invited = move || invite.value().get().and_then(Result::ok);
    Effect::new(move |_| {
        // A sent invitation clears the form for the next one.
        if invited().is_some() {
            email.set(String::new());
            display_name.set(String::new());
        }
    });
    let change_error = Signal::derive(move || {
        set_role
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| switch.value().get().and_then(Result::err))
    });
    let render = move |list: Vec<StaffView>| {
        view! {
            <table data-table="staff">
                <thead>
                    <tr>
                        <th>{t!(i18n, staff_person)}</th>
                        <th>{t!(i18n, staff_role)}</th>
                        <th class="optional">{t!(i18n, staff_state)}</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|account| {
                        let id = account.id;
                        let current = account.role;
                        let off = account.disabled_at.is_some();
                        let state = move || {
                            if off {
                                t_string!(i18n, staff_switched_off).to_string()
                            } else if account.has_password {
                                t_string!(i18n, staff_active).to_string()
                            } else {
                                t_string!(i18n, staff_invited).to_string()
                            }
                        };
                        let since = account.created_at.date_naive();
                        view! {
                            <tr data-account=account.email.clone() data-state={if off { "off" } else { "on" }}>
                                <td>
                                    {account.display_name.clone()}
                                    <span class="muted">" · " <bdi dir="ltr">{account.email.clone()}</bdi></span>
                                </td>
                                <td>
                                    <select
                                        aria-label=move || t_string!(i18n, staff_role).to_string()
                                        data-action="role"
                                        on:change=move |ev| { set_role.dispatch((id, event_target_value(&ev))); }
                                    >
                                        {STAFF_ROLES.into_iter().map(|r| view! {
                                            <option value=r.as_str() selected={r == current}>{move || role_label(i18n, r)}</option>
                                        }).collect_view()}
                                    </select>
                                </td>
                                <td class="optional">
                                    {state} " · "
                                    <span class="muted">{move || dates::long_date(i18n.get_locale(), since)}</span>
                                </td>
                                <td class="actions">
                                    <button
                                        type="button"
                                        class={if off { "small secondary" } else { "small danger" }}
                                        data-action={if off { "switch-on" } else { "switch-off" }}
                                        on:click=move |_| { switch.dispatch((id, off)); }
                                    >
                                        {move || if off {
                                            t_string!(i18n, staff_switch_on).to_string()
                                        } else {
                                            t_string!(i18n, staff_switch_off).to_string()
                                        }}
                                    </button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <h1>{t!(i18n, staff_title)}</h1>
        <p class="muted">{t!(i18n, staff_hint)}</p>
        <form method="post"
            class="stack card"
            novalidate
            data-form="invite"
            on:submit=move |ev| {
                ev.prevent_default();
                invite.dispatch(Invite {
                    email: email.get_untracked(),
                    display_name: display_name.get_untracked(),
                    role: role.get_untracked(),
                    lang: i18n.get_locale_untracked().as_str().to_owned(),
                });
            }
        >
            <h2>{t!(i18n, staff_invite)}</h2>
            {form_banner(i18n, error)}
            {move || invited().map(|account| view! {
                <div class="banner ok" role="status" data-invited=account.email.clone()>
                    {t!(i18n, staff_invited_done)} " " <bdi dir="ltr">{account.email.clone()}</bdi>
                </div>
            })}
            <div class="row">
                <Field name="email" label=move || t!(i18n, email) error>
                    <input id="email" name="email" type="email" autocomplete="off" bind:value=email />
                </Field>
                <Field name="display_name" label=move || t!(i18n, staff_name) error>
                    <input id="display_name" name="display_name" maxlength="120" bind:value=display_name />
                </Field>
                <Field name="role" label=move || t!(i18n, staff_role) error>
                    <select id="role" name="role" bind:value=role>
                        {STAFF_ROLES.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=move || role.get() == r.as_str()>{move || role_label(i18n, r)}</option>
                        }).collect_view()}
                    </select>
                </Field>
            </div>
            <div>
                <button type="submit" disabled=move || invite.pending().get()>{t!(i18n, staff_send_invitation)}</button>
            </div>
        </form>
        <h2>{t!(i18n, staff_accounts)}</h2>
        {form_banner(i18n, change_error)}
        <Loaded resource=staff render />
    }
}

/// Where a password link leads: choose the password (twice), then you are
/// signed in and on your home page.
#[component]
pub fn PasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let secret = Signal::derive(move || params.read().get("secret").unwrap_or_default());
    let link = Resource::new(move || secret.get(), password_link);
    let session = use_session();
    let navigate = use_navigate();
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let save = Action::new(move |(password, again): &(String, String)| {
        let (password, again) = (password.clone(), again.clone());
        let secret = secret.get_untracked();
        async move { set_password(secret, password, again).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            session.refresh();
            navigate("/", Default::default());
        }
    });
    let error = posted_action_error(save, &posted("password"));
    let form = move |purpose: LinkPurpose, email: String| {
        view! {
            <h1>
                {move || match purpose {
                    LinkPurpose::Invitation => t_string!(i18n, password_welcome).to_string(),
                    LinkPurpose::Reset => t_string!(i18n, password_reset_title).to_string(),
                }}
            </h1>
            <form
                class="stack card"
                method="post"
                novalidate
                data-form="password"
                on:submit=move |ev| {
                    ev.prevent_default();
                    save.dispatch((password.get_untracked(), again.get_untracked()));
                }
            >
                <FormName name="password" />
                <input type="hidden" name="secret" value=secret.get_untracked() />
                {form_banner(i18n, error)}
                <p>{t!(i18n, password_for)} " " <strong data-email=email.clone()>{email.clone()}</strong></p>
                <input type="email" name="username" autocomplete="username" value=email hidden />
                <Field name="password" label=move || t!(i18n, password_new) error hint=move || t!(i18n, password_rule)>
                    <input id="password" name="password" type="password" autocomplete="new-password" bind:value=password />
                </Field>
                <Field name="again" label=move || t!(i18n, password_again) error>
                    <input id="again" name="again" type="password" autocomplete="new-password" bind:value=again />
                </Field>
                <div>
                    <button type="submit" disabled=move || save.pending().get()>{t!(i18n, password_save)}</button>
                </div>
            </form>
        }
    };
    view! {
        <Transition fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match link.await {
                    Ok(found) => form(found.purpose, found.email).into_any(),
                    Err(AppError::Unauthorized) => view! {
                        <h1>{t!(i18n, password_link_gone_title)}</h1>
                        <p class="card" data-problem="link-gone">
                            {t!(i18n, password_link_gone)} " "
                            <a href="/account/reset">{t!(i18n, password_forgot)}</a>
                        </p>
                    }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// `/account/reset`: ask for a password link. The answer is the same
/// whether or not the address has an account.
#[component]
pub fn ResetPage() -> impl IntoView {
    let i18n = use_i18n();
    let before = posted("reset");
    let email = RwSignal::new(crate::ui::posted::typed(&before, "email"));
    let query = leptos_router::hooks::use_query_map();
    let ask = Action::new(move |email: &String| {
        let email = email.clone();
        let lang = i18n.get_locale_untracked().as_str().to_owned();
        async move { request_password_reset(email, lang).await }
    });
    let error = posted_action_error(ask, &before);
    // Sent back here after a plain HTML submission.
    let sent = move || match ask.value().get() {
        Some(result) => result.is_ok(),
        None => query.read().get("sent").is_some(),
    };
    view! {
        <h1>{t!(i18n, password_reset_title)}</h1>
        <form
            class="stack card"
            method="post"
            novalidate
            data-form="reset"
            on:submit=move |ev| {
                ev.prevent_default();
                ask.dispatch(email.get_untracked());
            }
        >
            <FormName name="reset" />
            <input type="hidden" name="lang" value=move || i18n.get_locale().as_str() />
            {form_banner(i18n, error)}
            <Show when=sent>
                <div class="banner ok" role="status">{t!(i18n, password_reset_sent)}</div>
            </Show>
            <p>{t!(i18n, password_reset_explain)}</p>
            <Field name="email" label=move || t!(i18n, email) error>
                <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    value=email.get_untracked()
                    bind:value=email
                />
            </Field>
            <div>
                <button type="submit" disabled=move || ask.pending().get()>{t!(i18n, password_reset_send)}</button>
            </div>
        </form>
    }
}
