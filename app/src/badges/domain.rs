//! Badge rules without I/O: how layouts place badges on sheets, the
//! colour and word of each category, and whether a code passes.

use super::types::{BadgeClaim, BadgeLayout, BadgeOutcome};
use crate::registration::types::{Category, RegistrationStatus};

/// A layout as numbers: the badge's size and how many fit on which sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutSpec {
    /// Badge width and height, mm.
    pub badge: (f32, f32),
    /// Sheet width and height, mm.
    pub sheet: (f32, f32),
    pub columns: u32,
    pub rows: u32,
    pub cut_marks: bool,
    /// Each sheet is followed by its back: the same badges, mirrored.
    pub double_sided: bool,
}

const A4: (f32, f32) = (210.0, 297.0);
const LETTER: (f32, f32) = (215.9, 279.4);
const A6: (f32, f32) = (105.0, 148.0);
/// 4 in wide, 3 in tall.
const FOUR_BY_THREE: (f32, f32) = (101.6, 76.2);
/// ISO/IEC 7810 ID-1, landscape.
const CARD: (f32, f32) = (85.6, 54.0);

impl BadgeLayout {
    pub fn spec(self) -> LayoutSpec {
        let single = |badge| LayoutSpec {
            badge,
            sheet: badge,
            columns: 1,
            rows: 1,
            cut_marks: false,
            double_sided: false,
        };
        let four_a6 = LayoutSpec {
            badge: A6,
            sheet: A4,
            columns: 2,
            rows: 2,
            cut_marks: true,
            double_sided: false,
        };
        match self {
            BadgeLayout::FourA6OnA4 => four_a6,
            BadgeLayout::DoubleA6OnA4 => LayoutSpec {
                double_sided: true,
                ..four_a6
            },
            BadgeLayout::SixOnLetter => LayoutSpec {
                // Two across (8 in of 8.5), three down (9 in of 11).
                badge: FOUR_BY_THREE,
                sheet: LETTER,
                columns: 2,
                rows: 3,
                cut_marks: true,
                double_sided: false,
            },
            BadgeLayout::A6 => single(A6),
            BadgeLayout::FourByThree => single(FOUR_BY_THREE),
            BadgeLayout::Card => single(CARD),
        }
    }
}

impl LayoutSpec {
    pub fn per_sheet(&self) -> usize {
        (self.columns * self.rows) as usize
    }

    /// The bottom-left corner (mm from the sheet's bottom left) of each
    /// badge on a sheet, first badge top left, reading order; the grid is
    /// centred on the sheet.
    pub fn cells(&self) -> Vec<(f32, f32)> {
        let (w, h) = self.badge;
        let left = (self.sheet.0 - w * self.columns as f32) / 2.0;
        let bottom = (self.sheet.1 - h * self.rows as f32) / 2.0;
        let mut cells = Vec::with_capacity(self.per_sheet());
        for row in 0..self.rows {
            for column in 0..self.columns {
                let x = left + w * column as f32;
                let y = bottom + h * (self.rows - 1 - row) as f32;
                cells.push((x, y));
            }
        }
        cells
    }

    /// Where the back of the badge in cell `i` goes: the same row, the
    /// column mirrored (a sheet turned over its long edge).
    pub fn back_cell(&self, i: usize) -> usize {
        let columns = self.columns as usize;
        let (row, column) = (i / columns, i % columns);
        row * columns + (columns - 1 - column)
    }

    /// Whether this badge is wider than tall (a card).
    pub fn landscape(&self) -> bool {
        self.badge.0 > self.badge.1
    }
}

/// The colour band of a category (RGB), chosen to differ in lightness as
/// well as hue, with its word printed on it, so badges read in black and
/// white and by the colour-blind too.
pub fn band_colour(category: Category) -> (u8, u8, u8) {
    match category {
        Category::HeadOfDelegation => (139, 26, 26),
        Category::Delegate => (21, 67, 140),
        Category::Speaker => (106, 27, 154),
        Category::BusinessCouncil => (176, 110, 0),
        Category::Observer => (90, 90, 90),
        Category::Press => (200, 40, 40),
        Category::Staff => (0, 110, 70),
        Category::Un => (0, 133, 199),
    }
}

/// What is known of a code's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyState {
    pub edition_id: i64,
    pub revoked: bool,
}

/// What is known of the registration a code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HolderState {
    pub edition_id: i64,
    pub status: RegistrationStatus,
    pub version: i32,
}

/// Whether a code that read cleanly passes, checked in the order a
/// forger would have to get past: the edition it claims, the key, the
/// signature, the key's revocation, then the registration's state now.
/// The check-in tablet judges offline in the same order
/// (`judgeOffline` in `public/checkin/checkin.js`), so a door gives the same reason online
/// and offline: a tablet holds its own edition's keys only, so the
/// edition comes first, and a revoked key is only news once the
/// signature shows the code is ours.
pub fn judge(
    claim: &BadgeClaim,
    checking_edition: Option<i64>,
    key: Option<KeyState>,
    signature_matches: bool,
    holder: Option<HolderState>,
) -> BadgeOutcome {
    if checking_edition.is_some_and(|edition| edition != claim.edition_id) {
        return BadgeOutcome::OtherEdition;
    }
    let Some(key) = key else {
        return BadgeOutcome::UnknownKey;
    };
    if key.edition_id != claim.edition_id {
        // A key signs for its own edition only.
        return BadgeOutcome::Forged;
    }
    if !signature_matches {
        return BadgeOutcome::Forged;
    }
    if key.revoked {
        return BadgeOutcome::RevokedKey;
    }
    let Some(holder) = holder.filter(|h| h.edition_id == claim.edition_id) else {
        return BadgeOutcome::UnknownRegistration;
    };
    if holder.status != RegistrationStatus::Approved {
        return BadgeOutcome::NotApproved;
    }
    if holder.version != claim.version {
        return BadgeOutcome::Superseded;
    }
    BadgeOutcome::Valid
}

