use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
fn main() {
    let pat = std::env::args().nth(1).unwrap();
    let src = outreach_lint::rules::pattern::to_regex_source(&pat).unwrap();
    let text = std::fs::read_to_string(std::env::args().nth(2).unwrap()).unwrap();
    let blocks: Vec<&str> = text.split("\n\n").collect();
    for copies in [1usize, 100, 600] {
        let config = meta::Config::new()
            .hybrid_cache_capacity(1 << 18)
            .which_captures(WhichCaptures::Implicit)
            .auto_prefilter(false);
        let res: Vec<Regex> = (0..copies)
            .map(|_| {
                Regex::builder()
                    .configure(config.clone())
                    .build(&src)
                    .unwrap()
            })
            .collect();
        let mut caches: Vec<_> = res.iter().map(|r| r.create_cache()).collect();
        let t = std::time::Instant::now();
        let mut hits = 0;
        let mut runs = 0;
        let mut bytes = 0;
        for _ in 0..200 {
            for b in &blocks {
                for k in 0..copies.min(10) {
                    let i = (runs * 7 + k) % copies;
                    runs += 1;
                    bytes += b.len();
                    let re = &res[i];
                    let mut input = regex_automata::Input::new(*b);
                    while let Some(m) = re.search_with(&mut caches[i], &input) {
                        hits += 1;
                        input.set_start(m.end().max(m.start() + 1));
                        if input.start() > b.len() {
                            break;
                        }
                    }
                }
            }
        }
        let el = t.elapsed();
        println!(
            "copies {copies}: {runs} runs {bytes} bytes {hits} hits: {:.2} us/run {:.2} ns/byte",
            el.as_secs_f64() * 1e6 / runs as f64,
            el.as_secs_f64() * 1e9 / bytes as f64
        );
    }
}
