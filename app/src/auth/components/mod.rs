//! The sign-in page, the account menu and the language switch in the
//! header.

pub mod language;
mod staff;

pub use staff::{PasswordPage, ResetPage, StaffPage};

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::server_fns::{
    current_user, login, logout, make_api_token, my_api_tokens, revoke_api_token,
};
use super::types::{ApiTokenView, Role, UserView};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::{
    DropDown, Field, FormName, Loaded, Problem, dates, form_banner, posted, posted_action_error,
};

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

    /// Raised at each sign-in and sign-out, for what depends on who is in.
    pub fn changes(&self) -> u32 {
        self.version.get()
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
    // Reading the locale here keeps the label reactive to the language switch.
    role.label(i18n.get_locale())
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
                        Ok(Some(user)) => {
                            let name = user.display_name.clone();
                            view! {
                                <DropDown label=Signal::stored(name) class="account">
                                    <span class="muted" data-user=user.email.clone()>
                                        <bdi dir="ltr">{user.email.clone()}</bdi> " · " {move || role_label(i18n, user.role)}
                                    </span>
                                    {(user.role != Role::Delegate).then(|| view! {
                                        <A href="/account/tokens">{t!(i18n, tokens_nav)}</A>
                                    })}
                                    <button type="button" on:click=move |_| { sign_out.dispatch(()); }>
                                        {t!(i18n, sign_out)}
                                    </button>
                                </DropDown>
                            }
                            .into_any()
                        }
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
    // Posted as plain HTML and refused: the address stays (never the password).
    let before = posted("login");
    let email = RwSignal::new(crate::ui::posted::typed(&before, "email"));
    let password = RwSignal::new(String::new());
    let submit = Action::new(|(email, password): &(String, String)| {
        let (email, password) = (email.clone(), password.clone());
        async move { login(email, password).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(user)) = submit.value().get() {
            // The site reads on in the account's language.
            if let Some(locale) = user.language.as_deref().and_then(crate::locale::locale_of)
                && locale != i18n.get_locale_untracked()
            {
                i18n.set_locale(locale);
            }
            session.refresh();
            // Staff land on their home: the places their role works in.
            navigate("/", Default::default());
        }
    });
    let error = posted_action_error(submit, &before);
    // Sent here by a sign-in link that belongs to a staff account.
    let query = use_query_map();
    let staff_link = move || query.read().get("link").as_deref() == Some("staff");
    view! {
        <h1>{t!(i18n, sign_in_title)}</h1>
        <Show when=staff_link>
            <div class="banner error" role="alert">{t!(i18n, link_staff)}</div>
        </Show>
        // Before the page hydrates it posts as plain HTML (see ui::posted):
        // the password never lands in a URL.
        <form
            class="stack card"
            method="post"
            data-form="login"
            on:submit=move |ev| {
                ev.prevent_default();
                submit.dispatch((email.get_untracked(), password.get_untracked()));
            }
        >
            <FormName name="login" />
            <Show when=move || error.read().is_some()>
                <div class="banner error" role="alert">
                    {move || match error.get() {
                        Some(AppError::Unauthorized) => t_string!(i18n, sign_in_failed).to_string(),
                        Some(AppError::RateLimited(seconds)) => {
                            t_string!(i18n, problem_rate_limited, count = seconds).to_string()
                        }
                        _ => t_string!(i18n, problem_internal).to_string(),
                    }}
                </div>
            </Show>
            <div class="field">
                <label for="email">{t!(i18n, email)}</label>
                <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    required
                    value=email.get_untracked()
                    bind:value=email
                />
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
            <div class="toolbar">
                <button type="submit" disabled=move || submit.pending().get()>
                    {t!(i18n, sign_in)}
                </button>
                <A href="/account/reset">{t!(i18n, password_forgot)}</A>
            </div>
        </form>
    }
}

