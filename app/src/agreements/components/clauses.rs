//! The clause editor shared by an agreement's text and a template: each
//! clause's heading and text in the two languages side by side; clauses
//! added and removed. Messages are shown beside each field
//! (`clauses.N.a.body` …), and the typed text stays when a save fails.

use leptos::prelude::*;

use crate::agreements::types::Clause;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::{Field, FieldErrors};

/// One clause's row of the editor.
#[derive(Clone, Copy)]
pub(crate) struct ClauseRow {
    pub key: u32,
    pub a_heading: RwSignal<String>,
    a_body: RwSignal<String>,
    b_heading: RwSignal<String>,
    b_body: RwSignal<String>,
}

impl ClauseRow {
    fn new(key: u32, clause: &Clause) -> ClauseRow {
        ClauseRow {
            key,
            a_heading: RwSignal::new(clause.a.heading.clone()),
            a_body: RwSignal::new(clause.a.body.clone()),
            b_heading: RwSignal::new(clause.b.heading.clone()),
            b_body: RwSignal::new(clause.b.body.clone()),
        }
    }

    pub fn clause(&self) -> Clause {
        let mut c = Clause::default();
        c.a.heading = self.a_heading.get_untracked();
        c.a.body = self.a_body.get_untracked();
        c.b.heading = self.b_heading.get_untracked();
        c.b.body = self.b_body.get_untracked();
        c
    }
}

/// The rows of these clauses, to give the editor.
pub(crate) fn clause_rows(clauses: &[Clause]) -> RwSignal<Vec<ClauseRow>> {
    RwSignal::new(
        clauses
            .iter()
            .enumerate()
            .map(|(i, c)| ClauseRow::new(i as u32, c))
            .collect(),
    )
}

/// The clauses as the rows hold them now.
pub(crate) fn clauses_of(rows: RwSignal<Vec<ClauseRow>>) -> Vec<Clause> {
    rows.get_untracked().iter().map(ClauseRow::clause).collect()
}

pub(crate) fn numbered<T>(rows: Vec<T>) -> Vec<(usize, T)> {
    rows.into_iter().enumerate().collect()
}

pub(crate) fn clause_key(entry: &(usize, ClauseRow)) -> (usize, u32) {
    (entry.0, entry.1.key)
}

#[component]
pub(crate) fn ClauseEditor(
    rows: RwSignal<Vec<ClauseRow>>,
    /// The two columns' languages (ISO codes).
    #[prop(into)]
    language_a: Signal<String>,
    #[prop(into)] language_b: Signal<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let next_key = StoredValue::new(1000u32);
    view! {
        <FieldErrors name="clauses" error />
        <For each=move || numbered(rows.get()) key=clause_key let:entry>
            {
                let (i, row) = entry;
                view! {
                    <div class="card columns" data-clause=i>
                        <div class="stack" lang=language_a>
                            <FieldErrors name=format!("clauses.{i}") error />
                            <Field name=format!("clauses.{i}.a.heading") input=format!("clause-{i}-a-heading") label=move || t_string!(i18n, agreements_heading_in, language = language_a.get()).to_string() error>
                                <input id=format!("clause-{i}-a-heading") maxlength="200" dir="auto" bind:value=row.a_heading />
                            </Field>
                            <Field name=format!("clauses.{i}.a.body") input=format!("clause-{i}-a-body") label=move || t_string!(i18n, agreements_text_in, language = language_a.get()).to_string() error>
                                <textarea id=format!("clause-{i}-a-body") rows="5" maxlength="10000" dir="auto" data-side="a" bind:value=row.a_body></textarea>
                            </Field>
                        </div>
                        <div class="stack" lang=language_b>
                            <Field name=format!("clauses.{i}.b.heading") input=format!("clause-{i}-b-heading") label=move || t_string!(i18n, agreements_heading_in, language = language_b.get()).to_string() error>
                                <input id=format!("clause-{i}-b-heading") maxlength="200" dir="auto" bind:value=row.b_heading />
                            </Field>
                            <Field name=format!("clauses.{i}.b.body") input=format!("clause-{i}-b-body") label=move || t_string!(i18n, agreements_text_in, language = language_b.get()).to_string() error>
                                <textarea id=format!("clause-{i}-b-body") rows="5" maxlength="10000" dir="auto" data-side="b" bind:value=row.b_body></textarea>
                            </Field>
                        </div>
                        <div><button type="button" class="secondary small" data-action="remove-clause"
                            on:click=move |_| rows.update(|rows| rows.retain(|r| r.key != row.key))>
                            {t!(i18n, agreements_remove_clause)}
                        </button></div>
                    </div>
                }
            }
        </For>
        <div><button type="button" class="secondary" data-action="add-clause" on:click=move |_| {
            let key = next_key.get_value();
            next_key.set_value(key + 1);
            rows.update(|rows| rows.push(ClauseRow::new(key, &Clause::default())));
        }>{t!(i18n, agreements_add_clause)}</button></div>
    }
}
