//! `/editions/:id/programme`: the published programme, for anyone, on a
//! phone first. One day at a time (`?day=`, or `all`), filtered by type,
//! committee and language; a delegate with an approved registration books
//! sessions from here.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::{kind_label, place};
use crate::auth::components::use_session;
use crate::editions::types::{EditionField, title_or_venue};
use crate::error::AppError;
use crate::i18n::*;
use crate::programme::domain::has_room_for_one_more;
use crate::programme::server_fns::{book_session, get_my_agenda, get_programme, unbook_session};
use crate::programme::types::{AgendaView, Programme, SessionKind, SessionStatus, SessionView};
use crate::ui::{PostButton, Problem, route_id};

/// The reader's filters within the day; empty means "all".
#[derive(Clone, Copy)]
struct Filters {
    kind: RwSignal<String>,
    committee: RwSignal<String>,
    language: RwSignal<String>,
}

impl Filters {
    fn keeps(&self, s: &SessionView) -> bool {
        let kind = self.kind.get();
        let committee = self.committee.get();
        let language = self.language.get();
        (kind.is_empty() || s.kind.as_str() == kind)
            && (committee.is_empty() || s.committee_id.map(|c| c.to_string()) == Some(committee))
            && (language.is_empty() || s.languages.contains(&language))
    }
}

