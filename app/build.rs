//! Compiles the translations in `locales/` into the `i18n` module.
//!
//! Every `locales/<code>.json` is a language (English is the default), so a
//! new language is a new file. The module is what `leptos_i18n`'s
//! `load_locales!()` would make, generated here with its own parser and
//! code generator so that `t_string!`/`td_string!` can fill `{{ name }}`
//! variables (the macro form cannot): a call that misses a variable, or
//! names one the text does not have, does not compile.
//!
//! leptos_i18n takes the union of the variables of all languages and lets
//! a translation leave one out, and falls back to English for a missing
//! key. Here both stop the build: every file has every key, with the same
//! variables as the English text, so a translator who drops `{{ date }}`
//! hears about it now rather than a reader later.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use leptos_i18n_parser::parse_locales::error::Warning;
use leptos_i18n_parser::parse_locales::options::{Config, ParseOptions};
use leptos_i18n_parser::parse_locales::parse_locales;

const DEFAULT_LOCALE: &str = "en";
const LOCALES_DIR: &str = "locales";

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed={LOCALES_DIR}");
    if let Err(problems) = run() {
        for problem in problems {
            eprintln!("error: {problem}");
        }
        std::process::exit(1);
    }
}

fn run() -> Result<(), Vec<String>> {
    let manifest_dir =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let locales = locale_codes(&manifest_dir.join(LOCALES_DIR)).map_err(|e| vec![e])?;
    check_same_keys_and_variables(&manifest_dir.join(LOCALES_DIR), &locales)?;

    let mut cfg = Config::new(DEFAULT_LOCALE)
        .and_then(|cfg| cfg.add_locales(&locales[1..]))
        .map_err(|e| vec![e.to_string()])?;
    cfg.options = ParseOptions::new().interpolate_display(true);
    let parsed = parse_locales(Some(manifest_dir), cfg).map_err(|e| vec![e.to_string()])?;
    for warning in parsed.diag.warnings().iter() {
        // Plural forms are checked below, against each language's rules.
        if !matches!(warning, Warning::UnusedForm { .. }) {
            println!("cargo::warning={warning}");
        }
    }
    let errors: Vec<String> = parsed
        .diag
        .errors()
        .iter()
        .map(ToString::to_string)
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    for file in parsed.tracked_files.iter().flatten() {
        println!("cargo::rerun-if-changed={file}");
    }

    let code = leptos_i18n_codegen::gen_code(&parsed, None, false, None, true)
        .map_err(|e| vec![e.to_string()])?;
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it")).join("i18n");
    std::fs::create_dir_all(&out)
        .and_then(|()| std::fs::write(out.join("mod.rs"), code.to_string()))
        .map_err(|e| vec![format!("{}: {e}", out.display())])
}

/// The default locale first, then every other `<code>.json` by name.
fn locale_codes(dir: &Path) -> Result<Vec<String>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut others = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let code = path
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| format!("{}: not a locale name", path.display()))?;
        if code != DEFAULT_LOCALE {
            others.push(code.to_owned());
        }
    }
    others.sort();
    Ok(std::iter::once(DEFAULT_LOCALE.to_owned())
        .chain(others)
        .collect())
}

