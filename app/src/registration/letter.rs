//! The visa invitation letter as a one-page A4 PDF (server only), with the
//! person's name as written in Latin script and in their own script.
//!
//! printpdf writes positioned glyphs but does not shape text, so every
//! line is shaped with rustybuzz first (Arabic joins and runs right to
//! left; Latin gets its kerning). Each line is set in the first font that
//! has all its characters: Noto Sans (Latin, Cyrillic, Greek), Noto Naskh
//! Arabic, Noto Sans Ethiopic, Noto Sans CJK SC. The fonts come from
//! Debian's fonts-noto-core and fonts-noto-cjk (`scripts/setup` installs
//! them); `CF_FONT_DIR` points elsewhere. printpdf embeds only the glyphs
//! used, so a letter stays small even with a Chinese name.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime};
use printpdf::{
    Codepoint, FontId, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt,
    TextItem, TextMatrix,
};

use crate::error::AppError;
use crate::i18n::*;
use crate::ui::dates;

/// The font files, relative to `CF_FONT_DIR` (default `/usr/share/fonts`),
/// with the face to use in a collection, in the order they are tried.
const FONT_FILES: [(&str, u32); 4] = [
    ("truetype/noto/NotoSans-Regular.ttf", 0),
    ("truetype/noto/NotoNaskhArabic-Regular.ttf", 0),
    ("truetype/noto/NotoSansEthiopic-Regular.ttf", 0),
    // Face 2 of the collection is Simplified Chinese.
    ("opentype/noto/NotoSansCJK-Regular.ttc", 2),
];

/// What the letter says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisaLetter {
    pub registration_id: i64,
    pub issued_on: NaiveDate,
    pub edition_title: String,
    pub venue: String,
    pub host_city: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub honorific: String,
    pub name_latin: String,
    pub name_native: String,
    pub position: String,
    pub organization: String,
    pub member_name: Option<String>,
    /// In English, e.g. "Head of delegation".
    pub category: String,
    pub arrival: Option<NaiveDateTime>,
    pub departure: Option<NaiveDateTime>,
}

/// The font files, read once per process and kept for its lifetime.
struct FontFile {
    bytes: &'static [u8],
    index: u32,
}

static FONTS: OnceLock<Result<Vec<FontFile>, String>> = OnceLock::new();

fn font_files() -> Result<&'static [FontFile], AppError> {
    let loaded = FONTS.get_or_init(|| {
        let dir = std::env::var("CF_FONT_DIR").unwrap_or_else(|_| "/usr/share/fonts".into());
        FONT_FILES
            .iter()
            .map(|(path, index)| {
                let path = std::path::Path::new(&dir).join(path);
                std::fs::read(&path)
                    .map(|bytes| FontFile {
                        bytes: Box::leak(bytes.into_boxed_slice()),
                        index: *index,
                    })
                    .map_err(|err| format!("{}: {err}", path.display()))
            })
            .collect()
    });
    loaded.as_deref().map_err(|missing| {
        tracing::error!(
            %missing,
            "a font for the visa letter is missing: install fonts-noto-core and fonts-noto-cjk or set CF_FONT_DIR"
        );
        AppError::Internal
    })
}

/// A line of shaped glyphs: ids, positions in points, and the text each
/// cluster stands for (so the PDF can be searched and copied).
struct Shaped {
    font: usize,
    glyphs: Vec<(u16, f32, f32, Option<String>)>,
    width: f32,
}

struct Typesetter {
    files: &'static [FontFile],
    faces: Vec<rustybuzz::Face<'static>>,
    doc: PdfDocument,
    /// printpdf's id for each font used so far.
    used: HashMap<usize, FontId>,
    ops: Vec<Op>,
}

