//! The home page and the header's menu.

use leptos::prelude::*;
use leptos_router::components::A;

use super::menu::{CurrentEdition, Entry, Group, Place, menu};
use super::server_fns::home_editions;
use super::types::{Home, HomeEdition};
use crate::auth::components::use_session;
use crate::auth::domain::{Operation, may};
use crate::auth::types::{Role, UserView};
use crate::editions::types::EditionField;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::dates::long_date;
use crate::ui::languages::name_of;
use crate::ui::{DropDown, Loaded, message, on_a_link};

/// The editions of the home page, loaded once per page for the page and
/// the menu (again after signing in or out: organizers see drafts).
#[derive(Clone, Copy)]
pub struct Forum(pub Resource<Result<Home, AppError>>);

pub fn provide_forum() {
    let session = use_session();
    let home = Resource::new(move || session.changes(), |_| home_editions());
    provide_context(Forum(home));
}

fn use_forum() -> Forum {
    expect_context::<Forum>()
}

/// What the menu needs of an edition.
fn as_current(edition: &HomeEdition) -> CurrentEdition {
    CurrentEdition {
        id: edition.id,
        registration_open: edition.registration.closed_reason.is_none(),
    }
}

fn place_label(i18n: leptos_i18n::I18nContext<Locale>, place: Place) -> String {
    match place {
        Place::Programme => t_string!(i18n, programme_title),
        Place::Register => t_string!(i18n, home_register),
        Place::MyAgenda => t_string!(i18n, agenda_title),
        Place::Dashboard => t_string!(i18n, dashboard_title),
        Place::Review => t_string!(i18n, review_title),
        Place::Badges => t_string!(i18n, nav_badges),
        Place::Checkin => t_string!(i18n, nav_checkin),
        Place::Budget => t_string!(i18n, nav_budget),
        Place::Agreements => t_string!(i18n, nav_agreements),
        Place::Editions => t_string!(i18n, nav_editions),
        Place::Members => t_string!(i18n, nav_members),
        Place::Committees => t_string!(i18n, nav_committees),
        Place::Council => t_string!(i18n, nav_council),
        Place::Outbox => t_string!(i18n, nav_outbox),
        Place::Audit => t_string!(i18n, audit_title),
        Place::Staff => t_string!(i18n, staff_title),
        Place::MyRegistration => t_string!(i18n, nav_my),
    }
    .to_string()
}

fn group_label(i18n: leptos_i18n::I18nContext<Locale>, group: Group) -> String {
    match group {
        Group::Directory => t_string!(i18n, nav_directory),
        Group::Administration => t_string!(i18n, nav_administration),
    }
    .to_string()
}

/// The header's menu: the places the signed-in role may use (a visitor:
/// the programme, registering, their registration), the current
/// edition's first, the directory and administration as drop-downs.
/// The server checks every call again.
#[component]
pub fn MainNav() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let forum = use_forum();
    view! {
        <nav aria-label=move || t_string!(i18n, nav_main).to_string() data-nav="main">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let role = session.user.await.ok().flatten().map(|user| user.role);
                    let edition = forum.0.await.ok().as_ref().and_then(Home::current).map(as_current);
                    let link = move |place: Place| {
                        place.href(edition).map(|href| view! {
                            // The dashboard's address starts every edition page's.
                            <A href=href exact={place == Place::Dashboard} attr:data-place=format!("{place:?}")>
                                {move || place_label(i18n, place)}
                            </A>
                        })
                    };
                    menu(role, edition)
                        .into_iter()
                        .map(|entry| match entry {
                            Entry::Place(place) => link(place).into_any(),
                            Entry::Group(group, places) => view! {
                                <DropDown label=Signal::derive(move || group_label(i18n, group))>
                                    {places.into_iter().map(link).collect_view()}
                                </DropDown>
                            }
                            .into_any(),
                        })
                        .collect_view()
                })}
            </Transition>
        </nav>
    }
}