/// The CLDR plural categories, in the order a locale file writes them.
const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One key of a locale file: its `{{ variables }}` (of all its forms, for
/// a plural), and its plural forms when it is one (`key_one`, `key_few`,
/// `key_other`: leptos_i18n picks the form by the `count` variable).
#[derive(PartialEq)]
struct Entry {
    variables: BTreeSet<String>,
    forms: Option<BTreeSet<String>>,
}

/// Each key of one locale file, plural forms gathered under their key.
fn entries_by_key(dir: &Path, code: &str) -> Result<BTreeMap<String, Entry>, String> {
    let path = dir.join(format!("{code}.json"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut flat = BTreeMap::new();
    flatten(&json, String::new(), &mut flat);
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    for (key, variables) in &flat {
        // As leptos_i18n's parser reads them: `base_form` keys are a
        // plural when there are two or more of them, one being `other`
        // (`template_kind_other` alone is a key of its own).
        let plural = PLURAL_FORMS.iter().find_map(|form| {
            let base = key.strip_suffix(&format!("_{form}"))?;
            let siblings = PLURAL_FORMS
                .iter()
                .filter(|f| flat.contains_key(&format!("{base}_{f}")))
                .count();
            (siblings >= 2 && flat.contains_key(&format!("{base}_other")))
                .then(|| (base.to_owned(), (*form).to_owned()))
        });
        match plural {
            Some((base, form)) => {
                let entry = entries.entry(base).or_insert_with(|| Entry {
                    variables: BTreeSet::new(),
                    forms: Some(BTreeSet::new()),
                });
                entry.variables.extend(variables.iter().cloned());
                if let Some(forms) = entry.forms.as_mut() {
                    forms.insert(form);
                }
            }
            None => {
                entries.insert(
                    key.clone(),
                    Entry {
                        variables: variables.clone(),
                        forms: None,
                    },
                );
            }
        }
    }
    Ok(entries)
}

/// The plural forms a key takes in `code`: the categories its cardinal
/// numbers use (ICU4X's CLDR rules, the ones leptos_i18n picks a form by).
/// A language with one form (Chinese: other) writes `one` too, the same
/// text: leptos_i18n's parser gathers a plural from two forms or more.
fn plural_forms(code: &str) -> Result<BTreeSet<String>, String> {
    let mut forms = plural_categories(code)?;
    if forms.len() == 1 {
        forms.insert("one".to_owned());
    }
    Ok(forms)
}

fn plural_categories(code: &str) -> Result<BTreeSet<String>, String> {
    use icu_plurals::{PluralCategory, PluralRuleType, PluralRules};
    let locale: icu_locale_core::Locale = code.parse().map_err(|e| format!("{code}: {e:?}"))?;
    let rules = PluralRules::try_new((&locale).into(), PluralRuleType::Cardinal.into())
        .map_err(|e| format!("{code}: {e}"))?;
    Ok(rules
        .categories()
        .map(|category| {
            match category {
                PluralCategory::Zero => "zero",
                PluralCategory::One => "one",
                PluralCategory::Two => "two",
                PluralCategory::Few => "few",
                PluralCategory::Many => "many",
                PluralCategory::Other => "other",
            }
            .to_owned()
        })
        .collect())
}

fn flatten(value: &serde_json::Value, key: String, out: &mut BTreeMap<String, BTreeSet<String>>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let key = if key.is_empty() {
                    k.clone()
                } else {
                    format!("{key}.{k}")
                };
                flatten(v, key, out);
            }
        }
        serde_json::Value::String(text) => {
            out.insert(key, variables(text));
        }
        _ => {
            out.insert(key, BTreeSet::new());
        }
    }
}

/// The names in `{{ name }}` (or `{{ name, formatter }}`).
fn variables(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].split(',').next().unwrap_or("").trim();
        names.insert(name.to_owned());
        rest = &after[end + 2..];
    }
    names
}

/// Every file has every key of the English one and no other, with the same
/// variables; a plural key is plural in every file, with exactly the forms
/// its language's numbers take (Russian one, few, many and other; Arabic
/// all six; Chinese other), so no count reads in another form's words.
fn check_same_keys_and_variables(dir: &Path, locales: &[String]) -> Result<(), Vec<String>> {
    let default = entries_by_key(dir, DEFAULT_LOCALE).map_err(|e| vec![e])?;
    let mut problems = Vec::new();
    for code in locales {
        let other = entries_by_key(dir, code).map_err(|e| vec![e])?;
        let categories = plural_forms(code).map_err(|e| vec![e])?;
        for (key, entry) in &other {
            if let Some(forms) = &entry.forms
                && forms != &categories
            {
                problems.push(format!(
                    "{LOCALES_DIR}/{code}.json: \"{key}\" has the plural forms {forms:?}; \
                     {code} numbers take {categories:?}"
                ));
            }
        }
        if code == DEFAULT_LOCALE {
            continue;
        }
        for (key, entry) in &default {
            match other.get(key) {
                None => problems.push(format!("{LOCALES_DIR}/{code}.json lacks the key \"{key}\"")),
                Some(theirs) if theirs.variables != entry.variables => problems.push(format!(
                    "{LOCALES_DIR}/{code}.json: \"{key}\" has the variables {:?}, \
                     {LOCALES_DIR}/{DEFAULT_LOCALE}.json {:?}",
                    theirs.variables, entry.variables
                )),
                Some(theirs) if theirs.forms.is_some() != entry.forms.is_some() => {
                    problems.push(format!(
                        "{LOCALES_DIR}/{code}.json: \"{key}\" must be plural in every file or in none"
                    ))
                }
                Some(_) => {}
            }
        }
        for key in other.keys().filter(|k| !default.contains_key(*k)) {
            problems.push(format!(
                "{LOCALES_DIR}/{code}.json has \"{key}\", which {LOCALES_DIR}/{DEFAULT_LOCALE}.json lacks"
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
