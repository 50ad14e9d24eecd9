//! `/agreements/new`: a draft from a template (each of its placeholders
//! asked for with the input its kind needs) or blank, with its parties.
//! A refused draft keeps everything typed, each message beside its field.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::agreements::server_fns::{create_agreement, load_choices};
use crate::agreements::types::{Choices, DraftInput, PartyInput, PlaceholderKind};
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::action_error;
use crate::ui::languages::name_of;
use crate::ui::{Field, Loaded, form_banner};

/// One party's row of the form.
#[derive(Clone, Copy)]
pub(crate) struct PartyRow {
    pub key: u32,
    pub id: Option<i64>,
    /// `m:ID` for a member, `c:ID` for a Business Council member.
    pub who: RwSignal<String>,
    pub signatory_name: RwSignal<String>,
    pub signatory_title: RwSignal<String>,
    pub contact_name: RwSignal<String>,
    pub contact_email: RwSignal<String>,
    pub language: RwSignal<String>,
}

impl PartyRow {
    pub fn new(key: u32) -> PartyRow {
        PartyRow {
            key,
            id: None,
            who: RwSignal::new(String::new()),
            signatory_name: RwSignal::new(String::new()),
            signatory_title: RwSignal::new(String::new()),
            contact_name: RwSignal::new(String::new()),
            contact_email: RwSignal::new(String::new()),
            language: RwSignal::new("en".to_owned()),
        }
    }

    pub fn input(&self) -> PartyInput {
        let who = self.who.get_untracked();
        let (member_id, council_member_id) = match who.split_once(':') {
            Some(("m", id)) => (id.parse().ok(), None),
            Some(("c", id)) => (None, id.parse().ok()),
            _ => (None, None),
        };
        PartyInput {
            id: self.id,
            member_id,
            council_member_id,
            signatory_name: self.signatory_name.get_untracked(),
            signatory_title: self.signatory_title.get_untracked(),
            contact_name: self.contact_name.get_untracked(),
            contact_email: self.contact_email.get_untracked(),
            language: self.language.get_untracked(),
        }
    }
}

fn numbered<T>(rows: Vec<T>) -> Vec<(usize, T)> {
    rows.into_iter().enumerate().collect()
}

fn party_key(entry: &(usize, PartyRow)) -> (usize, u32) {
    (entry.0, entry.1.key)
}

