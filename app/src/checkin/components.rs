//! `/editions/{id}/checkin`: the devices at the doors (register, pair with
//! a QR, revoke) and the arrivals, live: the counts follow the server's
//! event stream by themselves.

use leptos::prelude::*;

use super::server_fns::{load_checkin, new_device_pairing, register_device, revoke_device};
use super::types::{Attendance, CheckinOverview, DeviceView, HourTally, Pairing, Tally};
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::error::AppError;
use crate::i18n::*;
use crate::registration::components::category_label;
use crate::registration::types::Category;
use crate::ui::{Loaded, form_banner, route_id};

#[component]
pub fn CheckinPage() -> impl IntoView {
    let id = route_id();
    // Made outside the guard's suspense (see ReviewPage).
    let register = Action::new(move |(name, supervisor): &(String, bool)| {
        let (name, supervisor) = (name.clone(), *supervisor);
        let edition_id = id.get_untracked().unwrap_or_default();
        async move { register_device(edition_id, name, supervisor).await }
    });
    let pair_again = Action::new(move |device: &i64| {
        let (device, edition_id) = (*device, id.get_untracked().unwrap_or_default());
        async move { new_device_pairing(edition_id, device).await }
    });
    let revoke = Action::new(move |device: &i64| {
        let (device, edition_id) = (*device, id.get_untracked().unwrap_or_default());
        async move { revoke_device(edition_id, device).await }
    });
    let overview = Resource::new(
        move || {
            (
                id.get(),
                register.version().get(),
                pair_again.version().get(),
                revoke.version().get(),
            )
        },
        |(id, ..)| async move { load_checkin(id.ok_or(AppError::NotFound)?).await },
    );
    let actions = Actions {
        register,
        pair_again,
        revoke,
    };
    view! {
        <Guard operation=Operation::ViewArrivals>
            <Loaded
                resource=overview
                render=move |overview| view! { <Checkin overview actions /> }.into_any()
            />
        </Guard>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    register: Action<(String, bool), Result<Pairing, AppError>>,
    pair_again: Action<i64, Result<Pairing, AppError>>,
    revoke: Action<i64, Result<DeviceView, AppError>>,
}

#[component]
fn Checkin(overview: CheckinOverview, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let edition_id = route_id().get_untracked().unwrap_or_default();
    let attendance = RwSignal::new(overview.attendance.clone());
    follow_arrivals(edition_id, attendance);
    view! {
        <h1>{t!(i18n, checkin_title)}</h1>
        <p class="muted">{t!(i18n, checkin_hint)}</p>
        <Arrivals attendance />
        {overview.manage_devices.then(|| view! { <Devices devices=overview.devices.clone() actions /> })}
    }
}

/// Keeps `attendance` current from the server's event stream (in the
/// browser; the server renders the counts as they are).
fn follow_arrivals(edition_id: i64, attendance: RwSignal<Attendance>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        use wasm_bindgen::closure::Closure;
        let url = format!("/api/v1/editions/{edition_id}/checkin/arrivals");
        let Ok(source) = web_sys::EventSource::new(&url) else {
            return;
        };
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                if let Some(text) = event.data().as_string()
                    && let Ok(latest) = serde_json::from_str::<Attendance>(&text)
                {
                    attendance.set(latest);
                }
            },
        );
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let source = send_wrapper::SendWrapper::new(source);
        on_cleanup(move || source.close());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (edition_id, attendance);
}

