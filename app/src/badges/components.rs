//! `/editions/{id}/badges`: print badges in batches (with their progress),
//! one person's badge, reprints; and the signing keys.

use leptos::prelude::*;

use super::server_fns::{
    batch_progress, load_badges, reprint_badge, revoke_badge_key, rotate_badge_key, start_batch,
};
use super::types::{BadgeLayout, BadgeRow, BadgesOverview, BatchStatus, BatchView, KeyView};
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::error::AppError;
use crate::i18n::*;
use crate::registration::components::category_label;
use crate::registration::types::Category;
use crate::ui::{Loaded, Problem, form_banner, route_id};

pub fn layout_label(i18n: leptos_i18n::I18nContext<Locale>, layout: BadgeLayout) -> String {
    match layout {
        BadgeLayout::FourA6OnA4 => t_string!(i18n, badges_layout_a6_on_a4),
        BadgeLayout::DoubleA6OnA4 => t_string!(i18n, badges_layout_a6_double_on_a4),
        BadgeLayout::SixOnLetter => t_string!(i18n, badges_layout_4x3_on_letter),
        BadgeLayout::A6 => t_string!(i18n, badges_layout_a6),
        BadgeLayout::FourByThree => t_string!(i18n, badges_layout_4x3),
        BadgeLayout::Card => t_string!(i18n, badges_layout_card),
    }
    .to_string()
}

/// What the batch form sends.
#[derive(Clone, Default)]
struct BatchForm {
    layout: String,
    /// `all`, `category:X`, `delegation:N` or `member:N`.
    who: String,
    only_unprinted: bool,
}

fn api_base(edition_id: i64) -> String {
    format!("/api/v1/editions/{edition_id}")
}

/// Asks again for a working batch's progress until it is done.
fn follow(batch: RwSignal<Option<BatchView>>, edition_id: i64) {
    set_timeout(
        move || {
            leptos::task::spawn_local(async move {
                let Some(current) = batch.get_untracked() else {
                    return;
                };
                match batch_progress(edition_id, current.id).await {
                    Ok(view) => {
                        let working = view.status == BatchStatus::Working;
                        batch.set(Some(view));
                        if working {
                            follow(batch, edition_id);
                        }
                    }
                    // A blip in the network: ask again a little later.
                    Err(_) => follow(batch, edition_id),
                }
            })
        },
        std::time::Duration::from_millis(400),
    );
}

