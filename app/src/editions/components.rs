//! Organizer pages: the list of editions, and the form to create or edit one.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::domain::parse_room;
use super::server_fns::{add_room, delete_room, get_edition, list_editions, save_edition};
use super::types::{EditionForm, EditionStatus, EditionView, RoomInput, RoomView};
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::directory::server_fns::list_members;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::{Field, FieldErrors, Problem};

pub fn status_label(i18n: leptos_i18n::I18nContext<Locale>, status: EditionStatus) -> String {
    match status {
        EditionStatus::Planning => t_string!(i18n, status_planning),
        EditionStatus::RegistrationOpen => t_string!(i18n, status_registration_open),
        EditionStatus::Running => t_string!(i18n, status_running),
        EditionStatus::Closed => t_string!(i18n, status_closed),
    }
    .to_string()
}

#[component]
pub fn EditionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let editions = Resource::new(|| (), |_| list_editions());
    view! {
        <Guard operation=Operation::ViewEditions>
            <div class="toolbar">
                <h1 class="grow">{t!(i18n, editions_title)}</h1>
                <A href="/editions/new" attr:class="button">{t!(i18n, edition_new)}</A>
            </div>
            <Transition fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match editions.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="card">{t!(i18n, editions_empty)}</p>
                        }.into_any(),
                        Ok(list) => view! { <EditionTable editions=list /> }.into_any(),
                        Err(error) => view! { <Problem error /> }.into_any(),
                    }
                })}
            </Transition>
        </Guard>
    }
}

#[component]
fn EditionTable(editions: Vec<EditionView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table>
            <thead>
                <tr>
                    <th>{t!(i18n, edition_year)}</th>
                    <th>{t!(i18n, edition_title)}</th>
                    <th>{t!(i18n, edition_host_city)}</th>
                    <th class="optional">{t!(i18n, edition_dates)}</th>
                    <th class="optional">{t!(i18n, edition_time_zone)}</th>
                    <th>{t!(i18n, edition_status)}</th>
                </tr>
            </thead>
            <tbody>
                {editions
                    .into_iter()
                    .map(|edition| {
                        let status = edition.status;
                        view! {
                            <tr data-edition=edition.year>
                                <td>{edition.year}</td>
                                <td>
                                    <A href=format!("/editions/{}", edition.id)>{edition.title}</A>
                                </td>
                                <td>{edition.host_city_name}</td>
                                <td class="optional">
                                    {format!("{} – {}", edition.start_date, edition.end_date)}
                                </td>
                                <td class="optional">{edition.time_zone}</td>
                                <td>
                                    <span class=format!("status {}", status.as_str())>
                                        {move || status_label(i18n, status)}
                                    </span>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn EditionNewPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = EditionForm {
        status: EditionStatus::Planning.as_str().to_owned(),
        time_zone: "Asia/Shanghai".to_owned(),
        ..Default::default()
    };
    view! {
        <Guard operation=Operation::ManageEditions>
            <h1>{t!(i18n, edition_new)}</h1>
            <EditionEditor id=None initial=form.clone() />
        </Guard>
    }
}

#[component]
pub fn EditionEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let edition = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_edition(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Guard operation=Operation::ManageEditions>
            <Transition fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match edition.await {
                        Ok(edition) => view! {
                            <h1>{edition.title.clone()}</h1>
                            <EditionEditor id=Some(edition.id) initial=EditionForm::from_view(&edition) />
                            <RoomsPanel edition_id=edition.id rooms=edition.rooms />
                        }
                        .into_any(),
                        Err(error) => view! { <Problem error /> }.into_any(),
                    }
                })}
            </Transition>
        </Guard>
    }
}

