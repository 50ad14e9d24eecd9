//! Long lists come in pages: the request names a page, the answer carries
//! the page's rows and the total, for the pages and the API alike.

use serde::{Deserialize, Serialize};

/// Rows per page when the caller does not say.
pub const DEFAULT_PER_PAGE: u32 = 50;
/// The most rows one page may hold, so no request reads a whole table.
pub const MAX_PER_PAGE: u32 = 500;

/// Which page to read: `page` counts from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct PageRequest {
    #[serde(default = "first_page")]
    pub page: u32,
    #[serde(default = "default_per_page")]
    pub per_page: u32,
}

fn first_page() -> u32 {
    1
}

fn default_per_page() -> u32 {
    DEFAULT_PER_PAGE
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

impl PageRequest {
    /// The request with its numbers brought into range (page 0 is page 1,
    /// a page size over the maximum is the maximum).
    pub fn clamped(self) -> PageRequest {
        PageRequest {
            page: self.page.max(1),
            per_page: self.per_page.clamp(1, MAX_PER_PAGE),
        }
    }

    /// Rows to skip before this page.
    pub fn offset(self) -> u64 {
        let page = self.clamped();
        u64::from(page.page - 1) * u64::from(page.per_page)
    }

    pub fn limit(self) -> u64 {
        u64::from(self.clamped().per_page)
    }
}

/// One page of a list and where it sits in the whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// Rows in the whole list (all pages).
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl<T> Paged<T> {
    pub fn new(items: Vec<T>, total: u64, request: PageRequest) -> Self {
        let request = request.clamped();
        Paged {
            items,
            total,
            page: request.page,
            per_page: request.per_page,
        }
    }

    /// How many pages the whole list fills (at least 1).
    pub fn pages(&self) -> u32 {
        let per_page = u64::from(self.per_page.max(1));
        self.total
            .div_ceil(per_page)
            .max(1)
            .min(u64::from(u32::MAX)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_requests_are_brought_into_range() {
        let wild = PageRequest {
            page: 0,
            per_page: 1_000_000,
        };
        assert_eq!(wild.offset(), 0);
        assert_eq!(wild.limit(), u64::from(MAX_PER_PAGE));
        let third = PageRequest {
            page: 3,
            per_page: 20,
        };
        assert_eq!(third.offset(), 40);
    }

    #[test]
    fn the_page_count_rounds_up_and_is_never_zero() {
        let page = |total| Paged::<u8>::new(vec![], total, PageRequest::default()).pages();
        assert_eq!(page(0), 1);
        assert_eq!(page(50), 1);
        assert_eq!(page(51), 2);
    }
}