#[component]
pub fn BadgesPage() -> impl IntoView {
    let id = route_id();
    // Made outside the guard's suspense (see ReviewPage).
    let start = Action::new(move |form: &BatchForm| {
        let form = form.clone();
        let edition_id = id.get_untracked().unwrap_or_default();
        async move {
            let (mut category, mut delegation, mut member) = (String::new(), None, None);
            match form.who.split_once(':') {
                Some(("category", c)) => category = c.to_owned(),
                Some(("delegation", d)) => delegation = d.parse().ok(),
                Some(("member", m)) => member = m.parse().ok(),
                _ => {}
            }
            start_batch(
                edition_id,
                form.layout,
                category,
                delegation,
                member,
                None,
                form.only_unprinted,
            )
            .await
        }
    });
    let reprint = Action::new(move |registration: &i64| {
        let (registration, edition_id) = (*registration, id.get_untracked().unwrap_or_default());
        async move { reprint_badge(edition_id, registration).await }
    });
    let rotate = Action::new(move |_: &()| {
        let edition_id = id.get_untracked().unwrap_or_default();
        async move { rotate_badge_key(edition_id).await }
    });
    let revoke = Action::new(move |key: &i64| {
        let (key, edition_id) = (*key, id.get_untracked().unwrap_or_default());
        async move { revoke_badge_key(edition_id, key).await }
    });
    let batch = RwSignal::new(None::<BatchView>);
    Effect::new(move |_| {
        if let Some(Ok(view)) = start.value().get() {
            let working = view.status == BatchStatus::Working;
            batch.set(Some(view));
            if working {
                follow(batch, id.get_untracked().unwrap_or_default());
            }
        }
    });
    let finished = Memo::new(move |_| {
        batch
            .get()
            .filter(|b| b.status != BatchStatus::Working)
            .map(|b| b.id)
    });
    let overview = Resource::new(
        move || {
            (
                id.get(),
                finished.get(),
                reprint.version().get(),
                rotate.version().get(),
                revoke.version().get(),
            )
        },
        |(id, ..)| async move { load_badges(id.ok_or(AppError::NotFound)?).await },
    );
    let actions = Actions {
        start,
        reprint,
        rotate,
        revoke,
        batch,
    };
    view! {
        <Guard operation=Operation::PrintBadges>
            <Loaded
                resource=overview
                render=move |overview| view! { <Badges overview actions /> }.into_any()
            />
        </Guard>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    start: Action<BatchForm, Result<BatchView, AppError>>,
    reprint: Action<i64, Result<i32, AppError>>,
    rotate: Action<(), Result<KeyView, AppError>>,
    revoke: Action<i64, Result<KeyView, AppError>>,
    batch: RwSignal<Option<BatchView>>,
}

#[component]
fn Badges(overview: BadgesOverview, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let edition_id = route_id().get_untracked().unwrap_or_default();
    let api = api_base(edition_id);
    let layout = RwSignal::new(BadgeLayout::default().as_str().to_owned());
    let who = RwSignal::new("all".to_owned());
    let only_unprinted = RwSignal::new(false);
    let start_error = Signal::derive(move || actions.start.value().get().and_then(Result::err));
    let printed = overview
        .rows
        .iter()
        .filter(|r| r.printed_at.is_some())
        .count();
    let total = overview.rows.len();
    let categories: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|c| overview.rows.iter().any(|r| r.category == *c))
        .collect();
    let delegations = overview.delegations.clone();
    let members = overview.members.clone();
    let progress = {
        let api = api.clone();
        move || {
            actions.batch.get().map(|b| {
                let download = format!("{api}/badges/batches/{}/badges.pdf", b.id);
                let (done, total) = (b.done, b.total);
                view! {
                    <div class="card stack" data-batch=b.id data-status=b.status.as_str() role="status" aria-live="polite">
                        <progress max=total value=done></progress>
                        {match b.status {
                            BatchStatus::Working => view! {
                                <p>{t!(i18n, badges_batch_working, done, total)}</p>
                            }.into_any(),
                            BatchStatus::Ready => view! {
                                <p>
                                    {t!(i18n, badges_batch_ready, count = move || total)} " "
                                    <a href=download rel="external" download data-download="batch">{t!(i18n, badges_download)}</a>
                                </p>
                            }.into_any(),
                            BatchStatus::Failed => view! {
                                <p class="banner error">{t!(i18n, badges_batch_failed)} " " {b.error.clone().unwrap_or_default()}</p>
                            }.into_any(),
                        }}
                    </div>
                }
            })
        }
    };
    let reprint_error = Signal::derive(move || actions.reprint.value().get().and_then(Result::err));
    let rows = overview.rows.clone();
    let row_api = api.clone();
    let row_layout = layout;
    view! {
        <h1>{t!(i18n, badges_title)}</h1>
        <p class="muted">{t!(i18n, badges_hint)}</p>
        <p data-printed=printed data-total=total>{t!(i18n, badges_printed_count, printed, total)}</p>
        <form method="post"
            class="stack card"
            novalidate
            data-form="batch"
            on:submit=move |ev| {
                ev.prevent_default();
                actions.start.dispatch(BatchForm {
                    layout: layout.get_untracked(),
                    who: who.get_untracked(),
                    only_unprinted: only_unprinted.get_untracked(),
                });
            }
        >
            <h2>{t!(i18n, badges_batch)}</h2>
            {form_banner(i18n, start_error)}
            <div class="row">
                <label class="field">
                    <span>{t!(i18n, badges_who)}</span>
                    <select name="who" bind:value=who>
                        <option value="all">{t!(i18n, badges_everyone)}</option>
                        <optgroup label=move || t_string!(i18n, badges_by_category).to_string()>
                            {categories.into_iter().map(|c| view! {
                                <option value=format!("category:{}", c.as_str())>{move || category_label(i18n, c)}</option>
                            }).collect_view()}
                        </optgroup>
                        <optgroup label=move || t_string!(i18n, badges_by_delegation).to_string()>
                            {delegations.into_iter().map(|(d, name)| view! {
                                <option value=format!("delegation:{d}")>{name}</option>
                            }).collect_view()}
                        </optgroup>
                        <optgroup label=move || t_string!(i18n, badges_by_member).to_string()>
                            {members.into_iter().map(|(m, name)| view! {
                                <option value=format!("member:{m}")>{name}</option>
                            }).collect_view()}
                        </optgroup>
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, badges_layout)}</span>
                    <select name="layout" bind:value=layout>
                        {BadgeLayout::ALL.into_iter().map(|l| view! {
                            <option value=l.as_str()>{move || layout_label(i18n, l)}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <label class="check">
                <input type="checkbox" name="only_unprinted" bind:checked=only_unprinted />
                {t!(i18n, badges_only_unprinted)}
            </label>
            <div>
                <button type="submit" data-action="make-batch" disabled=move || actions.start.pending().get()>
                    {t!(i18n, badges_make)}
                </button>
            </div>
            {progress}
        </form>
        <Batches batches=overview.batches.clone() api=api.clone() />
        <h2>{t!(i18n, badges_people)}</h2>
        {form_banner(i18n, reprint_error)}
        <table data-table="badges">
            <thead>
                <tr>
                    <th>{t!(i18n, badges_person)}</th>
                    <th class="optional">{t!(i18n, badges_category)}</th>
                    <th class="optional">{t!(i18n, badges_member)}</th>
                    <th>{t!(i18n, badges_version)}</th>
                    <th>{t!(i18n, badges_printed)}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| view! { <Row row api=row_api.clone() layout=row_layout reprint=actions.reprint /> }).collect_view()}
            </tbody>
        </table>
        <Keys keys=overview.keys.clone() manage=overview.manage_keys actions />
    }
}

