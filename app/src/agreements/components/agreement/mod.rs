//! `/agreements/{id}`: one agreement. Its text in two columns (edited
//! while drafted and negotiated, each save a version), its versions
//! compared word by word with comments on each, its particulars and
//! parties, the status moves and the signing, and its follow-up
//! activities with their progress notes.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::clauses::{ClauseEditor, clause_rows, clauses_of};
use super::draft::{PartyRow, PartyRows};
use super::status_label;
use crate::agreements::server_fns::{
    add_activity_note, add_comment, compare_versions, load_activities, load_agreement,
    load_choices, load_comments, load_versions, move_agreement, record_signing, save_activity,
    save_agreement_text, save_particulars, send_contact_link,
};
use crate::agreements::types::{
    ActivityInput, ActivityStatus, ActivityView, AgreementInput, AgreementStatus, AgreementView,
    Choices, DiffOp, DiffPiece, NoteInput, SignatoryInput, SigningInput, TextInput,
};
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::action_error;
use crate::ui::{EditedMeanwhile, Field, Loaded, Tabs, form_banner, other_refusal, route_id};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Text,
    Versions,
    Particulars,
    Signing,
    Activities,
}

impl crate::ui::TabKey for Tab {
    fn key(self) -> &'static str {
        match self {
            Tab::Text => "text",
            Tab::Versions => "versions",
            Tab::Particulars => "particulars",
            Tab::Signing => "signing",
            Tab::Activities => "activities",
        }
    }
}

mod activities;
mod particulars;
mod text;

use activities::Activities;
pub(crate) use activities::ActivityCard;
use particulars::{Particulars, Signing};
use text::{Text, Versions};

#[derive(Clone, Copy)]
struct Comments {
    shown: RwSignal<Option<i32>>,
    reload: RwSignal<u32>,
    list: Resource<Result<Vec<crate::agreements::types::CommentView>, AppError>>,
}

impl Comments {
    fn new(id: Signal<Option<i64>>, wanted: Signal<bool>) -> Comments {
        let shown = RwSignal::new(None::<i32>);
        let reload = RwSignal::new(0u32);
        let list = Resource::new(
            move || (id.get(), shown.get(), reload.get(), wanted.get()),
            |(id, number, _, wanted)| async move {
                if !wanted {
                    return Ok(Vec::new());
                }
                load_comments(id.ok_or(AppError::NotFound)?, number).await
            },
        );
        Comments {
            shown,
            reload,
            list,
        }
    }
}

#[component]
pub fn AgreementPage() -> impl IntoView {
    let id = route_id();
    let i18n = use_i18n();
    let query = use_query_map();
    let tab = Memo::new(move |_| match query.read().get("tab").as_deref() {
        Some("versions") => Tab::Versions,
        Some("particulars") => Tab::Particulars,
        Some("signing") => Tab::Signing,
        Some("activities") => Tab::Activities,
        _ => Tab::Text,
    });
    let changed = RwSignal::new(0u32);
    // Made outside the guard's suspense (see ReviewPage).
    let agreement = Resource::new(
        move || (id.get(), changed.get()),
        |(id, _)| async move { load_agreement(id.ok_or(AppError::NotFound)?).await },
    );
    let versions = Resource::new(
        move || (id.get(), changed.get(), tab.get() == Tab::Versions),
        |(id, _, wanted)| async move {
            if !wanted {
                return Ok(Vec::new());
            }
            load_versions(id.ok_or(AppError::NotFound)?).await
        },
    );
    let activities = Resource::new(
        move || (id.get(), changed.get(), tab.get() == Tab::Activities),
        |(id, _, wanted)| async move {
            if !wanted {
                return Ok(Vec::new());
            }
            load_activities(id.ok_or(AppError::NotFound)?).await
        },
    );
    let comments = Comments::new(id, Signal::derive(move || tab.get() == Tab::Versions));
    let choices = Resource::new(
        move || matches!(tab.get(), Tab::Particulars | Tab::Signing),
        |wanted| async move {
            if !wanted {
                return Err(AppError::NotFound);
            }
            load_choices().await
        },
    );
    view! {
        <Guard operation=Operation::ViewAgreements>
            <Loaded resource=agreement render=move |a| {
                let status = a.status;
                view! {
                    <h1 dir="auto" data-agreement-title="">{a.title.clone()}</h1>
                    <p class="row wrap">
                        <span class="badge" data-status=a.status.as_str()>{move || status_label(i18n, status)}</span>
                        <span class="muted">{move || t_string!(i18n, agreements_pdf_version, number = a.latest_version)}</span>
                        <a href=format!("/api/v1/agreements/{}/agreement.pdf", a.id) data-action="pdf">{t!(i18n, agreements_pdf)}</a>
                        <A href="/agreements">{t!(i18n, agreements_back)}</A>
                    </p>
                    <Moves agreement=a.clone() changed />
                    <Tabs nav="agreement" label=Signal::derive(move || t_string!(i18n, agreements_page_title).to_string())
                        tabs=vec![Tab::Text, Tab::Versions, Tab::Particulars, Tab::Signing, Tab::Activities]
                        current=tab
                        tab_label=move |t| match t {
                            Tab::Text => t_string!(i18n, agreements_tab_text).to_string(),
                            Tab::Versions => t_string!(i18n, agreements_tab_versions).to_string(),
                            Tab::Particulars => t_string!(i18n, agreements_tab_particulars).to_string(),
                            Tab::Signing => t_string!(i18n, agreements_tab_signing).to_string(),
                            Tab::Activities => t_string!(i18n, agreements_tab_activities).to_string(),
                        } />
                    {match tab.get() {
                        Tab::Text => view! { <Text agreement=a changed /> }.into_any(),
                        Tab::Versions => view! { <Versions agreement=a versions comments /> }.into_any(),
                        Tab::Particulars => view! {
                            <Loaded resource=choices render=move |choices| view! { <Particulars agreement=a.clone() choices changed /> }.into_any() />
                        }.into_any(),
                        Tab::Signing => view! {
                            <Loaded resource=choices render=move |choices| view! { <Signing agreement=a.clone() choices changed /> }.into_any() />
                        }.into_any(),
                        Tab::Activities => view! { <Activities agreement=a activities changed /> }.into_any(),
                    }}
                }.into_any()
            } />
        </Guard>
    }
}

/// The status moves the agreement allows from here (the signing has its
/// own tab).
#[component]
fn Moves(agreement: AgreementView, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let (id, version) = (agreement.id, agreement.version);
    let act = Action::new(move |to: &AgreementStatus| {
        let to = to.as_str().to_owned();
        async move { move_agreement(id, to, version).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = act.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let error = action_error(act);
    let moves: Vec<AgreementStatus> = agreement
        .moves
        .iter()
        .copied()
        .filter(|s| *s != AgreementStatus::Signed)
        .collect();
    view! {
        <div class="toolbar wrap" data-section="moves">
            {moves.into_iter().map(|to| view! {
                <button type="button" class="secondary small" data-move=to.as_str()
                    disabled=move || act.pending().get()
                    on:click=move |_| { act.dispatch(to); }>
                    {move || t_string!(i18n, agreements_move_to, status = status_label(i18n, to))}
                </button>
            }).collect_view()}
        </div>
        {form_banner(i18n, error)}
    }
}

fn pick(text: String) -> Option<i64> {
    text.parse().ok()
}
