//! Registration of delegates and delegations (issue 3, in progress: the
//! rules are here; storage, pages and mail come next).

pub mod domain;
pub mod types;
