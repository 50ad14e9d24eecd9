//! The review queue of an edition for registrars and organizers.

use std::collections::HashSet;

use leptos::prelude::*;

use super::person::{category_label, status_label};
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::error::AppError;
use crate::i18n::*;
use crate::paging::Paged;
use crate::registration::server_fns::{
    decide_registrations, import_registrations, list_registrations,
};
use crate::registration::types::{
    Category, Decision, RegistrationFilter, RegistrationStatus, RegistrationView,
};
use crate::ui::{Field, FieldErrors, FormName, Loaded, Pager, form_banner, message, route_id};

/// Erases one person of an edition: `(edition, registration)`. Erasure is
/// privacy's (it reaches areas above this one), so the page is handed it.
pub type EraseCall =
    fn(i64, i64) -> std::pin::Pin<Box<dyn Future<Output = Result<(), AppError>> + Send>>;

#[component]
pub fn ReviewPage(erase: EraseCall) -> impl IntoView {
    let i18n = use_i18n();
    // Made here, outside the guard's suspense: a resource created inside
    // it loses the request's context on the server.
    let queue = Queue::new(route_id(), erase);
    view! {
        <Guard operation=Operation::ReviewRegistrations>
            <h1>{t!(i18n, review_title)}</h1>
            <ReviewQueue queue />
        </Guard>
    }
}

/// The queue's filters, selection, actions and the list they load.
#[derive(Clone, Copy)]
struct Queue {
    edition_id: Signal<Option<i64>>,
    status: RwSignal<String>,
    category: RwSignal<String>,
    q: RwSignal<String>,
    filter: Memo<RegistrationFilter>,
    selected: RwSignal<HashSet<i64>>,
    reason: RwSignal<String>,
    decide: Action<(Vec<i64>, Decision), Result<Vec<RegistrationView>, AppError>>,
    import: Action<String, Result<usize, AppError>>,
    /// A person erased on their request (see `privacy`).
    erase: Action<i64, Result<(), AppError>>,
    page: RwSignal<u32>,
    list: Resource<Result<Paged<RegistrationView>, AppError>>,
}

impl Queue {
    fn new(edition_id: Signal<Option<i64>>, erase_call: EraseCall) -> Queue {
        // The dashboard links here with `?status=` or `?category=`.
        let query = leptos_router::hooks::use_query_map();
        let initial = move |key: &str| query.read_untracked().get(key).unwrap_or_default();
        let status = RwSignal::new(initial("status"));
        let category = RwSignal::new(initial("category"));
        let q = RwSignal::new(String::new());
        let filter = Memo::new(move |_| RegistrationFilter {
            status: RegistrationStatus::parse(&status.get()).ok(),
            category: Category::parse(&category.get()).ok(),
            q: Some(q.get()).filter(|q| !q.trim().is_empty()),
        });
        let reason = RwSignal::new(String::new());
        let decide = Action::new(move |(ids, decision): &(Vec<i64>, Decision)| {
            let (ids, decision) = (ids.clone(), *decision);
            let reason = reason.get_untracked();
            let edition = edition_id.get_untracked();
            async move {
                let edition = edition.ok_or(AppError::NotFound)?;
                decide_registrations(edition, ids, decision, reason).await
            }
        });
        let import = Action::new(move |csv: &String| {
            let csv = csv.clone();
            let edition = edition_id.get_untracked();
            async move { import_registrations(edition.ok_or(AppError::NotFound)?, csv).await }
        });
        let erase = Action::new(move |id: &i64| {
            let id = *id;
            let edition = edition_id.get_untracked();
            async move { erase_call(edition.ok_or(AppError::NotFound)?, id).await }
        });
        // A new filter starts again at the first page.
        let page = RwSignal::new(1u32);
        Effect::new(move |_| {
            filter.track();
            page.set(1);
        });
        let list = Resource::new(
            move || {
                (
                    edition_id.get(),
                    filter.get(),
                    page.get(),
                    decide.version().get(),
                    import.version().get(),
                    erase.version().get(),
                )
            },
            move |(edition, filter, page, _, _, _)| async move {
                list_registrations(edition.ok_or(AppError::NotFound)?, filter, page).await
            },
        );
        Queue {
            edition_id,
            status,
            category,
            q,
            filter,
            selected: RwSignal::new(HashSet::new()),
            reason,
            decide,
            import,
            erase,
            page,
            list,
        }
    }
}

