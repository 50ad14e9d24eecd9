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
use crate::error::{AppError, ErrorCode};
use crate::i18n::*;
use crate::ui::action_error;
use crate::ui::{Field, Loaded, form_banner, route_id};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Text,
    Versions,
    Particulars,
    Signing,
    Activities,
}

impl Tab {
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

fn activity_status_label(i18n: leptos_i18n::I18nContext<Locale>, s: ActivityStatus) -> String {
    match s {
        ActivityStatus::Planned => t_string!(i18n, activity_status_planned),
        ActivityStatus::InProgress => t_string!(i18n, activity_status_in_progress),
        ActivityStatus::Done => t_string!(i18n, activity_status_done),
        ActivityStatus::Cancelled => t_string!(i18n, activity_status_cancelled),
    }
    .to_string()
}

fn is_conflict(error: &Option<AppError>) -> bool {
    matches!(error, Some(AppError::Conflict(ErrorCode::EditedMeanwhile)))
}

/// The comments shown on the versions tab: of one version (the latest
/// until another is chosen), read again after one is added.
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
                    <nav class="tabs" data-nav="agreement" aria-label=move || t_string!(i18n, agreements_page_title).to_string()>
                        {[Tab::Text, Tab::Versions, Tab::Particulars, Tab::Signing, Tab::Activities].into_iter().map(|t| {
                            let label = move || match t {
                                Tab::Text => t_string!(i18n, agreements_tab_text),
                                Tab::Versions => t_string!(i18n, agreements_tab_versions),
                                Tab::Particulars => t_string!(i18n, agreements_tab_particulars),
                                Tab::Signing => t_string!(i18n, agreements_tab_signing),
                                Tab::Activities => t_string!(i18n, agreements_tab_activities),
                            };
                            view! {
                                <A href=format!("?tab={}", t.key()) attr:class="button secondary small"
                                    attr:aria-current=move || (tab.get() == t).then_some("page")
                                    attr:data-tab=t.key()>
                                    {label}
                                </A>
                            }
                        }).collect_view()}
                    </nav>
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

#[component]
fn Text(agreement: AgreementView, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let (la, lb) = (agreement.language_a.clone(), agreement.language_b.clone());
    if !agreement.editable {
        return view! {
            <section class="card stack" data-section="text">
                <p class="muted">{t!(i18n, agreements_text_frozen)}</p>
                <div class="columns" data-columns="">
                    {agreement.clauses.into_iter().map(|c| view! {
                        <div class="clause-a" lang=la.clone() dir="auto"><h3>{c.a.heading}</h3><p class="pre">{c.a.body}</p></div>
                        <div class="clause-b" lang=lb.clone() dir="auto"><h3>{c.b.heading}</h3><p class="pre">{c.b.body}</p></div>
                    }).collect_view()}
                </div>
            </section>
        }
        .into_any();
    }
    let id = agreement.id;
    let base = agreement.latest_version;
    let title = RwSignal::new(agreement.title.clone());
    let note = RwSignal::new(String::new());
    let rows = clause_rows(&agreement.clauses);
    let save = Action::new(move |input: &TextInput| {
        let input = input.clone();
        async move { save_agreement_text(id, input).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let error = action_error(save);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(TextInput {
            title: title.get_untracked(),
            clauses: clauses_of(rows),
            note: note.get_untracked(),
            base_version: base,
        });
    };
    view! {
        <form method="post" class="stack" data-form="text" novalidate on:submit=submit>
            <Show when=move || is_conflict(&error.get())>
                <div class="banner error" role="alert" data-problem="edited-meanwhile">
                    {t!(i18n, agreements_edited_meanwhile)} " "
                    <button type="button" class="secondary small" on:click=move |_| changed.update(|n| *n += 1)>
                        {t!(i18n, agreements_reload)}
                    </button>
                </div>
            </Show>
            {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)) && !is_conflict(&Some(e.clone())))))}
            <Field name="title" input="text-title" label=move || t!(i18n, agreements_title_field) error>
                <input id="text-title" maxlength="200" dir="auto" bind:value=title />
            </Field>
            <ClauseEditor rows language_a=Signal::derive(move || la.clone()) language_b=Signal::derive(move || lb.clone()) error />
            <Field name="note" input="text-note" label=move || t!(i18n, agreements_change_note) error>
                <input id="text-note" maxlength="200" dir="auto" bind:value=note />
            </Field>
            <div><button type="submit" data-action="save-text" disabled=move || save.pending().get()>{t!(i18n, agreements_save_version)}</button></div>
        </form>
    }
    .into_any()
}

