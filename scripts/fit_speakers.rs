//! Fits the speaker model's weights (`src/draft/speakers/weights.txt`) on labelled sets, and
//! reports speaker accuracy on them and on held-out sets.
//!
//!     cargo run --release --example fit_speakers -- \
//!         --train ../shared/eval/polnear-train --train ../shared/eval/dev:4 \
//!         --train ../shared/eval/articles:4 --check ../shared/eval/polnear-dev \
//!         --out src/draft/speakers/weights.txt
//!
//! A set is a folder with `drafts/` and `labels/` (the format of `../shared/eval`); `:N` after
//! a training set weighs its quotations N times. The model is a softmax over each quotation's
//! candidates and "no one", fitted by full-batch gradient descent (Adam) with an L2 penalty,
//! from zero weights, in a fixed order: the same sets give the same weights. Speakers of
//! earlier quotations feed later ones' features, so extraction and fitting alternate
//! (`--rounds`). `--ablate` refits without each feature group and prints what it is worth.

use std::path::{Path, PathBuf};

use verbatim::draft::speakers::{self, FEATURE_NAMES, TrainingQuote, Weights};
use verbatim::draft::{ExtractOptions, Format, markup, quotes};

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "lord",
    "lady",
    "prof",
    "professor",
    "president",
    "minister",
    "chancellor",
    "senator",
    "rev",
    "dame",
    "mx",
    "ambassador",
    "secretary",
    "captain",
    "coach",
    "manager",
    "chairman",
    "chief",
    "executive",
    "judge",
    "general",
    "governor",
    "mayor",
    "prime",
    "deputy",
    "foreign",
    "home",
    "mp",
    "baroness",
];

/// The scorer's words of a name (`../shared/eval/score.py`): lower case, titles dropped.
fn score_words(name: &str) -> Vec<String> {
    let lower = name.to_lowercase();
    let mut out = Vec::new();
    let mut word = String::new();
    for c in lower.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() || c == '_' || matches!(c, '\'' | '’' | '-') {
            word.push(c);
        } else if !word.is_empty() {
            if !TITLES.contains(&word.as_str()) {
                out.push(word.replace('’', "'"));
            }
            word.clear();
        }
    }
    out
}

fn initials(name: &str) -> String {
    name.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
        .filter_map(|w| w.chars().next())
        .collect::<String>()
        .to_lowercase()
}

/// The scorer's `same_person`: surnames agree, first names too when both give one.
fn same_person(gold: Option<&str>, predicted: Option<&str>) -> bool {
    if let (Some(g), Some(p)) = (gold, predicted) {
        let p = p.trim();
        if p.len() >= 2 && p.chars().all(|c| c.is_ascii_uppercase()) {
            let acronym = p.to_lowercase();
            return initials(g).ends_with(&acronym) || score_words(g).last() == Some(&acronym);
        }
    }
    let g = gold.map(score_words).unwrap_or_default();
    let p = predicted.map(score_words).unwrap_or_default();
    if g.last() != p.last() {
        return false;
    }
    if gold.is_none() || predicted.is_none() {
        return true;
    }
    g.len() < 2 || p.len() < 2 || g[0] == p[0]
}

struct Label {
    text: String,
    occurrence: usize,
    speech: bool,
    speaker: Option<String>,
    unresolved: bool,
}

fn read_labels(path: &Path) -> Vec<Label> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    value
        .as_array()
        .map(|a| a.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|g| Label {
            text: g["text"].as_str().unwrap_or_default().to_string(),
            occurrence: g["occurrence"].as_u64().unwrap_or(1) as usize,
            speech: g["kind"].as_str().unwrap_or("speech") == "speech",
            speaker: g["speaker"].as_str().map(str::to_string),
            unresolved: g["speaker_unresolved"].as_bool().unwrap_or(false),
        })
        .collect()
}

/// One scored quotation: its candidates and which of them (or "no one", `none_ok`) are right.
#[derive(Clone)]
struct Example {
    set: usize,
    /// Which draft of its set (for cross-validation folds).
    draft: usize,
    weight: f64,
    feats: Vec<Vec<f32>>,
    gold: Vec<bool>,
    none_ok: bool,
    /// A named candidate matches the gold speaker, or the gold is no one.
    reachable: bool,
}

struct Set {
    name: String,
    dir: PathBuf,
    weight: f64,
    train: bool,
}

