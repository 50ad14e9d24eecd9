//! The typesetter: shapes lines in any script and places them on pages.

use std::collections::HashMap;
use std::ops::Range;

use printpdf::{
    Codepoint, Color, DictItem, FontId, Mm, Op, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Pt, Rgb, TextItem, TextMatrix,
};
use unicode_bidi::BidiInfo;
use unicode_segmentation::UnicodeSegmentation;

use super::fonts::{Font, fonts};
use crate::error::AppError;

/// The smallest size text is ever shrunk to, in points: below it a name
/// wraps onto more lines instead.
pub const FLOOR: f32 = 5.0;

/// One positioned glyph of a line: its font, id, offset from the line's
/// start in points, and the text it stands for (the first glyph of a
/// cluster carries the cluster's text, so the PDF can be searched).
#[derive(Debug, Clone)]
struct Glyph {
    font: usize,
    id: u16,
    x: f32,
    y: f32,
    text: Option<String>,
}

/// A line shaped at a size, in visual order, left to right.
#[derive(Debug, Clone)]
pub struct Shaped {
    glyphs: Vec<Glyph>,
    /// The line as written (logical order), for the PDF's ActualText.
    text: String,
    /// Whether some of it runs right to left.
    rtl: bool,
    /// In points.
    pub width: f32,
    pub size: f32,
}

/// What fitting a text in a box gave: the size and its lines.
pub struct Fitted {
    pub size: f32,
    pub lines: Vec<Shaped>,
}

/// Characters that belong to whatever run they are in: spaces, joiners,
/// variation selectors and combining marks.
fn sticks(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{0300}'..='\u{036F}')
}

/// Control characters would shape as boxes: a line has none.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(char::is_control) {
        text.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// What each glyph of one cluster stands for, the glyphs in visual order:
/// the cluster's whole text (a letter with its marks, a ligature's
/// letters) on its first base glyph, nothing on the others. A mark glyph
/// has no width, so a reader that rebuilds words from glyph boxes
/// (poppler) would split the word at a mark that stood for itself. In a
/// right-to-left run poppler reverses a glyph's text with the run, so
/// there it is given reversed ("ّس" reads back as "سّ").
fn glyph_texts(text: &str, ids: &[u32], rtl: bool, is_mark: impl Fn(u32) -> bool) -> Vec<String> {
    let whole: String = if rtl {
        text.chars().rev().collect()
    } else {
        text.to_owned()
    };
    let carrier = ids.iter().position(|id| !is_mark(*id)).unwrap_or(0);
    let mut texts = vec![String::new(); ids.len()];
    if let Some(slot) = texts.get_mut(carrier) {
        *slot = whole;
    }
    texts
}

/// The shaping half of the typesetter: no document, so it is cheap to
/// make and can be shared by measuring code.
#[derive(Clone, Copy)]
pub struct Shaper {
    fonts: &'static [Font],
}

impl Shaper {
    pub fn new() -> Result<Shaper, AppError> {
        Ok(Shaper { fonts: fonts()? })
    }

    fn has(&self, font: usize, c: char) -> bool {
        self.fonts[font].face.glyph_index(c).is_some()
    }

    /// Splits a run into pieces each set in one font: a character stays in
    /// the current piece's font when that font has it, else starts a piece
    /// in the first font that has it.
    fn pieces(&self, text: &str, run: Range<usize>) -> Vec<(Range<usize>, usize)> {
        let mut pieces: Vec<(Range<usize>, usize)> = Vec::new();
        for (offset, c) in text[run.clone()].char_indices() {
            let at = run.start + offset;
            let end = at + c.len_utf8();
            if let Some((range, font)) = pieces.last_mut()
                && (sticks(c) || self.has(*font, c))
            {
                range.end = end;
                continue;
            }
            let font = (0..self.fonts.len()).find(|f| self.has(*f, c)).unwrap_or(0);
            pieces.push((at..end, font));
        }
        pieces
    }

    /// Shapes `text` as one line at `size` points, its direction that of
    /// its first strong letter.
    pub fn shape(&self, text: &str, size: f32) -> Shaped {
        self.shape_as(text, size, None)
    }

