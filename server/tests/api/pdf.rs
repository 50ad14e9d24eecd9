//! PDFs read by real tools (poppler and zbar), for the tests of printed
//! documents: the visa letter and badges.

/// Runs a poppler or zbar tool on a file; its standard output.
pub fn run(tool: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|_| panic!("{tool} (scripts/setup installs poppler-utils and zbar-tools)"));
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub struct Checked {
    pub text: String,
    /// Every QR code on the pages (empty unless asked for).
    pub codes: Vec<String>,
    pub pages: usize,
    pub page_size: String,
}

/// Text, fonts, pages and every QR of a PDF, read by real tools.
pub fn check_pdf(pdf: &[u8]) -> Checked {
    read_pdf(pdf, true)
}

/// Text (without the direction marks poppler puts around right-to-left
/// runs), pages and page size of a PDF whose every font must be an
/// embedded subset; and, when `qr_codes`, every QR on its pages.
pub fn read_pdf(pdf: &[u8], qr_codes: bool) -> Checked {
    let dir = std::env::temp_dir().join(format!(
        "cf-pdf-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_micros()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("document.pdf");
    std::fs::write(&file, pdf).unwrap();
    let path = file.to_str().unwrap();
    let text = run("pdftotext", &["-enc", "UTF-8", path, "-"]);
    let fonts = run("pdffonts", &[path]);
    // Every font embedded and subset: `emb` and `sub` are both yes.
    let lines: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!lines.is_empty(), "no fonts:\n{fonts}");
    for line in lines {
        assert!(line.contains(" yes yes "), "not an embedded subset: {line}");
    }
    let info = run("pdfinfo", &[path]);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let page_size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap()
        .trim()
        .to_owned();
    let codes = if qr_codes {
        qr_codes_in(&dir, path)
    } else {
        Vec::new()
    };
    let _ = std::fs::remove_dir_all(&dir);
    Checked {
        text: text
            .chars()
            .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
            .collect(),
        codes,
        pages,
        page_size,
    }
}

/// The QR codes of the PDF at `path`, its pages rendered into `dir`.
fn qr_codes_in(dir: &std::path::Path, path: &str) -> Vec<String> {
    let prefix = dir.join("page");
    run(
        "pdftoppm",
        &["-r", "200", "-gray", "-png", path, prefix.to_str().unwrap()],
    );
    let mut codes = Vec::new();
    let mut images: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    images.sort();
    for image in images {
        let out = run(
            "zbarimg",
            &[
                "--raw",
                "-q",
                "-Sdisable",
                "-Sqrcode.enable",
                image.to_str().unwrap(),
            ],
        );
        codes.extend(out.lines().filter(|l| !l.is_empty()).map(str::to_owned));
    }
    codes
}
