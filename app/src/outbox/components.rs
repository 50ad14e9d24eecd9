//! The outbox page: what was sent, what waits, and why.

use leptos::prelude::*;

use super::server_fns::list_outbox;
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::i18n::*;
use crate::mail::types::{MessageStatus, MessageView};
use crate::paging::Paged;
use crate::ui::{Loaded, Pager};

fn status_label(i18n: leptos_i18n::I18nContext<Locale>, status: MessageStatus) -> String {
    match status {
        MessageStatus::Pending => t_string!(i18n, mail_pending),
        MessageStatus::Sending => t_string!(i18n, mail_sending),
        MessageStatus::Sent => t_string!(i18n, mail_sent),
    }
    .to_string()
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let page = RwSignal::new(1u32);
    let messages = Resource::new(move || page.get(), list_outbox);
    let render = move |paged: Paged<MessageView>| {
        let (pages, total) = (paged.pages(), paged.total);
        let list = paged.items;
        if list.is_empty() {
            return view! { <p class="card">{t!(i18n, outbox_empty)}</p> }.into_any();
        }
        view! {
                <table data-table="outbox">
                    <thead>
                        <tr>
                            <th>{t!(i18n, outbox_to)}</th>
                            <th>{t!(i18n, outbox_subject)}</th>
                            <th>{t!(i18n, outbox_status)}</th>
                            <th class="optional">{t!(i18n, outbox_attempts)}</th>
                            <th class="optional">{t!(i18n, outbox_created)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {list
                            .into_iter()
                            .map(|m| {
                                let status = m.status;
                                view! {
                                    <tr>
                                        <td dir="auto">{format!("{} <{}>", m.to_name, m.to_address)}</td>
                                        <td dir="auto">
                                            <details>
                                                <summary>{m.subject}</summary>
                                                <pre class="mail-body" lang=m.language>{m.body_text}</pre>
                                            </details>
                                        </td>
                                        <td>
                                            <span class=format!("status {}", status.as_str())>
                                                {move || status_label(i18n, status)}
                                            </span>
                                            {m.last_error.map(|e| view! { <div class="muted">{e}</div> })}
                                        </td>
                                        <td class="optional">{m.attempts}</td>
                                        <td class="optional">{m.created_at.format("%Y-%m-%d %H:%M UTC").to_string()}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                <Pager name="outbox" page pages total />
            }
            .into_any()
    };
    view! {
        <Guard operation=Operation::ReadOutbox>
            <h1>{t!(i18n, outbox_title)}</h1>
            <p class="muted">{t!(i18n, outbox_hint)}</p>
            <Loaded
                resource=messages
                render=render
            />
        </Guard>
    }
}