    /// Shapes `text` as one line of a right-to-left document when `rtl`
    /// (a line starting with a Latin venue name still reads right to
    /// left), else as `shape` does.
    pub fn shape_in(&self, text: &str, size: f32, rtl: bool) -> Shaped {
        self.shape_as(text, size, rtl.then(unicode_bidi::Level::rtl))
    }

    fn shape_as(&self, text: &str, size: f32, level: Option<unicode_bidi::Level>) -> Shaped {
        let text = printable(text);
        let text = text.as_ref();
        let mut glyphs = Vec::new();
        let mut x = 0.0;
        let mut any_rtl = false;
        let mut place = |range: Range<usize>, font: usize, rtl: bool| {
            any_rtl |= rtl;
            x += self.shape_piece(text, range, font, rtl, size, x, &mut glyphs);
        };
        if text.is_ascii() {
            place(0..text.len(), 0, false);
        } else {
            let bidi = BidiInfo::new(text, level);
            for paragraph in &bidi.paragraphs {
                let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
                for run in runs {
                    let rtl = levels[run.start].is_rtl();
                    let mut pieces = self.pieces(text, run);
                    // Pieces of a right-to-left run are in logical order.
                    if rtl {
                        pieces.reverse();
                    }
                    for (range, font) in pieces {
                        place(range, font, rtl);
                    }
                }
            }
        }
        Shaped {
            glyphs,
            text: text.to_owned(),
            rtl: any_rtl,
            width: x,
            size,
        }
    }

    /// Shapes one piece and appends its glyphs from `start`; returns its
    /// advance.
    #[allow(clippy::too_many_arguments)]
    fn shape_piece(
        &self,
        text: &str,
        range: Range<usize>,
        font: usize,
        rtl: bool,
        size: f32,
        start: f32,
        out: &mut Vec<Glyph>,
    ) -> f32 {
        let piece = &text[range.clone()];
        let face = &self.fonts[font].face;
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(piece);
        buffer.set_direction(if rtl {
            rustybuzz::Direction::RightToLeft
        } else {
            rustybuzz::Direction::LeftToRight
        });
        buffer.guess_segment_properties();
        let output = rustybuzz::shape(face, &[], buffer);
        let scale = size / face.units_per_em() as f32;
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        // Cluster starts are byte offsets in the piece; a cluster's text
        // runs to the next larger start (glyphs come in visual order).
        let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let cluster_text = |start: usize| {
            let end = starts
                .iter()
                .find(|s| **s > start)
                .copied()
                .unwrap_or(piece.len());
            piece.get(start..end).map(str::to_owned)
        };
        let is_mark = |id: u32| {
            face.tables()
                .gdef
                .and_then(|gdef| gdef.glyph_class(rustybuzz::ttf_parser::GlyphId(id as u16)))
                == Some(rustybuzz::ttf_parser::gdef::GlyphClass::Mark)
        };
        let mut x = 0.0;
        // Glyphs of one cluster are next to each other.
        let mut at = 0;
        for cluster in infos.chunk_by(|a, b| a.cluster == b.cluster) {
            let ids: Vec<u32> = cluster.iter().map(|i| i.glyph_id).collect();
            let text = cluster_text(cluster[0].cluster as usize).unwrap_or_default();
            let texts = glyph_texts(&text, &ids, rtl, is_mark);
            for (info, text) in cluster.iter().zip(texts) {
                let pos = &positions[at];
                at += 1;
                out.push(Glyph {
                    font,
                    id: info.glyph_id as u16,
                    x: start + x + pos.x_offset as f32 * scale,
                    y: pos.y_offset as f32 * scale,
                    text: Some(text),
                });
                x += pos.x_advance as f32 * scale;
            }
        }
        x
    }

