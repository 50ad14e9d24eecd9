//! The rooms of an edition: add and remove.

use leptos::prelude::*;

use crate::editions::domain::parse_room;
use crate::editions::server_fns::{add_room, delete_room, save_room_names};
use crate::editions::types::{RoomInput, RoomView};
use crate::error::{AppError, ErrorCode};
use crate::i18n::*;
use crate::names::components::OtherNames;
use crate::ui::{FieldErrors, Problem, form_error};

#[component]
pub fn RoomsPanel(edition_id: i64, rooms: Vec<RoomView>) -> impl IntoView {
    let i18n = use_i18n();
    let rooms = RwSignal::new(rooms);
    let name = RwSignal::new(String::new());
    let capacity = RwSignal::new(String::new());
    let floor = RwSignal::new(String::new());
    let booths = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<AppError>);
    let add = Action::new(move |typed: &[String; 4]| {
        let [name, capacity, floor, booths] = typed.clone();
        async move { add_room(edition_id, name, capacity, Some(floor), Some(booths)).await }
    });
    let remove = Action::new(move |room_id: &i64| {
        let room_id = *room_id;
        async move { delete_room(edition_id, room_id).await.map(|()| room_id) }
    });
    let error = form_error(local_error, add);
    Effect::new(move |_| {
        if let Some(Ok(room)) = add.value().get() {
            rooms.update(|list| {
                if !list.iter().any(|r| r.id == room.id) {
                    list.push(room);
                    list.sort_by(|a, b| a.name.cmp(&b.name));
                }
            });
            for field in [name, capacity, floor, booths] {
                field.set(String::new());
            }
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
        let typed_booths = booths.get_untracked();
        let parsed_booths = match typed_booths.trim() {
            "" => Ok(0),
            text => text.parse::<i32>(),
        };
        let checked = match (parsed_capacity, parsed_booths) {
            (Ok(capacity), Ok(booths)) => parse_room(RoomInput {
                name: name.get_untracked(),
                capacity,
                floor: floor.get_untracked(),
                booths,
            }),
            (Err(_), _) => Err(AppError::field("capacity", ErrorCode::InvalidNumber)),
            (_, Err(_)) => Err(AppError::field("booths", ErrorCode::InvalidNumber)),
        };
        match checked {
            Ok(_) => {
                local_error.set(None);
                add.dispatch([
                    name.get_untracked(),
                    typed_capacity,
                    floor.get_untracked(),
                    typed_booths,
                ]);
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
                    <th>{t!(i18n, room_floor)}</th>
                    <th>{t!(i18n, room_booths)}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>
                <For each=move || rooms.get() key=|room| room.id let:room>
                    <tr>
                        <td>
                            {room.name.clone()}
                            <OtherNames
                                id=format!("room-{}", room.id)
                                names=room.names.clone()
                                save=move |names| save_room_names(edition_id, room.id, names)
                            />
                        </td>
                        <td>{room.capacity.map(|c| c.to_string()).unwrap_or_default()}</td>
                        <td>{room.floor.clone()}</td>
                        <td>{room.booths}</td>
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
        // A room with sessions stays: say why.
        {move || remove.value().get().and_then(Result::err).map(|error| view! { <Problem error /> })}
        <form method="post" class="toolbar card" novalidate on:submit=on_add data-form="room">
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
            <div class="field">
                <label for="room_floor">{t!(i18n, room_floor)}</label>
                <input id="room_floor" bind:value=floor />
            </div>
            <div class="field">
                <label for="room_booths">{t!(i18n, room_booths)}</label>
                <input id="room_booths" inputmode="numeric" bind:value=booths />
                <FieldErrors name="booths" error />
            </div>
            <button type="submit" disabled=move || add.pending().get()>{t!(i18n, room_add)}</button>
        </form>
    }
}
