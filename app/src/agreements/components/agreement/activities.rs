//! The follow-up activities of an agreement and their progress notes.

use super::*;

fn activity_status_label(i18n: leptos_i18n::I18nContext<Locale>, s: ActivityStatus) -> String {
    match s {
        ActivityStatus::Planned => t_string!(i18n, activity_status_planned),
        ActivityStatus::InProgress => t_string!(i18n, activity_status_in_progress),
        ActivityStatus::Done => t_string!(i18n, activity_status_done),
        ActivityStatus::Cancelled => t_string!(i18n, activity_status_cancelled),
    }
    .to_string()
}

/// The comments shown on the versions tab: of one version (the latest
/// until another is chosen), read again after one is added.

#[component]
pub(super) fn Activities(
    agreement: AgreementView,
    activities: Resource<Result<Vec<ActivityView>, AppError>>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = agreement.id;
    let takes = matches!(
        agreement.status,
        AgreementStatus::Signed | AgreementStatus::InImplementation
    );
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let owner = RwSignal::new(
        agreement
            .parties
            .first()
            .map(|p| p.id.to_string())
            .unwrap_or_default(),
    );
    let contact_name = RwSignal::new(String::new());
    let contact_email = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let add = Action::new(move |input: &ActivityInput| {
        let input = input.clone();
        async move { save_activity(id, None, input).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = add.value().get() {
            title.set(String::new());
            description.set(String::new());
            due.set(String::new());
            changed.update(|n| *n += 1);
        }
    });
    let error = action_error(add);
    let parties = agreement.parties.clone();
    view! {
        <section class="stack" data-section="activities">
            <Loaded resource=activities render=move |list| {
                if list.is_empty() {
                    return view! { <p class="card muted">{t!(i18n, agreements_no_activities)}</p> }.into_any();
                }
                list.into_iter().map(|a| view! { <ActivityCard activity=a changed /> }).collect_view().into_any()
            } />
            {if takes {
                view! {
                    <form method="post" class="card stack" data-form="activity" novalidate on:submit=move |ev| {
                        ev.prevent_default();
                        add.dispatch(ActivityInput {
                            title: title.get_untracked(),
                            description: description.get_untracked(),
                            owner_party_id: pick(owner.get_untracked()),
                            contact_name: contact_name.get_untracked(),
                            contact_email: contact_email.get_untracked(),
                            due_on: due.get_untracked(),
                            status: None,
                            version: 0,
                        });
                    }>
                        <h2>{t!(i18n, agreements_add_activity)}</h2>
                        {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
                        <Field name="title" input="activity-title" label=move || t!(i18n, agreements_title_field) error>
                            <input id="activity-title" maxlength="200" dir="auto" bind:value=title />
                        </Field>
                        <Field name="description" input="activity-description" label=move || t!(i18n, agreements_description) error>
                            <textarea id="activity-description" rows="3" maxlength="4000" dir="auto" bind:value=description></textarea>
                        </Field>
                        <div class="row wrap">
                            <Field name="owner_party_id" input="activity-owner" label=move || t!(i18n, agreements_owner) error>
                                <select id="activity-owner" on:change=move |ev| owner.set(event_target_value(&ev))>
                                    {parties.clone().into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name}</option> }).collect_view()}
                                </select>
                            </Field>
                            <Field name="contact_name" input="activity-contact" label=move || t!(i18n, agreements_contact_name) error
                                hint=move || t!(i18n, agreements_contact_default)>
                                <input id="activity-contact" maxlength="200" dir="auto" bind:value=contact_name />
                            </Field>
                            <Field name="contact_email" input="activity-email" label=move || t!(i18n, agreements_contact_email) error>
                                <input id="activity-email" type="email" maxlength="254" bind:value=contact_email />
                            </Field>
                            <Field name="due_on" input="activity-due" label=move || t!(i18n, agreements_due_on) error>
                                <input id="activity-due" type="date" bind:value=due />
                            </Field>
                        </div>
                        <div><button type="submit" data-action="add-activity" disabled=move || add.pending().get()>{t!(i18n, agreements_add_activity)}</button></div>
                    </form>
                }.into_any()
            } else {
                view! { <p class="muted">{t!(i18n, msg_not_signed_yet)}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
pub(crate) fn ActivityCard(
    activity: ActivityView,
    changed: RwSignal<u32>,
    /// A party's contact's own page: their notes go through their own
    /// server function.
    #[prop(optional)]
    own: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let (agreement_id, activity_id) = (activity.agreement_id, activity.id);
    let body = RwSignal::new(String::new());
    let evidence = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let note = Action::new(move |input: &NoteInput| {
        let input = input.clone();
        async move {
            if own {
                crate::agreements::server_fns::add_my_note(activity_id, input).await
            } else {
                add_activity_note(agreement_id, activity_id, input).await
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = note.value().get() {
            body.set(String::new());
            evidence.set(String::new());
            changed.update(|n| *n += 1);
        }
    });
    let error = action_error(note);
    let st = activity.status;
    let input_id = move |name: &str| format!("note-{activity_id}-{name}");
    let statuses: Vec<ActivityStatus> = if own {
        vec![ActivityStatus::InProgress, ActivityStatus::Done]
    } else {
        ActivityStatus::ALL.to_vec()
    };
    view! {
        <article class="card stack" data-activity=activity.id data-overdue=activity.overdue.to_string() data-activity-status=activity.status.as_str()>
            <h3 dir="auto">{activity.title.clone()}</h3>
            {own.then(|| view! { <p class="muted" dir="auto">{activity.agreement.clone()}</p> })}
            <p class="row wrap">
                <span class="badge">{move || activity_status_label(i18n, st)}</span>
                {activity.overdue.then(|| view! { <strong class="badge danger" data-badge="overdue">{t!(i18n, agreements_overdue)}</strong> })}
                <span>{t!(i18n, agreements_due_on)} ": " {activity.due_on.to_string()}</span>
                <span dir="auto">{t!(i18n, agreements_owner)} ": " {activity.owner.clone()} " · " {activity.contact_name.clone()} " " {activity.contact_email.clone()}</span>
            </p>
            {(!activity.description.is_empty()).then(|| view! { <p class="pre" dir="auto">{activity.description.clone()}</p> })}
            <ul class="stack" data-notes="">
                {activity.notes.iter().map(|n| view! {
                    <li>
                        <span class="muted">{n.noted_on.to_string()} " · " {n.author.clone().unwrap_or_default()}</span>
                        <p class="pre" dir="auto">{n.body.clone()}</p>
                        {(!n.evidence_url.is_empty()).then(|| view! {
                            <a href=n.evidence_url.clone() rel="noopener noreferrer nofollow" target="_blank">{t!(i18n, agreements_evidence)}</a>
                        })}
                    </li>
                }).collect_view()}
            </ul>
            {(!own).then(|| view! { <ActivityEdit activity=activity.clone() changed /> })}
            <form method="post" class="stack" data-form="note" novalidate on:submit=move |ev| {
                ev.prevent_default();
                note.dispatch(NoteInput {
                    body: body.get_untracked(),
                    evidence_url: evidence.get_untracked(),
                    status: ActivityStatus::parse(&status.get_untracked()).ok(),
                });
            }>
                <Field name="body" input=input_id("body") label=move || t!(i18n, agreements_progress_note) error>
                    <textarea id=input_id("body") rows="2" maxlength="4000" dir="auto" bind:value=body></textarea>
                </Field>
                <div class="row wrap">
                    <Field name="evidence_url" input=input_id("evidence") label=move || t!(i18n, agreements_evidence_link) error>
                        <input id=input_id("evidence") type="url" maxlength="2000" placeholder="https://" bind:value=evidence />
                    </Field>
                    <Field name="status" input=input_id("status") label=move || t!(i18n, agreements_status) error>
                        <select id=input_id("status") on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="">{t!(i18n, agreements_unchanged)}</option>
                            {statuses.into_iter().map(|s| view! { <option value=s.as_str()>{move || activity_status_label(i18n, s)}</option> }).collect_view()}
                        </select>
                    </Field>
                </div>
                {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
                <div><button type="submit" class="secondary" data-action="add-note" disabled=move || note.pending().get()>{t!(i18n, agreements_add_note)}</button></div>
            </form>
        </article>
    }
}

/// A coordinator changes an activity: title, description, due date, its
/// own contact (empty: the party's), status.
#[component]
fn ActivityEdit(activity: ActivityView, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let (agreement_id, activity_id) = (activity.agreement_id, activity.id);
    let (owner, version) = (activity.owner_party_id, activity.version);
    let title = RwSignal::new(activity.title.clone());
    let description = RwSignal::new(activity.description.clone());
    let due = RwSignal::new(activity.due_on.to_string());
    let named = activity.contact_named;
    let contact_name = RwSignal::new(if named {
        activity.contact_name.clone()
    } else {
        String::new()
    });
    let contact_email = RwSignal::new(if named {
        activity.contact_email.clone()
    } else {
        String::new()
    });
    let status = RwSignal::new(activity.status);
    let save = Action::new(move |input: &ActivityInput| {
        let input = input.clone();
        async move { save_activity(agreement_id, Some(activity_id), input).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let error = action_error(save);
    let id = move |name: &str| format!("edit-{activity_id}-{name}");
    view! {
        <details data-edit=activity_id>
            <summary>{t!(i18n, agreements_edit)}</summary>
            <form method="post" class="stack" data-form="activity-edit" novalidate on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(ActivityInput {
                    title: title.get_untracked(),
                    description: description.get_untracked(),
                    owner_party_id: Some(owner),
                    contact_name: contact_name.get_untracked(),
                    contact_email: contact_email.get_untracked(),
                    due_on: due.get_untracked(),
                    status: Some(status.get_untracked()),
                    version,
                });
            }>
                <EditedMeanwhile error />
                {form_banner(i18n, other_refusal(error))}
                <Field name="title" input=id("title") label=move || t!(i18n, agreements_title_field) error>
                    <input id=id("title") maxlength="200" dir="auto" bind:value=title />
                </Field>
                <Field name="description" input=id("description") label=move || t!(i18n, agreements_description) error>
                    <textarea id=id("description") rows="2" maxlength="4000" dir="auto" bind:value=description></textarea>
                </Field>
                <div class="row wrap">
                    <Field name="due_on" input=id("due") label=move || t!(i18n, agreements_due_on) error>
                        <input id=id("due") type="date" bind:value=due />
                    </Field>
                    <Field name="contact_name" input=id("contact") label=move || t!(i18n, agreements_contact_name) error
                        hint=move || t!(i18n, agreements_contact_default)>
                        <input id=id("contact") maxlength="200" dir="auto" bind:value=contact_name />
                    </Field>
                    <Field name="contact_email" input=id("email") label=move || t!(i18n, agreements_contact_email) error>
                        <input id=id("email") type="email" maxlength="254" bind:value=contact_email />
                    </Field>
                    <Field name="status" input=id("status") label=move || t!(i18n, agreements_status) error>
                        <select id=id("status") on:change=move |ev| {
                            if let Ok(s) = ActivityStatus::parse(&event_target_value(&ev)) { status.set(s); }
                        }>
                            {ActivityStatus::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() selected=move || status.get_untracked() == s>{move || activity_status_label(i18n, s)}</option>
                            }).collect_view()}
                        </select>
                    </Field>
                </div>
                <div><button type="submit" class="secondary" data-action="save-activity" disabled=move || save.pending().get()>{t!(i18n, save)}</button></div>
            </form>
        </details>
    }
}
