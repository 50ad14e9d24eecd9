//! The public registration page of an edition.

use leptos::prelude::*;

use super::person::PersonFields;
use crate::editions::types::{EditionField, title_or_venue};
use crate::error::AppError;
use crate::i18n::*;
use crate::registration::domain::parse_delegation;
use crate::registration::server_fns::{get_registration_intro, register};
use crate::registration::types::{
    Category, PersonForm, RegistrationIntro, member_prefix, member_rows,
};
use crate::ui::posted::posted;
use crate::ui::{
    Field, FieldErrors, FormName, Loaded, Problem, form_banner, posted_form_error, route_id,
};
use leptos_router::hooks::use_query_map;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let id = route_id();
    let intro = Resource::new(
        move || id.get(),
        |id| async move { get_registration_intro(id.ok_or(AppError::NotFound)?).await },
    );
    let render = move |intro: RegistrationIntro| view! { <RegisterForm intro /> }.into_any();
    view! { <Loaded resource=intro render /> }
}

/// What the submission sends: the edition, member, code, head, members
/// and consent.
type Submission = (i64, Option<i64>, String, PersonForm, Vec<PersonForm>, bool);

#[component]
fn RegisterForm(intro: RegistrationIntro) -> impl IntoView {
    let i18n = use_i18n();
    let edition_id = intro.edition_id;
    // Posted as plain HTML and answered with this page: start from it.
    let before = posted("register");
    let head = RwSignal::new(match &before {
        Some(form) => PersonForm::from_posted(form, ""),
        None => PersonForm {
            category: Category::HeadOfDelegation.as_str().to_owned(),
            ..Default::default()
        },
    });
    let rows = before.as_ref().map(member_rows).unwrap_or(0);
    // Each member row has a stable key so that removing one keeps the
    // others' typing in place.
    let members = RwSignal::new(
        (0..rows)
            .map(|row| {
                let form = before
                    .as_ref()
                    .map(|f| PersonForm::from_posted(f, &member_prefix(row)))
                    .unwrap_or_default();
                (row as u32, RwSignal::new(form))
            })
            .collect::<Vec<_>>(),
    );
    let next_key = StoredValue::new(rows as u32);
    let member_id = RwSignal::new(crate::ui::posted::typed(&before, "member_id"));
    let code = RwSignal::new(crate::ui::posted::typed(&before, "invitation_code"));
    let consent = RwSignal::new(before.as_ref().is_some_and(|f| f.has("consent")));
    // Sent here after a plain HTML submission: how many were submitted.
    let query = use_query_map();
    let sent = move || {
        query
            .read()
            .get("sent")
            .and_then(|n| n.parse::<usize>().ok())
    };

    let local_error = RwSignal::new(None::<AppError>);
    let submit = Action::new(|s: &Submission| {
        let s = s.clone();
        async move { register(s.0, s.1, s.2, s.3, s.4, s.5).await }
    });
    let error = posted_form_error(local_error, submit, &before);
    let done = move || submit.value().get().and_then(Result::ok);

    let add_member = move |ev: leptos::ev::MouseEvent| {
        // With the script, rows are added here; without it the button
        // posts the form and the server adds the row.
        ev.prevent_default();
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        members.update(|list| {
            list.push((
                key,
                RwSignal::new(PersonForm {
                    category: Category::Delegate.as_str().to_owned(),
                    organization: head.with_untracked(|h| h.organization.clone()),
                    ..Default::default()
                }),
            ))
        });
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let head_form = head.get_untracked();
        let member_forms: Vec<PersonForm> = members
            .get_untracked()
            .iter()
            .map(|(_, f)| f.get_untracked())
            .collect();
        // Same rules as the server: answer at once, no round trip.
        match parse_delegation(&head_form, &member_forms, consent.get_untracked()) {
            Ok(_) => {
                local_error.set(None);
                submit.dispatch((
                    edition_id,
                    member_id.get_untracked().parse().ok(),
                    code.get_untracked(),
                    head_form,
                    member_forms,
                    consent.get_untracked(),
                ));
            }
            Err(err) => {
                submit.value().set(None);
                local_error.set(Some(err));
            }
        }
    };
    let head_categories: Vec<Category> = Category::ALL.to_vec();
    let member_categories: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|c| *c != Category::HeadOfDelegation)
        .collect();
    let closed = intro.closed_reason.clone();
    let member_options = intro.members.clone();
    let invite_only = intro.invite_only;

    view! {
        {
            // The organizers' words in the reader's language where they
            // wrote them, else English, each marked with its language.
            let (title, venue, texts) = (intro.title.clone(), intro.venue.clone(), intro.texts.clone());
            let shown = StoredValue::new((title, venue, texts));
            let pick = move |field: EditionField| {
                shown.with_value(|(title, venue, texts)| {
                    title_or_venue(title, venue, texts, field, i18n.get_locale())
                })
            };
            view! {
                <h1 lang=move || pick(EditionField::Title).1>{move || pick(EditionField::Title).0}</h1>
                // The venue and the zone keep their own direction in a page of
                // the other (an Arabic page names a venue in Latin letters).
                <p class="muted">
                    <bdi lang=move || pick(EditionField::Venue).1>{move || pick(EditionField::Venue).0}</bdi>
            " · "
            {
                let (first, last) = (intro.start_date, intro.end_date);
                move || {
                    let locale = i18n.get_locale();
                    format!(
                        "{} – {}",
                        crate::ui::dates::long_date(locale, first),
                        crate::ui::dates::long_date(locale, last),
                    )
                }
            }
            " (" <bdi>{intro.zone_label.clone()}</bdi> ")"
                </p>
            }
        }
        {match closed {
            Some(reason) => view! { <Problem error=AppError::Conflict(reason) /> }.into_any(),
            None => view! {
                {move || done().map(|_| {
                    let mut people = vec![head.get_untracked()];
                    people.extend(members.get_untracked().iter().map(|(_, f)| f.get_untracked()));
                    view! { <Registered people /> }
                })}
                {move || sent().filter(|_| done().is_none()).map(|count| view! {
                    <div class="banner ok" role="status" data-registered=count>
                        {t!(i18n, register_done)}
                    </div>
                })}
                // Hidden rather than removed once done: it is built once.
                // It posts as plain HTML until the script takes it over.
                <form
                    class="stack wide"
                    method="post"
                    novalidate
                    on:submit=on_submit
                    data-form="registration"
                    hidden=move || done().is_some() || sent().is_some()
                >
                        <FormName name="register" />
                        <input type="hidden" name="edition_id" value=edition_id.to_string() />
                        {form_banner(i18n, error)}
                        <p>{t!(i18n, register_intro)}</p>
                        <fieldset class="card stack">
                            <legend>{t!(i18n, register_representing)}</legend>
                            <div class="row">
                                <Field
                                    name="invitation_code"
                                    label=move || t!(i18n, register_invitation_code)
                                    error
                                    hint=move || if invite_only {
                                        t_string!(i18n, register_invitation_required).to_string()
                                    } else {
                                        t_string!(i18n, register_invitation_optional).to_string()
                                    }
                                >
                                    <input
                                        id="invitation_code"
                                        name="invitation_code"
                                        autocomplete="off"
                                        value=code.get_untracked()
                                        bind:value=code
                                    />
                                </Field>
                                <Field name="member_id" label=move || t!(i18n, register_member) error>
                                    <select id="member_id" name="member_id" bind:value=member_id>
                                        <option value="">{t!(i18n, register_member_none)}</option>
                                        {member_options
                                            .into_iter()
                                            .map(|(id, latin, native)| {
                                                let chosen = member_id.get_untracked() == id.to_string();
                                                view! {
                                                    <option value=id.to_string() selected=chosen>
                                                        {format!("{latin} · {native}")}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </Field>
                            </div>
                        </fieldset>
                        <fieldset class="card stack" data-person="head">
                            <legend>{t!(i18n, register_you)}</legend>
                            <PersonFields form=head prefix="" error categories=head_categories.clone() />
                        </fieldset>
                        <For
                            each=move || members.get()
                            key=|(key, _)| *key
                            children=move |(key, form)| {
                                let index = move || {
                                    members
                                        .with(|list| list.iter().position(|(k, _)| *k == key))
                                        .unwrap_or(0)
                                };
                                let prefix = format!("members.{}.", index());
                                view! {
                                    <fieldset class="card stack" data-person="member">
                                        <legend>
                                            {move || format!("{} {}", t_string!(i18n, register_member_n), index() + 1)}
                                        </legend>
                                        <PersonFields
                                            form
                                            prefix
                                            error
                                            categories=member_categories.clone()
                                        />
                                        <div>
                                            <button
                                                type="submit"
                                                name="_remove_member"
                                                value=move || index().to_string()
                                                formnovalidate
                                                class="secondary"
                                                on:click=move |ev| {
                                                    ev.prevent_default();
                                                    // Rows after it move up: old messages would land on the wrong row.
                                                    local_error.set(None);
                                                    submit.value().set(None);
                                                    members.update(|list| list.retain(|(k, _)| *k != key));
                                                }
                                            >
                                                {t!(i18n, register_remove_member)}
                                            </button>
                                        </div>
                                    </fieldset>
                                }
                            }
                        />
                        <FieldErrors name="members" error />
                        <div>
                            <button
                                type="submit"
                                name="_add_member"
                                value="1"
                                formnovalidate
                                class="secondary"
                                on:click=add_member
                                data-action="add-member"
                            >
                                {t!(i18n, register_add_member)}
                            </button>
                        </div>
                        <div class="field" class:invalid=move || error.get().is_some_and(|e| !e.field_messages("consent").is_empty())>
                            <label class="check">
                                <input
                                    type="checkbox"
                                    id="consent"
                                    name="consent"
                                    value="true"
                                    checked=consent.get_untracked()
                                    bind:checked=consent
                                />
                                {t!(i18n, register_consent)}
                            </label>
                            <FieldErrors name="consent" error />
                        </div>
                        <div>
                            <button type="submit" disabled=move || submit.pending().get()>
                                {t!(i18n, register_submit)}
                            </button>
                        </div>
                    </form>
            }
            .into_any(),
        }}
    }
}

/// The confirmation after a submission: who was submitted. Each person
/// learns by e-mail whether they are registered and with which status
/// (the page tells nothing of anyone's registration).
#[component]
fn Registered(people: Vec<PersonForm>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="banner ok" role="status" data-registered=people.len()>
            {t!(i18n, register_done)}
        </div>
        <ul class="card">
            {people
                .into_iter()
                .map(|p| {
                    view! {
                        <li>
                            <bdi>{p.name_native}</bdi> " " <bdi>{p.name_latin}</bdi> " "
                            <bdi dir="ltr">{format!("<{}>", p.email.trim())}</bdi>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
