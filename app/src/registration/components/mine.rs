//! `/my`: a delegate's own registrations, reached by the e-mailed sign-in
//! link. Without a session it offers to send a new link.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::person::{PersonFields, status_label};
use crate::auth::components::use_session;
use crate::auth::server_fns::{my_sign_in_links, revoke_my_sign_in_links};
use crate::auth::types::SignInLinkView;
use crate::error::AppError;
use crate::i18n::*;
use crate::registration::server_fns::{
    add_delegation_member, cancel_my_registration, my_registrations, request_sign_in_link,
    update_my_registration,
};
use crate::registration::types::{
    Category, OwnRegistration, PersonForm, RegistrationStatus, RegistrationView,
};
use crate::ui::{
    Field, FormName, Loaded, PostButton, Problem, dates, form_banner, posted, posted_action_error,
};

/// `more`: what other areas show a signed-in delegate below their own
/// (the page composer, `app.rs`, hands it in; privacy's data and erasure).
#[component]
pub fn MyPage(#[prop(optional, into)] more: ViewFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let link_note = move || query.read().get("link");
    // Sent back here after a form posted as plain HTML was saved.
    let saved_note = move || query.read().get("saved");
    // Made here, outside the suspense below: a resource created inside it
    // loses the request's context on the server.
    let changed = RwSignal::new(0u32);
    let mine = Resource::new(move || changed.get(), |_| my_registrations());
    let revoke_links = Action::new(|id: &Option<i64>| {
        let id = *id;
        async move { revoke_my_sign_in_links(id).await }
    });
    let links = Resource::new(move || revoke_links.version().get(), |_| my_sign_in_links());
    view! {
        <h1>{t!(i18n, my_title)}</h1>
        {move || link_note().map(|_| view! {
            <div class="banner error" role="alert">{t!(i18n, my_link_expired)}</div>
        })}
        {move || saved_note().map(|_| view! {
            <div class="banner ok" role="status">{t!(i18n, saved)}</div>
        })}
        <Transition fallback=|| ()>
            {move || {
                let more = more.clone();
                Suspend::new(async move {
                match session.user.await {
                    Ok(Some(_)) => view! {
                        <MyRegistrations mine changed />
                        <MyLinks links revoke=revoke_links />
                        {more.run()}
                    }
                    .into_any(),
                    Ok(None) => view! { <AskForLink /> }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })
            }}
        </Transition>
    }
}

#[component]
fn AskForLink() -> impl IntoView {
    let i18n = use_i18n();
    let before = posted("send-link");
    let email = RwSignal::new(crate::ui::posted::typed(&before, "email"));
    let send = Action::new(|email: &String| {
        let email = email.clone();
        async move { request_sign_in_link(email).await }
    });
    let error = posted_action_error(send, &before);
    let query = use_query_map();
    let sent = move || match send.value().get() {
        Some(result) => result.is_ok(),
        None => query.read().get("sent").as_deref() == Some("link"),
    };
    view! {
        <form
            class="stack card"
            method="post"
            novalidate
            data-form="send-link"
            on:submit=move |ev| {
                ev.prevent_default();
                send.dispatch(email.get_untracked());
            }
        >
            <FormName name="send-link" />
            <p>{t!(i18n, my_ask_link)}</p>
            {form_banner(i18n, error)}
            <Show when=sent>
                <div class="banner ok" role="status">{t!(i18n, my_link_sent)}</div>
            </Show>
            <Field name="email" label=move || t!(i18n, person_email) error>
                <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="email"
                    value=email.get_untracked()
                    bind:value=email
                />
            </Field>
            <div>
                <button type="submit" disabled=move || send.pending().get()>{t!(i18n, my_send_link)}</button>
            </div>
        </form>
    }
}

#[component]
fn MyRegistrations(
    mine: Resource<Result<Vec<OwnRegistration>, AppError>>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let render = move |list: Vec<OwnRegistration>| {
        if list.is_empty() {
            return view! { <p class="card">{t!(i18n, my_none)}</p> }.into_any();
        }
        list.into_iter()
            .map(|own| view! { <OwnCard own changed /> })
            .collect_view()
            .into_any()
    };
    view! { <Loaded resource=mine render /> }
}

/// The sign-in links sent to this address: when each was made, used and
/// until when it works; revoke one, or all (a forwarded letter, a shared
/// computer). The resource and action are made by the page, outside the
/// suspense (see `MyPage`).
#[component]
fn MyLinks(
    links: Resource<Result<Vec<SignInLinkView>, AppError>>,
    revoke: Action<Option<i64>, Result<u64, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let when = move |at: chrono::DateTime<chrono::Utc>| {
        dates::long_date(i18n.get_locale(), at.date_naive())
    };
    let render = move |list: Vec<SignInLinkView>| {
        let any_active = list.iter().any(|l| l.active);
        view! {
            <table data-table="sign-in-links">
                <thead>
                    <tr>
                        <th>{t!(i18n, links_sent)}</th>
                        <th>{t!(i18n, links_used)}</th>
                        <th>{t!(i18n, links_until)}</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|link| {
                            let id = link.id;
                            view! {
                                <tr data-link=id>
                                    <td>{when(link.created_at)}</td>
                                    <td>{link.used_at.map(when).unwrap_or_else(|| "–".into())}</td>
                                    <td>
                                        {if link.active {
                                            when(link.expires_at)
                                        } else {
                                            t_string!(i18n, links_inactive).to_string()
                                        }}
                                    </td>
                                    <td class="actions">
                                        {link.active.then(|| view! {
                                            <PostButton
                                                name=format!("revoke-links:{id}")
                                                class="small secondary"
                                                action="revoke-link"
                                                on_press=move |()| { revoke.dispatch(Some(id)); }
                                            >
                                                {t!(i18n, links_revoke)}
                                            </PostButton>
                                        })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {any_active.then(|| view! {
                <PostButton
                    name="revoke-links"
                    class="secondary"
                    action="revoke-all-links"
                    on_press=move |()| { revoke.dispatch(None); }
                >
                    {t!(i18n, links_revoke_all)}
                </PostButton>
            })}
        }
        .into_any()
    };
    view! {
        <section class="card stack wide" data-section="sign-in-links">
            <h2>{t!(i18n, links_title)}</h2>
            <p class="muted">{t!(i18n, links_hint)}</p>
            <Loaded resource=links render />
        </section>
    }
}

#[component]
fn OwnCard(own: OwnRegistration, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let editable = own.editable;
    let delegation_id = own.me.delegation_id;
    let heads = !own.delegation.is_empty() || own.me.category == Category::HeadOfDelegation;
    view! {
        <section class="card stack wide" data-own=own.me.edition_id>
            <h2>{own.edition_title.clone()}</h2>
            <nav class="toolbar">
                <A href=format!("/editions/{}/programme", own.me.edition_id) attr:class="button secondary small">
                    {t!(i18n, programme_title)}
                </A>
                {(own.me.status == RegistrationStatus::Approved).then(|| view! {
                    <A href=format!("/editions/{}/agenda", own.me.edition_id) attr:class="button secondary small">
                        {t!(i18n, agenda_title)}
                    </A>
                })}
            </nav>
            <p class="muted">
                {move || if editable {
                    let date = dates::long_date(i18n.get_locale(), own.edit_deadline);
                    t_string!(i18n, my_edit_until, date)
                } else {
                    t_string!(i18n, my_edit_closed).to_string()
                }}
            </p>
            <PersonCard person=own.me.clone() is_self=true editable changed />
            {(!own.delegation.is_empty()).then(|| view! { <h3>{t!(i18n, my_delegation)}</h3> })}
            {own
                .delegation
                .into_iter()
                .map(|p| view! { <PersonCard person=p is_self=false editable changed /> })
                .collect_view()}
            {match (heads && editable, delegation_id) {
                (true, Some(delegation_id)) => Some(view! { <AddMember delegation_id changed /> }),
                _ => None,
            }}
        </section>
    }
}

/// One person: status, details, and (until the deadline) an edit form
/// and a cancel button.
#[component]
fn PersonCard(
    person: RegistrationView,
    is_self: bool,
    editable: bool,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = person.id;
    let status = person.status;
    // Posted as plain HTML and refused: the form opens again as typed.
    let before = posted(&format!("person:{id}"));
    let cancel_posted = posted(&format!("cancel:{id}"));
    let open = before.is_some();
    let form = RwSignal::new(match &before {
        Some(posted) => PersonForm::from_posted(posted, ""),
        None => person.form(),
    });
    let save = Action::new(move |form: &PersonForm| {
        let form = form.clone();
        async move { update_my_registration(id, form).await }
    });
    let cancel = Action::new(move |_: &()| async move { cancel_my_registration(id).await });
    let error = posted_action_error(save, &before);
    let cancel_error = posted_action_error(cancel, &cancel_posted);
    Effect::new(move |_| {
        if let Some(Ok(_)) = cancel.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let categories: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|c| is_self || *c != Category::HeadOfDelegation)
        .collect();
    let active = editable && status != RegistrationStatus::Cancelled;
    let title = format!(
        "{} {} {}",
        person.honorific, person.name_latin, person.name_native
    );
    view! {
        <article class="person" data-person=person.email.clone()>
            <div class="toolbar">
                <strong class="grow">{title}</strong>
                <span class=format!("status {}", status.as_str()) data-status=status.as_str()>
                    {move || status_label(i18n, status)}
                </span>
                {active.then(|| view! {
                    <PostButton
                        name=format!("cancel:{id}")
                        class="small danger"
                        action="cancel"
                        on_press=move |()| { cancel.dispatch(()); }
                    >
                        {t!(i18n, my_cancel)}
                    </PostButton>
                })}
            </div>
            {person.decline_reason.clone().map(|r| view! { <p><em>{r}</em></p> })}
            {(status == RegistrationStatus::Approved).then(|| view! {
                <figure class="badge-qr" data-badge-qr=id>
                    <img
                        src=format!("/api/v1/editions/{}/registrations/{id}/badge/qr.svg", person.edition_id)
                        width="180" height="180"
                        alt=move || t_string!(i18n, badges_your_badge).to_string()
                    />
                    <figcaption>
                        <strong>{t!(i18n, badges_your_badge)}</strong> " "
                        <span class="muted">{t!(i18n, badges_your_badge_hint)}</span>
                    </figcaption>
                </figure>
                <VisaLetterLinks href=format!("/api/v1/editions/{}/registrations/{id}/visa-letter.pdf", person.edition_id) />
            })}
            {form_banner(i18n, cancel_error)}
            // A disclosure opens without the script.
            <details class="edit" open=open hidden=!active>
                <summary class="button small secondary" data-action="edit">{t!(i18n, edit)}</summary>
                <form
                    class="stack"
                    method="post"
                    novalidate
                    data-form="person"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        save.dispatch(form.get_untracked());
                    }
                >
                    <FormName name=format!("person:{id}") />
                    {form_banner(i18n, error)}
                    <Show when=move || matches!(save.value().get(), Some(Ok(_)))>
                        <div class="banner ok" role="status">{t!(i18n, saved)}</div>
                    </Show>
                    <PersonFields
                        form
                        prefix=""
                        error
                        categories=categories.clone()
                        email_fixed=is_self
                        ids=format!("p{id}-")
                    />
                    <div>
                        <button type="submit" disabled=move || save.pending().get()>{t!(i18n, save)}</button>
                    </div>
                </form>
            </details>
        </article>
    }
}

#[component]
fn AddMember(delegation_id: i64, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let before = posted(&format!("add-member:{delegation_id}"));
    let open = before.is_some();
    let form = RwSignal::new(match &before {
        Some(posted) => PersonForm::from_posted(posted, ""),
        None => PersonForm {
            category: Category::Delegate.as_str().to_owned(),
            ..Default::default()
        },
    });
    let add = Action::new(move |form: &PersonForm| {
        let form = form.clone();
        async move { add_delegation_member(delegation_id, form).await }
    });
    let error = posted_action_error(add, &before);
    Effect::new(move |_| {
        if let Some(Ok(_)) = add.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let categories: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|c| *c != Category::HeadOfDelegation)
        .collect();
    view! {
        <details class="edit" open=open>
            <summary class="button secondary" data-action="add-member">{t!(i18n, register_add_member)}</summary>
            <form
                class="stack"
                method="post"
                novalidate
                data-form="add-member"
                on:submit=move |ev| {
                    ev.prevent_default();
                    add.dispatch(form.get_untracked());
                }
            >
                <FormName name=format!("add-member:{delegation_id}") />
                {form_banner(i18n, error)}
                <PersonFields form prefix="" error categories=categories.clone() ids="new-member-" />
                <div>
                    <button type="submit" disabled=move || add.pending().get()>{t!(i18n, save)}</button>
                </div>
            </form>
        </details>
    }
}

/// The visa letter: in English, for consulates; on a page in another
/// language, in that language too.
#[component]
fn VisaLetterLinks(href: String) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let locale = i18n.get_locale();
        if locale == crate::registration::LETTER_LANGUAGE {
            view! {
                <p>
                    <a class="button small secondary" download data-action="visa-letter" href=href.clone()>
                        {t!(i18n, visa_letter)}
                    </a>
                </p>
            }
            .into_any()
        } else {
            let own = format!("{href}?lang={}", crate::locale::code(locale));
            view! {
                <p class="actions">
                    <a class="button small secondary" download data-action="visa-letter" href=href.clone()>
                        {t!(i18n, visa_letter_english)}
                    </a>
                    <a class="button small secondary" download data-action="visa-letter-own" href=own>
                        {t!(i18n, visa_letter_own)}
                    </a>
                </p>
            }
            .into_any()
        }
    }
}
