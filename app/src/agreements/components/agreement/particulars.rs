//! The particulars and parties of an agreement, and its signing.

use super::*;

#[component]
pub(super) fn Particulars(
    agreement: AgreementView,
    choices: Choices,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = agreement.id;
    let version = agreement.version;
    let signed = !agreement.editable && agreement.status != AgreementStatus::ReadyToSign;
    let text = |id: Option<i64>| id.map(|i| i.to_string()).unwrap_or_default();
    let committee = RwSignal::new(text(agreement.committee_id));
    let sector = RwSignal::new(agreement.sector.clone());
    let edition = RwSignal::new(text(agreement.edition_id));
    let initiative = RwSignal::new(text(agreement.initiative_id));
    let ceremony = RwSignal::new(text(agreement.ceremony_session_id));
    let rows = RwSignal::new(
        agreement
            .parties
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let row = PartyRow::new(i as u32);
                let row = PartyRow {
                    id: Some(p.id),
                    ..row
                };
                row.who.set(match (p.member_id, p.council_member_id) {
                    (Some(m), _) => format!("m:{m}"),
                    (_, Some(c)) => format!("c:{c}"),
                    _ => String::new(),
                });
                row.signatory_name.set(p.signatory_name.clone());
                row.signatory_title.set(p.signatory_title.clone());
                row.contact_name.set(p.contact_name.clone());
                row.contact_email.set(p.contact_email.clone());
                row.language.set(p.language.clone());
                row
            })
            .collect::<Vec<_>>(),
    );
    let save = Action::new(move |input: &AgreementInput| {
        let input = input.clone();
        async move { save_particulars(id, input).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let error = action_error(save);
    let link = Action::new(move |party_id: &i64| {
        let party_id = *party_id;
        async move { send_contact_link(id, party_id).await }
    });
    let option = move |list: Vec<crate::agreements::types::Named>, current: RwSignal<String>| {
        list.into_iter()
            .map(|n| {
                let value = n.id.to_string();
                let selected = current.get_untracked() == value;
                view! { <option value=value selected=selected>{move || n.name_in(i18n.get_locale())}</option> }
            })
            .collect_view()
    };
    let ceremonies = choices.ceremonies.clone();
    let party_choices = choices.clone();
    view! {
        <form method="post" class="stack" data-form="particulars" novalidate on:submit=move |ev| {
            ev.prevent_default();
            save.dispatch(AgreementInput {
                committee_id: pick(committee.get_untracked()),
                sector: sector.get_untracked(),
                edition_id: pick(edition.get_untracked()),
                initiative_id: pick(initiative.get_untracked()),
                ceremony_session_id: pick(ceremony.get_untracked()),
                parties: rows.get_untracked().iter().map(PartyRow::input).collect(),
                version,
            });
        }>
            {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
            <div class="card row wrap">
                <Field name="committee_id" input="p-committee" label=move || t!(i18n, agreements_committee) error>
                    <select id="p-committee" on:change=move |ev| committee.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, agreements_none_chosen)}</option>
                        {option(choices.committees.clone(), committee)}
                    </select>
                </Field>
                <Field name="sector" input="p-sector" label=move || t!(i18n, agreements_sector) error>
                    <input id="p-sector" maxlength="200" dir="auto" bind:value=sector />
                </Field>
                <Field name="edition_id" input="p-edition" label=move || t!(i18n, agreements_edition) error>
                    <select id="p-edition" on:change=move |ev| edition.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, agreements_none_chosen)}</option>
                        {option(choices.editions.clone(), edition)}
                    </select>
                </Field>
                <Field name="ceremony_session_id" input="p-ceremony" label=move || t!(i18n, agreements_ceremony) error>
                    <select id="p-ceremony" on:change=move |ev| ceremony.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, agreements_none_chosen)}</option>
                        {move || {
                            let edition_id = pick(edition.get());
                            ceremonies.iter().filter(|(e, _)| Some(*e) == edition_id).map(|(_, n)| {
                                let value = n.id.to_string();
                                let selected = ceremony.get_untracked() == value;
                                view! { <option value=value selected=selected>{n.name.clone()}</option> }
                            }).collect_view()
                        }}
                    </select>
                </Field>
                <Field name="initiative_id" input="p-initiative" label=move || t!(i18n, agreements_initiative) error>
                    <select id="p-initiative" on:change=move |ev| initiative.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, agreements_none_chosen)}</option>
                        {option(choices.initiatives.clone(), initiative)}
                    </select>
                </Field>
            </div>
            <PartyRows choices=party_choices rows error signed />
            <div><button type="submit" data-action="save-particulars" disabled=move || save.pending().get()>{t!(i18n, save)}</button></div>
        </form>
        <section class="card stack" data-section="contacts">
            <h2>{t!(i18n, agreements_contacts)}</h2>
            <p class="muted">{t!(i18n, agreements_contacts_hint)}</p>
            <ul class="stack">
                {agreement.parties.iter().filter(|p| !p.contact_email.is_empty()).map(|p| {
                    let party_id = p.id;
                    view! {
                        <li class="row wrap" data-contact=party_id>
                            <span dir="auto">{p.name.clone()} " — " {p.contact_name.clone()} " <" {p.contact_email.clone()} ">"</span>
                            <button type="button" class="secondary small" data-action="send-link" on:click=move |_| { link.dispatch(party_id); }>
                                {t!(i18n, agreements_send_link)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || link.value().get().map(|r| match r {
                Ok(()) => view! { <p class="banner ok" role="status">{t!(i18n, agreements_link_sent)}</p> }.into_any(),
                Err(error) => view! { <crate::ui::Problem error /> }.into_any(),
            })}
        </section>
    }
}

#[component]
pub(super) fn Signing(
    agreement: AgreementView,
    choices: Choices,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    if let Some(s) = agreement.signing.clone() {
        return view! {
            <section class="card stack" data-section="signing-record">
                <h2>{t!(i18n, agreements_signed_record)}</h2>
                <p>{t_string!(i18n, agreements_pdf_signed_at, place = s.place.clone(), day = s.signed_on.to_string(), edition = s.edition.clone()).to_string()}</p>
                <p class="muted">{move || t_string!(i18n, agreements_pdf_version, number = s.version_number).to_string()}</p>
                <ul>
                    {s.signatories.into_iter().map(|x| view! {
                        <li dir="auto">{x.party} ": " {x.name} ", " {x.title}</li>
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any();
    }
    if agreement.status != AgreementStatus::ReadyToSign {
        return view! { <p class="card muted" data-section="signing-wait">{t!(i18n, agreements_sign_when_ready)}</p> }
            .into_any();
    }
    let id = agreement.id;
    let version = agreement.version;
    let edition = RwSignal::new(
        agreement
            .edition_id
            .map(|e| e.to_string())
            .unwrap_or_default(),
    );
    let session = RwSignal::new(
        agreement
            .ceremony_session_id
            .map(|e| e.to_string())
            .unwrap_or_default(),
    );
    let day = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let signatories: Vec<(i64, String, RwSignal<String>, RwSignal<String>)> = agreement
        .parties
        .iter()
        .map(|p| {
            (
                p.id,
                p.name.clone(),
                RwSignal::new(p.signatory_name.clone()),
                RwSignal::new(p.signatory_title.clone()),
            )
        })
        .collect();
    let stored = StoredValue::new(signatories.clone());
    let sign = Action::new(move |input: &SigningInput| {
        let input = input.clone();
        async move { record_signing(id, input).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = sign.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let error = action_error(sign);
    let ceremonies = choices.ceremonies.clone();
    view! {
        <form method="post" class="card stack" data-form="signing" novalidate on:submit=move |ev| {
            ev.prevent_default();
            sign.dispatch(SigningInput {
                edition_id: pick(edition.get_untracked()),
                session_id: pick(session.get_untracked()),
                signed_on: day.get_untracked(),
                place: place.get_untracked(),
                signatories: stored.get_value().iter().map(|(party_id, _, name, title)| SignatoryInput {
                    party_id: *party_id,
                    name: name.get_untracked(),
                    title: title.get_untracked(),
                }).collect(),
                version,
            });
        }>
            <h2>{t!(i18n, agreements_record_signing)}</h2>
            {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
            <div class="row wrap">
                <Field name="edition_id" input="sign-edition" label=move || t!(i18n, agreements_edition) error>
                    <select id="sign-edition" on:change=move |ev| edition.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, agreements_choose)}</option>
                        {choices.editions.clone().into_iter().map(|n| {
                            let value = n.id.to_string();
                            let selected = edition.get_untracked() == value;
                            view! { <option value=value selected=selected>{n.name}</option> }
                        }).collect_view()}
                    </select>
                </Field>
                <Field name="session_id" input="sign-session" label=move || t!(i18n, agreements_ceremony) error>
                    <select id="sign-session" on:change=move |ev| session.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, agreements_none_chosen)}</option>
                        {move || {
                            let edition_id = pick(edition.get());
                            ceremonies.iter().filter(|(e, _)| Some(*e) == edition_id).map(|(_, n)| {
                                let value = n.id.to_string();
                                let selected = session.get_untracked() == value;
                                view! { <option value=value selected=selected>{n.name.clone()}</option> }
                            }).collect_view()
                        }}
                    </select>
                </Field>
                <Field name="signed_on" input="sign-day" label=move || t!(i18n, agreements_signed_on) error>
                    <input id="sign-day" type="date" bind:value=day />
                </Field>
                <Field name="place" input="sign-place" label=move || t!(i18n, agreements_place) error>
                    <input id="sign-place" maxlength="200" dir="auto" bind:value=place />
                </Field>
            </div>
            <fieldset class="stack">
                <legend>{t!(i18n, agreements_signatories)}</legend>
                {signatories.into_iter().enumerate().map(|(i, (_, party, name, title))| view! {
                    <div class="row wrap" data-signatory=i>
                        <strong dir="auto">{party}</strong>
                        <Field name=format!("signatories.{i}.name") input=format!("sign-{i}-name") label=move || t!(i18n, agreements_signatory_name) error>
                            <input id=format!("sign-{i}-name") maxlength="200" dir="auto" bind:value=name />
                        </Field>
                        <Field name=format!("signatories.{i}.title") input=format!("sign-{i}-title") label=move || t!(i18n, agreements_signatory_title) error>
                            <input id=format!("sign-{i}-title") maxlength="200" dir="auto" bind:value=title />
                        </Field>
                    </div>
                }).collect_view()}
            </fieldset>
            <p class="muted">{t!(i18n, agreements_signing_freezes)}</p>
            <div><button type="submit" data-action="record-signing" disabled=move || sign.pending().get()>{t!(i18n, agreements_record_signing)}</button></div>
        </form>
    }
    .into_any()
}