    /// The width of `text` at `size`, in points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.shape(text, size).width
    }

    /// Breaks `text` into lines no wider than `width` points at `size`: at
    /// spaces, and inside a word (between graphemes) only when the word
    /// alone is too wide, so nothing is ever cut off.
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut current = String::new();
        let fits = |candidate: &str| self.width(candidate, size) <= width;
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_owned()
            } else {
                format!("{current} {word}")
            };
            if fits(&candidate) {
                current = candidate;
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            if fits(word) {
                current = word.to_owned();
                continue;
            }
            for grapheme in word.graphemes(true) {
                let candidate = format!("{current}{grapheme}");
                if current.is_empty() || fits(&candidate) {
                    current = candidate;
                } else {
                    lines.push(std::mem::replace(&mut current, grapheme.to_owned()));
                }
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
        lines
    }

    /// Fits `text` in `width` points: on one line, shrinking from `max` to
    /// `min`; then on up to `max_lines` lines from `max` down; then smaller
    /// than `min` down to [`FLOOR`]; at the floor on as many lines as it
    /// takes. Nothing is cut off.
    pub fn fit(&self, text: &str, max: f32, min: f32, width: f32, max_lines: usize) -> Fitted {
        let text = text.trim();
        // Widths scale with the size: measure once, then try sizes.
        let unit = self.width(text, 1.0);
        if unit * max <= width || unit <= 0.0 {
            return self.fitted(text, max, width);
        }
        let single = width / unit;
        if single >= min {
            // Shrink on one line, in quarter points so it looks deliberate.
            let size = (single * 4.0).floor() / 4.0;
            return self.fitted(text, size.max(min), width);
        }
        let mut size = max;
        while size >= min {
            let lines = self.wrap(text, size, width);
            if lines.len() <= max_lines {
                return self.fitted_lines(lines, size);
            }
            size -= 1.0;
        }
        let mut size = min;
        while size > FLOOR {
            let lines = self.wrap(text, size, width);
            if lines.len() <= max_lines {
                return self.fitted_lines(lines, size);
            }
            size = (size - 0.5).max(FLOOR);
        }
        self.fitted_lines(self.wrap(text, FLOOR, width), FLOOR)
    }

    fn fitted(&self, text: &str, size: f32, width: f32) -> Fitted {
        let line = self.shape(text, size);
        if line.width <= width {
            Fitted {
                size,
                lines: vec![line],
            }
        } else {
            // Rounding of the scaled width: wrap at this size instead.
            self.fitted_lines(self.wrap(text, size, width), size)
        }
    }

    fn fitted_lines(&self, lines: Vec<String>, size: f32) -> Fitted {
        Fitted {
            size,
            lines: lines.iter().map(|line| self.shape(line, size)).collect(),
        }
    }
}

/// A PDF being written: pages of shaped text and drawings.
pub struct Typesetter {
    pub shaper: Shaper,
    doc: PdfDocument,
    /// printpdf's id for each font (and copy of it) used so far.
    used: HashMap<(usize, usize), FontId>,
    /// The text each glyph (font, copy, glyph id) stands for in that
    /// copy's ToUnicode map. A map gives a glyph one text in the whole
    /// document, so a glyph placed for another text (the sīn of a sīn
    /// with shadda, then a plain sīn) is set from another copy of its
    /// font, whose map says that.
    glyph_texts: HashMap<(usize, usize, u16), String>,
    pages: Vec<PdfPage>,
    ops: Vec<Op>,
}

/// `<< /ActualText (text) >>`, the text in UTF-16BE with its byte order mark.
fn actual_text(text: &str) -> DictItem {
    let mut data = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        data.extend_from_slice(&unit.to_be_bytes());
    }
    DictItem::Dict {
        map: [(
            "ActualText".to_owned(),
            DictItem::String {
                data,
                literal: false,
            },
        )]
        .into(),
    }
}

/// An RGB colour from 0–255 components.
pub fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color::Rgb(Rgb::new(
        r as f32 / 255.0,
        g as f32 / 255.0,
        b as f32 / 255.0,
        None,
    ))
}

impl Typesetter {
    pub fn new(title: &str) -> Result<Typesetter, AppError> {
        Ok(Typesetter {
            shaper: Shaper::new()?,
            doc: PdfDocument::new(title),
            used: HashMap::new(),
            glyph_texts: HashMap::new(),
            pages: Vec::new(),
            ops: Vec::new(),
        })
    }

    fn font_id(&mut self, font: usize, copy: usize) -> Result<FontId, AppError> {
        if let Some(id) = self.used.get(&(font, copy)) {
            return Ok(id.clone());
        }
        let parsed = self.shaper.fonts[font].parsed().ok_or_else(|| {
            tracing::error!(font, "printpdf could not read a font");
            AppError::Internal
        })?;
        let id = self.doc.add_font(parsed);
        self.used.insert((font, copy), id.clone());
        Ok(id)
    }

