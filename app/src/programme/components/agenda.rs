//! `/editions/:id/agenda`: the sessions a delegate booked or speaks at,
//! overlaps flagged, and the secret address calendar apps subscribe to.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::error::AppError;
use crate::i18n::*;
use crate::programme::server_fns::{get_my_agenda, renew_agenda_feed, unbook_session};
use crate::programme::types::{AgendaView, SessionStatus};
use crate::ui::{Loaded, PostButton, Problem, route_id};

#[component]
pub fn AgendaPage() -> impl IntoView {
    let i18n = use_i18n();
    let edition_id = route_id();
    let unbook = Action::new(move |session_id: &i64| {
        let session_id = *session_id;
        let edition = edition_id.get_untracked();
        async move { unbook_session(edition.ok_or(AppError::NotFound)?, session_id).await }
    });
    let renew = Action::new(move |_: &()| {
        let edition = edition_id.get_untracked();
        async move { renew_agenda_feed(edition.ok_or(AppError::NotFound)?).await }
    });
    // Made outside the guard's suspense (see ReviewPage).
    let agenda = Resource::new(
        move || {
            (
                edition_id.get(),
                unbook.version().get(),
                renew.version().get(),
            )
        },
        |(id, _, _)| async move { get_my_agenda(id.ok_or(AppError::NotFound)?).await },
    );
    let error = Signal::derive(move || {
        unbook
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| renew.value().get().and_then(Result::err))
    });
    let render = move |agenda: Option<AgendaView>| match agenda {
        None => view! {
            <p class="card" data-agenda="none">
                {t!(i18n, agenda_needs_approval)} " " <A href="/my">{t!(i18n, nav_my)}</A>
            </p>
        }
        .into_any(),
        Some(agenda) => view! { <AgendaList agenda unbook renew /> }.into_any(),
    };
    view! {
        <Guard operation=Operation::ManageOwnRegistration>
            <h1>{t!(i18n, agenda_title)}</h1>
            {move || error.get().map(|error| view! { <Problem error /> })}
            <Loaded resource=agenda render />
        </Guard>
    }
}

#[component]
fn AgendaList(
    agenda: AgendaView,
    unbook: Action<i64, Result<AgendaView, AppError>>,
    renew: Action<(), Result<AgendaView, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let edition_id = agenda.edition_id;
    let overlapping = |id: i64| agenda.overlaps.iter().any(|pair| pair.contains(&id));
    let rows = agenda
        .sessions
        .iter()
        .map(|s| {
            let id = s.id;
            let clash = overlapping(id);
            let booked = agenda.booked.contains(&id);
            let cancelled = s.status == SessionStatus::Cancelled;
            let title = s.clone();
            view! {
                <tr data-session=id data-overlap=clash.to_string()>
                    <td><bdi dir="ltr">{s.day.to_string()} " " {s.time_range()}</bdi></td>
                    <td>
                        {move || title.title(i18n.get_locale()).to_owned()}
                        {cancelled.then(|| view! { " " <span class="status cancelled">{t!(i18n, session_cancelled)}</span> })}
                        {clash.then(|| view! { " " <span class="status waitlisted">{t!(i18n, agenda_overlap)}</span> })}
                    </td>
                    <td>{
                        let room = s.clone();
                        move || room.room(i18n.get_locale()).unwrap_or_default().to_owned()
                    }</td>
                    <td>
                        {if booked {
                            view! {
                                <PostButton
                                    name=format!("unbook:{id}")
                                    fields=vec![("edition_id", edition_id.to_string())]
                                    class="small secondary"
                                    action="unbook"
                                    on_press=move |()| { unbook.dispatch(id); }
                                >
                                    {t!(i18n, agenda_remove)}
                                </PostButton>
                            }
                            .into_any()
                        } else {
                            view! { <span class="muted">{t!(i18n, agenda_speaking)}</span> }.into_any()
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let empty = agenda.sessions.is_empty();
    // The address comes only with the answer that made it.
    let feed = renew
        .value()
        .get_untracked()
        .and_then(Result::ok)
        .and_then(|made| made.feed_path);
    let has_feed = agenda.has_feed;
    view! {
        <p>
            <A href=format!("/editions/{edition_id}/programme")>{t!(i18n, programme_title)}</A>
        </p>
        {if empty {
            view! { <p class="card muted">{t!(i18n, agenda_empty)}</p> }.into_any()
        } else {
            view! {
                <table data-table="agenda">
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }}
        <section class="card stack">
            <h2>{t!(i18n, agenda_feed_title)}</h2>
            <p class="muted">{t!(i18n, agenda_feed_hint)}</p>
            {match feed {
                Some(path) => {
                    let href = path.clone();
                    view! {
                        <p><a href=href data-feed="agenda">{path}</a></p>
                        <p class="muted">{t!(i18n, agenda_feed_once)}</p>
                    }
                    .into_any()
                }
                None if has_feed => view! { <p class="muted">{t!(i18n, agenda_feed_hidden)}</p> }.into_any(),
                None => ().into_any(),
            }}
            <div>
                <button
                    type="button"
                    class="secondary"
                    data-action="renew-feed"
                    disabled=move || renew.pending().get()
                    on:click=move |_| { renew.dispatch(()); }
                >
                    {if has_feed {
                        view! { {t!(i18n, agenda_feed_renew)} }.into_any()
                    } else {
                        view! { {t!(i18n, agenda_feed_make)} }.into_any()
                    }}
                </button>
            </div>
        </section>
    }
}