/// The header's fold on a phone: a Menu switch that shows the menu, the
/// language switch and the account; closed again when a link in it is
/// followed. The switch is a checkbox and its label, so the menu opens
/// before the page's script has arrived, and with scripts off. On wide
/// screens the fold is always open and the switch hidden.
#[component]
pub fn HeaderFold(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let switch = NodeRef::<leptos::html::Input>::new();
    view! {
        <input
            type="checkbox"
            id="fold-open"
            class="fold-state"
            aria-controls="header-fold"
            node_ref=switch
        />
        <label for="fold-open" class="fold-toggle">
            {t!(i18n, nav_menu)}
        </label>
        <div
            id="header-fold"
            class="fold"
            on:click=move |ev| {
                if on_a_link(&ev)
                    && let Some(switch) = switch.get()
                {
                    switch.set_checked(false);
                }
            }
        >
            {children()}
        </div>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let forum = use_forum();
    let session = use_session();
    view! {
        <h1>{t!(i18n, home_title)}</h1>
        <p class="lead">{t!(i18n, home_alliance)}</p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let user = session.user.await.ok().flatten().filter(|u| u.role != Role::Delegate)?;
                let current = forum.0.await.ok().and_then(|home| home.current().cloned());
                Some(view! { <YourWork user current /> })
            })}
        </Transition>
        <Loaded
            resource=forum.0
            render=move |home| view! { <Editions home /> }.into_any()
        />
    }
}

/// Staff land here after signing in: the places their role works in.
#[component]
fn YourWork(user: UserView, current: Option<HomeEdition>) -> impl IntoView {
    let i18n = use_i18n();
    let role = user.role;
    let edition = current.as_ref().map(as_current);
    let places: Vec<Place> = menu(Some(role), edition)
        .into_iter()
        .flat_map(|entry| match entry {
            Entry::Place(place) => vec![place],
            Entry::Group(_, places) => places,
        })
        .filter(|place| !matches!(place, Place::Programme | Place::MyRegistration))
        .collect();
    let title = current.map(|e| {
        e.shown(EditionField::Title, i18n.get_locale_untracked())
            .0
            .to_owned()
    });
    view! {
        <section class="card work" data-section="your-work">
            <h2>{t!(i18n, home_your_work)}</h2>
            {title.map(|title| view! { <p class="muted">{title}</p> })}
            <ul class="work-links">
                {places.into_iter().filter_map(|place| {
                    let href = place.href(edition)?;
                    Some(view! { <li><A href=href attr:class="button secondary">{move || place_label(i18n, place)}</A></li> })
                }).collect_view()}
                {may(role, Operation::ManageEditions).then(|| view! {
                    <li><A href="/editions/new" attr:class="button secondary">{t!(i18n, edition_new)}</A></li>
                })}
            </ul>
        </section>
    }
}

