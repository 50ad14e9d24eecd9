//! Forms that work before (and without) the browser's script: each posts
//! as plain HTML to its own page. The server runs the same server
//! function the script would call, then either redirects (303, the
//! post/redirect/get pattern) or renders the page again with what was
//! typed and the refusal beside each field. That second render carries a
//! [`Posted`]: the page's fields start from it, on the server and, while
//! the page hydrates, in the browser (it travels in the page head, never
//! in a URL).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The hidden field that names which form of a page was posted.
pub const FORM_FIELD: &str = "_form";

/// The id of the page head's script element that carries it to the browser.
pub const SCRIPT_ID: &str = "cf-posted";

/// A form posted as HTML and answered with its page again: the fields as
/// typed (in order; a name may repeat, as ticked boxes do) and the
/// server's refusal, if any.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Posted {
    pub form: String,
    pub fields: Vec<(String, String)>,
    pub error: Option<AppError>,
}

impl Posted {
    /// The first value of a field, or "".
    pub fn value(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    }

    /// Every value of a field (ticked boxes of one name).
    pub fn values(&self, name: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .collect()
    }

    /// The same form, refused for `error`.
    pub fn refused(mut self, error: AppError) -> Posted {
        self.error = Some(error);
        self
    }

    pub fn has(&self, name: &str) -> bool {
        self.fields.iter().any(|(key, _)| key == name)
    }

    /// The page head's script element with this form as JSON (`<` written
    /// as `\u003c`, so no text can end the element).
    pub fn script_body(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_default()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }
}

/// What was typed in field `name` of a form that may have been posted
/// (`posted`'s answer), or "": a field's starting value.
pub fn typed(posted: &Option<Posted>, name: &str) -> String {
    posted
        .as_ref()
        .map(|form| form.value(name))
        .unwrap_or_default()
}

/// The form named `form` as this page's request posted it, if it did.
/// On the server: from the request's context. In the browser: from the
/// page head, until the browser moves to another page.
pub fn posted(form: &str) -> Option<Posted> {
    this_page_posted().filter(|posted| posted.form == form)
}

#[cfg(not(feature = "hydrate"))]
fn this_page_posted() -> Option<Posted> {
    use_context::<Posted>()
}

#[cfg(feature = "hydrate")]
thread_local! {
    static FROM_HEAD: std::cell::RefCell<Option<Option<Posted>>> = const { std::cell::RefCell::new(None) };
}

#[cfg(feature = "hydrate")]
fn this_page_posted() -> Option<Posted> {
    FROM_HEAD.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                document()
                    .get_element_by_id(SCRIPT_ID)
                    .and_then(|element| element.text_content())
                    .and_then(|json| serde_json::from_str(&json).ok())
            })
            .clone()
    })
}

/// A form posted as HTML filled the page it was posted to: the next page
/// the browser navigates to starts clean (see [`posted`]).
#[component]
pub fn ForgetPostedOnNavigation() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    Effect::new(move |before: Option<String>| {
        let path = location.pathname.get();
        if before.is_some_and(|before| before != path) {
            forget_posted();
        }
        path
    });
}

fn forget_posted() {
    #[cfg(feature = "hydrate")]
    {
        FROM_HEAD.with(|cell| *cell.borrow_mut() = Some(None));
        if let Some(element) = document().get_element_by_id(SCRIPT_ID) {
            element.remove();
        }
    }
}

/// The head element carrying the posted form to the browser (server only;
/// nothing when the request posted none).
#[component]
pub fn PostedScript() -> impl IntoView {
    this_page_posted().map(|posted| {
        view! { <script type="application/json" id=SCRIPT_ID inner_html=posted.script_body()></script> }
    })
}

/// The hidden field naming a form, for the server's dispatch.
#[component]
pub fn FormName(#[prop(into)] name: String) -> impl IntoView {
    view! { <input type="hidden" name=FORM_FIELD value=name /> }
}

/// A button that does one thing (book, cancel, revoke): with the script,
/// `on_press`; before it, a plain HTML post of the form `name` with its
/// hidden `fields`.
#[component]
pub fn PostButton(
    #[prop(into)] name: String,
    #[prop(optional)] fields: Vec<(&'static str, String)>,
    #[prop(into)] class: String,
    /// The button's `data-action`.
    action: &'static str,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(into)] on_press: Callback<()>,
    children: Children,
) -> impl IntoView {
    view! {
        <form method="post">
            <FormName name />
            {fields
                .into_iter()
                .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
                .collect_view()}
            <button
                type="submit"
                class=class
                data-action=action
                disabled=disabled
                on:click=move |ev| {
                    ev.prevent_default();
                    on_press.run(());
                }
            >
                {children()}
            </button>
        </form>
    }
}

/// What a posted form came to (server only).
#[cfg(feature = "ssr")]
#[derive(Debug)]
pub enum Submitted {
    /// Done: the browser is sent on (303), to this address or, with
    /// `None`, to the page it posted from.
    Done(Option<String>),
    /// Nothing submitted yet (a row added or removed): the page again,
    /// with these fields.
    Again(Posted),
    /// A form that works only with its page's script (a staff page's),
    /// sent before the script arrived.
    NeedsScript,
}

/// A whole number field (an id the page wrote), or not found.
#[cfg(feature = "ssr")]
pub fn id_field(posted: &Posted, name: &str) -> Result<i64, AppError> {
    posted
        .value(name)
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound)
}

/// Adds a `Set-Cookie` header to the response being made (server only;
/// outside a request it does nothing).
#[cfg(feature = "ssr")]
pub fn set_cookie(value: &str) {
    use http::header::SET_COOKIE;
    if let (Some(options), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        options.append_header(SET_COOKIE, value);
    }
}
