//! The fields of one person, shared by the registration form and the
//! delegate's own page.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::*;
use crate::registration::types::{Category, PersonForm, RegistrationStatus};
use crate::ui::languages::{codes_of, language_names, toggle_code};
use crate::ui::{Field, FieldErrors};

pub fn category_label(i18n: leptos_i18n::I18nContext<Locale>, category: Category) -> String {
    // Reading the locale here keeps the label reactive to the language switch.
    category.label(i18n.get_locale())
}

pub fn status_label(i18n: leptos_i18n::I18nContext<Locale>, status: RegistrationStatus) -> String {
    match status {
        RegistrationStatus::Submitted => t_string!(i18n, registration_submitted),
        RegistrationStatus::Approved => t_string!(i18n, registration_approved),
        RegistrationStatus::Waitlisted => t_string!(i18n, registration_waitlisted),
        RegistrationStatus::Declined => t_string!(i18n, registration_declined),
        RegistrationStatus::Cancelled => t_string!(i18n, registration_cancelled),
    }
    .to_string()
}

/// The text fields of a person, with how each is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Text {
    NameNative,
    NameLatin,
    Honorific,
    Position,
    Organization,
    Email,
    Phone,
    Dietary,
    Access,
    Arrival,
    Departure,
}

impl Text {
    fn key(self) -> &'static str {
        match self {
            Text::NameNative => "name_native",
            Text::NameLatin => "name_latin",
            Text::Honorific => "honorific",
            Text::Position => "position",
            Text::Organization => "organization",
            Text::Email => "email",
            Text::Phone => "phone",
            Text::Dietary => "dietary",
            Text::Access => "access",
            Text::Arrival => "arrival",
            Text::Departure => "departure",
        }
    }

    fn get(self, form: &PersonForm) -> String {
        match self {
            Text::NameNative => form.name_native.clone(),
            Text::NameLatin => form.name_latin.clone(),
            Text::Honorific => form.honorific.clone(),
            Text::Position => form.position.clone(),
            Text::Organization => form.organization.clone(),
            Text::Email => form.email.clone(),
            Text::Phone => form.phone.clone(),
            Text::Dietary => form.dietary.clone(),
            Text::Access => form.access.clone(),
            Text::Arrival => form.arrival.clone(),
            Text::Departure => form.departure.clone(),
        }
    }

    fn value(self, form: &mut PersonForm) -> &mut String {
        match self {
            Text::NameNative => &mut form.name_native,
            Text::NameLatin => &mut form.name_latin,
            Text::Honorific => &mut form.honorific,
            Text::Position => &mut form.position,
            Text::Organization => &mut form.organization,
            Text::Email => &mut form.email,
            Text::Phone => &mut form.phone,
            Text::Dietary => &mut form.dietary,
            Text::Access => &mut form.access,
            Text::Arrival => &mut form.arrival,
            Text::Departure => &mut form.departure,
        }
    }

    /// Addresses and numbers read left to right on an Arabic page too;
    /// names and the rest follow what is typed.
    fn direction(self) -> &'static str {
        match self {
            Text::Email | Text::Phone | Text::Arrival | Text::Departure => "ltr",
            _ => "auto",
        }
    }

    fn input_type(self) -> &'static str {
        match self {
            Text::Email => "email",
            Text::Phone => "tel",
            Text::Arrival | Text::Departure => "datetime-local",
            _ => "text",
        }
    }

    fn label(self, i18n: leptos_i18n::I18nContext<Locale>) -> String {
        match self {
            Text::NameNative => t_string!(i18n, person_name_native),
            Text::NameLatin => t_string!(i18n, person_name_latin),
            Text::Honorific => t_string!(i18n, person_honorific),
            Text::Position => t_string!(i18n, person_position),
            Text::Organization => t_string!(i18n, person_organization),
            Text::Email => t_string!(i18n, person_email),
            Text::Phone => t_string!(i18n, person_phone),
            Text::Dietary => t_string!(i18n, person_dietary),
            Text::Access => t_string!(i18n, person_access),
            Text::Arrival => t_string!(i18n, person_arrival),
            Text::Departure => t_string!(i18n, person_departure),
        }
        .to_string()
    }
}

fn text_field(
    form: RwSignal<PersonForm>,
    (prefix, ids): (String, String),
    text: Text,
    error: Signal<Option<AppError>>,
    disabled: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = format!("{prefix}{}", text.key());
    let id = format!("{ids}{name}");
    view! {
        <Field name=name.clone() input=id.clone() label=move || text.label(i18n) error>
            <input
                id=id
                name=name
                type=text.input_type()
                dir=text.direction()
                disabled=disabled
                autocomplete="off"
                // The attribute for the page as the server sends it, the
                // property once the script runs.
                value=form.with_untracked(|f| text.get(f))
                prop:value=move || form.with(|f| text.get(f))
                on:input=move |ev| form.update(|f| *text.value(f) = event_target_value(&ev))
            />
        </Field>
    }
}

