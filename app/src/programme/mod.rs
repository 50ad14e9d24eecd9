//! The programme of an edition: sessions in rooms, their conflicts,
//! personal agendas and calendar feeds (issue 4, in progress: the rules
//! are here; storage, pages, feeds and the API come next).

pub mod domain;