/// `/my/link/{secret}`: where an e-mailed sign-in link leads. Opening it
/// signs nobody in: the button posts the secret (so that link previews
/// and mail scanners, which only fetch, change nothing). Works before the
/// page hydrates: it is a plain form.
#[component]
pub fn LinkSignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let secret = move || params.read().get("secret").unwrap_or_default();
    view! {
        <h1>{t!(i18n, link_title)}</h1>
        <form class="stack card" method="post" action="/my/sign-in" data-form="link-sign-in">
            <p>{t!(i18n, link_explain)}</p>
            <input type="hidden" name="secret" value=secret />
            <div>
                <button type="submit">{t!(i18n, link_sign_in)}</button>
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

/// `/account/tokens`: a staff member's API tokens: make one (shown once),
/// see when each was used and until when it works, revoke.
#[component]
pub fn TokensPage() -> impl IntoView {
    // Made here, outside the guard's suspense: a resource created inside
    // it loses the request's context on the server.
    let make = Action::new(|(label, days): &(String, String)| {
        let (label, days) = (label.clone(), days.clone());
        async move { make_api_token(label, days).await }
    });
    let revoke = Action::new(|id: &i64| {
        let id = *id;
        async move { revoke_api_token(id).await }
    });
    let tokens = Resource::new(
        move || (make.version().get(), revoke.version().get()),
        |_| my_api_tokens(),
    );
    view! {
        <Guard operation=super::domain::Operation::ManageOwnApiTokens>
            <Tokens make revoke tokens />
        </Guard>
    }
}

#[component]
fn Tokens(
    make: Action<(String, String), Result<String, AppError>>,
    revoke: Action<i64, Result<ApiTokenView, AppError>>,
    tokens: Resource<Result<Vec<ApiTokenView>, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = RwSignal::new(String::new());
    let days = RwSignal::new(super::domain::API_TOKEN_DAYS.to_string());
    let error = Signal::derive(move || make.value().get().and_then(Result::err));
    let made = move || make.value().get().and_then(Result::ok);
    let when = move |at: Option<chrono::DateTime<chrono::Utc>>| match at {
        Some(at) => dates::long_date(i18n.get_locale(), at.date_naive()),
        None => "–".to_owned(),
    };
    let render = move |list: Vec<ApiTokenView>| {
        if list.is_empty() {
            return view! { <p class="card">{t!(i18n, tokens_none)}</p> }.into_any();
        }
        view! {
            <table data-table="tokens">
                <thead>
                    <tr>
                        <th>{t!(i18n, tokens_label)}</th>
                        <th>{t!(i18n, tokens_made)}</th>
                        <th>{t!(i18n, tokens_expires)}</th>
                        <th>{t!(i18n, tokens_last_used)}</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|token| {
                            let id = token.id;
                            view! {
                                <tr data-token=id>
                                    <td>{token.label.clone()}</td>
                                    <td>{when(Some(token.created_at))}</td>
                                    <td>
                                        {if token.active {
                                            when(token.expires_at)
                                        } else {
                                            t_string!(i18n, links_inactive).to_string()
                                        }}
                                    </td>
                                    <td>{when(token.last_used_at)}</td>
                                    <td class="actions">
                                        {token.active.then(|| view! {
                                            <button type="button" class="small secondary" data-action="revoke-token"
                                                on:click=move |_| { revoke.dispatch(id); }>
                                                {t!(i18n, links_revoke)}
                                            </button>
                                        })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <h1>{t!(i18n, tokens_title)}</h1>
        <p class="muted">{t!(i18n, tokens_hint)}</p>
        <form method="post"
            class="stack card"
            novalidate
            data-form="token"
            on:submit=move |ev| {
                ev.prevent_default();
                make.dispatch((label.get_untracked(), days.get_untracked()));
            }
        >
            {form_banner(i18n, error)}
            {move || made().map(|token| view! {
                <div class="banner ok" role="status">
                    <p>{t!(i18n, tokens_made_once)}</p>
                    <code data-new-token="">{token}</code>
                </div>
            })}
            <Field name="label" label=move || t!(i18n, tokens_label) error>
                <input id="label" name="label" maxlength="80" bind:value=label />
            </Field>
            <Field name="days" label=move || t!(i18n, tokens_days) error>
                <input id="days" name="days" type="number" min="1" max="366" bind:value=days />
            </Field>
            <div>
                <button type="submit" disabled=move || make.pending().get()>{t!(i18n, tokens_make)}</button>
            </div>
        </form>
        <Loaded resource=tokens render />
    }
}