    /// The copy of `glyph`'s font whose map says `text` for it (the first
    /// whose map has it so, or has it not yet), and that copy's entry.
    fn mapped(&mut self, glyph: &Glyph, text: String, exact: bool) -> (usize, String) {
        let mut copy = 0;
        loop {
            let key = (glyph.font, copy, glyph.id);
            match self.glyph_texts.get(&key) {
                None => {
                    self.glyph_texts.insert(key, text.clone());
                    return (copy, text);
                }
                Some(kept) if *kept == text || !exact => return (copy, kept.clone()),
                Some(_) => copy += 1,
            }
        }
    }

    /// Adds an image to the document (drawn with `Op::UseXobject`).
    pub fn add_image(&mut self, image: &printpdf::RawImage) -> printpdf::XObjectId {
        self.doc.add_image(image)
    }

    /// Adds a drawing operation to the current page.
    pub fn push(&mut self, op: Op) {
        self.ops.push(op);
    }

    /// Places a shaped line with its left edge at `x` on baseline `y`
    /// (points from the page's bottom left), in `color`.
    ///
    /// Text read back from the PDF (search, copy, pdftotext, a screen
    /// reader) must be the text as typed. A left-to-right line carries its
    /// own text as an ActualText: its glyphs may reorder, combine and
    /// repeat across clusters (Indic, Thai), which no glyph map can say. A
    /// line with right-to-left runs cannot (poppler reorders an ActualText
    /// as if it were in visual order): there each cluster's text is in its
    /// glyphs' maps (see `glyph_texts`), each glyph set from a copy of its
    /// font whose map says exactly that (the sīn of "كسّاب" stands for
    /// sīn and shadda, a plain sīn elsewhere for sīn alone).
    pub fn place(&mut self, line: &Shaped, x: f32, y: f32, color: Color) -> Result<(), AppError> {
        if line.glyphs.is_empty() {
            return Ok(());
        }
        let whole_line = !line.rtl;
        if whole_line {
            self.ops.push(Op::BeginMarkedContentWithProperties {
                tag: "Span".into(),
                properties: actual_text(&line.text),
            });
        }
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFillColor { col: color });
        let mut current = None;
        for glyph in &line.glyphs {
            let text = glyph.text.clone().unwrap_or_default();
            // Under a line's ActualText any entry will do.
            let (copy, text) = self.mapped(glyph, text, !whole_line);
            if current != Some((glyph.font, copy)) {
                let font = self.font_id(glyph.font, copy)?;
                self.ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font),
                    size: Pt(line.size),
                });
                current = Some((glyph.font, copy));
            }
            self.ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(x + glyph.x), Pt(y + glyph.y)),
            });
            self.ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(vec![Codepoint {
                    gid: glyph.id,
                    offset: 0.0,
                    cid: Some(text),
                }])],
            });
        }
        self.ops.push(Op::EndTextSection);
        if whole_line {
            self.ops.push(Op::EndMarkedContent);
        }
        Ok(())
    }

    /// Sets `text` in black with its left edge at `x` on baseline `y`.
    pub fn line(&mut self, text: &str, size: f32, x: Mm, y: Mm) -> Result<(), AppError> {
        if text.trim().is_empty() {
            return Ok(());
        }
        let shaped = self.shaper.shape(text, size);
        self.place(&shaped, Pt::from(x).0, Pt::from(y).0, rgb(0, 0, 0))
    }

    /// Sets `text` in black on baseline `y` in the box from `x`, `width`
    /// wide, starting where its writing starts: at the left edge, or at
    /// the right edge in a right-to-left document.
    pub fn line_from_start(
        &mut self,
        text: &str,
        size: f32,
        (x, width): (Mm, Mm),
        y: Mm,
        rtl: bool,
    ) -> Result<(), AppError> {
        if text.trim().is_empty() {
            return Ok(());
        }
        let shaped = self.shaper.shape_in(text, size, rtl);
        let left = if rtl {
            Pt::from(x).0 + Pt::from(width).0 - shaped.width
        } else {
            Pt::from(x).0
        };
        self.place(&shaped, left, Pt::from(y).0, rgb(0, 0, 0))
    }

    /// Breaks `text` into lines no wider than `width` at `size`.
    pub fn wrap(&self, text: &str, size: f32, width: Mm) -> Vec<String> {
        self.shaper.wrap(text, size, Pt::from(width).0)
    }

    /// Ends the current page, `width` × `height`.
    pub fn end_page(&mut self, width: Mm, height: Mm) {
        let ops = std::mem::take(&mut self.ops);
        self.pages.push(PdfPage::new(width, height, ops));
    }

    /// The document's bytes, fonts embedded as subsets of the glyphs used.
    pub fn finish(mut self) -> Vec<u8> {
        let mut warnings = Vec::new();
        let pages = std::mem::take(&mut self.pages);
        self.doc
            .with_pages(pages)
            .save(&PdfSaveOptions::default(), &mut warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaper() -> Shaper {
        Shaper::new().expect("the Noto fonts (scripts/setup installs them)")
    }

    /// Where the glyph that carries `text` starts, in points.
    fn x_of(line: &Shaped, text: &str) -> f32 {
        line.glyphs
            .iter()
            .find(|g| g.text.as_deref().is_some_and(|t| t.starts_with(text)))
            .unwrap_or_else(|| panic!("no glyph for {text:?}"))
            .x
    }

    #[test]
    fn a_right_to_left_paragraph_sets_its_latin_word_at_the_left_end() {
        let line = shaper().shape("عمر حداد OMAR", 12.0);
        assert!(line.rtl);
        // Read right to left: عمر first (rightmost), OMAR last (leftmost).
        assert!(x_of(&line, "O") < x_of(&line, "ح"));
        assert!(x_of(&line, "ح") < x_of(&line, "ع"));
        let latin = shaper().shape("Omar عمر", 12.0);
        assert!(x_of(&latin, "O") < x_of(&latin, "ع"));
    }

    #[test]
    fn a_right_to_left_document_reads_a_line_starting_in_latin_right_to_left() {
        let s = shaper();
        let text = "Quanzhou · 2 نوفمبر";
        // On its own the line is left to right: Quanzhou at the left.
        let alone = s.shape(text, 12.0);
        assert!(x_of(&alone, "Q") < x_of(&alone, "ن"));
        // In an Arabic letter it starts at the right.
        let arabic = s.shape_in(text, 12.0, true);
        assert!(x_of(&arabic, "Q") > x_of(&arabic, "ن"));
    }

    #[test]
    fn each_script_is_set_in_a_font_that_has_it() {
        let s = shaper();
        for text in [
            "प्रिया शर्मा",
            "สมชาย ใจดี",
            "ნინო",
            "Արմեն",
            "יעל",
            "李华",
            "김민준",
        ] {
            let line = s.shape(text, 12.0);
            let font = &s.fonts[line.glyphs[0].font].face;
            // No .notdef (glyph 0): a box on paper.
            assert!(
                line.glyphs.iter().all(|g| g.id != 0),
                "{text}: a missing glyph"
            );
            assert!(text.chars().filter(|c| !c.is_whitespace()).all(|c| {
                line.glyphs
                    .iter()
                    .any(|g| s.fonts[g.font].face.glyph_index(c).is_some())
            }));
            let _ = font;
        }
    }

    #[test]
    fn a_long_name_shrinks_then_wraps_and_loses_nothing() {
        let s = shaper();
        let short = s.fit("Li Hua", 30.0, 12.0, 200.0, 3);
        assert_eq!((short.size, short.lines.len()), (30.0, 1));
        let name = "Maria Fernanda de los Ángeles Rodríguez-Villanueva y Castellanos-Echeverría";
        let fitted = s.fit(name, 30.0, 12.0, 250.0, 3);
        assert!(fitted.lines.len() > 1);
        assert!(fitted.lines.iter().all(|l| l.width <= 250.0));
        let joined: Vec<String> = fitted.lines.iter().map(|l| l.text.clone()).collect();
        assert_eq!(joined.join(" "), name);
        // One unbreakable word wider than the box: broken between graphemes.
        let word = "Castellanos-Echeverría".repeat(4);
        let broken = s.fit(&word, 30.0, 12.0, 100.0, 2);
        assert!(broken.lines.iter().all(|l| l.width <= 100.0));
        assert_eq!(
            broken
                .lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<String>(),
            word
        );
    }

    /// Names in the 15 scripts delegates write (the badges test's), Arabic
    /// with marks and ligatures, and mixed directions.
    pub(crate) const NAMES: [&str; 23] = [
        "李华",
        "김민준",
        "田中ゆき",
        "Иван Петров",
        "Ελένη Παπαδοπούλου",
        "محمد الأحمد",
        "مریم رضایی",
        "יעל כהן",
        "प्रिया शर्मा",
        "सीता अधिकारी",
        "রহিম উদ্দিন",
        "கவிதா ராமன்",
        "สมชาย ใจดี",
        "ნინო ბერიძე",
        "Արմեն Սարգսյան",
        "አስቴር በቀለ",
        "عمر حداد OMAR",
        "نادية كسّاب",
        "جوريّة الحلّاق",
        "عبد الله",
        "سلام لأحمد",
        "কক্সবাজার",
        "Rodríguez-Villanueva",
    ];

    /// What pdftotext reads back from a PDF, without the direction marks
    /// poppler puts around right-to-left runs, one string per line.
    fn read_back(pdf: &[u8]) -> Vec<String> {
        let path = std::env::temp_dir().join(format!(
            "cf-typesetter-{}-{:?}.pdf",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::write(&path, pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (scripts/setup installs poppler-utils)");
        let _ = std::fs::remove_file(&path);
        String::from_utf8(out.stdout)
            .unwrap()
            .chars()
            .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
            .collect::<String>()
            .split(['\n', '\x0c'])
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn every_line_in_every_script_reads_back_as_it_was_typed() {
        let mut t = Typesetter::new("scripts").unwrap();
        let mut y = 800.0;
        let mut expected = Vec::new();
        for name in NAMES {
            // As a line of its own, flush left and flush right.
            let line = t.shaper.shape(name, 14.0);
            t.place(&line, 40.0, y, rgb(0, 0, 0)).unwrap();
            y -= 24.0;
            let right = t.shaper.shape(name, 11.0);
            t.place(&right, 550.0 - right.width, y, rgb(0, 0, 0))
                .unwrap();
            y -= 24.0;
            expected.push(name.to_owned());
            if y < 60.0 {
                t.end_page(Mm(210.0), Mm(297.0));
                y = 800.0;
            }
        }
        t.end_page(Mm(210.0), Mm(297.0));
        // Clauses wrapped over many lines: Chinese naming Cox's Bazar in
        // Bengali (left to right), Arabic with marks (right to left, flush
        // right, as an agreement's column is set).
        let chinese = "双方同意在孟加拉国科克斯巴扎尔（কক্সবাজার）开展港口合作，\
            并于每年十一月向城市论坛报告进展。"
            .repeat(3);
        let arabic = "يتعاون الطرفان في تطوير ميناء كسّاب وتدريب الحلّاقين \
            ويقدّمان تقريرًا سنويًّا إلى منتدى المدن بإذن الله للسلام "
            .repeat(3);
        let mut wrapped = Vec::new();
        for (clause, rtl) in [(chinese.as_str(), false), (arabic.as_str(), true)] {
            let lines = t.shaper.wrap(clause, 10.0, 180.0);
            assert!(lines.len() > 4, "{} lines", lines.len());
            let mut y = 800.0;
            for text in lines {
                let line = t.shaper.shape(&text, 10.0);
                let x = if rtl { 220.0 - line.width } else { 40.0 };
                t.place(&line, x, y, rgb(0, 0, 0)).unwrap();
                y -= 16.0;
                wrapped.push(text);
            }
            t.end_page(Mm(210.0), Mm(297.0));
        }
        let read = read_back(&t.finish());
        let missing: Vec<&String> = expected
            .iter()
            .chain(&wrapped)
            .filter(|text| read.iter().filter(|l| l == text).count() == 0)
            .collect();
        assert!(
            missing.is_empty(),
            "not read back as typed: {missing:#?}\nread: {read:#?}"
        );
    }
}
