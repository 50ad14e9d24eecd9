// The translations are compiled in by `load_locales!()`: rebuild when they change.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