/// Whether a code is one we signed for this person (only then does an
/// answer say whose badge it is): passing, reprinted since, or refused
/// for the registration's state.
pub fn genuine(outcome: BadgeOutcome) -> bool {
    matches!(
        outcome,
        BadgeOutcome::Valid | BadgeOutcome::Superseded | BadgeOutcome::NotApproved
    )
}

/// The outcome in words, in English (for the API and the logs).
pub fn reason(outcome: BadgeOutcome) -> &'static str {
    match outcome {
        BadgeOutcome::Valid => "valid badge",
        BadgeOutcome::Unreadable => "not a readable badge code",
        BadgeOutcome::UnknownKey => "signed with a key this Forum does not know",
        BadgeOutcome::RevokedKey => "signed with a key that was revoked",
        BadgeOutcome::OtherEdition => "a badge of another edition",
        BadgeOutcome::Forged => "the signature does not match: forged or altered",
        BadgeOutcome::UnknownRegistration => "no such registration",
        BadgeOutcome::Superseded => "replaced by a reprint: this badge no longer passes",
        BadgeOutcome::NotApproved => "the registration is not approved (cancelled or declined)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLAIM: BadgeClaim = BadgeClaim {
        key_id: 1,
        edition_id: 7,
        registration_id: 42,
        version: 2,
    };
    const KEY: KeyState = KeyState {
        edition_id: 7,
        revoked: false,
    };
    const HOLDER: HolderState = HolderState {
        edition_id: 7,
        status: RegistrationStatus::Approved,
        version: 2,
    };

    #[test]
    fn a_current_badge_of_an_approved_person_passes() {
        assert_eq!(
            judge(&CLAIM, Some(7), Some(KEY), true, Some(HOLDER)),
            BadgeOutcome::Valid
        );
        assert_eq!(
            judge(&CLAIM, None, Some(KEY), true, Some(HOLDER)),
            BadgeOutcome::Valid
        );
    }

    #[test]
    fn every_way_to_fail_has_its_reason() {
        use BadgeOutcome::*;
        let j = |edition, key, sig, holder| judge(&CLAIM, edition, key, sig, holder);
        assert_eq!(j(Some(7), None, true, Some(HOLDER)), UnknownKey);
        let other_key = KeyState {
            edition_id: 8,
            ..KEY
        };
        assert_eq!(j(Some(7), Some(other_key), true, Some(HOLDER)), Forged);
        assert_eq!(j(Some(8), Some(KEY), true, Some(HOLDER)), OtherEdition);
        // Another edition's code is that whatever its key or signature: a
        // tablet, which holds its own edition's keys only, can say so too.
        assert_eq!(j(Some(8), None, false, None), OtherEdition);
        assert_eq!(j(Some(7), Some(KEY), false, Some(HOLDER)), Forged);
        let revoked = KeyState {
            revoked: true,
            ..KEY
        };
        assert_eq!(j(Some(7), Some(revoked), true, Some(HOLDER)), RevokedKey);
        assert_eq!(j(Some(7), Some(KEY), true, None), UnknownRegistration);
        let elsewhere = HolderState {
            edition_id: 8,
            ..HOLDER
        };
        assert_eq!(
            j(Some(7), Some(KEY), true, Some(elsewhere)),
            UnknownRegistration
        );
        for status in [
            RegistrationStatus::Cancelled,
            RegistrationStatus::Declined,
            RegistrationStatus::Submitted,
            RegistrationStatus::Waitlisted,
        ] {
            let holder = HolderState { status, ..HOLDER };
            assert_eq!(j(Some(7), Some(KEY), true, Some(holder)), NotApproved);
        }
        let reprinted = HolderState {
            version: 3,
            ..HOLDER
        };
        assert_eq!(j(Some(7), Some(KEY), true, Some(reprinted)), Superseded);
    }

    #[test]
    fn layouts_fit_their_sheets() {
        for layout in BadgeLayout::ALL {
            let spec = layout.spec();
            let cells = spec.cells();
            assert_eq!(cells.len(), spec.per_sheet());
            for (x, y) in cells {
                assert!(x >= 0.0 && y >= 0.0, "{layout:?}");
                assert!(x + spec.badge.0 <= spec.sheet.0 + 0.01, "{layout:?}");
                assert!(y + spec.badge.1 <= spec.sheet.1 + 0.01, "{layout:?}");
            }
        }
        let a4 = BadgeLayout::FourA6OnA4.spec();
        assert_eq!(a4.cells()[0], (0.0, 148.5));
        assert!(BadgeLayout::Card.spec().landscape());
        let duplex = BadgeLayout::DoubleA6OnA4.spec();
        assert!(duplex.double_sided);
        // Turned over, the left column is on the right.
        assert_eq!(
            (0..4).map(|i| duplex.back_cell(i)).collect::<Vec<_>>(),
            vec![1, 0, 3, 2]
        );
    }
}
