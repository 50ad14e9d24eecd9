//! Organizer pages: the list of editions, the page to create one, and the
//! editor and rooms panel of its settings page (`dashboard::settings`).

mod editor;
mod rooms;
mod texts;

pub use editor::EditionEditor;
pub use rooms::RoomsPanel;
pub use texts::TextsPanel;

use leptos::prelude::*;
use leptos_router::components::A;

use super::server_fns::list_editions;
use super::types::{EditionForm, EditionStatus, EditionView};
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::directory::server_fns::list_members;
use crate::directory::types::MemberView;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::Loaded;

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
pub async fn host_cities() -> Result<Vec<MemberView>, AppError> {
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