/// The edition form. What the user typed stays in the fields whatever the
/// server answers; the browser checks the same rules first.
#[component]
fn EditionEditor(id: Option<i64>, initial: EditionForm) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let year = RwSignal::new(initial.year);
    let title = RwSignal::new(initial.title);
    let host_city_id = RwSignal::new(initial.host_city_id);
    let venue = RwSignal::new(initial.venue);
    let start_date = RwSignal::new(initial.start_date);
    let end_date = RwSignal::new(initial.end_date);
    let time_zone = RwSignal::new(initial.time_zone);
    let status = RwSignal::new(initial.status);
    let cities = Resource::new(|| (), |_| list_members(Some("city".to_owned()), None));

    let local_error = RwSignal::new(None::<AppError>);
    let save = Action::new(|(id, form): &(Option<i64>, EditionForm)| {
        let (id, form) = (*id, form.clone());
        async move { save_edition(id, form).await }
    });
    let error = Signal::derive(move || {
        local_error
            .get()
            .or_else(|| save.value().get().and_then(Result::err))
    });
    let saved = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(edition)) = save.value().get() {
            if id.is_none() {
                navigate(&format!("/editions/{}", edition.id), Default::default());
            } else {
                saved.set(true);
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let form = EditionForm {
            year: year.get_untracked(),
            title: title.get_untracked(),
            host_city_id: host_city_id.get_untracked(),
            venue: venue.get_untracked(),
            start_date: start_date.get_untracked(),
            end_date: end_date.get_untracked(),
            time_zone: time_zone.get_untracked(),
            status: status.get_untracked(),
        };
        // Same rules as the server: answer at once, no round trip.
        match form.parse() {
            Ok(_) => {
                local_error.set(None);
                save.dispatch((id, form));
            }
            Err(err) => {
                save.value().set(None);
                local_error.set(Some(err));
            }
        }
    };
    let banner = move || match error.get() {
        Some(AppError::Validation(_)) => Some(
            view! { <div class="banner error" role="alert">{t!(i18n, problem_validation)}</div> }
                .into_any(),
        ),
        Some(other) => Some(view! { <Problem error=other /> }.into_any()),
        None => None,
    };
    view! {
        <form class="stack card" novalidate on:submit=on_submit data-form="edition">
            {banner}
            <Show when=move || saved.get()>
                <div class="banner ok" role="status">{t!(i18n, saved)}</div>
            </Show>
            <div class="row">
                <Field name="year" label=move || t!(i18n, edition_year) error>
                    <input id="year" name="year" inputmode="numeric" bind:value=year />
                </Field>
                <Field name="status" label=move || t!(i18n, edition_status) error>
                    <select id="status" name="status" bind:value=status>
                        {EditionStatus::ALL
                            .into_iter()
                            .map(|s| view! {
                                <option value=s.as_str() selected=move || status.get() == s.as_str()>
                                    {move || super::components::status_label(i18n, s)}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </Field>
            </div>
            <Field name="title" label=move || t!(i18n, edition_title) error>
                <input id="title" name="title" bind:value=title />
            </Field>
            <Field name="host_city_id" label=move || t!(i18n, edition_host_city) error>
                <select id="host_city_id" name="host_city_id" bind:value=host_city_id>
                    <option value="">{t!(i18n, choose)}</option>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            cities
                                .await
                                .unwrap_or_default()
                                .into_iter()
                                .map(|city| {
                                    let value = city.id.to_string();
                                    let selected = {
                                        let value = value.clone();
                                        move || host_city_id.get() == value
                                    };
                                    view! {
                                        <option value=value selected=selected>
                                            {format!("{} · {}", city.name_latin, city.name_native)}
                                        </option>
                                    }
                                })
                                .collect_view()
                        })}
                    </Transition>
                </select>
            </Field>
            <Field name="venue" label=move || t!(i18n, edition_venue) error>
                <input id="venue" name="venue" bind:value=venue />
            </Field>
            <div class="row">
                <Field name="start_date" label=move || t!(i18n, edition_start_date) error>
                    <input id="start_date" name="start_date" type="date" bind:value=start_date />
                </Field>
                <Field name="end_date" label=move || t!(i18n, edition_end_date) error>
                    <input id="end_date" name="end_date" type="date" bind:value=end_date />
                </Field>
            </div>
            <Field
                name="time_zone"
                label=move || t!(i18n, edition_time_zone)
                error
                hint=move || t!(i18n, edition_time_zone_hint)
            >
                <input id="time_zone" name="time_zone" list="time-zones" bind:value=time_zone />
                <datalist id="time-zones">
                    {COMMON_TIME_ZONES.iter().map(|tz| view! { <option value=*tz /> }).collect_view()}
                </datalist>
            </Field>
            <div>
                <button type="submit" disabled=move || save.pending().get()>
                    {t!(i18n, save)}
                </button>
            </div>
        </form>
    }
}

