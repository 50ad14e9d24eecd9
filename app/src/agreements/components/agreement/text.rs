//! The agreement's text in two columns, and its versions compared.

use super::*;

#[component]
pub(super) fn Text(agreement: AgreementView, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let (la, lb) = (agreement.language_a.clone(), agreement.language_b.clone());
    if !agreement.editable {
        return view! {
            <section class="card stack" data-section="text">
                <p class="muted">{t!(i18n, agreements_text_frozen)}</p>
                <div class="columns" data-columns="">
                    {agreement.clauses.into_iter().map(|c| view! {
                        <div class="clause-a" lang=la.clone() dir="auto"><h3>{c.a.heading}</h3><p class="pre">{c.a.body}</p></div>
                        <div class="clause-b" lang=lb.clone() dir="auto"><h3>{c.b.heading}</h3><p class="pre">{c.b.body}</p></div>
                    }).collect_view()}
                </div>
            </section>
        }
        .into_any();
    }
    let id = agreement.id;
    let base = agreement.latest_version;
    let title = RwSignal::new(agreement.title.clone());
    let note = RwSignal::new(String::new());
    let rows = clause_rows(&agreement.clauses);
    let save = Action::new(move |input: &TextInput| {
        let input = input.clone();
        async move { save_agreement_text(id, input).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let error = action_error(save);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(TextInput {
            title: title.get_untracked(),
            clauses: clauses_of(rows),
            note: note.get_untracked(),
            base_version: base,
        });
    };
    view! {
        <form method="post" class="stack" data-form="text" novalidate on:submit=submit>
            <EditedMeanwhile error reload=changed />
            {form_banner(i18n, other_refusal(error))}
            <Field name="title" input="text-title" label=move || t!(i18n, agreements_title_field) error>
                <input id="text-title" maxlength="200" dir="auto" bind:value=title />
            </Field>
            <ClauseEditor rows language_a=Signal::derive(move || la.clone()) language_b=Signal::derive(move || lb.clone()) error />
            <Field name="note" input="text-note" label=move || t!(i18n, agreements_change_note) error>
                <input id="text-note" maxlength="200" dir="auto" bind:value=note />
            </Field>
            <div><button type="submit" data-action="save-text" disabled=move || save.pending().get()>{t!(i18n, agreements_save_version)}</button></div>
        </form>
    }
    .into_any()
}

#[component]
pub(super) fn Versions(
    agreement: AgreementView,
    versions: Resource<Result<Vec<crate::agreements::types::VersionView>, AppError>>,
    comments: Comments,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = agreement.id;
    let latest = agreement.latest_version;
    let from = RwSignal::new((latest - 1).max(1));
    let to = RwSignal::new(latest);
    let compare = Action::new(move |(from, to): &(i32, i32)| {
        let (from, to) = (*from, *to);
        async move { compare_versions(id, from, to).await }
    });
    let shown = Signal::derive(move || comments.shown.get().unwrap_or(latest));
    let reload_comments = comments.reload;
    let body = RwSignal::new(String::new());
    let comment = Action::new(move |(number, text): &(i32, String)| {
        let (number, text) = (*number, text.clone());
        async move { add_comment(id, number, text).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = comment.value().get() {
            body.set(String::new());
            reload_comments.update(|n| *n += 1);
        }
    });
    let comment_error = action_error(comment);
    let (la, lb) = (agreement.language_a.clone(), agreement.language_b.clone());
    view! {
        <section class="stack" data-section="versions">
            <Loaded resource=versions render=move |list| view! {
                <div class="table-scroll">
                    <table data-table="versions">
                        <thead><tr>
                            <th>{t!(i18n, agreements_version)}</th>
                            <th>{t!(i18n, agreements_change_note)}</th>
                            <th>{t!(i18n, audit_actor)}</th>
                            <th>{t!(i18n, audit_when)}</th>
                            <th>{t!(i18n, agreements_from)}</th>
                            <th>{t!(i18n, agreements_to)}</th>
                            <th>{t!(i18n, agreements_comments)}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|v| {
                                let n = v.number;
                                view! {
                                    <tr data-version=n>
                                        <td>{n}</td>
                                        <td dir="auto">{v.note.clone()}</td>
                                        <td>{v.created_by.clone().unwrap_or_default()}</td>
                                        <td>{v.created_at.format("%Y-%m-%d %H:%M UTC").to_string()}</td>
                                        <td><input type="radio" name="from" data-from=n checked=move || from.get() == n on:change=move |_| from.set(n)
                                            aria-label=move || t_string!(i18n, agreements_from).to_string() /></td>
                                        <td><input type="radio" name="to" data-to=n checked=move || to.get() == n on:change=move |_| to.set(n)
                                            aria-label=move || t_string!(i18n, agreements_to).to_string() /></td>
                                        <td><button type="button" class="secondary small" data-comments=n on:click=move |_| comments.shown.set(Some(n))>
                                            {v.comments} " " {t!(i18n, agreements_comments)}
                                        </button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any() />
            <div><button type="button" data-action="compare" on:click=move |_| { compare.dispatch((from.get_untracked(), to.get_untracked())); }>
                {t!(i18n, agreements_compare)}
            </button></div>
            {move || compare.value().get().map(|result| match result {
                Ok(c) => view! {
                    <div class="card stack" data-section="comparison">
                        <p>{t_string!(i18n, agreements_compared, from = c.from, to = c.to, added = c.words_added, removed = c.words_removed).to_string()}</p>
                        <div class="columns">
                            <div class="diff" lang=la.clone() dir="auto" data-diff="a">{pieces(c.a)}</div>
                            <div class="diff" lang=lb.clone() dir="auto" data-diff="b">{pieces(c.b)}</div>
                        </div>
                    </div>
                }.into_any(),
                Err(error) => view! { <crate::ui::Problem error /> }.into_any(),
            })}
            <div class="card stack" data-section="comments">
                <h2>{move || t_string!(i18n, agreements_comments_on, number = shown.get()).to_string()}</h2>
                <Loaded resource=comments.list render=move |list| view! {
                    <ul class="stack">
                        {list.into_iter().map(|c| view! {
                            <li data-comment=c.id><strong>{c.author.unwrap_or_default()}</strong> " · " {c.created_at.format("%Y-%m-%d %H:%M UTC").to_string()}
                                <p class="pre" dir="auto">{c.body}</p></li>
                        }).collect_view()}
                    </ul>
                }.into_any() />
                <form method="post" class="stack" data-form="comment" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    comment.dispatch((shown.get_untracked(), body.get_untracked()));
                }>
                    <Field name="body" input="comment-body" label=move || t!(i18n, agreements_comment) error=comment_error>
                        <textarea id="comment-body" rows="3" maxlength="4000" dir="auto" bind:value=body></textarea>
                    </Field>
                    <div><button type="submit" class="secondary" disabled=move || comment.pending().get()>{t!(i18n, agreements_add_comment)}</button></div>
                </form>
            </div>
        </section>
    }
}

/// A comparison's pieces: added words underlined (`ins`), removed struck
/// through (`del`); the marks carry it, not colour alone.
fn pieces(list: Vec<DiffPiece>) -> impl IntoView {
    list.into_iter()
        .map(|p| match p.op {
            DiffOp::Same => view! { <span class="pre">{p.text}</span> }.into_any(),
            DiffOp::Added => view! { <ins class="pre">{p.text}</ins> }.into_any(),
            DiffOp::Removed => view! { <del class="pre">{p.text}</del> }.into_any(),
        })
        .collect_view()
}