/// A set's drafts, by their labels' stem. A set with no `drafts/` folder labels articles of
/// the BBC corpus (`labels/business-020.json` for `business/020.txt`), read from the folder
/// that `VERBATIM_BBC_CORPUS` names: the repository ships the labels, not the BBC's text.
fn drafts(dir: &Path) -> Vec<(String, PathBuf)> {
    let stem = |p: &Path| {
        p.file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string()
    };
    let list = |d: &Path| {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d)
            .unwrap_or_else(|e| panic!("{}: {e}", d.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        v.sort();
        v
    };
    if dir.join("drafts").is_dir() {
        return list(&dir.join("drafts"))
            .into_iter()
            .map(|p| (stem(&p), p))
            .collect();
    }
    let bbc = std::env::var_os("VERBATIM_BBC_CORPUS").map(PathBuf::from).unwrap_or_else(|| {
        panic!(
            "{} labels BBC corpus articles: set VERBATIM_BBC_CORPUS to the corpus folder (../shared/corpus/bbc)",
            dir.display()
        )
    });
    list(&dir.join("labels"))
        .into_iter()
        .map(|label| {
            let stem = stem(&label);
            let (folder, number) = stem
                .rsplit_once('-')
                .unwrap_or_else(|| panic!("{}: not <folder>-<nnn>.json", label.display()));
            (stem.clone(), bbc.join(folder).join(format!("{number}.txt")))
        })
        .collect()
}

/// Extracts every draft of a set with `weights` and pairs its quotations with the labels.
fn examples(set_index: usize, set: &Set, weights: &Weights) -> Vec<Example> {
    let mut out = Vec::new();
    for (draft, (stem, path)) in drafts(&set.dir).into_iter().enumerate() {
        let labels = read_labels(&set.dir.join("labels").join(format!("{stem}.json")));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let format = Format::from_path(&path);
        let masked = markup::mask(&text, format);
        let mut found = quotes::find_quotes(
            &text,
            &masked,
            &ExtractOptions::default(),
            format == Format::Plain,
        );
        let training = speakers::training_quotes(&masked, &mut found, weights);
        let mut used = vec![false; training.len()];
        for label in labels.iter().filter(|l| l.speech && !l.unresolved) {
            let Some(span) = locate(&text, &label.text, label.occurrence) else {
                continue;
            };
            let best = best_overlap(&training, &used, span);
            let Some(i) = best else { continue };
            used[i] = true;
            let tq = &training[i];
            let gold: Vec<bool> = tq
                .candidates
                .iter()
                .map(|(name, _, _)| match (&label.speaker, name) {
                    (Some(g), Some(n)) => same_person(Some(g), Some(n)),
                    (None, None) => true,
                    _ => false,
                })
                .collect();
            let none_ok = label.speaker.is_none();
            out.push(Example {
                set: set_index,
                draft,
                weight: set.weight,
                feats: tq.candidates.iter().map(|c| c.2.to_vec()).collect(),
                reachable: none_ok || gold.iter().any(|g| *g),
                gold,
                none_ok,
            });
        }
    }
    out
}

fn locate(text: &str, needle: &str, occurrence: usize) -> Option<(usize, usize)> {
    let mut from = 0;
    let mut at = None;
    for _ in 0..occurrence {
        let i = text.get(from..)?.find(needle)? + from;
        at = Some(i);
        from = i + 1;
    }
    at.map(|i| (i, i + needle.len()))
}

fn best_overlap(training: &[TrainingQuote], used: &[bool], span: (usize, usize)) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, q) in training.iter().enumerate() {
        let ov = span.1.min(q.end).saturating_sub(span.0.max(q.start));
        if ov > 0 && !used[i] && best.is_none_or(|(_, b)| ov > b) {
            best = Some((i, ov));
        }
    }
    best.filter(|&(_, ov)| ov * 2 >= span.1 - span.0)
        .map(|(i, _)| i)
}

fn score(w: &[f64], f: &[f32], mask: &[bool]) -> f64 {
    w.iter()
        .zip(f)
        .zip(mask)
        .filter(|(_, m)| **m)
        .map(|((w, x), _)| w * f64::from(*x))
        .sum()
}

/// Is the model right on an example: its pick (or no one) is a gold choice?
fn right(w: &[f64], e: &Example, mask: &[bool]) -> bool {
    let scores: Vec<f64> = e.feats.iter().map(|f| score(w, f, mask)).collect();
    let best = scores
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)));
    match best {
        Some((i, &s)) if s > 0.0 => e.gold[i],
        _ => e.none_ok,
    }
}