/// Suggestions for the time zone field; any IANA name is accepted.
const COMMON_TIME_ZONES: &[&str] = &[
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Bangkok",
    "Asia/Kolkata",
    "Asia/Karachi",
    "Asia/Dubai",
    "Asia/Tehran",
    "Asia/Almaty",
    "Asia/Tashkent",
    "Europe/Istanbul",
    "Europe/Moscow",
    "Europe/Athens",
    "Europe/Rome",
    "Europe/Lisbon",
    "Europe/Berlin",
    "Africa/Cairo",
    "Africa/Nairobi",
    "Africa/Lagos",
    "Africa/Casablanca",
    "UTC",
];

#[component]
fn RoomsPanel(edition_id: i64, rooms: Vec<RoomView>) -> impl IntoView {
    let i18n = use_i18n();
    let rooms = RwSignal::new(rooms);
    let name = RwSignal::new(String::new());
    let capacity = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<AppError>);
    let add = Action::new(move |(name, capacity): &(String, String)| {
        let (name, capacity) = (name.clone(), capacity.clone());
        async move { add_room(edition_id, name, capacity).await }
    });
    let remove = Action::new(move |room_id: &i64| {
        let room_id = *room_id;
        async move { delete_room(edition_id, room_id).await.map(|()| room_id) }
    });
    let error = Signal::derive(move || {
        local_error
            .get()
            .or_else(|| add.value().get().and_then(Result::err))
    });
    Effect::new(move |_| {
        if let Some(Ok(room)) = add.value().get() {
            rooms.update(|list| {
                if !list.iter().any(|r| r.id == room.id) {
                    list.push(room);
                    list.sort_by(|a, b| a.name.cmp(&b.name));
                }
            });
            name.set(String::new());
            capacity.set(String::new());
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(room_id)) = remove.value().get() {
            rooms.update(|list| list.retain(|r| r.id != room_id));
        }
    });
    let on_add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed_capacity = capacity.get_untracked();
        let parsed_capacity = match typed_capacity.trim() {
            "" => Ok(None),
            text => text.parse::<i32>().map(Some),
        };
        let checked = match parsed_capacity {
            Ok(capacity) => parse_room(RoomInput {
                name: name.get_untracked(),
                capacity,
            }),
            Err(_) => Err(AppError::field("capacity", "invalid_number")),
        };
        match checked {
            Ok(_) => {
                local_error.set(None);
                add.dispatch((name.get_untracked(), typed_capacity));
            }
            Err(err) => local_error.set(Some(err)),
        }
    };
    view! {
        <h2>{t!(i18n, rooms_title)}</h2>
        <table data-table="rooms">
            <thead>
                <tr>
                    <th>{t!(i18n, room_name)}</th>
                    <th>{t!(i18n, room_capacity)}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>
                <For each=move || rooms.get() key=|room| room.id let:room>
                    <tr>
                        <td>{room.name.clone()}</td>
                        <td>{room.capacity.map(|c| c.to_string()).unwrap_or_default()}</td>
                        <td>
                            <button
                                type="button"
                                class="secondary"
                                on:click=move |_| { remove.dispatch(room.id); }
                            >
                                {t!(i18n, remove)}
                            </button>
                        </td>
                    </tr>
                </For>
            </tbody>
        </table>
        <form class="toolbar card" novalidate on:submit=on_add data-form="room">
            <div class="field grow">
                <label for="room_name">{t!(i18n, room_name)}</label>
                <input id="room_name" bind:value=name />
                <FieldErrors name="name" error />
            </div>
            <div class="field">
                <label for="room_capacity">{t!(i18n, room_capacity)}</label>
                <input id="room_capacity" inputmode="numeric" bind:value=capacity />
                <FieldErrors name="capacity" error />
            </div>
            <button type="submit" disabled=move || add.pending().get()>{t!(i18n, room_add)}</button>
        </form>
    }
}
