//! The page's state: the session being edited, its draft, the day shown,
//! and the server actions. Made once, outside the guard, so that it
//! outlives every reload of the grid.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::error::AppError;
use crate::locale::{Locale, all};
use crate::programme::server_fns::{cancel_session, delete_session, publish_session, save_session};
use crate::programme::types::{
    ConflictView, SavedSession, SessionForm, SessionKind, SessionText, SessionView,
};

/// A session's title and description in one language, as typed.
#[derive(Clone, Copy)]
pub(super) struct TextDraft {
    pub lang: Locale,
    pub title: RwSignal<String>,
    pub description: RwSignal<String>,
}

/// The form's fields, one signal each, so that typing survives reloads
/// of the grid.
#[derive(Clone, Copy)]
pub(super) struct Draft {
    /// One per language of the locale files.
    pub texts: StoredValue<Vec<TextDraft>>,
    pub kind: RwSignal<String>,
    pub room_id: RwSignal<String>,
    pub starts_at: RwSignal<String>,
    pub ends_at: RwSignal<String>,
    pub committee_id: RwSignal<String>,
    pub speakers: RwSignal<Vec<i64>>,
    pub moderators: RwSignal<Vec<i64>>,
    pub languages: RwSignal<String>,
    pub capacity: RwSignal<String>,
    pub invitation_only: RwSignal<bool>,
}

impl Draft {
    fn new() -> Draft {
        let text = || RwSignal::new(String::new());
        let texts = all()
            .iter()
            .map(|lang| TextDraft {
                lang: *lang,
                title: text(),
                description: text(),
            })
            .collect();
        Draft {
            texts: StoredValue::new(texts),
            kind: RwSignal::new(SessionKind::Plenary.as_str().to_owned()),
            room_id: text(),
            starts_at: text(),
            ends_at: text(),
            committee_id: text(),
            speakers: RwSignal::new(Vec::new()),
            moderators: RwSignal::new(Vec::new()),
            languages: text(),
            capacity: text(),
            invitation_only: RwSignal::new(false),
        }
    }

    fn load(&self, form: SessionForm) {
        for draft in self.texts.get_value() {
            let typed = form.texts.iter().find(|t| t.lang == draft.lang);
            draft
                .title
                .set(typed.map(|t| t.title.clone()).unwrap_or_default());
            draft
                .description
                .set(typed.map(|t| t.description.clone()).unwrap_or_default());
        }
        self.kind.set(form.kind);
        self.room_id.set(form.room_id);
        self.starts_at.set(form.starts_at);
        self.ends_at.set(form.ends_at);
        self.committee_id.set(form.committee_id);
        self.speakers.set(form.speakers);
        self.moderators.set(form.moderators);
        self.languages.set(form.languages);
        self.capacity.set(form.capacity);
        self.invitation_only.set(form.invitation_only);
    }

    pub fn form(&self) -> SessionForm {
        SessionForm {
            texts: self
                .texts
                .get_value()
                .into_iter()
                .map(|draft| SessionText {
                    lang: draft.lang,
                    title: draft.title.get_untracked(),
                    description: draft.description.get_untracked(),
                })
                .collect(),
            kind: self.kind.get_untracked(),
            room_id: self.room_id.get_untracked(),
            starts_at: self.starts_at.get_untracked(),
            ends_at: self.ends_at.get_untracked(),
            committee_id: self.committee_id.get_untracked(),
            speakers: self.speakers.get_untracked(),
            moderators: self.moderators.get_untracked(),
            languages: self.languages.get_untracked(),
            capacity: self.capacity.get_untracked(),
            invitation_only: self.invitation_only.get_untracked(),
        }
    }
}

/// The page's state and actions.
#[derive(Clone, Copy)]
pub(super) struct Editor {
    pub edition_id: Signal<Option<i64>>,
    pub selected: RwSignal<Option<i64>>,
    pub draft: Draft,
    pub day: RwSignal<Option<NaiveDate>>,
    pub save: Action<(Option<i64>, SessionForm), Result<SavedSession, AppError>>,
    pub publish: Action<(i64, bool), Result<SavedSession, AppError>>,
    pub cancel: Action<i64, Result<SessionView, AppError>>,
    pub delete: Action<i64, Result<(), AppError>>,
    /// The conflicts of the edited session, after a save or publish.
    pub conflicts: RwSignal<Option<Vec<ConflictView>>>,
}

impl Editor {
    pub fn new(edition_id: Signal<Option<i64>>) -> Editor {
        let save = Action::new(move |(id, form): &(Option<i64>, SessionForm)| {
            let (id, form) = (*id, form.clone());
            let edition = edition_id.get_untracked();
            async move { save_session(edition.ok_or(AppError::NotFound)?, id, form).await }
        });
        let publish = Action::new(move |(id, confirm): &(i64, bool)| {
            let (id, confirm) = (*id, *confirm);
            let edition = edition_id.get_untracked();
            async move { publish_session(edition.ok_or(AppError::NotFound)?, id, confirm).await }
        });
        let cancel = Action::new(move |id: &i64| {
            let id = *id;
            let edition = edition_id.get_untracked();
            async move { cancel_session(edition.ok_or(AppError::NotFound)?, id).await }
        });
        let delete = Action::new(move |id: &i64| {
            let id = *id;
            let edition = edition_id.get_untracked();
            async move { delete_session(edition.ok_or(AppError::NotFound)?, id).await }
        });
        Editor {
            edition_id,
            selected: RwSignal::new(None),
            draft: Draft::new(),
            day: RwSignal::new(None),
            save,
            publish,
            cancel,
            delete,
            conflicts: RwSignal::new(None),
        }
    }

    /// Moves whenever an action has run, so the grid reloads after it.
    pub fn changes(&self) -> (usize, usize, usize, usize) {
        (
            self.save.version().get(),
            self.publish.version().get(),
            self.cancel.version().get(),
            self.delete.version().get(),
        )
    }

    pub fn select(&self, session: &SessionView) {
        self.selected.set(Some(session.id));
        self.draft.load(session.form());
        self.conflicts.set(None);
        self.save.value().set(None);
        self.publish.value().set(None);
    }

    pub fn start_new(&self, day: Option<NaiveDate>) {
        self.selected.set(None);
        let at = |time: &str| day.map(|d| format!("{d}T{time}")).unwrap_or_default();
        self.draft.load(SessionForm {
            kind: SessionKind::Plenary.as_str().to_owned(),
            starts_at: at("09:00"),
            ends_at: at("10:00"),
            ..SessionForm::default()
        });
        self.conflicts.set(None);
        self.save.value().set(None);
        self.publish.value().set(None);
    }
}
