//! The edition form.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::status_label;
use crate::directory::types::MemberView;
use crate::editions::server_fns::save_edition;
use crate::editions::types::{EditionForm, EditionStatus};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::{Field, form_banner, form_error};

/// The edition form. What the user typed stays in the fields whatever the
/// server answers; the browser checks the same rules first.
#[component]
pub fn EditionEditor(
    id: Option<i64>,
    initial: EditionForm,
    cities: Vec<MemberView>,
) -> impl IntoView {
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
    let intro = RwSignal::new(initial.intro);

    let local_error = RwSignal::new(None::<AppError>);
    let save = Action::new(|(id, form): &(Option<i64>, EditionForm)| {
        let (id, form) = (*id, form.clone());
        async move { save_edition(id, form).await }
    });
    let error = form_error(local_error, save);
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
            intro: intro.get_untracked(),
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
    view! {
        <form method="post" class="stack card" novalidate on:submit=on_submit data-form="edition">
            {form_banner(i18n, error)}
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
                                    {move || status_label(i18n, s)}
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
                    {cities
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
                        .collect_view()}
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
            <Field
                name="intro"
                label=move || t!(i18n, edition_intro)
                error
                hint=move || t!(i18n, edition_intro_hint)
            >
                <textarea id="intro" name="intro" class="prose" rows="4" maxlength="2000" bind:value=intro></textarea>
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