impl Typesetter {
    fn new(title: &str) -> Result<Typesetter, AppError> {
        let files = font_files()?;
        let faces = files
            .iter()
            .map(|f| {
                rustybuzz::Face::from_slice(f.bytes, f.index)
                    .ok_or_else(|| AppError::internal("a font file rustybuzz cannot read"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Typesetter {
            files,
            faces,
            doc: PdfDocument::new(title),
            used: HashMap::new(),
            ops: Vec::new(),
        })
    }

    /// The first font with every character of `text`.
    fn font_for(&self, text: &str) -> usize {
        self.faces
            .iter()
            .position(|face| {
                text.chars()
                    .filter(|c| !c.is_whitespace())
                    .all(|c| face.glyph_index(c).is_some())
            })
            .unwrap_or(0)
    }

    fn shape(&self, text: &str, size: f32) -> Shaped {
        let font = self.font_for(text);
        let face = &self.faces[font];
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let output = rustybuzz::shape(face, &[], buffer);
        let scale = size / face.units_per_em() as f32;
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        // Cluster starts are byte offsets; a cluster's text runs to the
        // next larger start (glyphs come in visual order, so sort).
        let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let cluster_text = |start: usize| {
            let end = starts
                .iter()
                .find(|s| **s > start)
                .copied()
                .unwrap_or(text.len());
            text.get(start..end).map(str::to_owned)
        };
        let mut seen = std::collections::HashSet::new();
        let mut x = 0.0;
        let mut glyphs = Vec::with_capacity(infos.len());
        for (info, pos) in infos.iter().zip(positions) {
            let start = info.cluster as usize;
            // The first glyph of a cluster carries its text, the others none.
            let text = if seen.insert(start) {
                cluster_text(start)
            } else {
                None
            };
            glyphs.push((
                info.glyph_id as u16,
                x + pos.x_offset as f32 * scale,
                pos.y_offset as f32 * scale,
                text,
            ));
            x += pos.x_advance as f32 * scale;
        }
        Shaped {
            font,
            glyphs,
            width: x,
        }
    }

    fn font_id(&mut self, font: usize) -> Result<FontId, AppError> {
        if let Some(id) = self.used.get(&font) {
            return Ok(id.clone());
        }
        let file = &self.files[font];
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(file.bytes, file.index as usize, &mut warnings)
            .ok_or_else(|| {
                tracing::error!(font, "printpdf could not read a letter font");
                AppError::Internal
            })?;
        let id = self.doc.add_font(&parsed);
        self.used.insert(font, id.clone());
        Ok(id)
    }

    /// Sets `text` with its left edge at `x` on baseline `y` (a shaped
    /// right-to-left line comes out in visual order, so it is set the same way).
    fn line(&mut self, text: &str, size: f32, x: Mm, y: Mm) -> Result<(), AppError> {
        if text.trim().is_empty() {
            return Ok(());
        }
        let shaped = self.shape(text, size);
        let font = self.font_id(shaped.font)?;
        let (x, y) = (Pt::from(x).0, Pt::from(y).0);
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFont {
            font: PdfFontHandle::External(font),
            size: Pt(size),
        });
        for (gid, dx, dy, cluster) in shaped.glyphs {
            self.ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(x + dx), Pt(y + dy)),
            });
            self.ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(vec![Codepoint {
                    gid,
                    offset: 0.0,
                    cid: cluster,
                }])],
            });
        }
        self.ops.push(Op::EndTextSection);
        Ok(())
    }

    /// Breaks `text` into lines no wider than `width` at `size`.
    fn wrap(&self, text: &str, size: f32, width: Mm) -> Vec<String> {
        let max = Pt::from(width).0;
        let mut lines = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_owned()
            } else {
                format!("{current} {word}")
            };
            if !current.is_empty() && self.shape(&candidate, size).width > max {
                lines.push(std::mem::replace(&mut current, word.to_owned()));
            } else {
                current = candidate;
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
        lines
    }

    fn finish(mut self) -> Vec<u8> {
        let page = PdfPage::new(Mm(210.0), Mm(297.0), std::mem::take(&mut self.ops));
        let mut warnings = Vec::new();
        self.doc
            .with_pages(vec![page])
            .save(&PdfSaveOptions::default(), &mut warnings)
    }
}

/// The letter's language: consulates expect English. Its words are the
/// `letter_*` texts of that locale file and its dates that file's
/// `date_long`.
pub const LANGUAGE: Locale = Locale::en;

fn long_date(date: NaiveDate) -> String {
    dates::long_date(LANGUAGE, date)
}

/// The letter as PDF bytes.
pub fn render(letter: &VisaLetter) -> Result<Vec<u8>, AppError> {
    let locale = LANGUAGE;
    let mut t = Typesetter::new(&td_string!(
        locale,
        letter_document_title,
        name = &letter.name_latin
    ))?;
    let left = Mm(25.0);
    let width = Mm(160.0);
    let mut y = 270.0;
    let mut next = |step: f32| {
        y -= step;
        Mm(y + step)
    };
    let (edition, venue, city) = (&letter.edition_title, &letter.venue, &letter.host_city);
    let (start, end) = (long_date(letter.start_date), long_date(letter.end_date));

    t.line(edition, 16.0, left, next(9.0))?;
    t.line(
        &td_string!(
            locale,
            letter_venue_dates,
            venue,
            city,
            start = &start,
            end = &end
        ),
        9.5,
        left,
        next(14.0),
    )?;
    t.line(&long_date(letter.issued_on), 10.5, left, next(7.0))?;
    let reference = format!("CF-{}", letter.registration_id);
    t.line(
        &td_string!(locale, letter_reference, reference),
        10.5,
        left,
        next(14.0),
    )?;
    t.line(td_string!(locale, letter_heading), 13.0, left, next(12.0))?;
    t.line(
        td_string!(locale, letter_salutation),
        11.0,
        left,
        next(10.0),
    )?;

    let intro = td_string!(
        locale,
        letter_intro,
        edition,
        venue,
        city,
        start = &start,
        end = &end
    );
    for text in t.wrap(&intro, 11.0, width) {
        t.line(&text, 11.0, left, next(6.0))?;
    }
    next(6.0);

    let indent = Mm(35.0);
    let latin = [letter.honorific.as_str(), letter.name_latin.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    t.line(&latin, 15.0, indent, next(9.0))?;
    if !letter.name_native.is_empty() {
        t.line(&letter.name_native, 15.0, indent, next(10.0))?;
    }
    let member = letter.member_name.as_deref().unwrap_or("");
    let details = [
        (
            letter.position.as_str(),
            td_string!(locale, letter_position, position = &letter.position),
        ),
        (
            letter.organization.as_str(),
            td_string!(
                locale,
                letter_organization,
                organization = &letter.organization
            ),
        ),
        (member, td_string!(locale, letter_representing, member)),
        (
            letter.category.as_str(),
            td_string!(locale, letter_participating_as, category = &letter.category),
        ),
    ];
    for (value, line) in details {
        if !value.is_empty() {
            t.line(&line, 11.0, indent, next(6.5))?;
        }
    }
    if let (Some(arrival), Some(departure)) = (letter.arrival, letter.departure) {
        let stay = td_string!(
            locale,
            letter_stay,
            arrival = long_date(arrival.date()),
            departure = long_date(departure.date())
        );
        t.line(&stay, 11.0, indent, next(6.5))?;
    }
    next(8.0);
    for text in t.wrap(td_string!(locale, letter_body), 11.0, width) {
        t.line(&text, 11.0, left, next(6.0))?;
    }
    next(12.0);
    t.line(td_string!(locale, letter_closing), 11.0, left, next(16.0))?;
    t.line(td_string!(locale, letter_signature), 11.0, left, next(6.0))?;
    Ok(t.finish())
}