#[component]
fn Editions(home: Home) -> impl IntoView {
    let i18n = use_i18n();
    let Home { coming, past } = home;
    let nothing = coming.is_empty() && past.is_empty();
    view! {
        {nothing.then(|| view! { <p class="card">{t!(i18n, home_nothing_yet)}</p> })}
        <div class="editions-coming">
            {coming.into_iter().map(|edition| view! { <EditionCard edition /> }).collect_view()}
        </div>
        {(!past.is_empty()).then(|| view! {
            <h2>{t!(i18n, home_past)}</h2>
            <ul class="editions-past" data-section="past">
                {past.into_iter().map(|e| {
                    let (start, end) = (e.start_date, e.end_date);
                    let title = e.shown(EditionField::Title, i18n.get_locale_untracked()).0.to_owned();
                    view! {
                        <li data-edition=e.year>
                            <A href=format!("/editions/{}/programme", e.id)>{title}</A>
                            " · " {e.host_city_latin} " · "
                            {move || format!("{} – {}", long_date(i18n.get_locale(), start), long_date(i18n.get_locale(), end))}
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
    }
}

/// A current or coming edition: what, where, when, and the two things a
/// visitor came to do.
#[component]
fn EditionCard(edition: HomeEdition) -> impl IntoView {
    let i18n = use_i18n();
    let written = StoredValue::new(edition.clone());
    // A text organizers wrote, in the reader's language where they wrote
    // it, following the language switch.
    let shown = move |field: EditionField| {
        written.with_value(|e| {
            let (text, lang) = e.shown(field, i18n.get_locale());
            (text.to_owned(), lang)
        })
    };
    let lang_of = move |field: EditionField| crate::locale::code(shown(field).1);
    let HomeEdition {
        id,
        year,
        host_city_latin,
        host_city_native,
        start_date,
        end_date,
        zone_label,
        status,
        registration,
        ..
    } = edition;
    let dates = move || {
        let locale = i18n.get_locale();
        format!(
            "{} – {}",
            long_date(locale, start_date),
            long_date(locale, end_date)
        )
    };
    let city = if host_city_native.is_empty() || host_city_native == host_city_latin {
        host_city_latin
    } else {
        format!("{host_city_latin} · {host_city_native}")
    };
    let open = registration.closed_reason.is_none();
    let why_closed = registration.closed_reason.clone();
    let opens_on = registration.opens_on;
    let planning = status == crate::editions::types::EditionStatus::Planning;
    view! {
        <article class="card edition" data-edition=year aria-labelledby=format!("edition-{id}")>
            <h2 id=format!("edition-{id}") lang=move || lang_of(EditionField::Title)>{move || shown(EditionField::Title).0}</h2>
            {planning.then(|| view! { <p class="status planning">{t!(i18n, home_draft)}</p> })}
            <dl class="facts">
                <dt>{t!(i18n, home_where)}</dt>
                <dd><bdi class="native">{city}</bdi> " · " <bdi lang=move || lang_of(EditionField::Venue)>{move || shown(EditionField::Venue).0}</bdi></dd>
                <dt>{t!(i18n, home_when)}</dt>
                <dd>{dates} <span class="muted">" (" <bdi>{zone_label}</bdi> ")"</span></dd>
            </dl>
            {move || {
                let (intro, lang) = shown(EditionField::Intro);
                let reader = i18n.get_locale();
                (!intro.is_empty()).then(|| view! {
                    <div class="intro" lang=crate::locale::code(lang)>
                        {(lang != reader).then(|| view! {
                            <p class="muted" data-shown-in=crate::locale::code(lang) lang=crate::locale::code(reader)>
                                {t_string!(
                                    i18n,
                                    content_shown_in,
                                    reader = name_of(reader, crate::locale::code(reader)),
                                    shown = name_of(reader, crate::locale::code(lang))
                                ).to_string()}
                            </p>
                        })}
                        {intro.split("\n\n").map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}
                    </div>
                })
            }}
            <div class="toolbar actions">
                {open.then(|| view! {
                    <A href=format!("/editions/{id}/register") attr:class="button" attr:data-action="register">
                        {t!(i18n, home_register)}
                    </A>
                })}
                <A href=format!("/editions/{id}/programme") attr:class={if open { "button secondary" } else { "button" }} attr:data-action="programme">
                    {t!(i18n, programme_title)}
                </A>
            </div>
            {(!open).then(|| {
                let why = why_closed.clone();
                view! {
                    <p class="muted" data-registration="closed">
                        {move || match (&why, opens_on) {
                            (Some(crate::error::ErrorCode::RegistrationNotOpenYet), Some(day)) => {
                                t_string!(i18n, home_registration_opens, date = long_date(i18n.get_locale(), day)).to_string()
                            }
                            (Some(code), _) => message(i18n, code),
                            (None, _) => String::new(),
                        }}
                    </p>
                }
            })}
        </article>
    }
}