#[component]
fn Arrivals(attendance: RwSignal<Attendance>) -> impl IntoView {
    let i18n = use_i18n();
    let arrived = move || attendance.with(|a| a.arrived);
    let approved = move || attendance.with(|a| a.approved);
    let flagged = move || attendance.with(|a| a.flagged);
    view! {
        <section class="stack" data-section="arrivals" aria-live="polite">
            <h2>{t!(i18n, checkin_arrivals)}</h2>
            <p class="figure" data-arrived=arrived data-approved=approved>
                {move || t!(i18n, checkin_arrived_count, arrived = arrived(), approved = approved())}
            </p>
            {move || (flagged() > 0).then(|| view! {
                <p class="banner warning" data-flagged=flagged>{t!(i18n, checkin_flagged, count = flagged)}</p>
            })}
            <HourChart hours=Signal::derive(move || attendance.with(|a| a.by_hour.clone())) />
            <div class="row wrap">
                <Tallies title=t_string!(i18n, checkin_by_category).to_string() name="category"
                    rows=Signal::derive(move || attendance.with(|a| a.by_category.iter().map(|t| Tally {
                        label: Category::parse(&t.label)
                            .map(|c| category_label(i18n, c))
                            .unwrap_or_else(|_| t.label.clone()),
                        people: t.people,
                    }).collect())) />
                <Tallies title=t_string!(i18n, checkin_by_delegation).to_string() name="delegation"
                    rows=Signal::derive(move || attendance.with(|a| a.by_delegation.clone())) />
                <Tallies title=t_string!(i18n, checkin_by_member).to_string() name="member"
                    rows=Signal::derive(move || attendance.with(|a| a.by_member.clone())) />
            </div>
            <h3>{t!(i18n, checkin_lists)}</h3>
            <table data-table="lists">
                <thead><tr>
                    <th>{t!(i18n, checkin_list)}</th>
                    <th>{t!(i18n, checkin_people)}</th>
                    <th>{t!(i18n, checkin_places)}</th>
                </tr></thead>
                <tbody>
                    {move || attendance.with(|a| a.lists.clone()).into_iter().map(|l| view! {
                        <tr data-list=l.key.to_string() data-people=l.people>
                            <td>{l.title.clone()} {l.invitation_only.then(|| view! { " " <span class="pill">{t!(i18n, checkin_invitation_only)}</span> })}</td>
                            <td>{l.people}</td>
                            <td>{l.places.map(|p| p.to_string()).unwrap_or_else(|| "—".to_owned())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn Tallies(title: String, name: &'static str, rows: Signal<Vec<Tally>>) -> impl IntoView {
    view! {
        <div class="card">
            <h3>{title}</h3>
            <table data-table=name>
                <tbody>
                    {move || rows.get().into_iter().map(|t| view! {
                        <tr><td dir="auto">{t.label}</td><td>{t.people}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Arrivals per hour as bars (an SVG that prints in black and white).
#[component]
fn HourChart(hours: Signal<Vec<HourTally>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <figure class="chart" data-chart="hours">
            {move || {
                let hours = hours.get();
                let top = hours.iter().map(|h| h.people).max().unwrap_or(0).max(1);
                let width = (hours.len().max(1) * 48) as u32;
                view! {
                    <svg viewBox=format!("0 0 {width} 160") width=width height="160" role="img"
                        aria-label=t_string!(i18n, checkin_per_hour).to_string()>
                        {hours.into_iter().enumerate().map(|(i, h)| {
                            let height = (h.people * 120 / top).max(1);
                            let x = (i * 48 + 8) as u32;
                            view! {
                                <g>
                                    <rect x=x y=130 - height width="32" height=height fill="currentColor" />
                                    <text x=x + 16 y=128 - height text-anchor="middle" font-size="11">{h.people}</text>
                                    <text x=x + 16 y="148" text-anchor="middle" font-size="10">{h.local.format("%H:00").to_string()}</text>
                                    <title>{format!("{}: {}", h.local.format("%Y-%m-%d %H:00"), h.people)}</title>
                                </g>
                            }
                        }).collect_view()}
                    </svg>
                }
            }}
            <figcaption>{t!(i18n, checkin_per_hour)}</figcaption>
        </figure>
    }
}

#[component]
fn Devices(devices: Vec<DeviceView>, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let supervisor = RwSignal::new(false);
    let register_error =
        Signal::derive(move || actions.register.value().get().and_then(Result::err));
    let row_error = Signal::derive(move || {
        actions
            .revoke
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| actions.pair_again.value().get().and_then(Result::err))
    });
    let pairing = Signal::derive(move || {
        actions
            .register
            .value()
            .get()
            .and_then(Result::ok)
            .or_else(|| actions.pair_again.value().get().and_then(Result::ok))
    });
    view! {
        <section class="stack" data-section="devices">
            <h2>{t!(i18n, checkin_devices)}</h2>
            <form method="post" class="stack card" novalidate data-form="device"
                on:submit=move |ev| {
                    ev.prevent_default();
                    actions.register.dispatch((name.get_untracked(), supervisor.get_untracked()));
                }>
                {form_banner(i18n, register_error)}
                <label class="field">
                    <span>{t!(i18n, checkin_device_name)}</span>
                    <input name="name" maxlength="80" required bind:value=name />
                </label>
                <label class="check">
                    <input type="checkbox" name="supervisor" bind:checked=supervisor />
                    {t!(i18n, checkin_supervisor)}
                </label>
                <div>
                    <button type="submit" data-action="register-device" disabled=move || actions.register.pending().get()>
                        {t!(i18n, checkin_register)}
                    </button>
                </div>
            </form>
            {move || pairing.get().map(|p| view! { <PairingCard pairing=p /> })}
            {form_banner(i18n, row_error)}
            <table data-table="devices">
                <thead><tr>
                    <th>{t!(i18n, checkin_device)}</th>
                    <th>{t!(i18n, checkin_state)}</th>
                    <th class="optional">{t!(i18n, checkin_last_seen)}</th>
                    <th>{t!(i18n, checkin_scans)}</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    {devices.into_iter().map(|d| {
                        let id = d.id;
                        let revoked = d.revoked_at.is_some();
                        let state = if revoked {
                            t_string!(i18n, checkin_revoked).to_string()
                        } else if d.paired_at.is_some() {
                            t_string!(i18n, checkin_paired).to_string()
                        } else {
                            t_string!(i18n, checkin_waiting).to_string()
                        };
                        view! {
                            <tr data-device=d.id data-revoked=if revoked { "yes" } else { "no" }>
                                <td>{d.name.clone()} {d.supervisor.then(|| view! { " " <span class="pill">{t!(i18n, checkin_supervisor_short)}</span> })}</td>
                                <td>{state}</td>
                                <td class="optional">{d.last_seen_at.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_default()}</td>
                                <td>{d.scans}</td>
                                <td>
                                    {(!revoked).then(|| view! {
                                        <button type="button" class="secondary" data-action="pair-again"
                                            on:click=move |_| { actions.pair_again.dispatch(id); }>
                                            {t!(i18n, checkin_pair_again)}
                                        </button>
                                        " "
                                        <button type="button" class="danger" data-action="revoke-device"
                                            on:click=move |_| { actions.revoke.dispatch(id); }>
                                            {t!(i18n, checkin_revoke)}
                                        </button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn PairingCard(pairing: Pairing) -> impl IntoView {
    let i18n = use_i18n();
    let shown = super::domain::show_pairing_code(&pairing.code);
    view! {
        <div class="card stack pairing" data-pairing=pairing.device.id role="status">
            <h3>{t!(i18n, checkin_pair_title, name = pairing.device.name.clone())}</h3>
            <div class="qr" inner_html=pairing.qr_svg.clone()></div>
            <p>{t!(i18n, checkin_pair_code)} " " <strong class="code" data-code=pairing.code.clone()>{shown}</strong></p>
            <p class="muted">{t!(i18n, checkin_pair_expires, at = pairing.expires_at.format("%H:%M UTC").to_string())}</p>
            <p class="muted"><a href=pairing.url.clone() rel="external">{pairing.url.clone()}</a></p>
        </div>
    }
}
