//! The specialized committees, established and preparatory.

use leptos::prelude::*;

use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::error::AppError;
use crate::i18n::*;

use super::committee_status_label;
use crate::directory::domain::validate_committee;
use crate::directory::server_fns::{list_committees, save_committee, save_committee_names};
use crate::directory::types::{CommitteeInput, CommitteeStatus};
use crate::names::components::OtherNames;
use crate::ui::{Field, Loaded, form_banner, form_error};

#[component]
pub fn CommitteesPage() -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(None::<i64>);
    let name = RwSignal::new(String::new());
    let sector = RwSignal::new(String::new());
    let status = RwSignal::new(CommitteeStatus::Established.as_str().to_owned());
    let local = RwSignal::new(None::<AppError>);
    let save = Action::new(|(id, input): &(Option<i64>, CommitteeInput)| {
        let (id, input) = (*id, input.clone());
        async move {
            save_committee(
                id,
                input.name,
                input.sector,
                input.status.as_str().to_owned(),
            )
            .await
        }
    });
    let committees = Resource::new(move || save.version().get(), |_| list_committees());
    let error = form_error(local, save);
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            editing.set(None);
            name.set(String::new());
            sector.set(String::new());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = CommitteeInput {
            name: name.get_untracked(),
            sector: sector.get_untracked(),
            status: CommitteeStatus::parse(&status.get_untracked()).unwrap_or_default(),
        };
        match validate_committee(input.clone()) {
            Ok(_) => {
                local.set(None);
                save.dispatch((editing.get_untracked(), input));
            }
            Err(err) => local.set(Some(err)),
        }
    };
    view! {
        <Guard operation=Operation::ViewDirectory>
            <h1>{t!(i18n, committees_title)}</h1>
            <Loaded
                resource=committees
                render=move |list| view! {
                            <table data-table="committees">
                                <thead>
                                    <tr>
                                        <th>{t!(i18n, committee_name)}</th>
                                        <th>{t!(i18n, committee_sector)}</th>
                                        <th>{t!(i18n, committee_status)}</th>
                                        <th></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|c| {
                                        let s = c.status;
                                        let (c_name, c_sector) = (c.name.clone(), c.sector.clone());
                                        view! {
                                            <tr>
                                                <td>
                                                    {c.name}
                                                    <OtherNames
                                                        id=format!("committee-{}", c.id)
                                                        names=c.names
                                                        save=move |names| save_committee_names(c.id, names)
                                                    />
                                                </td>
                                                <td>{c.sector}</td>
                                                <td><span class=format!("status {}", s.as_str())>{move || committee_status_label(i18n, s)}</span></td>
                                                <td>
                                                    <button type="button" class="secondary" on:click=move |_| {
                                                        editing.set(Some(c.id));
                                                        name.set(c_name.clone());
                                                        sector.set(c_sector.clone());
                                                        status.set(s.as_str().to_owned());
                                                    }>{t!(i18n, edit)}</button>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
            />
            <h2>
                {move || if editing.get().is_some() { t_string!(i18n, committee_edit).to_string() } else { t_string!(i18n, committee_new).to_string() }}
            </h2>
            <form method="post" class="stack card" novalidate on:submit=on_submit data-form="committee">
                {form_banner(i18n, error)}
                <Field name="name" label=move || t!(i18n, committee_name) error>
                    <input id="name" bind:value=name />
                </Field>
                <Field name="sector" label=move || t!(i18n, committee_sector) error>
                    <input id="sector" bind:value=sector />
                </Field>
                <Field name="status" label=move || t!(i18n, committee_status) error>
                    <select id="status" bind:value=status>
                        {CommitteeStatus::ALL.iter().map(|s| view! {
                            <option value=s.as_str() selected=move || status.get() == s.as_str()>
                                {move || committee_status_label(i18n, *s)}
                            </option>
                        }).collect_view()}
                    </select>
                </Field>
                <div>
                    <button type="submit" disabled=move || save.pending().get()>{t!(i18n, save)}</button>
                </div>
            </form>
        </Guard>
    }
}