/// The parties' rows: who, signatory, contact; add and remove rows.
#[component]
pub(crate) fn PartyRows(
    choices: Choices,
    rows: RwSignal<Vec<PartyRow>>,
    error: Signal<Option<AppError>>,
    /// After the signing only contacts change.
    #[prop(optional)]
    signed: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let next_key = StoredValue::new(100u32);
    let choices = StoredValue::new(choices);
    view! {
        <fieldset class="stack" data-fieldset="parties">
            <legend>{t!(i18n, agreements_parties)}</legend>
            <crate::ui::FieldErrors name="parties" error />
            <For each=move || numbered(rows.get()) key=party_key let:entry>
                {
                    let (i, row) = entry;
                    let field = move |name: &str| format!("parties.{i}.{name}");
                    view! {
                        <div class="card row wrap" data-party=i>
                            <Field name=field("member_id") input=format!("party-{i}-who") label=move || t!(i18n, agreements_party) error>
                                <select id=format!("party-{i}-who") data-field="who" disabled=signed
                                    prop:value=move || row.who.get()
                                    on:change=move |ev| row.who.set(event_target_value(&ev))>
                                    <option value="">{t!(i18n, agreements_choose)}</option>
                                    <optgroup label=move || t_string!(i18n, nav_members).to_string()>
                                        {choices.with_value(|c| c.members.clone()).into_iter().map(|m| {
                                            let value = format!("m:{}", m.id);
                                            view! { <option value=value.clone() selected=move || row.who.get_untracked() == value>{m.name}</option> }
                                        }).collect_view()}
                                    </optgroup>
                                    <optgroup label=move || t_string!(i18n, nav_council).to_string()>
                                        {choices.with_value(|c| c.council.clone()).into_iter().map(|m| {
                                            let value = format!("c:{}", m.id);
                                            view! { <option value=value.clone() selected=move || row.who.get_untracked() == value>{m.name}</option> }
                                        }).collect_view()}
                                    </optgroup>
                                </select>
                            </Field>
                            <Field name=field("signatory_name") input=format!("party-{i}-signatory") label=move || t!(i18n, agreements_signatory_name) error>
                                <input id=format!("party-{i}-signatory") maxlength="200" dir="auto" disabled=signed bind:value=row.signatory_name />
                            </Field>
                            <Field name=field("signatory_title") input=format!("party-{i}-title") label=move || t!(i18n, agreements_signatory_title) error>
                                <input id=format!("party-{i}-title") maxlength="200" dir="auto" disabled=signed bind:value=row.signatory_title />
                            </Field>
                            <Field name=field("contact_name") input=format!("party-{i}-contact") label=move || t!(i18n, agreements_contact_name) error>
                                <input id=format!("party-{i}-contact") maxlength="200" dir="auto" bind:value=row.contact_name />
                            </Field>
                            <Field name=field("contact_email") input=format!("party-{i}-email") label=move || t!(i18n, agreements_contact_email) error>
                                <input id=format!("party-{i}-email") type="email" maxlength="254" bind:value=row.contact_email />
                            </Field>
                            <Field name=field("language") input=format!("party-{i}-language") label=move || t!(i18n, agreements_contact_language) error>
                                <input id=format!("party-{i}-language") maxlength="2" size="3" bind:value=row.language />
                            </Field>
                            {(!signed).then(|| view! {
                                <div><button type="button" class="secondary small" data-action="remove-party"
                                    on:click=move |_| rows.update(|rows| { rows.retain(|r| r.key != row.key); })>
                                    {t!(i18n, agreements_remove_party)}
                                </button></div>
                            })}
                        </div>
                    }
                }
            </For>
            {(!signed).then(|| view! {
                <div><button type="button" class="secondary" data-action="add-party" on:click=move |_| {
                    let key = next_key.get_value();
                    next_key.set_value(key + 1);
                    rows.update(|rows| rows.push(PartyRow::new(key)));
                }>{t!(i18n, agreements_add_party)}</button></div>
            })}
        </fieldset>
    }
}

#[component]
pub fn NewAgreementPage() -> impl IntoView {
    let i18n = use_i18n();
    let choices = Resource::new(|| (), |_| async move { load_choices().await });
    view! {
        <Guard operation=Operation::KeepAgreements>
            <h1>{t!(i18n, agreements_new)}</h1>
            <Loaded resource=choices render=move |choices| view! { <DraftForm choices /> }.into_any() />
        </Guard>
    }
}

