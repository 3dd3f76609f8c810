//! Links `corroborate-time` without position independence.
//!
//! That executable is run once per document (issue 5), so its start-up is most of its time,
//! and a position-independent executable has its absolute addresses relocated by the loader
//! at every start: with `-no-pie` the linker resolves them once. Only that executable: the
//! main `corroborate` keeps the default (it serves HTTP, where address randomisation counts).
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.contains("linux") {
        println!("cargo:rustc-link-arg-bin=corroborate-time=-no-pie");
    }
}
