//! A compact byte form of parsed regexes (`regex_syntax::hir::Hir`), so the built-in rule
//! pack's regexes are parsed once by `build.rs` instead of at every start. Parsing, case
//! spelling and translation took about as long as compiling the automata themselves; reading
//! this form back is a walk over a few kilobytes. The table maps each regex source, exactly
//! as the binary would compile it, to its parsed form; a source not in it is parsed as usual.
//! Shared with `build.rs`, which writes the table.

use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Look, Repetition,
};

/// Deepest nesting read back; the built-in regexes stay far below it.
const MAX_DEPTH: usize = 256;

const EMPTY: u8 = 0;
const LITERAL: u8 = 1;
const CLASS_UNICODE: u8 = 2;
const CLASS_BYTES: u8 = 3;
const LOOK: u8 = 4;
const REPETITION: u8 = 5;
const CAPTURE: u8 = 6;
const CONCAT: u8 = 7;
const ALTERNATION: u8 = 8;

// Written by build.rs (which includes this file) and read back in the tests.
#[cfg_attr(not(test), allow(dead_code))]
/// Append the byte form of `hir` to `out`.
pub fn encode(hir: &Hir, out: &mut Vec<u8>) {
    match hir.kind() {
        HirKind::Empty => out.push(EMPTY),
        HirKind::Literal(lit) => {
            out.push(LITERAL);
            put_bytes(out, &lit.0);
        }
        HirKind::Class(Class::Unicode(class)) => {
            out.push(CLASS_UNICODE);
            put_number(out, class.ranges().len());
            for range in class.ranges() {
                put_number(out, range.start() as usize);
                put_number(out, range.end() as usize);
            }
        }
        HirKind::Class(Class::Bytes(class)) => {
            out.push(CLASS_BYTES);
            put_number(out, class.ranges().len());
            for range in class.ranges() {
                out.push(range.start());
                out.push(range.end());
            }
        }
        HirKind::Look(look) => {
            out.push(LOOK);
            put_number(out, look.as_repr() as usize);
        }
        HirKind::Repetition(rep) => {
            out.push(REPETITION);
            put_number(out, rep.min as usize);
            // 0 is "no upper bound", so a bound is stored one higher.
            put_number(out, rep.max.map_or(0, |max| max as usize + 1));
            out.push(u8::from(rep.greedy));
            encode(&rep.sub, out);
        }
        HirKind::Capture(cap) => {
            out.push(CAPTURE);
            put_number(out, cap.index as usize);
            put_bytes(out, cap.name.as_deref().unwrap_or("").as_bytes());
            encode(&cap.sub, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            let tag = if matches!(hir.kind(), HirKind::Concat(_)) {
                CONCAT
            } else {
                ALTERNATION
            };
            out.push(tag);
            put_number(out, subs.len());
            for sub in subs {
                encode(sub, out);
            }
        }
    }
}

/// The regex `bytes` hold, or `None` when they are not one whole byte form.
pub fn decode(bytes: &[u8]) -> Option<Hir> {
    let mut reader = Reader { bytes, at: 0 };
    let hir = reader.hir(0)?;
    (reader.at == bytes.len()).then_some(hir)
}

// Written by build.rs (which includes this file) and read back in the tests.
#[cfg_attr(not(test), allow(dead_code))]
/// A table of `(source, byte form)` entries: a count, then per entry the offsets and lengths
/// of its source and form (little-endian `u32`s), then the data. Entries are sorted by
/// source, for a binary search.
pub fn write_table(mut entries: Vec<(String, Vec<u8>)>) -> Vec<u8> {
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.dedup_by(|a, b| a.0 == b.0);
    let header = 4 + entries.len() * 16;
    let mut index = Vec::with_capacity(header);
    let mut data = Vec::new();
    index.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for (source, form) in &entries {
        for part in [source.as_bytes(), form.as_slice()] {
            index.extend_from_slice(&((header + data.len()) as u32).to_le_bytes());
            index.extend_from_slice(&(part.len() as u32).to_le_bytes());
            data.extend_from_slice(part);
        }
    }
    index.extend_from_slice(&data);
    index
}

/// The byte form stored for `source` in a table written by [`write_table`].
pub fn lookup<'t>(table: &'t [u8], source: &str) -> Option<&'t [u8]> {
    let count = read_u32(table, 0)?;
    let entry = |i: usize| -> Option<(&'t [u8], &'t [u8])> {
        let at = 4 + i * 16;
        let slice = |offset: usize| {
            let start = read_u32(table, offset)?;
            table.get(start..start.checked_add(read_u32(table, offset + 4)?)?)
        };
        Some((slice(at)?, slice(at + 8)?))
    };
    let (mut low, mut high) = (0, count);
    while low < high {
        let mid = low + (high - low) / 2;
        let (key, form) = entry(mid)?;
        match key.cmp(source.as_bytes()) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => return Some(form),
        }
    }
    None
}

fn read_u32(bytes: &[u8], at: usize) -> Option<usize> {
    let raw: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(raw) as usize)
}

