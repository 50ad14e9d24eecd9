//! A template's clauses in more languages than its two columns, edited
//! clause by clause under each clause's English heading. The texts are
//! kept per clause row, so a clause added or removed above takes its
//! translations along; a draft puts any two of the template's languages
//! side by side.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::clauses::{ClauseRow, clause_key, numbered};
use crate::agreements::types::{ClauseText, TemplateTexts};
use crate::error::AppError;
use crate::i18n::*;
use crate::locale::code_direction;
use crate::ui::languages::name_of;
use crate::ui::{Field, FieldErrors};

/// The texts being edited: (language, clause row) → heading and text.
#[derive(Clone, Copy)]
pub(crate) struct Translations {
    languages: RwSignal<Vec<String>>,
    texts: RwSignal<BTreeMap<(String, u32), ClauseText>>,
}

impl Translations {
    /// As the template has them, aligned with its rows.
    pub fn new(texts: &TemplateTexts, rows: &[ClauseRow]) -> Translations {
        let mut kept = BTreeMap::new();
        for (lang, sides) in texts {
            for (row, side) in rows.iter().zip(sides) {
                kept.insert((lang.clone(), row.key), side.clone());
            }
        }
        Translations {
            languages: RwSignal::new(texts.keys().cloned().collect()),
            texts: RwSignal::new(kept),
        }
    }

    /// Every language's texts, one per row as the rows are now.
    pub fn texts(&self, rows: &[ClauseRow]) -> TemplateTexts {
        let kept = self.texts.get_untracked();
        self.languages
            .get_untracked()
            .into_iter()
            .map(|lang| {
                let sides = rows
                    .iter()
                    .map(|row| {
                        kept.get(&(lang.clone(), row.key))
                            .cloned()
                            .unwrap_or_default()
                    })
                    .collect();
                (lang, sides)
            })
            .collect()
    }
}

/// The languages a translation may be added in: the app's, less English,
/// the second column's and those already there.
fn addable(language_b: &str, present: &[String]) -> Vec<&'static str> {
    crate::locale::all()
        .iter()
        .map(|locale| crate::locale::code(*locale))
        .filter(|code| *code != "en" && *code != language_b && !present.iter().any(|p| p == code))
        .collect()
}

#[component]
pub(crate) fn TranslationsEditor(
    rows: RwSignal<Vec<ClauseRow>>,
    translations: Translations,
    #[prop(into)] language_b: Signal<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Translations { languages, texts } = translations;
    let adding = RwSignal::new(String::new());
    let add = move |_| {
        let lang = adding.get_untracked();
        let offered = addable(&language_b.get_untracked(), &languages.get_untracked());
        if offered.contains(&lang.as_str()) {
            languages.update(|all| all.push(lang));
            adding.set(String::new());
        }
    };
    view! {
        <fieldset class="card stack" data-fieldset="translations">
            <legend>{t!(i18n, agreements_translations)}</legend>
            <p class="muted">{t!(i18n, agreements_translations_hint)}</p>
            <FieldErrors name="texts" error />
            <For each=move || languages.get() key=|lang| lang.clone() let:lang>
                {
                    let name = {
                        let lang = lang.clone();
                        move || name_of(i18n.get_locale(), &lang)
                    };
                    let heading = name.clone();
                    let remove = {
                        let lang = lang.clone();
                        move |_| {
                            languages.update(|all| all.retain(|l| *l != lang));
                            texts.update(|kept| kept.retain(|(l, _), _| *l != lang));
                        }
                    };
                    let field = format!("texts.{lang}");
                    let dir = code_direction(&lang);
                    let lang_for_rows = lang.clone();
                    view! {
                        <section class="stack" data-translation=lang.clone()>
                            <div class="row wrap">
                                <h3>{heading}</h3>
                                <button type="button" class="secondary small" data-action="remove-translation" on:click=remove>
                                    {move || t_string!(i18n, agreements_remove_translation, language = name()).to_string()}
                                </button>
                            </div>
                            <FieldErrors name=field.clone() error />
                            <For each=move || numbered(rows.get()) key=clause_key let:entry>
                                {
                                    let (i, row) = entry;
                                    let lang = lang_for_rows.clone();
                                    let key = (lang.clone(), row.key);
                                    let read = {
                                        let key = key.clone();
                                        move |heading: bool| {
                                            texts.with(|kept| {
                                                kept.get(&key)
                                                    .map(|t| if heading { t.heading.clone() } else { t.body.clone() })
                                                    .unwrap_or_default()
                                            })
                                        }
                                    };
                                    let write = {
                                        let key = key.clone();
                                        move |heading: bool, value: String| {
                                            texts.update(|kept| {
                                                let text = kept.entry(key.clone()).or_default();
                                                if heading { text.heading = value } else { text.body = value }
                                            })
                                        }
                                    };
                                    let (read_heading, read_body) = (read.clone(), read);
                                    let (write_heading, write_body) = (write.clone(), write);
                                    let prefix = format!("texts.{lang}.{i}");
                                    let id = format!("translation-{lang}-{i}");
                                    let (heading_field, body_field) = (format!("{prefix}.heading"), format!("{prefix}.body"));
                                    let (heading_id, body_id) = (format!("{id}-heading"), format!("{id}-body"));
                                    let (heading_lang, body_lang) = (lang.clone(), lang.clone());
                                    view! {
                                        <div class="stack" data-clause=i>
                                            <p class="muted" lang="en" dir="ltr">{move || {
                                                let english = row.a_heading.get();
                                                format!("{}. {}", i + 1, english)
                                            }}</p>
                                            <FieldErrors name=prefix error input=id />
                                            <div class="stack" lang=lang dir=dir>
                                                <Field name=heading_field input=heading_id.clone() label=move || t_string!(i18n, agreements_heading_in, language = heading_lang.clone()).to_string() error>
                                                    <input id=heading_id maxlength="200" dir=dir
                                                        prop:value=move || read_heading(true)
                                                        on:input=move |ev| write_heading(true, event_target_value(&ev)) />
                                                </Field>
                                                <Field name=body_field input=body_id.clone() label=move || t_string!(i18n, agreements_text_in, language = body_lang.clone()).to_string() error>
                                                    <textarea id=body_id rows="4" maxlength="10000" dir=dir
                                                        prop:value=move || read_body(false)
                                                        on:input=move |ev| write_body(false, event_target_value(&ev))></textarea>
                                                </Field>
                                            </div>
                                        </div>
                                    }
                                }
                            </For>
                        </section>
                    }
                }
            </For>
            <Show when=move || !addable(&language_b.get(), &languages.get()).is_empty()>
                <div class="row wrap">
                    <label for="translation-add">{t!(i18n, agreements_add_translation)}</label>
                    <select id="translation-add" on:change=move |ev| adding.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, agreements_choose)}</option>
                        {move || addable(&language_b.get(), &languages.get()).into_iter().map(|code| view! {
                            <option value=code selected=move || adding.get() == code>{move || name_of(i18n.get_locale(), code)}</option>
                        }).collect_view()}
                    </select>
                    <button type="button" class="secondary" data-action="add-translation" on:click=add>{t!(i18n, agreements_add_translation_button)}</button>
                </div>
            </Show>
        </fieldset>
    }
}
