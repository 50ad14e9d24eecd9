//! HTTP and service tests: one binary, each test on its own fresh database,
//! on SQLite and on PostgreSQL.

mod helpers;

mod accounts;
mod agreements;
mod audit;
mod badges;
mod budget;
mod checkin;
mod dashboard;
mod editions;
mod faults;
mod health;
mod hostile;
mod keep_alive;
mod logistics;
mod mail;
mod members;
mod pdf;
mod plain_forms;
mod privacy;
mod processes;
mod programme;
mod registrations;
mod review;
mod role_matrix;
mod roles;
mod safety;
mod sessions;
mod tablet_vectors;