/// One person's fields. Field names carry `prefix` (`members.1.`) so
/// that the server's messages land beside the right row.
#[component]
pub fn PersonFields(
    form: RwSignal<PersonForm>,
    #[prop(into)] prefix: String,
    error: Signal<Option<AppError>>,
    /// The categories offered (a member of a delegation is never its head).
    categories: Vec<Category>,
    /// One's own e-mail is how one signs in: shown, not changed.
    #[prop(optional)]
    email_fixed: bool,
    /// Before each input's id, when a page holds several such forms (the
    /// delegate's own page, one per person).
    #[prop(optional, into)]
    ids: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let named = (prefix.clone(), ids.clone());
    let field = {
        let named = named.clone();
        move |text: Text| text_field(form, named.clone(), text, error, false)
    };
    let category_name = format!("{prefix}category");
    let category_id = format!("{ids}{category_name}");
    view! {
        <div class="row">
            {field(Text::NameNative)}
            {field(Text::NameLatin)}
            {field(Text::Honorific)}
        </div>
        <div class="row">
            {field(Text::Position)}
            {field(Text::Organization)}
        </div>
        <div class="row">
            {text_field(form, named.clone(), Text::Email, error, email_fixed)}
            {field(Text::Phone)}
            <Field name=category_name.clone() input=category_id.clone() label=move || t!(i18n, person_category) error>
                <select
                    id=category_id
                    name=category_name
                    on:change=move |ev| form.update(|f| f.category = event_target_value(&ev))
                >
                    <option value="">{t!(i18n, choose)}</option>
                    {categories
                        .into_iter()
                        .map(|c| {
                            view! {
                                <option
                                    value=c.as_str()
                                    selected=move || form.with(|f| f.category == c.as_str())
                                >
                                    {move || category_label(i18n, c)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </Field>
        </div>
        <LanguagesField form prefix=prefix.clone() ids=ids.clone() error />
        <InterpretationField form prefix=prefix.clone() ids=ids.clone() error />
        <div class="row">
            {field(Text::Dietary)}
            {field(Text::Access)}
        </div>
        <div class="row">
            {field(Text::Arrival)}
            {field(Text::Departure)}
        </div>
    }
}

/// Languages spoken, ticked from a list named in the reader's language
/// and stored as codes. A code the list lacks (typed through the API)
/// stays ticked under its code.
#[component]
fn LanguagesField(
    form: RwSignal<PersonForm>,
    prefix: String,
    ids: String,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = format!("{prefix}languages");
    let hint = format!("{ids}{name}-hint");
    let (id, described_by) = (format!("{ids}{name}"), hint.clone());
    let box_name = name.clone();
    let choices = move || {
        let mut names = language_names(i18n.get_locale());
        let chosen = form.with(|f| codes_of(&f.languages));
        for code in chosen {
            if !names.iter().any(|(c, _)| *c == code) {
                names.push((code.clone(), code));
            }
        }
        names
    };
    view! {
        <fieldset class="field languages" id=id aria-describedby=described_by>
            <legend>{t!(i18n, person_languages)}</legend>
            <span class="hint" id=hint>{t!(i18n, person_languages_hint)}</span>
            <div class="picker columns">
                {move || choices().into_iter().map(|(code, label)| {
                    let ticked = {
                        let code = code.clone();
                        move || form.with(|f| codes_of(&f.languages).contains(&code))
                    };
                    let (lang, value) = (code.clone(), code.clone());
                    let ticked_now = ticked.clone()();
                    view! {
                        <label class="check" lang=lang>
                            <input
                                type="checkbox"
                                name=box_name.clone()
                                value=value
                                checked=ticked_now
                                prop:checked=ticked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    form.update(|f| f.languages = toggle_code(&f.languages, &code, on));
                                }
                            />
                            {label}
                        </label>
                    }
                }).collect_view()}
            </div>
            <FieldErrors name=name error />
        </fieldset>
    }
}

/// The language to interpret into, chosen from the same list (or none).
#[component]
fn InterpretationField(
    form: RwSignal<PersonForm>,
    prefix: String,
    ids: String,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = format!("{prefix}interpretation");
    let id = format!("{ids}{name}");
    view! {
        <Field name=name.clone() input=id.clone() label=move || t!(i18n, person_interpretation) error>
            <select
                id=id
                name=name.clone()
                on:change=move |ev| form.update(|f| f.interpretation = event_target_value(&ev))
            >
                <option value="">{t!(i18n, person_no_interpretation)}</option>
                {move || {
                    let current = form.with(|f| f.interpretation.trim().to_ascii_lowercase());
                    let mut names = language_names(i18n.get_locale());
                    if !current.is_empty() && !names.iter().any(|(c, _)| *c == current) {
                        names.push((current.clone(), current.clone()));
                    }
                    names.into_iter().map(|(code, label)| {
                        let selected = code == current;
                        view! { <option value=code selected=selected>{label}</option> }
                    }).collect_view()
                }}
            </select>
        </Field>
    }
}
