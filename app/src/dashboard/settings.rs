//! `/editions/{id}/settings`: an edition's settings, one page from the areas
//! that keep them (the edition itself and its rooms, and how long its
//! personal data are kept).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::editions::components::{EditionEditor, RoomsPanel, TextsPanel, host_cities};
use crate::editions::server_fns::get_edition;
use crate::editions::types::EditionForm;
use crate::error::AppError;
use crate::i18n::*;
use crate::privacy::components::RetentionPanel;
use crate::privacy::server_fns::edition_retention;
use crate::ui::{Loaded, route_id};

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
                edition_retention(id).await?,
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
                            <TextsPanel edition_id=edition.id texts=edition.texts.clone() />
                            <RoomsPanel edition_id=edition.id rooms=edition.rooms />
                            <RetentionPanel initial=retention />
                        }
                        .into_any()
            />
        </Guard>
    }
}
