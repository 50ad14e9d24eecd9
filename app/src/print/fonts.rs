//! The fonts of printed documents: Debian's free Noto fonts, one per
//! script, tried in order for each character. `scripts/setup` installs
//! them (fonts-noto-core, fonts-noto-cjk); `CF_FONT_DIR` points elsewhere.
//! They are read once per process; the server refuses to start when one is
//! missing, so no document ever prints empty boxes for want of a font.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::error::AppError;

/// A font file relative to the font directory, the face to use in a
/// collection, and what it is there for.
pub struct FontFile {
    pub path: &'static str,
    pub face: u32,
    pub covers: &'static str,
}

const fn font(path: &'static str, covers: &'static str) -> FontFile {
    FontFile {
        path,
        face: 0,
        covers,
    }
}

/// In the order they are tried: the first font with a character sets it.
pub const FONT_FILES: [FontFile; 26] = [
    font(
        "truetype/noto/NotoSans-Regular.ttf",
        "Latin, Cyrillic, Greek",
    ),
    font(
        "truetype/noto/NotoNaskhArabic-Regular.ttf",
        "Arabic, Persian, Urdu",
    ),
    font("truetype/noto/NotoSansHebrew-Regular.ttf", "Hebrew"),
    font(
        "truetype/noto/NotoSansDevanagari-Regular.ttf",
        "Devanagari (Hindi, Marathi, Nepali)",
    ),
    font("truetype/noto/NotoSansBengali-Regular.ttf", "Bengali"),
    font("truetype/noto/NotoSansTamil-Regular.ttf", "Tamil"),
    font("truetype/noto/NotoSansTelugu-Regular.ttf", "Telugu"),
    font("truetype/noto/NotoSansKannada-Regular.ttf", "Kannada"),
    font("truetype/noto/NotoSansMalayalam-Regular.ttf", "Malayalam"),
    font("truetype/noto/NotoSansGujarati-Regular.ttf", "Gujarati"),
    font(
        "truetype/noto/NotoSansGurmukhi-Regular.ttf",
        "Gurmukhi (Punjabi)",
    ),
    font("truetype/noto/NotoSansOriya-Regular.ttf", "Odia"),
    font("truetype/noto/NotoSansSinhala-Regular.ttf", "Sinhala"),
    font("truetype/noto/NotoSansThai-Regular.ttf", "Thai"),
    font("truetype/noto/NotoSansLao-Regular.ttf", "Lao"),
    font("truetype/noto/NotoSansKhmer-Regular.ttf", "Khmer"),
    font("truetype/noto/NotoSansMyanmar-Regular.ttf", "Myanmar"),
    font("truetype/noto/NotoSansGeorgian-Regular.ttf", "Georgian"),
    font("truetype/noto/NotoSansArmenian-Regular.ttf", "Armenian"),
    font(
        "truetype/noto/NotoSansEthiopic-Regular.ttf",
        "Ethiopic (Amharic, Tigrinya)",
    ),
    font(
        "truetype/noto/NotoSansThaana-Regular.ttf",
        "Thaana (Dhivehi)",
    ),
    font("truetype/noto/NotoSansSyriac-Regular.ttf", "Syriac"),
    font("truetype/noto/NotoSansMongolian-Regular.ttf", "Mongolian"),
    font("truetype/noto/NotoSerifTibetan-Regular.ttf", "Tibetan"),
    font("truetype/noto/NotoSansSymbols-Regular.ttf", "symbols"),
    // Face 2 of the collection is Simplified Chinese; it also has
    // Japanese kana and Korean Hangul.
    FontFile {
        path: "opentype/noto/NotoSansCJK-Regular.ttc",
        face: 2,
        covers: "Chinese, Japanese, Korean",
    },
];

/// A font read into memory for the process's lifetime: the shaper's face
/// and, made when first needed, printpdf's parse of it.
pub struct Font {
    pub bytes: &'static [u8],
    pub face_index: u32,
    pub face: rustybuzz::Face<'static>,
    parsed: OnceLock<Option<ParsedFont>>,
}

impl Font {
    /// printpdf's parse of the font (slow for the CJK collection: done
    /// once per process, then cloned into each document).
    pub fn parsed(&self) -> Option<&ParsedFont> {
        self.parsed
            .get_or_init(|| {
                let mut warnings = Vec::new();
                ParsedFont::from_bytes(self.bytes, self.face_index as usize, &mut warnings)
            })
            .as_ref()
    }
}

static FONTS: OnceLock<Result<Vec<Font>, String>> = OnceLock::new();

fn font_dir() -> String {
    std::env::var("CF_FONT_DIR").unwrap_or_else(|_| "/usr/share/fonts".into())
}

fn load() -> Result<Vec<Font>, String> {
    let dir = font_dir();
    let mut missing = Vec::new();
    let mut fonts = Vec::new();
    for file in &FONT_FILES {
        let path = std::path::Path::new(&dir).join(file.path);
        let read = std::fs::read(&path)
            .map_err(|err| err.to_string())
            .and_then(|bytes| {
                let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
                rustybuzz::Face::from_slice(bytes, file.face)
                    .map(|face| (bytes, face))
                    .ok_or_else(|| "not a font the shaper can read".to_owned())
            });
        match read {
            Ok((bytes, face)) => fonts.push(Font {
                bytes,
                face_index: file.face,
                face,
                parsed: OnceLock::new(),
            }),
            Err(err) => missing.push(format!("{} ({}): {err}", path.display(), file.covers)),
        }
    }
    if missing.is_empty() {
        Ok(fonts)
    } else {
        Err(format!(
            "fonts for printed documents are missing: {}. Install Debian's fonts-noto-core and fonts-noto-cjk (./scripts/setup does) or set CF_FONT_DIR to a folder that has them",
            missing.join("; ")
        ))
    }
}

/// Reads every font (once per process); the error names each missing
/// file and what to install. The server calls this before it starts.
pub fn check() -> Result<(), String> {
    FONTS
        .get_or_init(load)
        .as_ref()
        .map(|_| ())
        .map_err(Clone::clone)
}

/// The fonts, in the order they are tried.
pub fn fonts() -> Result<&'static [Font], AppError> {
    FONTS.get_or_init(load).as_deref().map_err(|missing| {
        tracing::error!(%missing, "cannot print");
        AppError::Internal
    })
}