/// Fits weights by full-batch Adam on the marginal log-likelihood of the gold choices.
fn fit(examples: &[Example], mask: &[bool], l2: f64, iterations: usize) -> Vec<f64> {
    let n = FEATURE_NAMES.len();
    let mut w = vec![0.0f64; n];
    let (mut m, mut v) = (vec![0.0f64; n], vec![0.0f64; n]);
    let (b1, b2, lr, eps) = (0.9, 0.999, 0.05, 1e-8);
    let total: f64 = examples
        .iter()
        .filter(|e| e.reachable)
        .map(|e| e.weight)
        .sum();
    for it in 1..=iterations {
        let mut grad = vec![0.0f64; n];
        for e in examples.iter().filter(|e| e.reachable) {
            let scores: Vec<f64> = e.feats.iter().map(|f| score(&w, f, mask)).collect();
            let top = scores.iter().copied().fold(0.0f64, f64::max);
            let none = (-top).exp();
            let exps: Vec<f64> = scores.iter().map(|s| (s - top).exp()).collect();
            let z = none + exps.iter().sum::<f64>();
            let good = if e.none_ok { none } else { 0.0 }
                + exps
                    .iter()
                    .zip(&e.gold)
                    .filter(|(_, g)| **g)
                    .map(|(x, _)| x)
                    .sum::<f64>();
            // d(-log good/z)/dw = E_p[f] - E_{p|good}[f]
            for (c, f) in e.feats.iter().enumerate() {
                let p = exps[c] / z;
                let q = if e.gold[c] { exps[c] / good } else { 0.0 };
                let k = (p - q) * e.weight / total;
                if k != 0.0 {
                    for (j, x) in f.iter().enumerate() {
                        if mask[j] {
                            grad[j] += k * f64::from(*x);
                        }
                    }
                }
            }
        }
        for j in 0..n {
            if !mask[j] {
                w[j] = 0.0;
                continue;
            }
            let g = grad[j] + l2 * w[j];
            m[j] = b1 * m[j] + (1.0 - b1) * g;
            v[j] = b2 * v[j] + (1.0 - b2) * g * g;
            let mh = m[j] / (1.0 - b1.powi(it as i32));
            let vh = v[j] / (1.0 - b2.powi(it as i32));
            w[j] -= lr * mh / (vh.sqrt() + eps);
        }
    }
    w
}

fn accuracy(w: &[f64], examples: &[Example], set: usize, mask: &[bool]) -> (f64, usize) {
    let of: Vec<&Example> = examples.iter().filter(|e| e.set == set).collect();
    let ok = of.iter().filter(|e| right(w, e, mask)).count();
    (ok as f64 / of.len().max(1) as f64, of.len())
}

fn to_weights(w: &[f64]) -> Weights {
    let mut a = [0.0f32; speakers::FEATURE_COUNT];
    for (x, y) in a.iter_mut().zip(w) {
        *x = *y as f32;
    }
    Weights(a)
}

