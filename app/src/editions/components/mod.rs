//! Organizer pages: the list of editions, and the pages to create or edit one.

mod editor;
mod rooms;

use leptos::prelude::*;
use leptos_router::components::A;

use super::server_fns::{get_edition, list_editions};
use super::types::{EditionForm, EditionStatus, EditionView};
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::directory::server_fns::list_members;
use crate::directory::types::MemberView;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::{Loaded, route_id};
use editor::EditionEditor;
use rooms::RoomsPanel;

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
    // Every link here leads to an organizer's page.
    view! {
        <Guard operation=Operation::ManageEditions>
            <div class="toolbar">
                <h1 class="grow">{t!(i18n, editions_title)}</h1>
                <A href="/editions/new" attr:class="button">{t!(i18n, edition_new)}</A>
            </div>
            <Loaded
                resource=editions
                render=move |value| match value {
                        list if list.is_empty() => view! {
                            <p class="card">{t!(i18n, editions_empty)}</p>
                        }.into_any(),
                        list => view! { <EditionTable editions=list /> }.into_any(),
                }
            />
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

/// The member cities, for the host city choice.
async fn host_cities() -> Result<Vec<MemberView>, AppError> {
    list_members(Some("city".to_owned()), None).await
}

#[component]
pub fn EditionNewPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = EditionForm {
        status: EditionStatus::Planning.as_str().to_owned(),
        time_zone: "Asia/Shanghai".to_owned(),
        ..Default::default()
    };
    let cities = Resource::new(|| (), |_| host_cities());
    let editor = move |cities: Vec<MemberView>| {
        view! { <EditionEditor id=None initial=form.clone() cities /> }.into_any()
    };
    view! {
        <Guard operation=Operation::ManageEditions>
            <h1>{t!(i18n, edition_new)}</h1>
            <Loaded
                resource=cities
                render=editor.clone()
            />
        </Guard>
    }
}

#[component]
pub fn EditionEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = route_id();
    // The edition and the cities that may host it, in one load, so the
    // form renders whole on the server and hydrates as it is.
    let edition = Resource::new(
        move || id.get(),
        |id| async move {
            let id = id.ok_or(AppError::NotFound)?;
            Ok((
                get_edition(id).await?,
                host_cities().await?,
                crate::privacy::server_fns::edition_retention(id).await?,
            ))
        },
    );
    view! {
        <Guard operation=Operation::ManageEditions>
            <Loaded
                resource=edition
                render=move |(edition, cities, retention)| view! {
                            <h1>{edition.title.clone()} " · " {t!(i18n, dashboard_edition_settings)}</h1>
                            <p>
                                <A href=format!("/editions/{}", edition.id)>{t!(i18n, edition_back_to_dashboard)}</A>
                            </p>
                            <EditionEditor id=Some(edition.id) initial=EditionForm::from_view(&edition) cities />
                            <RoomsPanel edition_id=edition.id rooms=edition.rooms />
                            <crate::privacy::components::RetentionPanel initial=retention />
                        }
                        .into_any()
            />
        </Guard>
    }
}
