//! The grid of one day: a column per room (and one for sessions without
//! a room), a row per quarter hour; a click on a block edits it.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_i18n::I18nContext;

use super::layout::{ROWS_PER_HOUR, Slot, lay_out_day};
use super::state::Editor;
use crate::i18n::*;
use crate::programme::components::kind_label;
use crate::programme::types::{ProgrammeRoom, SessionView};

pub(super) fn grid_view(
    i18n: I18nContext<Locale>,
    rooms: &[ProgrammeRoom],
    sessions: Vec<SessionView>,
    clashing: &HashSet<i64>,
    editor: Editor,
) -> AnyView {
    let room_ids: Vec<i64> = rooms.iter().map(|r| r.id).collect();
    let slots: Vec<Slot> = sessions.iter().map(Slot::from).collect();
    let day = lay_out_day(&room_ids, &slots);
    let style = format!(
        "grid-template-columns: 4rem repeat({}, minmax(9rem, 1fr)); grid-template-rows: 2.2rem repeat({}, 1.1rem);",
        day.room_columns(rooms.len()),
        day.rows
    );
    // Rooms in the reader's language; a last column for sessions without
    // a room.
    let headers = rooms
        .iter()
        .cloned()
        .map(Some)
        .chain(day.no_room_column.then_some(None))
        .enumerate()
        .map(|(i, room)| {
            let name = move || match &room {
                Some(room) => room.name_in(i18n.get_locale()).to_owned(),
                None => t_string!(i18n, timetable_no_room).to_string(),
            };
            view! { <div class="room-head" style=format!("grid-column: {}; grid-row: 1;", i + 2)>{name}</div> }
        })
        .collect_view();
    let hours = day
        .hours()
        .map(|(h, row)| {
            view! {
                <div class="hour" style=format!("grid-column: 1; grid-row: {row} / span {ROWS_PER_HOUR};")>
                    {format!("{h:02}:00")}
                </div>
            }
        })
        .collect_view();
    let blocks = sessions
        .into_iter()
        .zip(day.blocks)
        .map(|(s, block)| {
            let mut class = format!("slot {}", s.status.as_str());
            if clashing.contains(&s.id) {
                class.push_str(" clash");
            }
            if block.over {
                class.push_str(" over");
            }
            let title = s.title(i18n.get_locale()).to_owned();
            let time = s.time_range();
            let kind = s.kind;
            let id = s.id;
            let selected = move || editor.selected.get() == Some(id);
            let (column, start, end) = (block.column, block.start, block.end);
            view! {
                <button
                    type="button"
                    class=class
                    class:selected=selected
                    data-session=id
                    style=format!("grid-column: {column}; grid-row: {start} / {end};")
                    on:click=move |_| editor.select(&s)
                >
                    <span class="time" dir="ltr">{time}</span>
                    <span class="title">{title}</span>
                    <span class="kind">{move || kind_label(i18n, kind)}</span>
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="timetable" style=style data-grid="timetable">
            {headers}
            {hours}
            {blocks}
        </div>
    }
    .into_any()
}
