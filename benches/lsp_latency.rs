//! End-to-end language-server latency (work in progress).
fn main() {}