#[component]
fn Versions(
    agreement: AgreementView,
    versions: Resource<Result<Vec<crate::agreements::types::VersionView>, AppError>>,
    comments: Comments,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = agreement.id;
    let latest = agreement.latest_version;
    let from = RwSignal::new((latest - 1).max(1));
    let to = RwSignal::new(latest);
    let compare = Action::new(move |(from, to): &(i32, i32)| {
        let (from, to) = (*from, *to);
        async move { compare_versions(id, from, to).await }
    });
    let shown = Signal::derive(move || comments.shown.get().unwrap_or(latest));
    let reload_comments = comments.reload;
    let body = RwSignal::new(String::new());
    let comment = Action::new(move |(number, text): &(i32, String)| {
        let (number, text) = (*number, text.clone());
        async move { add_comment(id, number, text).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = comment.value().get() {
            body.set(String::new());
            reload_comments.update(|n| *n += 1);
        }
    });
    let comment_error = action_error(comment);
    let (la, lb) = (agreement.language_a.clone(), agreement.language_b.clone());
    view! {
        <section class="stack" data-section="versions">
            <Loaded resource=versions render=move |list| view! {
                <div class="table-scroll">
                    <table data-table="versions">
                        <thead><tr>
                            <th>{t!(i18n, agreements_version)}</th>
                            <th>{t!(i18n, agreements_change_note)}</th>
                            <th>{t!(i18n, audit_actor)}</th>
                            <th>{t!(i18n, audit_when)}</th>
                            <th>{t!(i18n, agreements_from)}</th>
                            <th>{t!(i18n, agreements_to)}</th>
                            <th>{t!(i18n, agreements_comments)}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|v| {
                                let n = v.number;
                                view! {
                                    <tr data-version=n>
                                        <td>{n}</td>
                                        <td dir="auto">{v.note.clone()}</td>
                                        <td>{v.created_by.clone().unwrap_or_default()}</td>
                                        <td>{v.created_at.format("%Y-%m-%d %H:%M UTC").to_string()}</td>
                                        <td><input type="radio" name="from" data-from=n checked=move || from.get() == n on:change=move |_| from.set(n)
                                            aria-label=move || t_string!(i18n, agreements_from).to_string() /></td>
                                        <td><input type="radio" name="to" data-to=n checked=move || to.get() == n on:change=move |_| to.set(n)
                                            aria-label=move || t_string!(i18n, agreements_to).to_string() /></td>
                                        <td><button type="button" class="secondary small" data-comments=n on:click=move |_| comments.shown.set(Some(n))>
                                            {v.comments} " " {t!(i18n, agreements_comments)}
                                        </button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any() />
            <div><button type="button" data-action="compare" on:click=move |_| { compare.dispatch((from.get_untracked(), to.get_untracked())); }>
                {t!(i18n, agreements_compare)}
            </button></div>
            {move || compare.value().get().map(|result| match result {
                Ok(c) => view! {
                    <div class="card stack" data-section="comparison">
                        <p>{t_string!(i18n, agreements_compared, from = c.from, to = c.to, added = c.words_added, removed = c.words_removed).to_string()}</p>
                        <div class="columns">
                            <div class="diff" lang=la.clone() dir="auto" data-diff="a">{pieces(c.a)}</div>
                            <div class="diff" lang=lb.clone() dir="auto" data-diff="b">{pieces(c.b)}</div>
                        </div>
                    </div>
                }.into_any(),
                Err(error) => view! { <crate::ui::Problem error /> }.into_any(),
            })}
            <div class="card stack" data-section="comments">
                <h2>{move || t_string!(i18n, agreements_comments_on, number = shown.get()).to_string()}</h2>
                <Loaded resource=comments.list render=move |list| view! {
                    <ul class="stack">
                        {list.into_iter().map(|c| view! {
                            <li data-comment=c.id><strong>{c.author.unwrap_or_default()}</strong> " · " {c.created_at.format("%Y-%m-%d %H:%M UTC").to_string()}
                                <p class="pre" dir="auto">{c.body}</p></li>
                        }).collect_view()}
                    </ul>
                }.into_any() />
                <form method="post" class="stack" data-form="comment" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    comment.dispatch((shown.get_untracked(), body.get_untracked()));
                }>
                    <Field name="body" input="comment-body" label=move || t!(i18n, agreements_comment) error=comment_error>
                        <textarea id="comment-body" rows="3" maxlength="4000" dir="auto" bind:value=body></textarea>
                    </Field>
                    <div><button type="submit" class="secondary" disabled=move || comment.pending().get()>{t!(i18n, agreements_add_comment)}</button></div>
                </form>
            </div>
        </section>
    }
}

/// A comparison's pieces: added words underlined (`ins`), removed struck
/// through (`del`); the marks carry it, not colour alone.
fn pieces(list: Vec<DiffPiece>) -> impl IntoView {
    list.into_iter()
        .map(|p| match p.op {
            DiffOp::Same => view! { <span class="pre">{p.text}</span> }.into_any(),
            DiffOp::Added => view! { <ins class="pre">{p.text}</ins> }.into_any(),
            DiffOp::Removed => view! { <del class="pre">{p.text}</del> }.into_any(),
        })
        .collect_view()
}

fn pick(text: String) -> Option<i64> {
    text.parse().ok()
}

#[component]
fn Particulars(
    agreement: AgreementView,
    choices: Choices,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = agreement.id;
    let version = agreement.version;
    let signed = !agreement.editable && agreement.status != AgreementStatus::ReadyToSign;
    let text = |id: Option<i64>| id.map(|i| i.to_string()).unwrap_or_default();
    let committee = RwSignal::new(text(agreement.committee_id));
    let sector = RwSignal::new(agreement.sector.clone());
    let edition = RwSignal::new(text(agreement.edition_id));
    let initiative = RwSignal::new(text(agreement.initiative_id));
    let ceremony = RwSignal::new(text(agreement.ceremony_session_id));
    let rows = RwSignal::new(
        agreement
            .parties
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let row = PartyRow::new(i as u32);
                let row = PartyRow {
                    id: Some(p.id),
                    ..row
                };
                row.who.set(match (p.member_id, p.council_member_id) {
                    (Some(m), _) => format!("m:{m}"),
                    (_, Some(c)) => format!("c:{c}"),
                    _ => String::new(),
                });
                row.signatory_name.set(p.signatory_name.clone());
                row.signatory_title.set(p.signatory_title.clone());
                row.contact_name.set(p.contact_name.clone());
                row.contact_email.set(p.contact_email.clone());
                row.language.set(p.language.clone());
                row
            })
            .collect::<Vec<_>>(),
    );
    let save = Action::new(move |input: &AgreementInput| {
        let input = input.clone();
        async move { save_particulars(id, input).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let error = action_error(save);
    let link = Action::new(move |party_id: &i64| {
        let party_id = *party_id;
        async move { send_contact_link(id, party_id).await }
    });
    let option = |list: Vec<crate::agreements::types::Named>, current: RwSignal<String>| {
        list.into_iter()
            .map(|n| {
                let value = n.id.to_string();
                let selected = current.get_untracked() == value;
                view! { <option value=value selected=selected>{n.name}</option> }
            })
            .collect_view()
    };
    let ceremonies = choices.ceremonies.clone();
    let party_choices = choices.clone();
    view! {
        <form method="post" class="stack" data-form="particulars" novalidate on:submit=move |ev| {
            ev.prevent_default();
            save.dispatch(AgreementInput {
                committee_id: pick(committee.get_untracked()),
                sector: sector.get_untracked(),
                edition_id: pick(edition.get_untracked()),
                initiative_id: pick(initiative.get_untracked()),
                ceremony_session_id: pick(ceremony.get_untracked()),
                parties: rows.get_untracked().iter().map(PartyRow::input).collect(),
                version,
            });
        }>
            {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
            <div class="card row wrap">
                <Field name="committee_id" input="p-committee" label=move || t!(i18n, agreements_committee) error>
                    <select id="p-committee" on:change=move |ev| committee.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, agreements_none_chosen)}</option>
                        {option(choices.committees.clone(), committee)}
                    </select>
                </Field>
                <Field name="sector" input="p-sector" label=move || t!(i18n, agreements_sector) error>
                    <input id="p-sector" maxlength="200" dir="auto" bind:value=sector />
                </Field>
                <Field name="edition_id" input="p-edition" label=move || t!(i18n, agreements_edition) error>
                    <select id="p-edition" on:change=move |ev| edition.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, agreements_none_chosen)}</option>
                        {option(choices.editions.clone(), edition)}
                    </select>
                </Field>
                <Field name="ceremony_session_id" input="p-ceremony" label=move || t!(i18n, agreements_ceremony) error>
                    <select id="p-ceremony" on:change=move |ev| ceremony.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, agreements_none_chosen)}</option>
                        {move || {
                            let edition_id = pick(edition.get());
                            ceremonies.iter().filter(|(e, _)| Some(*e) == edition_id).map(|(_, n)| {
                                let value = n.id.to_string();
                                let selected = ceremony.get_untracked() == value;
                                view! { <option value=value selected=selected>{n.name.clone()}</option> }
                            }).collect_view()
                        }}
                    </select>
                </Field>
                <Field name="initiative_id" input="p-initiative" label=move || t!(i18n, agreements_initiative) error>
                    <select id="p-initiative" on:change=move |ev| initiative.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, agreements_none_chosen)}</option>
                        {option(choices.initiatives.clone(), initiative)}
                    </select>
                </Field>
            </div>
            <PartyRows choices=party_choices rows error signed />
            <div><button type="submit" data-action="save-particulars" disabled=move || save.pending().get()>{t!(i18n, save)}</button></div>
        </form>
        <section class="card stack" data-section="contacts">
            <h2>{t!(i18n, agreements_contacts)}</h2>
            <p class="muted">{t!(i18n, agreements_contacts_hint)}</p>
            <ul class="stack">
                {agreement.parties.iter().filter(|p| !p.contact_email.is_empty()).map(|p| {
                    let party_id = p.id;
                    view! {
                        <li class="row wrap" data-contact=party_id>
                            <span dir="auto">{p.name.clone()} " — " {p.contact_name.clone()} " <" {p.contact_email.clone()} ">"</span>
                            <button type="button" class="secondary small" data-action="send-link" on:click=move |_| { link.dispatch(party_id); }>
                                {t!(i18n, agreements_send_link)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || link.value().get().map(|r| match r {
                Ok(()) => view! { <p class="banner ok" role="status">{t!(i18n, agreements_link_sent)}</p> }.into_any(),
                Err(error) => view! { <crate::ui::Problem error /> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn Signing(agreement: AgreementView, choices: Choices, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    if let Some(s) = agreement.signing.clone() {
        return view! {
            <section class="card stack" data-section="signing-record">
                <h2>{t!(i18n, agreements_signed_record)}</h2>
                <p>{t_string!(i18n, agreements_pdf_signed_at, place = s.place.clone(), day = s.signed_on.to_string(), edition = s.edition.clone()).to_string()}</p>
                <p class="muted">{move || t_string!(i18n, agreements_pdf_version, number = s.version_number).to_string()}</p>
                <ul>
                    {s.signatories.into_iter().map(|x| view! {
                        <li dir="auto">{x.party} ": " {x.name} ", " {x.title}</li>
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any();
    }
    if agreement.status != AgreementStatus::ReadyToSign {
        return view! { <p class="card muted" data-section="signing-wait">{t!(i18n, agreements_sign_when_ready)}</p> }
            .into_any();
    }
    let id = agreement.id;
    let version = agreement.version;
    let edition = RwSignal::new(
        agreement
            .edition_id
            .map(|e| e.to_string())
            .unwrap_or_default(),
    );
    let session = RwSignal::new(
        agreement
            .ceremony_session_id
            .map(|e| e.to_string())
            .unwrap_or_default(),
    );
    let day = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let signatories: Vec<(i64, String, RwSignal<String>, RwSignal<String>)> = agreement
        .parties
        .iter()
        .map(|p| {
            (
                p.id,
                p.name.clone(),
                RwSignal::new(p.signatory_name.clone()),
                RwSignal::new(p.signatory_title.clone()),
            )
        })
        .collect();
    let stored = StoredValue::new(signatories.clone());
    let sign = Action::new(move |input: &SigningInput| {
        let input = input.clone();
        async move { record_signing(id, input).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = sign.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let error = action_error(sign);
    let ceremonies = choices.ceremonies.clone();
    view! {
        <form method="post" class="card stack" data-form="signing" novalidate on:submit=move |ev| {
            ev.prevent_default();
            sign.dispatch(SigningInput {
                edition_id: pick(edition.get_untracked()),
                session_id: pick(session.get_untracked()),
                signed_on: day.get_untracked(),
                place: place.get_untracked(),
                signatories: stored.get_value().iter().map(|(party_id, _, name, title)| SignatoryInput {
                    party_id: *party_id,
                    name: name.get_untracked(),
                    title: title.get_untracked(),
                }).collect(),
                version,
            });
        }>
            <h2>{t!(i18n, agreements_record_signing)}</h2>
            {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
            <div class="row wrap">
                <Field name="edition_id" input="sign-edition" label=move || t!(i18n, agreements_edition) error>
                    <select id="sign-edition" on:change=move |ev| edition.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, agreements_choose)}</option>
                        {choices.editions.clone().into_iter().map(|n| {
                            let value = n.id.to_string();
                            let selected = edition.get_untracked() == value;
                            view! { <option value=value selected=selected>{n.name}</option> }
                        }).collect_view()}
                    </select>
                </Field>
                <Field name="session_id" input="sign-session" label=move || t!(i18n, agreements_ceremony) error>
                    <select id="sign-session" on:change=move |ev| session.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, agreements_none_chosen)}</option>
                        {move || {
                            let edition_id = pick(edition.get());
                            ceremonies.iter().filter(|(e, _)| Some(*e) == edition_id).map(|(_, n)| {
                                let value = n.id.to_string();
                                let selected = session.get_untracked() == value;
                                view! { <option value=value selected=selected>{n.name.clone()}</option> }
                            }).collect_view()
                        }}
                    </select>
                </Field>
                <Field name="signed_on" input="sign-day" label=move || t!(i18n, agreements_signed_on) error>
                    <input id="sign-day" type="date" bind:value=day />
                </Field>
                <Field name="place" input="sign-place" label=move || t!(i18n, agreements_place) error>
                    <input id="sign-place" maxlength="200" dir="auto" bind:value=place />
                </Field>
            </div>
            <fieldset class="stack">
                <legend>{t!(i18n, agreements_signatories)}</legend>
                {signatories.into_iter().enumerate().map(|(i, (_, party, name, title))| view! {
                    <div class="row wrap" data-signatory=i>
                        <strong dir="auto">{party}</strong>
                        <Field name=format!("signatories.{i}.name") input=format!("sign-{i}-name") label=move || t!(i18n, agreements_signatory_name) error>
                            <input id=format!("sign-{i}-name") maxlength="200" dir="auto" bind:value=name />
                        </Field>
                        <Field name=format!("signatories.{i}.title") input=format!("sign-{i}-title") label=move || t!(i18n, agreements_signatory_title) error>
                            <input id=format!("sign-{i}-title") maxlength="200" dir="auto" bind:value=title />
                        </Field>
                    </div>
                }).collect_view()}
            </fieldset>
            <p class="muted">{t!(i18n, agreements_signing_freezes)}</p>
            <div><button type="submit" data-action="record-signing" disabled=move || sign.pending().get()>{t!(i18n, agreements_record_signing)}</button></div>
        </form>
    }
    .into_any()
}

#[component]
fn Activities(
    agreement: AgreementView,
    activities: Resource<Result<Vec<ActivityView>, AppError>>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = agreement.id;
    let takes = matches!(
        agreement.status,
        AgreementStatus::Signed | AgreementStatus::InImplementation
    );
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let owner = RwSignal::new(
        agreement
            .parties
            .first()
            .map(|p| p.id.to_string())
            .unwrap_or_default(),
    );
    let contact_name = RwSignal::new(String::new());
    let contact_email = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let add = Action::new(move |input: &ActivityInput| {
        let input = input.clone();
        async move { save_activity(id, None, input).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = add.value().get() {
            title.set(String::new());
            description.set(String::new());
            due.set(String::new());
            changed.update(|n| *n += 1);
        }
    });
    let error = action_error(add);
    let parties = agreement.parties.clone();
    view! {
        <section class="stack" data-section="activities">
            <Loaded resource=activities render=move |list| {
                if list.is_empty() {
                    return view! { <p class="card muted">{t!(i18n, agreements_no_activities)}</p> }.into_any();
                }
                list.into_iter().map(|a| view! { <ActivityCard activity=a changed /> }).collect_view().into_any()
            } />
            {if takes {
                view! {
                    <form method="post" class="card stack" data-form="activity" novalidate on:submit=move |ev| {
                        ev.prevent_default();
                        add.dispatch(ActivityInput {
                            title: title.get_untracked(),
                            description: description.get_untracked(),
                            owner_party_id: pick(owner.get_untracked()),
                            contact_name: contact_name.get_untracked(),
                            contact_email: contact_email.get_untracked(),
                            due_on: due.get_untracked(),
                            status: None,
                            version: 0,
                        });
                    }>
                        <h2>{t!(i18n, agreements_add_activity)}</h2>
                        {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
                        <Field name="title" input="activity-title" label=move || t!(i18n, agreements_title_field) error>
                            <input id="activity-title" maxlength="200" dir="auto" bind:value=title />
                        </Field>
                        <Field name="description" input="activity-description" label=move || t!(i18n, agreements_description) error>
                            <textarea id="activity-description" rows="3" maxlength="4000" dir="auto" bind:value=description></textarea>
                        </Field>
                        <div class="row wrap">
                            <Field name="owner_party_id" input="activity-owner" label=move || t!(i18n, agreements_owner) error>
                                <select id="activity-owner" on:change=move |ev| owner.set(event_target_value(&ev))>
                                    {parties.clone().into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name}</option> }).collect_view()}
                                </select>
                            </Field>
                            <Field name="contact_name" input="activity-contact" label=move || t!(i18n, agreements_contact_name) error
                                hint=move || t!(i18n, agreements_contact_default)>
                                <input id="activity-contact" maxlength="200" dir="auto" bind:value=contact_name />
                            </Field>
                            <Field name="contact_email" input="activity-email" label=move || t!(i18n, agreements_contact_email) error>
                                <input id="activity-email" type="email" maxlength="254" bind:value=contact_email />
                            </Field>
                            <Field name="due_on" input="activity-due" label=move || t!(i18n, agreements_due_on) error>
                                <input id="activity-due" type="date" bind:value=due />
                            </Field>
                        </div>
                        <div><button type="submit" data-action="add-activity" disabled=move || add.pending().get()>{t!(i18n, agreements_add_activity)}</button></div>
                    </form>
                }.into_any()
            } else {
                view! { <p class="muted">{t!(i18n, msg_not_signed_yet)}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
pub(crate) fn ActivityCard(
    activity: ActivityView,
    changed: RwSignal<u32>,
    /// A party's contact's own page: their notes go through their own
    /// server function.
    #[prop(optional)]
    own: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let (agreement_id, activity_id) = (activity.agreement_id, activity.id);
    let body = RwSignal::new(String::new());
    let evidence = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let note = Action::new(move |input: &NoteInput| {
        let input = input.clone();
        async move {
            if own {
                crate::agreements::server_fns::add_my_note(activity_id, input).await
            } else {
                add_activity_note(agreement_id, activity_id, input).await
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = note.value().get() {
            body.set(String::new());
            evidence.set(String::new());
            changed.update(|n| *n += 1);
        }
    });
    let error = action_error(note);
    let st = activity.status;
    let input_id = move |name: &str| format!("note-{activity_id}-{name}");
    let statuses: Vec<ActivityStatus> = if own {
        vec![ActivityStatus::InProgress, ActivityStatus::Done]
    } else {
        ActivityStatus::ALL.to_vec()
    };
    view! {
        <article class="card stack" data-activity=activity.id data-overdue=activity.overdue.to_string() data-activity-status=activity.status.as_str()>
            <h3 dir="auto">{activity.title.clone()}</h3>
            {own.then(|| view! { <p class="muted" dir="auto">{activity.agreement.clone()}</p> })}
            <p class="row wrap">
                <span class="badge">{move || activity_status_label(i18n, st)}</span>
                {activity.overdue.then(|| view! { <strong class="badge danger" data-badge="overdue">{t!(i18n, agreements_overdue)}</strong> })}
                <span>{t!(i18n, agreements_due_on)} ": " {activity.due_on.to_string()}</span>
                <span dir="auto">{t!(i18n, agreements_owner)} ": " {activity.owner.clone()} " · " {activity.contact_name.clone()} " " {activity.contact_email.clone()}</span>
            </p>
            {(!activity.description.is_empty()).then(|| view! { <p class="pre" dir="auto">{activity.description.clone()}</p> })}
            <ul class="stack" data-notes="">
                {activity.notes.iter().map(|n| view! {
                    <li>
                        <span class="muted">{n.noted_on.to_string()} " · " {n.author.clone().unwrap_or_default()}</span>
                        <p class="pre" dir="auto">{n.body.clone()}</p>
                        {(!n.evidence_url.is_empty()).then(|| view! {
                            <a href=n.evidence_url.clone() rel="noopener noreferrer nofollow" target="_blank">{t!(i18n, agreements_evidence)}</a>
                        })}
                    </li>
                }).collect_view()}
            </ul>
            {(!own).then(|| view! { <ActivityEdit activity=activity.clone() changed /> })}
            <form method="post" class="stack" data-form="note" novalidate on:submit=move |ev| {
                ev.prevent_default();
                note.dispatch(NoteInput {
                    body: body.get_untracked(),
                    evidence_url: evidence.get_untracked(),
                    status: ActivityStatus::parse(&status.get_untracked()).ok(),
                });
            }>
                <Field name="body" input=input_id("body") label=move || t!(i18n, agreements_progress_note) error>
                    <textarea id=input_id("body") rows="2" maxlength="4000" dir="auto" bind:value=body></textarea>
                </Field>
                <div class="row wrap">
                    <Field name="evidence_url" input=input_id("evidence") label=move || t!(i18n, agreements_evidence_link) error>
                        <input id=input_id("evidence") type="url" maxlength="2000" placeholder="https://" bind:value=evidence />
                    </Field>
                    <Field name="status" input=input_id("status") label=move || t!(i18n, agreements_status) error>
                        <select id=input_id("status") on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="">{t!(i18n, agreements_unchanged)}</option>
                            {statuses.into_iter().map(|s| view! { <option value=s.as_str()>{move || activity_status_label(i18n, s)}</option> }).collect_view()}
                        </select>
                    </Field>
                </div>
                {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
                <div><button type="submit" class="secondary" data-action="add-note" disabled=move || note.pending().get()>{t!(i18n, agreements_add_note)}</button></div>
            </form>
        </article>
    }
}

/// A coordinator changes an activity: title, description, due date, its
/// own contact (empty: the party's), status.
#[component]
fn ActivityEdit(activity: ActivityView, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let (agreement_id, activity_id) = (activity.agreement_id, activity.id);
    let (owner, version) = (activity.owner_party_id, activity.version);
    let title = RwSignal::new(activity.title.clone());
    let description = RwSignal::new(activity.description.clone());
    let due = RwSignal::new(activity.due_on.to_string());
    let named = activity.contact_named;
    let contact_name = RwSignal::new(if named {
        activity.contact_name.clone()
    } else {
        String::new()
    });
    let contact_email = RwSignal::new(if named {
        activity.contact_email.clone()
    } else {
        String::new()
    });
    let status = RwSignal::new(activity.status);
    let save = Action::new(move |input: &ActivityInput| {
        let input = input.clone();
        async move { save_activity(agreement_id, Some(activity_id), input).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let error = action_error(save);
    let id = move |name: &str| format!("edit-{activity_id}-{name}");
    view! {
        <details data-edit=activity_id>
            <summary>{t!(i18n, agreements_edit)}</summary>
            <form method="post" class="stack" data-form="activity-edit" novalidate on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(ActivityInput {
                    title: title.get_untracked(),
                    description: description.get_untracked(),
                    owner_party_id: Some(owner),
                    contact_name: contact_name.get_untracked(),
                    contact_email: contact_email.get_untracked(),
                    due_on: due.get_untracked(),
                    status: Some(status.get_untracked()),
                    version,
                });
            }>
                <Show when=move || is_conflict(&error.get())>
                    <div class="banner error" role="alert">{t!(i18n, agreements_edited_meanwhile)}</div>
                </Show>
                {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)) && !is_conflict(&Some(e.clone())))))}
                <Field name="title" input=id("title") label=move || t!(i18n, agreements_title_field) error>
                    <input id=id("title") maxlength="200" dir="auto" bind:value=title />
                </Field>
                <Field name="description" input=id("description") label=move || t!(i18n, agreements_description) error>
                    <textarea id=id("description") rows="2" maxlength="4000" dir="auto" bind:value=description></textarea>
                </Field>
                <div class="row wrap">
                    <Field name="due_on" input=id("due") label=move || t!(i18n, agreements_due_on) error>
                        <input id=id("due") type="date" bind:value=due />
                    </Field>
                    <Field name="contact_name" input=id("contact") label=move || t!(i18n, agreements_contact_name) error
                        hint=move || t!(i18n, agreements_contact_default)>
                        <input id=id("contact") maxlength="200" dir="auto" bind:value=contact_name />
                    </Field>
                    <Field name="contact_email" input=id("email") label=move || t!(i18n, agreements_contact_email) error>
                        <input id=id("email") type="email" maxlength="254" bind:value=contact_email />
                    </Field>
                    <Field name="status" input=id("status") label=move || t!(i18n, agreements_status) error>
                        <select id=id("status") on:change=move |ev| {
                            if let Ok(s) = ActivityStatus::parse(&event_target_value(&ev)) { status.set(s); }
                        }>
                            {ActivityStatus::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() selected=move || status.get_untracked() == s>{move || activity_status_label(i18n, s)}</option>
                            }).collect_view()}
                        </select>
                    </Field>
                </div>
                <div><button type="submit" class="secondary" data-action="save-activity" disabled=move || save.pending().get()>{t!(i18n, save)}</button></div>
            </form>
        </details>
    }
}
