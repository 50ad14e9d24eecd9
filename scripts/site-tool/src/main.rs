//! `site-tool split IN.wasm MAIN_OUT.wasm PKG_DIR NAME`: splits the
//! browser's wasm at its lazy routes as `cargo leptos build --split` does
//! (the chunks and the manifest the server reads into PKG_DIR, the main
//! module to MAIN_OUT.wasm).
//! `site-tool bindgen IN.wasm OUT_DIR NAME [--split]`: wasm-bindgen for
//! the web, as cargo-leptos calls it (`--split`: keeps what the split
//! chunks link against).

use std::path::Path;

use anyhow::{Context, Result, bail};

/// The split loader's name, as the server's hydration script expects it
/// (leptos::hydration reads the same placeholder when files are not hashed).
const LINK_NAME: &str = "./__wasm_split.______________________.js";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["split", input, main_out, pkg_dir, name] => split(input, main_out, pkg_dir, name),
        ["bindgen", input, out_dir, name] => bindgen(input, out_dir, name, false),
        ["bindgen", input, out_dir, name, "--split"] => bindgen(input, out_dir, name, true),
        _ => bail!(
            "usage: site-tool split IN.wasm MAIN_OUT.wasm PKG_DIR NAME | \
             site-tool bindgen IN.wasm OUT_DIR NAME [--split]"
        ),
    }
}

fn split(input: &str, main_out: &str, pkg_dir: &str, name: &str) -> Result<()> {
    let wasm = std::fs::read(input).with_context(|| format!("reading {input}"))?;
    let main_module = format!("./{name}.js");
    let pkg_dir = Path::new(pkg_dir);
    std::fs::create_dir_all(pkg_dir)?;
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&wasm);
        options.output_dir = pkg_dir;
        options.main_out_path = Path::new(main_out);
        options.main_module = &main_module;
        options.link_name = LINK_NAME;
        options
    })
    .map_err(|err| anyhow::anyhow!("splitting {input}: {err}"))?;
    std::fs::write(
        pkg_dir.join("__wasm_split_manifest.json"),
        serde_json::to_string_pretty(&split.prefetch_map)?,
    )?;
    Ok(())
}

fn bindgen(input: &str, out_dir: &str, name: &str, split: bool) -> Result<()> {
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(input)
        .web(true)?
        .out_name(name)
        .typescript(false)
        // As the wasm-bindgen CLI: `init()` without an argument finds the
        // wasm beside the JS (the check-in page's decoder relies on it).
        .omit_default_module_path(false)
        .keep_lld_exports(split)
        .demangle(!split);
    bindgen
        .generate(out_dir)
        .with_context(|| format!("wasm-bindgen on {input}"))
}
