use outreach_lint::rules::evidence::{self, KnownNames};
use std::io::BufRead;
fn main() {
    let names = KnownNames::default();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let d = evidence::details(&line, &names);
        println!(
            "{:?} about={} | {}",
            d,
            evidence::is_about_reader(&line),
            &line[..line.len().min(90)]
        );
    }
}
