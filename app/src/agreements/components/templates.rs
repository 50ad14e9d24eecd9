//! The templates: each with its kind, second language and clauses, and
//! the placeholders a draft from it asks for; an editor for one (or a new
//! one). Placeholders are written `{{kind:name}}` in the clauses.

use leptos::prelude::*;

use super::clauses::{ClauseEditor, clause_rows, clauses_of};
use super::translations::{Translations, TranslationsEditor};
use crate::agreements::server_fns::save_template;
use crate::agreements::types::{Clause, TemplateInput, TemplateKind, TemplateView};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::action_error;
use crate::ui::{EditedMeanwhile, Field, Loaded, form_banner, other_refusal};

pub(crate) fn kind_label(i18n: leptos_i18n::I18nContext<Locale>, kind: TemplateKind) -> String {
    match kind {
        TemplateKind::Memorandum => t_string!(i18n, template_kind_memorandum),
        TemplateKind::SisterCity => t_string!(i18n, template_kind_sister_city),
        TemplateKind::EconomicCooperation => t_string!(i18n, template_kind_economic_cooperation),
        TemplateKind::CulturalExchange => t_string!(i18n, template_kind_cultural_exchange),
        TemplateKind::BusinessCouncilContract => {
            t_string!(i18n, template_kind_business_council_contract)
        }
        TemplateKind::Other => t_string!(i18n, template_kind_other),
    }
    .to_string()
}

#[component]
pub fn Templates(
    choices: Resource<Result<crate::agreements::types::Choices, AppError>>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The template being edited: its id, or none for a new one.
    let editing = RwSignal::new(None::<Option<i64>>);
    view! {
        <section class="stack" data-section="templates">
            <Loaded resource=choices render=move |choices| {
                let list = choices.templates.clone();
                view! {
                    <div class="table-scroll">
                        <table data-table="templates">
                            <thead><tr>
                                <th>{t!(i18n, agreements_template)}</th>
                                <th>{t!(i18n, agreements_kind)}</th>
                                <th>{t!(i18n, agreements_languages)}</th>
                                <th>{t!(i18n, agreements_placeholders)}</th>
                                <th></th>
                            </tr></thead>
                            <tbody>
                                {list.iter().map(|t| {
                                    let (id, kind) = (t.id, t.kind);
                                    let asks = t.placeholders.iter().map(|p| format!("{}:{}", p.kind, p.key)).collect::<Vec<_>>().join(", ");
                                    view! {
                                        <tr data-template=id>
                                            <td dir="auto">{t.name.clone()}</td>
                                            <td>{move || kind_label(i18n, kind)}</td>
                                            <td>{t.languages.join(", ")}</td>
                                            <td><code>{asks}</code></td>
                                            <td><button type="button" class="secondary small" data-action="edit-template"
                                                on:click=move |_| editing.set(Some(Some(id)))>{t!(i18n, agreements_edit)}</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <div><button type="button" class="secondary" data-action="new-template"
                        on:click=move |_| editing.set(Some(None))>{t!(i18n, agreements_new_template)}</button></div>
                    {move || editing.get().map(|id| {
                        let template = id.and_then(|id| list.iter().find(|t| t.id == id).cloned());
                        view! { <TemplateForm template changed editing /> }
                    })}
                }.into_any()
            } />
        </section>
    }
}

#[component]
fn TemplateForm(
    template: Option<TemplateView>,
    changed: RwSignal<u32>,
    editing: RwSignal<Option<Option<i64>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = template.as_ref().map(|t| t.id);
    let version = template.as_ref().map(|t| t.version).unwrap_or(0);
    let name = RwSignal::new(
        template
            .as_ref()
            .map(|t| t.name.clone())
            .unwrap_or_default(),
    );
    let kind = RwSignal::new(
        template
            .as_ref()
            .map(|t| t.kind)
            .unwrap_or(TemplateKind::Other),
    );
    let language_b = RwSignal::new(
        template
            .as_ref()
            .map(|t| t.language_b.clone())
            .unwrap_or_else(|| "zh".to_owned()),
    );
    let clauses: Vec<Clause> = template
        .as_ref()
        .map(|t| t.clauses.clone())
        .unwrap_or_else(|| vec![Clause::default()]);
    let rows = clause_rows(&clauses);
    let translations = Translations::new(
        &template
            .as_ref()
            .map(|t| t.texts.clone())
            .unwrap_or_default(),
        &rows.get_untracked(),
    );
    let save = Action::new(move |input: &TemplateInput| {
        let input = input.clone();
        async move { save_template(id, input).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            editing.set(None);
            changed.update(|n| *n += 1);
        }
    });
    let error = action_error(save);
    view! {
        <form method="post" class="card stack" data-form="template" novalidate on:submit=move |ev| {
            ev.prevent_default();
            save.dispatch(TemplateInput {
                name: name.get_untracked(),
                kind: Some(kind.get_untracked()),
                language_b: language_b.get_untracked(),
                clauses: clauses_of(rows),
                texts: translations.texts(&rows.get_untracked()),
                version,
            });
        }>
            <h2>{move || if id.is_some() { t_string!(i18n, agreements_edit_template) } else { t_string!(i18n, agreements_new_template) }}</h2>
            <p class="muted">{t!(i18n, agreements_placeholder_syntax)}</p>
            <EditedMeanwhile error />
            {form_banner(i18n, other_refusal(error))}
            <div class="row wrap">
                <Field name="name" input="template-name" label=move || t!(i18n, agreements_template_name) error>
                    <input id="template-name" maxlength="200" dir="auto" bind:value=name />
                </Field>
                <Field name="kind" input="template-kind" label=move || t!(i18n, agreements_kind) error>
                    <select id="template-kind" on:change=move |ev| {
                        if let Ok(k) = TemplateKind::parse(&event_target_value(&ev)) { kind.set(k); }
                    }>
                        {TemplateKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=move || kind.get_untracked() == k>{move || kind_label(i18n, k)}</option>
                        }).collect_view()}
                    </select>
                </Field>
                <Field name="language_b" input="template-language" label=move || t!(i18n, agreements_second_language) error>
                    <input id="template-language" maxlength="2" size="3" bind:value=language_b />
                </Field>
            </div>
            <ClauseEditor rows language_a=Signal::derive(|| "en".to_owned()) language_b error />
            <TranslationsEditor rows translations language_b error />
            <div class="row wrap">
                <button type="submit" data-action="save-template" disabled=move || save.pending().get()>{t!(i18n, save)}</button>
                <button type="button" class="secondary" on:click=move |_| editing.set(None)>{t!(i18n, agreements_close)}</button>
            </div>
        </form>
    }
}