#[component]
fn Row(
    row: BadgeRow,
    api: String,
    layout: RwSignal<String>,
    reprint: Action<i64, Result<i32, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = row.registration_id;
    let pdf = move || format!("{api}/registrations/{id}/badge.pdf?layout={}", layout.get());
    let category = row.category;
    let confirm_text = move || t_string!(i18n, badges_reprint_confirm).to_string();
    let printed = row.printed_at.map(|at| at.date_naive());
    view! {
        <tr data-registration=id data-version=row.version>
            <td>
                <span>{row.name_native.clone()}</span>
                {(row.name_native != row.name_latin).then(|| view! { <span class="muted">" · " {row.name_latin.clone()}</span> })}
            </td>
            <td class="optional">{move || category_label(i18n, category)}</td>
            <td class="optional">{row.member_name.clone().unwrap_or_default()}</td>
            <td>{row.version}</td>
            <td data-printed={if printed.is_some() { "yes" } else { "no" }}>
                {match printed {
                    Some(day) => view! {
                        <span>{move || crate::ui::dates::long_date(i18n.get_locale(), day)} " · " {row.printed_by.clone().unwrap_or_default()}</span>
                    }.into_any(),
                    None => view! { <span class="muted">{t!(i18n, badges_not_printed)}</span> }.into_any(),
                }}
            </td>
            <td class="actions">
                <a class="button small secondary" href=pdf rel="external" download data-action="badge-pdf">{t!(i18n, badges_pdf)}</a>
                <button
                    type="button"
                    class="small danger"
                    data-action="reprint"
                    on:click=move |_| {
                        if crate::ui::confirm(&confirm_text()) {
                            reprint.dispatch(id);
                        }
                    }
                >
                    {t!(i18n, badges_reprint)}
                </button>
            </td>
        </tr>
    }
}

#[component]
fn Batches(batches: Vec<BatchView>, api: String) -> impl IntoView {
    let i18n = use_i18n();
    (!batches.is_empty()).then(|| {
        view! {
            <h2>{t!(i18n, badges_recent_batches)}</h2>
            <ul class="plain" data-list="batches">
                {batches.into_iter().map(|b| {
                    let link = format!("{api}/badges/batches/{}/badges.pdf", b.id);
                    let day = b.created_at.date_naive();
                    let (total, layout) = (b.total, b.layout);
                    view! {
                        <li data-batch=b.id data-status=b.status.as_str()>
                            {move || crate::ui::dates::long_date(i18n.get_locale(), day)} " · "
                            {t!(i18n, badges_batch_size, count = move || total)} " · " {move || layout_label(i18n, layout)} " · "
                            {match b.status {
                                BatchStatus::Ready => view! { <a href=link rel="external" download>{t!(i18n, badges_download)}</a> }.into_any(),
                                BatchStatus::Working => view! { <span>{t!(i18n, badges_working)}</span> }.into_any(),
                                BatchStatus::Failed => view! { <span class="error">{t!(i18n, badges_batch_failed)}</span> }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
fn Keys(keys: Vec<KeyView>, manage: bool, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || {
        actions
            .rotate
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| actions.revoke.value().get().and_then(Result::err))
    });
    let revoke_text = move || t_string!(i18n, badges_revoke_confirm).to_string();
    view! {
        <h2>{t!(i18n, badges_keys)}</h2>
        <p class="muted">{t!(i18n, badges_keys_hint)}</p>
        {move || error.get().map(|error| view! { <Problem error /> })}
        <ul class="plain" data-list="keys">
            {keys.into_iter().map(|k| {
                let id = k.id;
                let day = k.created_at.date_naive();
                let revoked = k.revoked_at.is_some();
                view! {
                    <li data-key=id data-revoked={if revoked { "yes" } else { "no" }}>
                        <code>{format!("#{id} {}…", &k.public_key[..k.public_key.len().min(16)])}</code> " · "
                        {move || crate::ui::dates::long_date(i18n.get_locale(), day)}
                        {revoked.then(|| view! { " · " <strong>{t!(i18n, badges_key_revoked)}</strong> })}
                        {(manage && !revoked).then(|| view! {
                            " "
                            <button type="button" class="small danger" data-action="revoke-key"
                                on:click=move |_| { if crate::ui::confirm(&revoke_text()) { actions.revoke.dispatch(id); } }>
                                {t!(i18n, badges_revoke)}
                            </button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        {manage.then(|| view! {
            <button type="button" class="secondary" data-action="rotate-key" on:click=move |_| { actions.rotate.dispatch(()); }>
                {t!(i18n, badges_rotate)}
            </button>
        })}
    }
}