// Written by build.rs (which includes this file) and read back in the tests.
#[cfg_attr(not(test), allow(dead_code))]
/// Numbers are LEB128: seven bits a byte, low first.
fn put_number(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

// Written by build.rs (which includes this file) and read back in the tests.
#[cfg_attr(not(test), allow(dead_code))]
fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_number(out, bytes.len());
    out.extend_from_slice(bytes);
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn number(&mut self) -> Option<usize> {
        let mut n = 0usize;
        for shift in (0..usize::BITS).step_by(7) {
            let b = self.byte()?;
            n |= usize::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.number()?).ok()
    }

    fn slice(&mut self) -> Option<&'b [u8]> {
        let len = self.number()?;
        let out = self.bytes.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(out)
    }

    fn hir(&mut self, depth: usize) -> Option<Hir> {
        if depth > MAX_DEPTH {
            return None;
        }
        Some(match self.byte()? {
            EMPTY => Hir::empty(),
            LITERAL => Hir::literal(self.slice()?),
            CLASS_UNICODE => {
                let count = self.number()?;
                let mut ranges = Vec::with_capacity(count.min(4096));
                for _ in 0..count {
                    let start = char::from_u32(self.u32()?)?;
                    let end = char::from_u32(self.u32()?)?;
                    ranges.push(ClassUnicodeRange::new(start, end));
                }
                Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
            }
            CLASS_BYTES => {
                let count = self.number()?;
                let mut ranges = Vec::with_capacity(count.min(256));
                for _ in 0..count {
                    ranges.push(ClassBytesRange::new(self.byte()?, self.byte()?));
                }
                Hir::class(Class::Bytes(ClassBytes::new(ranges)))
            }
            LOOK => Hir::look(Look::from_repr(self.u32()?)?),
            REPETITION => {
                let min = self.u32()?;
                let max = match self.u32()? {
                    0 => None,
                    bound => Some(bound - 1),
                };
                let greedy = self.byte()? != 0;
                let sub = Box::new(self.hir(depth + 1)?);
                Hir::repetition(Repetition {
                    min,
                    max,
                    greedy,
                    sub,
                })
            }
            CAPTURE => {
                let index = self.u32()?;
                let name = std::str::from_utf8(self.slice()?).ok()?;
                let name = (!name.is_empty()).then(|| Box::from(name));
                let sub = Box::new(self.hir(depth + 1)?);
                Hir::capture(Capture { index, name, sub })
            }
            tag @ (CONCAT | ALTERNATION) => {
                let count = self.number()?;
                let mut subs = Vec::with_capacity(count.min(4096));
                for _ in 0..count {
                    subs.push(self.hir(depth + 1)?);
                }
                if tag == CONCAT {
                    Hir::concat(subs)
                } else {
                    Hir::alternation(subs)
                }
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_syntax::ParserBuilder;

    fn parse(source: &str) -> Hir {
        ParserBuilder::new()
            .utf8(false)
            .build()
            .parse(source)
            .expect("test regex parses")
    }

    #[test]
    fn every_kind_of_node_reads_back_as_written() {
        for source in [
            "",
            "hello",
            r"(?i)café|naïve",
            r"[a-f0-9\u{2019}]+?",
            r"(?-u:\b)(?:we|you)(?-u:\b)\s{2,}x{3}y*z+",
            r"(?m)^\s*(?P<name>[A-Z][a-z]+)(done)?$",
            r"(?-u:[\x00-\x7f\xff])",
            r"\b{start-half}word\b{end-half}",
        ] {
            let hir = parse(source);
            let mut form = Vec::new();
            encode(&hir, &mut form);
            assert_eq!(decode(&form).as_ref(), Some(&hir), "{source}");
        }
    }

    #[test]
    fn a_table_finds_each_source_and_nothing_else() {
        let entries: Vec<(String, Vec<u8>)> = ["b+", "a", "ccc", "a"]
            .iter()
            .map(|s| {
                let mut form = Vec::new();
                encode(&parse(s), &mut form);
                (s.to_string(), form)
            })
            .collect();
        let table = write_table(entries);
        for source in ["a", "b+", "ccc"] {
            let form = lookup(&table, source).expect("stored");
            assert_eq!(decode(form), Some(parse(source)));
        }
        assert!(lookup(&table, "d").is_none());
        assert!(lookup(&table, "").is_none());
        assert!(lookup(&write_table(Vec::new()), "a").is_none());
    }

    #[test]
    fn damaged_bytes_are_refused_not_trusted() {
        let mut form = Vec::new();
        encode(&parse("(?:ab|cd)+x"), &mut form);
        assert!(decode(&form[..form.len() - 1]).is_none());
        let mut longer = form.clone();
        longer.push(0);
        assert!(decode(&longer).is_none());
        assert!(decode(&[99]).is_none());
        assert!(decode(&[]).is_none());
        // Nesting past the limit is refused rather than recursed into.
        let deep: Vec<u8> = std::iter::repeat_n([REPETITION, 0, 0, 1], 300)
            .flatten()
            .chain([EMPTY])
            .collect();
        assert!(decode(&deep).is_none());
        assert!(lookup(&[1, 0, 0, 0, 200, 0, 0, 0], "a").is_none());
    }
}
