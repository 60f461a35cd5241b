//! Word-level alignment of a quotation against a source passage: exact where the words run
//! the same (editorial conventions allowed), else the cheapest edit script, from which the
//! changes are read. Ellipses skip source words for free; `[bracketed]` words are the
//! editor's and cost nothing; a jump between sentences or clauses (stitching) costs a
//! fixed price. Among scripts with the fewest edits, the one that matches the most quotation
//! words wins, so `will be` against `will not be` is a dropped `not`, not an added `be`.

/// One word of a quotation as the aligner sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QWord {
    pub hash: u64,
    /// Inside `[square brackets]`: the editor's words, free to add or substitute.
    pub bracket: bool,
    /// An ellipsis stands before this word: source words may be skipped here.
    pub gap_before: bool,
    /// A new sentence of the quotation starts here: a jump costs `STITCH`.
    pub sentence_start: bool,
    /// A new clause starts here (after a comma, colon, semicolon or dash): a jump costs
    /// `CLAUSE_STITCH`.
    pub clause_start: bool,
}

/// What the aligner did with a quotation word or a source word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Quotation word `q` is source word `s`.
    Match { q: usize, s: usize },
    /// Quotation word `q` stands where source word `s` was.
    Replace { q: usize, s: usize },
    /// Quotation word `q` is not in the source.
    Add { q: usize },
    /// Source word `s` was left out (without an ellipsis).
    Drop { s: usize },
    /// The quotation jumps elsewhere in the source before word `q`.
    Stitch { q: usize },
}

/// An alignment of a whole quotation against part of a source.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// Edits: words replaced, added or dropped, and the price of each jump.
    pub cost: u32,
    pub ops: Vec<Op>,
    /// Quotation words matched exactly (brackets excluded).
    pub matched: usize,
    /// First and last source word used.
    pub first: usize,
    pub last: usize,
}

const STITCH: u32 = 2;
const CLAUSE_STITCH: u32 = 3;
const INF: u32 = u32::MAX / 4;

/// Finds the quotation verbatim in `source` (conventions allowed): every word matches in
/// order, gaps only at ellipses (any length) and brackets (up to 4 source words).
///
/// Where an ellipsis lets the words be found in several places, the tightest wins (the
/// passage the writer most likely cut), so that what the ellipsis leaves out is read right.
pub fn exact(q: &[QWord], source: &[u64]) -> Option<Alignment> {
    let first = q.iter().position(|w| !w.bracket)?;
    let words = q.iter().filter(|w| !w.bracket).count();
    let mut best: Option<Alignment> = None;
    for start in 0..source.len() {
        if source[start] != q[first].hash {
            continue;
        }
        if let Some(a) = exact_from(q, source, first, start) {
            let span = a.last - a.first + 1;
            if span <= words {
                return Some(a);
            }
            if best.as_ref().is_none_or(|b| span < b.last - b.first + 1) {
                best = Some(a);
            }
        }
    }
    best
}

fn exact_from(q: &[QWord], source: &[u64], first: usize, start: usize) -> Option<Alignment> {
    let mut ops = Vec::with_capacity(q.len());
    let mut budget = 10_000u32;
    if !exact_rest(q, source, first, start, false, &mut ops, &mut budget) {
        return None;
    }
    let matched = q.iter().filter(|w| !w.bracket).count();
    let last = ops.iter().rev().find_map(|o| match o {
        Op::Match { s, .. } => Some(*s),
        _ => None,
    });
    Some(Alignment {
        cost: 0,
        ops,
        matched,
        first: start,
        last: last.unwrap_or(start),
    })
}