fn main() {
    let mut sets: Vec<Set> = Vec::new();
    let mut out: Option<PathBuf> = None;
    let mut rounds = 3;
    let mut iterations = 400;
    let mut l2 = 1e-3;
    let mut ablate = false;
    let mut stats: Vec<String> = Vec::new();
    let mut folds = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--train" | "--check" => {
                let v = value();
                let (dir, weight) = match v.rsplit_once(':') {
                    Some((d, w)) if w.parse::<f64>().is_ok() => {
                        (d.to_string(), w.parse().unwrap_or(1.0))
                    }
                    _ => (v.clone(), 1.0),
                };
                let dir = PathBuf::from(dir);
                let name = dir
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("?")
                    .to_string();
                sets.push(Set {
                    name,
                    dir,
                    weight,
                    train: a == "--train",
                });
            }
            "--out" => out = Some(PathBuf::from(value())),
            "--rounds" => rounds = value().parse().expect("--rounds N"),
            "--iterations" => iterations = value().parse().expect("--iterations N"),
            "--l2" => l2 = value().parse().expect("--l2 X"),
            "--ablate" => ablate = true,
            "--stats" => stats.push(value()),
            "--folds" => folds = value().parse().expect("--folds N"),
            other => panic!("unknown argument {other} (see the top of scripts/fit_speakers.rs)"),
        }
    }
    assert!(
        sets.iter().any(|s| s.train),
        "give at least one --train set"
    );
    let n = FEATURE_NAMES.len();
    let all = vec![true; n];
    let mut weights = Weights([0.0; speakers::FEATURE_COUNT]);
    // Round 0 extracts with zero weights (no earlier speakers); each round refits from zero.
    let mut w = vec![0.0; n];
    let mut exs: Vec<Example> = Vec::new();
    for round in 0..rounds {
        exs = sets
            .iter()
            .enumerate()
            .flat_map(|(i, s)| examples(i, s, &weights))
            .collect();
        let train: Vec<Example> = exs.iter().filter(|e| sets[e.set].train).cloned().collect();
        w = fit(&train, &all, l2, iterations);
        weights = to_weights(&w);
        eprint!("round {round}:");
        for (i, s) in sets.iter().enumerate() {
            let (acc, count) = accuracy(&w, &exs, i, &all);
            eprint!(" {}={acc:.4} ({count})", s.name);
        }
        eprintln!();
    }
    // `--stats FEATURE`: on examples where a candidate has the feature, how often the right
    // candidate has it, and how often the model is right.
    for name in &stats {
        let Some(f) = FEATURE_NAMES.iter().position(|n| n == name) else {
            eprintln!("no feature {name}");
            continue;
        };
        for (i, s) in sets.iter().enumerate() {
            let with: Vec<&Example> = exs
                .iter()
                .filter(|e| e.set == i && e.feats.iter().any(|x| x[f] > 0.0))
                .collect();
            let gold_has = with
                .iter()
                .filter(|e| e.feats.iter().zip(&e.gold).any(|(x, g)| *g && x[f] > 0.0))
                .count();
            let gold_other = with
                .iter()
                .filter(|e| e.feats.iter().zip(&e.gold).any(|(x, g)| *g && x[f] == 0.0))
                .count();
            let ok = with.iter().filter(|e| right(&w, e, &all)).count();
            eprintln!(
                "{name} {}: {} examples, gold has it {gold_has}, gold lacks it {gold_other}, none {}, model right {ok}",
                s.name,
                with.len(),
                with.iter().filter(|e| e.none_ok).count()
            );
        }
    }
    let mut report = String::new();
    for (i, s) in sets.iter().enumerate() {
        let (acc, count) = accuracy(&w, &exs, i, &all);
        let reach = exs.iter().filter(|e| e.set == i && e.reachable).count();
        report.push_str(&format!(
            "# {:<14} {:>5} {} quotations, speaker right {:.4}, reachable {:.4}\n",
            s.name,
            if s.train { "train" } else { "check" },
            count,
            acc,
            reach as f64 / count.max(1) as f64
        ));
    }
    // `--folds K`: each training set's accuracy when its drafts are held out K ways (each
    // fold fitted without them): what the weights do on drafts they were not fitted on.
    if folds > 1 {
        let mut right_by_set = vec![(0usize, 0usize); sets.len()];
        for fold in 0..folds {
            let train: Vec<Example> = exs
                .iter()
                .filter(|e| sets[e.set].train && e.draft % folds != fold)
                .cloned()
                .collect();
            let wf = fit(&train, &all, l2, iterations);
            for e in exs
                .iter()
                .filter(|e| sets[e.set].train && e.draft % folds == fold)
            {
                right_by_set[e.set].1 += 1;
                right_by_set[e.set].0 += usize::from(right(&wf, e, &all));
            }
        }
        for (i, s) in sets.iter().enumerate().filter(|(_, s)| s.train) {
            let (ok, n) = right_by_set[i];
            report.push_str(&format!(
                "# {:<14} {folds}-fold held out: speaker right {:.4}\n",
                s.name,
                ok as f64 / n.max(1) as f64
            ));
        }
    }
    print!("{report}");
    if let Some(out) = &out {
        let header = format!(
            "# Speaker model weights, fitted by scripts/fit_speakers.rs (cargo run --release --example\n# fit_speakers); one `feature weight` a line. Sets and accuracy at fitting:\n{report}"
        );
        std::fs::write(out, weights.render(&header))
            .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
        eprintln!("wrote {}", out.display());
    }
    if ablate {
        // Feature groups by their name's prefix.
        // (Each once, in their first feature's order: a group's features need not be next to
        // one another.)
        let mut groups: Vec<&str> = Vec::new();
        for f in FEATURE_NAMES {
            let g = f.split(':').next().unwrap_or(f);
            if !groups.contains(&g) {
                groups.push(g);
            }
        }
        let train: Vec<Example> = exs.iter().filter(|e| sets[e.set].train).cloned().collect();
        print!("| without |");
        for s in &sets {
            print!(" {} |", s.name);
        }
        println!();
        print!("|---|");
        for _ in &sets {
            print!("---|");
        }
        println!();
        let mut rows: Vec<(String, Vec<bool>)> = Vec::new();
        for g in &groups {
            rows.push((
                format!("{g}:*"),
                FEATURE_NAMES
                    .iter()
                    .map(|f| !f.starts_with(&format!("{g}:")))
                    .collect(),
            ));
        }
        for f in FEATURE_NAMES.iter() {
            rows.push((
                f.to_string(),
                FEATURE_NAMES.iter().map(|x| x != f).collect(),
            ));
        }
        for (name, mask) in rows {
            let wa = fit(&train, &mask, l2, iterations);
            print!("| `{name}` |");
            for (i, _) in sets.iter().enumerate() {
                let (full, _) = accuracy(&w, &exs, i, &all);
                let (without, _) = accuracy(&wa, &exs, i, &mask);
                print!(" {:+.1} |", (full - without) * 100.0);
            }
            println!();
        }
    }
}