#[component]
fn DraftForm(choices: Choices) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let template = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let committee = RwSignal::new(String::new());
    let sector = RwSignal::new(String::new());
    let edition = RwSignal::new(String::new());
    let initiative = RwSignal::new(String::new());
    let language_a = RwSignal::new("en".to_owned());
    let language_b = RwSignal::new("zh".to_owned());
    let rows = RwSignal::new(vec![PartyRow::new(0), PartyRow::new(1)]);
    let values = RwSignal::new(BTreeMap::<String, String>::new());
    let templates = StoredValue::new(choices.templates.clone());
    let party_choices = choices.clone();
    let chosen = Memo::new(move |_| {
        let id: Option<i64> = template.get().parse().ok();
        templates.with_value(|all| all.iter().find(|t| Some(t.id) == id).cloned())
    });
    let create = Action::new(move |input: &DraftInput| {
        let input = input.clone();
        async move { create_agreement(input).await }
    });
    let error = action_error(create);
    Effect::new(move |_| {
        if let Some(Ok(view)) = create.value().get() {
            navigate(&format!("/agreements/{}", view.id), Default::default());
        }
    });
    let pick = |text: String| text.parse::<i64>().ok();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(DraftInput {
            title: title.get_untracked(),
            template_id: pick(template.get_untracked()),
            language_a: language_a.get_untracked(),
            language_b: language_b.get_untracked(),
            committee_id: pick(committee.get_untracked()),
            sector: sector.get_untracked(),
            edition_id: pick(edition.get_untracked()),
            initiative_id: pick(initiative.get_untracked()),
            parties: rows.get_untracked().iter().map(PartyRow::input).collect(),
            values: values.get_untracked(),
        });
    };
    let names_source = StoredValue::new(choices.clone());
    let choices_for_names = move || names_source.get_value();
    let party_names = move || -> Vec<String> {
        rows.get()
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let who = row.who.get();
                let name = choices_name(&choices_for_names(), &who);
                format!("{} — {}", i + 1, name)
            })
            .collect()
    };
    let option = move |list: Vec<crate::agreements::types::Named>| {
        list.into_iter()
            .map(|n| {
                let id = n.id.to_string();
                view! { <option value=id>{move || n.name_in(i18n.get_locale())}</option> }
            })
            .collect_view()
    };
    view! {
        <form method="post" class="stack" data-form="draft" novalidate on:submit=submit>
            {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
            <div class="card stack">
                <Field name="template_id" input="draft-template" label=move || t!(i18n, agreements_template) error>
                    <select id="draft-template" on:change=move |ev| {
                        template.set(event_target_value(&ev));
                        // A template's own pair until the drafter picks another.
                        language_a.set("en".to_owned());
                        language_b.set(chosen.get_untracked().map_or_else(|| "zh".to_owned(), |t| t.language_b));
                    }>
                        <option value="">{t!(i18n, agreements_blank)}</option>
                        {option(choices.templates.iter().map(|t| crate::agreements::types::Named { id: t.id, name: t.name.clone(), names: Default::default() }).collect())}
                    </select>
                </Field>
                <Field name="title" input="draft-title" label=move || t!(i18n, agreements_title_field) error>
                    <input id="draft-title" maxlength="200" dir="auto" bind:value=title />
                </Field>
                <div class="row wrap" data-fieldset="languages">
                    {move || match chosen.get() {
                        // Any two of the template's languages.
                        Some(t) => {
                            let select = |id: &'static str, signal: RwSignal<String>| {
                                let languages = t.languages.clone();
                                view! {
                                    <select id=id on:change=move |ev| signal.set(event_target_value(&ev))>
                                        {languages.into_iter().map(|code| {
                                            let selected = signal.get_untracked() == code;
                                            let name = name_of(i18n.get_locale(), &code);
                                            view! { <option value=code selected=selected>{name}</option> }
                                        }).collect_view()}
                                    </select>
                                }
                            };
                            let (first, second) = (
                                select("draft-language-a", language_a),
                                select("draft-language", language_b),
                            );
                            view! {
                                <Field name="language_a" input="draft-language-a" label=move || t!(i18n, agreements_first_language) error>
                                    {first}
                                </Field>
                                <Field name="language_b" input="draft-language" label=move || t!(i18n, agreements_second_language_choice) error>
                                    {second}
                                </Field>
                            }.into_any()
                        }
                        // Without a template, any two (ISO codes).
                        None => view! {
                            <Field name="language_a" input="draft-language-a" label=move || t!(i18n, agreements_first_language) error>
                                <input id="draft-language-a" maxlength="2" size="3" bind:value=language_a />
                            </Field>
                            <Field name="language_b" input="draft-language" label=move || t!(i18n, agreements_second_language) error>
                                <input id="draft-language" maxlength="2" size="3" bind:value=language_b />
                            </Field>
                        }.into_any(),
                    }}
                </div>
                <div class="row wrap">
                    <Field name="committee_id" input="draft-committee" label=move || t!(i18n, agreements_committee) error>
                        <select id="draft-committee" on:change=move |ev| committee.set(event_target_value(&ev))>
                            <option value="">{t!(i18n, agreements_none_chosen)}</option>
                            {option(choices.committees.clone())}
                        </select>
                    </Field>
                    <Field name="sector" input="draft-sector" label=move || t!(i18n, agreements_sector) error>
                        <input id="draft-sector" maxlength="200" dir="auto" bind:value=sector />
                    </Field>
                    <Field name="edition_id" input="draft-edition" label=move || t!(i18n, agreements_edition) error>
                        <select id="draft-edition" on:change=move |ev| edition.set(event_target_value(&ev))>
                            <option value="">{t!(i18n, agreements_none_chosen)}</option>
                            {option(choices.editions.clone())}
                        </select>
                    </Field>
                    <Field name="initiative_id" input="draft-initiative" label=move || t!(i18n, agreements_initiative) error>
                        <select id="draft-initiative" on:change=move |ev| initiative.set(event_target_value(&ev))>
                            <option value="">{t!(i18n, agreements_none_chosen)}</option>
                            {option(choices.initiatives.clone())}
                        </select>
                    </Field>
                </div>
            </div>
            <PartyRows choices=party_choices rows error />
            {move || chosen.get().map(|template| view! {
                <fieldset class="card stack" data-fieldset="placeholders">
                    <legend>{t!(i18n, agreements_placeholders)}</legend>
                    <p class="muted">{t!(i18n, agreements_placeholders_hint)}</p>
                    {template.placeholders.into_iter().map(|p| {
                        let key = p.key.clone();
                        let id = format!("value-{key}");
                        let field = format!("values.{key}");
                        let label = key.replace('_', " ");
                        let current = {
                            let key = key.clone();
                            move || values.with(|v| v.get(&key).cloned().unwrap_or_default())
                        };
                        let set = {
                            let key = key.clone();
                            move |ev: leptos::ev::Event| {
                                let value = event_target_value(&ev);
                                values.update(|v| { v.insert(key.clone(), value); });
                            }
                        };
                        let input = match p.kind {
                            PlaceholderKind::Party => view! {
                                <select id=id.clone() data-placeholder=key.clone() data-kind="party" on:change=set>
                                    <option value="">{t!(i18n, agreements_choose)}</option>
                                    {move || party_names().into_iter().enumerate().map(|(i, name)| {
                                        let value = (i + 1).to_string();
                                        let selected = current() == value;
                                        view! { <option value=value selected=selected>{name}</option> }
                                    }).collect_view()}
                                </select>
                            }.into_any(),
                            PlaceholderKind::Date => view! {
                                <input id=id.clone() type="date" data-placeholder=key.clone() data-kind="date" prop:value=current on:input=set />
                            }.into_any(),
                            PlaceholderKind::Amount => view! {
                                <input id=id.clone() data-placeholder=key.clone() data-kind="amount" placeholder="CNY 500000" maxlength="40" prop:value=current on:input=set />
                            }.into_any(),
                            PlaceholderKind::Text => view! {
                                <input id=id.clone() data-placeholder=key.clone() data-kind="text" maxlength="500" dir="auto" prop:value=current on:input=set />
                            }.into_any(),
                        };
                        let hint = match p.kind {
                            PlaceholderKind::Amount => Some(t_string!(i18n, agreements_amount_hint).to_string()),
                            PlaceholderKind::Party => Some(t_string!(i18n, agreements_party_hint).to_string()),
                            _ => None,
                        };
                        view! {
                            <Field name=field input=id label=move || label.clone() error>
                                {input}
                                {hint.map(|h| view! { <span class="hint">{h}</span> })}
                            </Field>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            <div><button type="submit" data-action="create-draft" disabled=move || create.pending().get()>{t!(i18n, agreements_create)}</button></div>
        </form>
    }
}

/// The name of `m:ID` / `c:ID` among the choices.
fn choices_name(choices: &Choices, who: &str) -> String {
    let find = |list: &[crate::agreements::types::Named], id: &str| {
        id.parse::<i64>()
            .ok()
            .and_then(|id| list.iter().find(|n| n.id == id))
            .map(|n| n.name.clone())
    };
    match who.split_once(':') {
        Some(("m", id)) => find(&choices.members, id),
        Some(("c", id)) => find(&choices.council, id),
        _ => None,
    }
    .unwrap_or_else(|| "…".to_owned())
}