/// The signed-in delegate's agenda and the booking action, shared by the
/// session cards.
#[derive(Clone, Copy)]
struct Booking {
    agenda: RwSignal<Option<AgendaView>>,
    toggle: Action<(i64, bool), Result<AgendaView, AppError>>,
}

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let edition_id = route_id();
    let query = use_query_map();
    let day = Memo::new(move |_| query.read().get("day"));
    let programme = Resource::new(
        move || (edition_id.get(), day.get()),
        |(id, day)| async move { get_programme(id.ok_or(AppError::NotFound)?, day).await },
    );
    // A signed-in person's agenda comes with the page, so that its
    // booking buttons work before the script (as plain forms); a visitor
    // asks for none (no 401 on every visit).
    let session = use_session();
    let agenda = RwSignal::new(None::<AgendaView>);
    let agenda_found = Resource::new(
        move || (edition_id.get(), session.changes()),
        move |(id, _)| async move {
            match (session.user.await, id) {
                (Ok(Some(_)), Some(id)) => get_my_agenda(id).await.ok().flatten(),
                _ => None,
            }
        },
    );
    let toggle = Action::new(move |(session_id, add): &(i64, bool)| {
        let (session_id, add) = (*session_id, *add);
        let edition = edition_id.get_untracked();
        async move {
            let edition = edition.ok_or(AppError::NotFound)?;
            if add {
                book_session(edition, session_id).await
            } else {
                unbook_session(edition, session_id).await
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(updated)) = toggle.value().get() {
            agenda.set(Some(updated));
        }
    });
    let booking = Booking { agenda, toggle };
    let i18n = use_i18n();
    view! {
        <Transition fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let found = agenda_found.await;
                match programme.await {
                    Ok(programme) => {
                        agenda.set(found);
                        view! { <ProgrammeView programme booking /> }.into_any()
                    }
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ProgrammeView(programme: Programme, booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let filters = Filters {
        kind: RwSignal::new(String::new()),
        committee: RwSignal::new(String::new()),
        language: RwSignal::new(String::new()),
    };
    let id = programme.edition_id;
    let mut languages: Vec<String> = programme
        .sessions
        .iter()
        .flat_map(|s| s.languages.iter().cloned())
        .collect();
    languages.sort();
    languages.dedup();
    let days = programme.days.clone();
    let selected = programme.selected_day;
    let floors: HashMap<i64, String> = programme
        .rooms
        .iter()
        .map(|r| (r.id, r.floor.clone()))
        .collect();
    let sessions = StoredValue::new(programme.sessions.clone());
    let floors = StoredValue::new(floors);
    // The label follows a language switch.
    let day_tab = move |label: Signal<String>, query: String, current: bool| {
        // A plain link: the router's own marks every tab current, since
        // they differ only in the query.
        view! {
            <a
                href=format!("/editions/{id}/programme?day={query}")
                class=if current { "button small" } else { "button secondary small" }
                aria-current=current.then_some("page")
                data-day=query
            >
                {label}
            </a>
        }
    };
    let tabs = days
        .iter()
        .map(|d| {
            let day = *d;
            day_tab(
                Signal::derive(move || crate::ui::dates::day_tab(i18n.get_locale(), day)),
                day.to_string(),
                selected == Some(day),
            )
        })
        .collect_view();
    let committees = programme.committees.clone();
    let feed = format!("/api/v1/editions/{id}/calendar.ics");
    // The feed's titles in the reader's language.
    let feed_lang = move || {
        let locale = i18n.get_locale();
        if locale == Locale::default() {
            feed.clone()
        } else {
            format!("{feed}?lang={}", locale.as_str())
        }
    };
    let error = Signal::derive(move || booking.toggle.value().get().and_then(Result::err));
    // The organizers' words in the reader's language where they wrote
    // them, else English, each marked with its language.
    let written = StoredValue::new((
        programme.edition_title.clone(),
        programme.venue.clone(),
        programme.edition_texts.clone(),
    ));
    let shown = move |field: EditionField| {
        written.with_value(|(title, venue, texts)| {
            title_or_venue(title, venue, texts, field, i18n.get_locale())
        })
    };
    view! {
        <h1 lang=move || shown(EditionField::Title).1>{move || shown(EditionField::Title).0}</h1>
        <p class="muted">
            <bdi lang=move || shown(EditionField::Venue).1>{move || shown(EditionField::Venue).0}</bdi> " · "
            {
                let zone = programme.zone_label.clone();
                move || t_string!(i18n, programme_times_in, zone = zone.clone()).to_string()
            }
        </p>
        <nav class="toolbar">
            <a href=feed_lang class="button secondary" data-feed="edition">
                {t!(i18n, programme_subscribe)}
            </a>
            {move || booking.agenda.get().map(|_| view! {
                <A href=format!("/editions/{id}/agenda") attr:class="button secondary">
                    {t!(i18n, agenda_title)}
                </A>
            })}
        </nav>
        <nav class="tabs" aria-label=move || t_string!(i18n, programme_day).to_string()>
            {tabs}
            {day_tab(
                Signal::derive(move || t_string!(i18n, programme_all_days).to_string()),
                "all".into(),
                selected.is_none(),
            )}
        </nav>
        <form method="post" class="filters row card" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="filter_kind">{t!(i18n, session_kind)}</label>
                <select id="filter_kind" bind:value=filters.kind>
                    <option value="">{t!(i18n, programme_all)}</option>
                    {SessionKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.as_str()>{move || kind_label(i18n, k)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter_committee">{t!(i18n, session_committee)}</label>
                <select id="filter_committee" bind:value=filters.committee>
                    <option value="">{t!(i18n, programme_all)}</option>
                    {committees
                        .into_iter()
                        .map(|c| {
                            let id = c.id.to_string();
                            view! { <option value=id>{move || c.name_in(i18n.get_locale()).to_owned()}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter_language">{t!(i18n, session_languages)}</label>
                <select id="filter_language" bind:value=filters.language>
                    <option value="">{t!(i18n, programme_all)}</option>
                    {languages
                        .into_iter()
                        .map(|l| view! { <option value=l.clone()>{l.to_uppercase()}</option> })
                        .collect_view()}
                </select>
            </div>
        </form>
        {move || error.get().map(|error| view! { <Problem error /> })}
        {move || {
            let shown: Vec<SessionView> = sessions
                .with_value(|all| all.iter().filter(|s| filters.keeps(s)).cloned().collect());
            if shown.is_empty() {
                return view! { <p class="card muted" data-empty="true">{t!(i18n, programme_empty)}</p> }
                    .into_any();
            }
            days.iter()
                .filter(|day| shown.iter().any(|s| s.day == **day))
                .map(|day| {
                    let day = *day;
                    let cards = shown
                        .iter()
                        .filter(|s| s.day == day)
                        .map(|s| {
                            let floor = floors.with_value(|f| s.room_id.and_then(|r| f.get(&r).cloned()));
                            view! { <SessionCard session=s.clone() floor booking /> }
                        })
                        .collect_view();
                    view! {
                        <section class="day" data-day=day.to_string()>
                            <h2>{move || crate::ui::dates::day_heading(i18n.get_locale(), day)}</h2>
                            {cards}
                        </section>
                    }
                })
                .collect_view()
                .into_any()
        }}
    }
}

#[component]
fn SessionCard(session: SessionView, floor: Option<String>, booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let id = session.id;
    let cancelled = session.status == SessionStatus::Cancelled;
    let full = !has_room_for_one_more(session.capacity, session.booked);
    let bookable = session.status == SessionStatus::Published && !session.invitation_only;
    let session = StoredValue::new(session);
    let text = move |f: fn(&SessionView, Locale) -> String| {
        session.with_value(|s| f(s, i18n.get_locale()))
    };
    let booked = move || booking.agenda.get().map(|a| a.booked.contains(&id));
    let (edition_id, kind, time, people, languages, committee) = session.with_value(|s| {
        (
            s.edition_id,
            s.kind,
            s.time_range(),
            s.people
                .iter()
                .map(|p| {
                    if p.name_native.is_empty() || p.name_native == p.name_latin {
                        p.name_latin.clone()
                    } else {
                        format!("{} ({})", p.name_latin, p.name_native)
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
            s.languages
                .iter()
                .map(|l| l.to_uppercase())
                .collect::<Vec<_>>()
                .join(" · "),
            s.committee_id.is_some(),
        )
    });
    let committee = committee.then_some(move || {
        session.with_value(|s| {
            s.committee(i18n.get_locale())
                .unwrap_or_default()
                .to_owned()
        })
    });
    let where_ = move || session.with_value(|s| place(i18n, s, floor.as_deref()));
    view! {
        <article
            class=if cancelled { "session card cancelled" } else { "session card" }
            id=format!("session-{id}")
            data-session=id
        >
            <p class="when">
                <strong dir="ltr">{time}</strong>
                " · "
                {move || kind_label(i18n, kind)}
                {cancelled.then(|| view! { " " <span class="status cancelled">{t!(i18n, session_cancelled)}</span> })}
            </p>
            <h3>{move || text(|s, l| s.title(l).to_owned())}</h3>
            <p class="muted">{where_}</p>
            {committee.map(|c| view! { <p class="muted">{c}</p> })}
            {(!people.is_empty()).then(|| view! { <p>{people}</p> })}
            {(!languages.is_empty()).then(|| view! {
                <p class="muted">{t!(i18n, session_languages)} ": " {languages}</p>
            })}
            {move || {
                let description = text(|s, l| s.description(l).to_owned());
                (!description.is_empty()).then(|| view! { <p class="description">{description}</p> })
            }}
            <div class="toolbar">
                <a
                    class="button secondary small"
                    href=format!("/api/v1/editions/{edition_id}/sessions/{id}/calendar.ics")
                    data-feed="session"
                >
                    {t!(i18n, session_add_to_calendar)}
                </a>
                {move || {
                    // Booking (`book`) or giving the place back (`unbook`).
                    let button = move |book: bool| {
                        let action = if book { "book" } else { "unbook" };
                        view! {
                            <PostButton
                                name=format!("{action}:{id}")
                                fields=vec![("edition_id", edition_id.to_string())]
                                class="small"
                                action
                                disabled=Signal::derive(move || booking.toggle.pending().get())
                                on_press=move |()| { booking.toggle.dispatch((id, book)); }
                            >
                                {move || if book {
                                    t_string!(i18n, agenda_add)
                                } else {
                                    t_string!(i18n, agenda_remove)
                                }}
                            </PostButton>
                        }
                        .into_any()
                    };
                    match booked() {
                        Some(true) => Some(button(false)),
                        Some(false) if bookable && full => Some(view! {
                            <span class="status waitlisted">{t!(i18n, session_full)}</span>
                        }.into_any()),
                        Some(false) if bookable => Some(button(true)),
                        _ => None,
                    }
                }}
            </div>
        </article>
    }
}
