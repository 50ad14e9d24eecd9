//! Delegate logistics, built on the registrations: each person's travel
//! legs (what they ask for, then what the organizers booked) and the
//! travel document the visa letter prints, with the warnings a protocol
//! team chases (an arrival after the person's first session, a passport
//! that expires too soon). Hotels, airport transfers and meals come next
//! (issue 27).

pub mod domain;
pub mod types;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;
