//! The sign-in page and the account menu in the header.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::server_fns::{current_user, login, logout};
use super::types::{Role, UserView};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::Problem;

/// The signed-in account, shared by every page; `refresh` reloads it
/// after signing in or out.
#[derive(Clone, Copy)]
pub struct Session {
    pub user: Resource<Result<Option<UserView>, AppError>>,
    version: RwSignal<u32>,
}

impl Session {
    pub fn refresh(&self) {
        self.version.update(|v| *v += 1);
    }
}

pub fn provide_session() {
    let version = RwSignal::new(0);
    let user = Resource::new(move || version.get(), |_| current_user());
    provide_context(Session { user, version });
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

pub fn role_label(i18n: leptos_i18n::I18nContext<Locale>, role: Role) -> String {
    match role {
        Role::Organizer => t_string!(i18n, role_organizer),
        Role::Finance => t_string!(i18n, role_finance),
        Role::Registrar => t_string!(i18n, role_registrar),
        Role::Checkin => t_string!(i18n, role_checkin),
        Role::Coordinator => t_string!(i18n, role_coordinator),
        Role::Delegate => t_string!(i18n, role_delegate),
    }
    .to_string()
}

#[component]
pub fn SessionMenu() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let sign_out = Action::new(|_: &()| logout());
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_out.value().get() {
            session.refresh();
            navigate("/login", Default::default());
        }
    });
    view! {
        <div class="session">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match session.user.await {
                        Ok(Some(user)) => view! {
                            <span data-user=user.email.clone()>
                                {user.display_name.clone()} " · " {role_label(i18n, user.role)}
                            </span>
                            <button type="button" on:click=move |_| { sign_out.dispatch(()); }>
                                {t!(i18n, sign_out)}
                            </button>
                        }
                        .into_any(),
                        _ => view! { <A href="/login">{t!(i18n, sign_in)}</A> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submit = Action::new(|(email, password): &(String, String)| {
        let (email, password) = (email.clone(), password.clone());
        async move { login(email, password).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = submit.value().get() {
            session.refresh();
            navigate("/editions", Default::default());
        }
    });
    let failed = move || matches!(submit.value().get(), Some(Err(_)));
    view! {
        <h1>{t!(i18n, sign_in_title)}</h1>
        // Before the page hydrates, a plain POST to the same server function
        // still signs in, and the password never lands in a URL.
        <form
            class="stack card"
            method="post"
            action="/api/auth/login"
            on:submit=move |ev| {
                ev.prevent_default();
                submit.dispatch((email.get_untracked(), password.get_untracked()));
            }
        >
            <Show when=failed>
                <div class="banner error" role="alert">
                    {move || match submit.value().get() {
                        Some(Err(AppError::Unauthorized)) => t_string!(i18n, sign_in_failed).to_string(),
                        _ => t_string!(i18n, problem_internal).to_string(),
                    }}
                </div>
            </Show>
            <div class="field">
                <label for="email">{t!(i18n, email)}</label>
                <input id="email" name="email" type="email" autocomplete="username" required bind:value=email />
            </div>
            <div class="field">
                <label for="password">{t!(i18n, password)}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    bind:value=password
                />
            </div>
            <div>
                <button type="submit" disabled=move || submit.pending().get()>
                    {t!(i18n, sign_in)}
                </button>
            </div>
        </form>
    }
}

/// Shows its children only to a signed-in account whose role may do
/// `operation`; others get a sign-in prompt or a refusal. The server
/// checks again on every call: this only spares people a page they
/// cannot use.
#[component]
pub fn Guard(operation: super::domain::Operation, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    view! {
        <Transition fallback=|| ()>
            {
                let children = children.clone();
                move || {
                    let children = children.clone();
                    Suspend::new(async move {
                        match session.user.await {
                            Ok(Some(user)) if super::domain::may(user.role, operation) => {
                                children().into_any()
                            }
                            Ok(Some(_)) => view! { <Problem error=AppError::Forbidden /> }.into_any(),
                            Ok(None) => view! { <Problem error=AppError::Unauthorized /> }.into_any(),
                            Err(error) => view! { <Problem error /> }.into_any(),
                        }
                    })
                }
            }
        </Transition>
    }
}