#[component]
fn ReviewQueue(queue: Queue) -> impl IntoView {
    let i18n = use_i18n();
    let Queue {
        edition_id,
        status,
        category,
        q,
        filter,
        selected,
        reason,
        decide,
        import,
        erase,
        page,
        list,
    } = queue;
    Effect::new(move |_| {
        if let Some(Ok(_)) = decide.value().get() {
            selected.set(HashSet::new());
            reason.set(String::new());
        }
    });
    let decide_error = Signal::derive(move || decide.value().get().and_then(Result::err));
    let export_href = move || {
        let f = filter.get();
        let mut query = Vec::new();
        if let Some(s) = f.status {
            query.push(format!("status={}", s.as_str()));
        }
        if let Some(c) = f.category {
            query.push(format!("category={}", c.as_str()));
        }
        format!(
            "/api/v1/editions/{}/registrations.csv?{}",
            edition_id.get().unwrap_or_default(),
            query.join("&")
        )
    };
    let render = move |paged: Paged<RegistrationView>| {
        let (pages, total) = (paged.pages(), paged.total);
        let rows = paged.items;
        view! {
            <ReviewTable rows selected decide decide_error erase />
            <Pager name="registrations" page pages total />
        }
        .into_any()
    };
    let bulk = move |decision: Decision| {
        let ids: Vec<i64> = selected.get_untracked().into_iter().collect();
        decide.dispatch((ids, decision));
    };

    view! {
        <div class="toolbar" role="search">
            <label>
                {t!(i18n, review_status)} " "
                <select bind:value=status name="status">
                    <option value="">{t!(i18n, review_all)}</option>
                    {RegistrationStatus::ALL
                        .into_iter()
                        .map(|s| view! {
                            <option value=s.as_str() selected=move || status.get() == s.as_str()>
                                {move || status_label(i18n, s)}
                            </option>
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                {t!(i18n, person_category)} " "
                <select bind:value=category name="category">
                    <option value="">{t!(i18n, review_all)}</option>
                    {Category::ALL
                        .into_iter()
                        .map(|c| view! {
                            <option value=c.as_str() selected=move || category.get() == c.as_str()>
                                {move || category_label(i18n, c)}
                            </option>
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="grow">
                {t!(i18n, search)} " "
                <input type="search" name="q" bind:value=q />
            </label>
            <a class="button secondary" href=export_href download>{t!(i18n, review_export)}</a>
        </div>
        // The table's boxes and buttons belong to this form (their `form`
        // attribute), so that decisions post as plain HTML before the
        // script has arrived.
        <form id="decide" method="post" class="card stack" data-form="decide"
            on:submit=|ev| ev.prevent_default()>
            <FormName name="decide" />
            <input type="hidden" name="edition_id" value=move || edition_id.get().unwrap_or_default().to_string() />
            {form_banner(i18n, decide_error)}
            <div class="toolbar">
                <span class="grow">
                    {move || format!("{} {}", selected.with(HashSet::len), t_string!(i18n, review_selected))}
                </span>
                <Field name="reason" label=move || t!(i18n, review_reason) error=decide_error>
                    <input id="reason" name="reason" bind:value=reason />
                </Field>
                <button type="submit" name="decision" value="approve" data-bulk="approve"
                    on:click=move |ev| { ev.prevent_default(); bulk(Decision::Approve) }>
                    {t!(i18n, review_approve)}
                </button>
                <button type="submit" name="decision" value="waitlist" class="secondary" data-bulk="waitlist"
                    on:click=move |ev| { ev.prevent_default(); bulk(Decision::Waitlist) }>
                    {t!(i18n, review_waitlist)}
                </button>
                <button type="submit" name="decision" value="decline" class="danger" data-bulk="decline"
                    on:click=move |ev| { ev.prevent_default(); bulk(Decision::Decline) }>
                    {t!(i18n, review_decline)}
                </button>
            </div>
            <FieldErrors name="registrations" error=decide_error />
        </form>
        <Loaded resource=list render />
        <ImportPanel import />
    }
}

#[component]
fn ReviewTable(
    rows: Vec<RegistrationView>,
    selected: RwSignal<HashSet<i64>>,
    decide: Action<(Vec<i64>, Decision), Result<Vec<RegistrationView>, AppError>>,
    decide_error: Signal<Option<AppError>>,
    erase: Action<i64, Result<(), AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="card">{t!(i18n, review_empty)}</p> }.into_any();
    }
    let all: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let toggle_all = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        selected.update(|s| {
            for id in &all {
                if on {
                    s.insert(*id);
                } else {
                    s.remove(id);
                }
            }
        });
    };
    view! {
        <table data-table="registrations">
            <thead>
                <tr>
                    <th><input type="checkbox" aria-label=move || t_string!(i18n, review_select_all) on:change=toggle_all /></th>
                    <th>{t!(i18n, review_person)}</th>
                    <th class="optional">{t!(i18n, register_member)}</th>
                    <th>{t!(i18n, person_category)}</th>
                    <th>{t!(i18n, review_status)}</th>
                    <th>{t!(i18n, review_actions)}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|r| {
                        let id = r.id;
                        let status = r.status;
                        let category = r.category;
                        let row_error = move || {
                            decide_error
                                .get()
                                .map(|e| e.field_messages(&format!("registrations.{id}")))
                                .unwrap_or_default()
                                .iter()
                                .map(|code| message(i18n, code))
                                .collect::<Vec<_>>()
                                .join(" ")
                        };
                        let act = move |ev: leptos::ev::MouseEvent, decision: Decision| {
                            ev.prevent_default();
                            decide.dispatch((vec![id], decision));
                        };
                        // Without the script, each button posts the form above
                        // with its decision and this row.
                        let row = move |decision: &str| format!("{decision}:{id}");
                        view! {
                            <tr data-registration=r.email.clone()>
                                <td>
                                    <input
                                        type="checkbox"
                                        aria-label=r.name_latin.clone()
                                        form="decide"
                                        name="ids"
                                        value=id.to_string()
                                        prop:checked=move || selected.with(|s| s.contains(&id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            selected.update(|s| {
                                                if on { s.insert(id); } else { s.remove(&id); }
                                            });
                                        }
                                    />
                                </td>
                                <td>
                                    <strong>{format!("{} {}", r.honorific, r.name_latin)}</strong>
                                    " " <span lang="und">{r.name_native.clone()}</span>
                                    <br />
                                    <span class="muted"><bdi dir="ltr">{r.email.clone()}</bdi> " · " <bdi>{r.organization.clone()}</bdi></span>
                                    {r.decline_reason.clone().map(|reason| view! { <br /><em>{reason}</em> })}
                                    {(!r.changed_since_approval.is_empty()).then(|| {
                                        let changes = r
                                            .changed_since_approval
                                            .iter()
                                            .map(|(field, approved)| {
                                                format!("{field} ({} “{approved}”)", t_string!(i18n, review_was))
                                            })
                                            .collect::<Vec<_>>()
                                            .join(", ");
                                        view! {
                                            <br />
                                            <span class="changed" data-changed-since-approval="">
                                                {t!(i18n, review_changed)} " " {changes}
                                            </span>
                                        }
                                    })}
                                    {r.erasure_requested.then(|| view! {
                                        <br />
                                        <span class="changed" data-erasure-requested="">{t!(i18n, review_erasure_requested)}</span>
                                    })}
                                    <span class="error">{row_error}</span>
                                </td>
                                <td class="optional">{r.member_name.clone().unwrap_or_default()}</td>
                                <td>{move || category_label(i18n, category)}</td>
                                <td>
                                    <span class=format!("status {}", status.as_str())>
                                        {move || status_label(i18n, status)}
                                    </span>
                                </td>
                                <td class="actions">
                                    {(status == RegistrationStatus::Approved).then(|| view! {
                                        <a class="button small secondary" download
                                            href=format!("/api/v1/editions/{}/registrations/{id}/visa-letter.pdf", r.edition_id)>
                                            {t!(i18n, visa_letter)}
                                        </a>
                                    })}
                                    {(status != RegistrationStatus::Approved && status != RegistrationStatus::Cancelled).then(|| view! {
                                        <button type="submit" form="decide" name="row_decision" value=row("approve") class="small" data-action="approve" on:click=move |ev| act(ev, Decision::Approve)>
                                            {move || if status == RegistrationStatus::Waitlisted {
                                                t_string!(i18n, review_promote).to_string()
                                            } else {
                                                t_string!(i18n, review_approve).to_string()
                                            }}
                                        </button>
                                    })}
                                    {matches!(status, RegistrationStatus::Submitted | RegistrationStatus::Approved).then(|| view! {
                                        <button type="submit" form="decide" name="row_decision" value=row("waitlist") class="small secondary" data-action="waitlist" on:click=move |ev| act(ev, Decision::Waitlist)>
                                            {t!(i18n, review_waitlist)}
                                        </button>
                                    })}
                                    {(status != RegistrationStatus::Declined && status != RegistrationStatus::Cancelled).then(|| view! {
                                        <button type="submit" form="decide" name="row_decision" value=row("decline") class="small danger" data-action="decline" on:click=move |ev| act(ev, Decision::Decline)>
                                            {t!(i18n, review_decline)}
                                        </button>
                                    })}
                                    {(status != RegistrationStatus::Cancelled).then(|| view! {
                                        <button type="submit" form="decide" name="row_decision" value=row("cancel") class="small danger" data-action="cancel" on:click=move |ev| act(ev, Decision::Cancel)>
                                            {t!(i18n, review_cancel)}
                                        </button>
                                    })}
                                    {r.erasure_requested.then(|| view! {
                                        <button type="button" class="small danger" data-action="erase"
                                            on:click=move |_| {
                                                if crate::ui::confirm(t_string!(i18n, review_erase_confirm)) {
                                                    erase.dispatch(id);
                                                }
                                            }>
                                            {t!(i18n, review_erase)}
                                        </button>
                                    })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// Paste a CSV of invited delegates; all rows go in or none.
#[component]
fn ImportPanel(import: Action<String, Result<usize, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let csv = RwSignal::new(String::new());
    let error = Signal::derive(move || import.value().get().and_then(Result::err));
    // Line errors come as `line.N.field`: listed in order under the box.
    let lines = move || match error.get() {
        Some(AppError::Validation(fields)) => fields
            .into_iter()
            .map(|(field, codes)| {
                let mut parts = field.splitn(3, '.');
                let line = parts.nth(1).unwrap_or("").to_owned();
                let column = parts.next().unwrap_or("").to_owned();
                let text = codes
                    .iter()
                    .map(|c| message(i18n, c))
                    .collect::<Vec<_>>()
                    .join(" ");
                (line, column, text)
            })
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    // The chosen file is read in the browser into the box, where it can be
    // checked and corrected before importing.
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let input: web_sys::HtmlInputElement = event_target(&ev);
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                leptos::task::spawn_local(async move {
                    let read = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                    if let Some(text) = read.ok().and_then(|t| t.as_string()) {
                        csv.set(text);
                    }
                });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <form method="post"
            class="stack card wide"
            data-form="import"
            on:submit=move |ev| {
                ev.prevent_default();
                import.dispatch(csv.get_untracked());
            }
        >
            <h2>{t!(i18n, import_title)}</h2>
            <p class="muted">{t!(i18n, import_hint)}</p>
            <label>
                {t!(i18n, import_file)} " "
                <input type="file" name="file" accept=".csv,text/csv" on:change=on_file />
            </label>
            <textarea name="csv" rows="6" aria-label=move || t_string!(i18n, import_title) bind:value=csv></textarea>
            {move || match import.value().get() {
                Some(Ok(count)) => Some(view! {
                    <div class="banner ok" role="status">{format!("{} {count}", t_string!(i18n, import_done))}</div>
                }.into_any()),
                Some(Err(AppError::Validation(_))) => Some(view! {
                    <div class="banner error" role="alert">
                        {t!(i18n, import_failed)}
                        <ul data-import-errors="">
                            {lines().into_iter().map(|(line, column, text)| view! {
                                <li>{format!("{} {line} {column}: {text}", t_string!(i18n, import_line))}</li>
                            }).collect_view()}
                        </ul>
                    </div>
                }.into_any()),
                Some(Err(other)) => Some(form_banner(i18n, Signal::derive(move || Some(other.clone()))).into_any()),
                None => None,
            }}
            <div>
                <button type="submit" disabled=move || import.pending().get()>{t!(i18n, import_submit)}</button>
            </div>
        </form>
    }
}