/// Matches quotation words from `i` on at source position `s`, trying every place an ellipsis
/// or a bracket lets the next word be (a first guess that fails later is undone).
fn exact_rest(
    q: &[QWord],
    source: &[u64],
    i: usize,
    s: usize,
    after_bracket: bool,
    ops: &mut Vec<Op>,
    budget: &mut u32,
) -> bool {
    if i == q.len() {
        return true;
    }
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    let w = q[i];
    if w.bracket {
        ops.push(Op::Add { q: i });
        if exact_rest(q, source, i + 1, s, true, ops, budget) {
            return true;
        }
        ops.pop();
        return false;
    }
    let started = ops.iter().any(|o| matches!(o, Op::Match { .. }));
    let limit = if started && w.gap_before {
        source.len()
    } else if after_bracket {
        (s + 5).min(source.len())
    } else {
        (s + 1).min(source.len())
    };
    for k in s..limit {
        if source[k] != w.hash {
            continue;
        }
        ops.push(Op::Match { q: i, s: k });
        if exact_rest(q, source, i + 1, k + 1, false, ops, budget) {
            return true;
        }
        ops.pop();
    }
    false
}

/// The cheapest alignment of the whole quotation against any part of `source`.
///
/// Costs are counted in units of `unit` (one edit) plus one for each quotation word left
/// unmatched and for each jump, which only breaks ties between scripts with as many edits.
pub fn align(q: &[QWord], source: &[u64]) -> Alignment {
    let n = q.len();
    let m = source.len();
    let w = m + 1;
    // More than the tie-breaking units a script can add up: one per quotation word, one
    // per jump.
    let unit = u32::try_from(2 * n + 2).unwrap_or(u32::MAX / 8);
    // cost[i][j]: quotation words before i used, source words before j passed.
    let mut cost = vec![INF; (n + 1) * w];
    let mut back = vec![0u8; (n + 1) * w];
    // The quotation may start anywhere.
    cost[..=m].fill(0);
    #[allow(clippy::needless_range_loop)] // i indexes rows of two tables and the quotation
    for i in 0..=n {
        let row = i * w;
        // Free or priced jumps into this row (ellipsis, stitch) and free leading skips.
        if i > 0 && i < n && (q[i].gap_before || q[i].sentence_start || q[i].clause_start) {
            // A jump costs a little more than dropping as many words: on a tie, the
            // quotation's words are taken as one passage.
            let price = if q[i].gap_before {
                0
            } else if q[i].sentence_start {
                STITCH * unit + 1
            } else {
                CLAUSE_STITCH * unit + 1
            };
            let best = (0..=m).map(|j| cost[row + j]).min().unwrap_or(INF);
            for j in 0..=m {
                if best + price < cost[row + j] {
                    cost[row + j] = best + price;
                    back[row + j] = 4;
                }
            }
        }
        for j in 0..=m {
            let here = cost[row + j];
            if here >= INF {
                continue;
            }
            // Skip a source word: free before the quotation starts.
            if j < m {
                let c = here + if i > 0 && i < n { unit } else { 0 };
                if i == 0 || i == n {
                    // leading and trailing source words are simply outside the passage
                } else if c < cost[row + j + 1] {
                    cost[row + j + 1] = c;
                    back[row + j + 1] = 3;
                }
            }
            if i < n {
                let next = row + w;
                // Use quotation word i against source word j.
                if j < m {
                    let c = here
                        + if q[i].bracket || q[i].hash == source[j] {
                            0
                        } else {
                            unit + 1
                        };
                    if c < cost[next + j + 1] {
                        cost[next + j + 1] = c;
                        back[next + j + 1] = 1;
                    }
                }
                // Quotation word i added.
                let c = here + if q[i].bracket { 0 } else { unit + 1 };
                if c < cost[next + j] {
                    cost[next + j] = c;
                    back[next + j] = 2;
                }
            }
        }
    }
    let last_row = n * w;
    let (mut j, best) = (0..=m)
        .map(|j| (j, cost[last_row + j]))
        .min_by_key(|&(j, c)| (c, j))
        .unwrap_or((0, INF));
    // Trace back.
    let mut ops = Vec::new();
    let mut i = n;
    let mut guard = 0;
    while i > 0 && guard < 4 * (n + m + 2) {
        guard += 1;
        match back[i * w + j] {
            1 => {
                let (qi, sj) = (i - 1, j - 1);
                if q[qi].hash == source[sj] && !q[qi].bracket {
                    ops.push(Op::Match { q: qi, s: sj });
                } else if q[qi].bracket {
                    ops.push(Op::Add { q: qi });
                } else {
                    ops.push(Op::Replace { q: qi, s: sj });
                }
                i -= 1;
                j -= 1;
            }
            2 => {
                ops.push(Op::Add { q: i - 1 });
                i -= 1;
            }
            3 => {
                ops.push(Op::Drop { s: j - 1 });
                j -= 1;
            }
            4 => {
                // Came from the row's best cell: find it.
                let row = i * w;
                let from = (0..=m)
                    .filter(|&k| back[row + k] != 4)
                    .min_by_key(|&k| (cost[row + k], k))
                    .unwrap_or(0);
                if !q[i].gap_before {
                    ops.push(Op::Stitch { q: i });
                }
                j = from;
            }
            _ => break,
        }
    }
    ops.reverse();
    let matched = ops.iter().filter(|o| matches!(o, Op::Match { .. })).count();
    let used: Vec<usize> = ops
        .iter()
        .filter_map(|o| match o {
            Op::Match { s, .. } | Op::Replace { s, .. } => Some(*s),
            _ => None,
        })
        .collect();
    let first = used.iter().copied().min().unwrap_or(0);
    let last = used.iter().copied().max().unwrap_or(0);
    Alignment {
        cost: best / unit,
        ops,
        matched,
        first,
        last,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    fn qwords(text: &str) -> Vec<QWord> {
        let ws = words(text);
        ws.iter()
            .enumerate()
            .map(|(i, w)| {
                let before = if i == 0 {
                    ""
                } else {
                    &text[ws[i - 1].end..w.start]
                };
                let open = text[..w.start].rfind('[');
                let close = text[..w.start].rfind(']');
                QWord {
                    hash: w.hash,
                    bracket: open.is_some() && (close.is_none() || close < open),
                    gap_before: before.contains('…') || before.contains("..."),
                    sentence_start: before.contains(['.', '?', '!']),
                    clause_start: before.contains([',', ';', ':', '—', '–']),
                }
            })
            .collect()
    }

    fn hashes(text: &str) -> Vec<u64> {
        words(text).iter().map(|w| w.hash).collect()
    }

    const SRC: &str = "Preamble words here. We now have 110 brigades with daily combat experience. Kyiv says it has scaled up domestic defence manufacturing sixfold since Russia invaded.";

    #[test]
    fn exact_with_case_and_punctuation_folded() {
        assert!(
            exact(
                &qwords("we now have 110 brigades, with daily combat experience"),
                &hashes(SRC)
            )
            .is_some()
        );
        assert!(exact(&qwords("We now have 120 brigades"), &hashes(SRC)).is_none());
    }

    #[test]
    fn ellipsis_and_brackets_are_conventions() {
        assert!(
            exact(
                &qwords("We now have … daily combat experience"),
                &hashes(SRC)
            )
            .is_some()
        );
        assert!(exact(&qwords("[Kyiv] says it has scaled up"), &hashes(SRC)).is_some());
        assert!(exact(&qwords("it [Ukraine] has scaled up"), &hashes(SRC)).is_some());
    }

    #[test]
    fn changed_word_is_a_replacement() {
        let q = qwords("scaled up domestic defence manufacturing six times since Russia invaded");
        let a = align(&q, &hashes(SRC));
        assert!(a.cost > 0);
        assert!(a.ops.iter().any(|o| matches!(o, Op::Replace { .. })));
        assert_eq!(a.matched, 8);
    }

    #[test]
    fn stitched_sentences_cost_a_jump() {
        let q = qwords("Kyiv says it has scaled up. We now have 110 brigades");
        let a = align(&q, &hashes(SRC));
        assert_eq!(a.cost, STITCH);
        assert!(a.ops.iter().any(|o| matches!(o, Op::Stitch { .. })));
    }
}
