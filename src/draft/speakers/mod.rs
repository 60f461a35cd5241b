//! Who each quotation is given to. The text is read as tokens (`tokens`); its names are found
//! and cut from their titles (`names`) and grouped into people and organisations
//! (`entities`); the attribution patterns around each quotation (`cues`), with the noun
//! phrases they point at (`phrases`), give candidates with
//! features (`candidates`), and one linear model (`model`) picks the speaker, or no one.

mod candidates;
mod cues;
mod entities;
mod model;
mod names;
mod phrases;
mod positions;
mod tokens;

use super::markup::Masked;
use super::{Quote, QuoteKind, Speaker};
use candidates::{Candidate, Earlier, Who};
use entities::Entities;
use names::{Described, Kind, Mention};
use tokens::Doc;

pub use model::{
    Features, N as FEATURE_COUNT, NAMES as FEATURE_NAMES, Weights, shipped as shipped_weights,
};

/// Everything known of a text while its speakers are found.
struct Ctx<'a> {
    doc: Doc<'a>,
    mentions: Vec<Mention>,
    /// The mention whose run covers each token.
    mention_at: Vec<Option<usize>>,
    /// The mention whose name ends at each token.
    mention_end: Vec<Option<usize>>,
    described: Vec<Described>,
    entities: Entities,
    /// Sentences led by `he` or `she`: the pronoun's token and the entity it stands for.
    pronoun_subjects: Vec<(usize, usize)>,
}

impl<'a> Ctx<'a> {
    fn new(masked: &'a Masked, quotes: &[Quote]) -> Ctx<'a> {
        let text = masked.text.as_str();
        let headings: Vec<std::ops::Range<usize>> = masked
            .prose
            .iter()
            .filter(|p| p.heading)
            .map(|p| p.range.clone())
            .collect();
        let doc = Doc::new(
            text,
            quotes,
            super::quotes::one_paragraph_a_line(text),
            &headings,
        );
        let mut mentions = names::find_mentions(&doc);
        let mention_at = positions::mention_index(&doc, &mentions);
        positions::mark_positions(&doc, &mut mentions, &mention_at);
        let role_subjects = entities::role_subjects(&doc);
        entities::roles_by_sequence(&doc, &role_subjects, &mut mentions);
        let described = phrases::find_described(&doc, &mentions, &mention_at);
        let mut mention_end = vec![None; doc.len()];
        for (i, m) in mentions.iter().enumerate() {
            mention_end[m.end_tok] = Some(i);
        }
        let mut entities = entities::group(&mentions);
        entities::genders_from_pronouns(&doc, &mentions, &mention_at, &mut entities);
        let mut ctx = Ctx {
            doc,
            mentions,
            mention_at,
            mention_end,
            described,
            entities,
            pronoun_subjects: Vec::new(),
        };
        ctx.pronoun_subjects = entities::pronoun_subjects(&ctx);
        ctx
    }
}

/// One quotation's candidates, as the model sees them (for fitting the weights).
#[derive(Debug, Clone)]
pub struct TrainingQuote {
    pub start: usize,
    pub end: usize,
    /// Per candidate: the name it would give (`None` for an unnamed speaker, with its
    /// description), and its features.
    pub candidates: Vec<(Option<String>, String, Features)>,
}

/// Sets each quotation's speaker.
pub fn attribute(masked: &Masked, quotes: &mut [Quote]) {
    attribute_with(masked, quotes, usize::MAX, model::shipped(), None);
}

/// `attribute` for the quotations up to index `last` only (a quotation's speaker depends on
/// those before it, never on those after): the others are left without one.
pub fn attribute_through(masked: &Masked, quotes: &mut [Quote], last: usize) {
    attribute_with(masked, quotes, last, model::shipped(), None);
}

/// Finds the speakers with the given weights, and reports every quotation's candidates to
/// `training` when asked (for `examples/fit_speakers.rs`).
pub fn attribute_with(
    masked: &Masked,
    quotes: &mut [Quote],
    last: usize,
    weights: &Weights,
    mut training: Option<&mut Vec<TrainingQuote>>,
) {
    if quotes.is_empty() {
        return;
    }
    let ctx = Ctx::new(masked, quotes);
    if *DEBUG {
        for (i, m) in ctx.mentions.iter().enumerate() {
            let e = &ctx.entities.list[ctx.entities.of_mention[i]];
            eprintln!(
                "mention {:?} {:?} -> {:?} ({:?}{}{})",
                m.name,
                m.kind,
                e.name,
                e.kind,
                if m.subject { ", subject" } else { "" },
                if m.in_title { ", headline" } else { "" }
            );
        }
    }
    let mut earlier = Earlier::default();
    let mut speakers: Vec<Option<Speaker>> = vec![None; quotes.len()];
    let mut chosen: Vec<Option<Who>> = vec![None; quotes.len()];
    for qi in 0..quotes.len().min(last.saturating_add(1)) {
        let qt = ctx.doc.quote_tok[qi];
        if qi > 0 && ctx.doc.quote_tok[qi - 1] == qt {
            continue;
        }
        let links = cues::links(&ctx, qt, quotes[qi].block);
        let continued = continuation(&ctx, qt, qi, quotes, &chosen);
        let cands = candidates::candidates(
            &ctx,
            qt,
            &quotes[qi].text,
            &links,
            &earlier,
            continued.as_ref(),
        );
        if let Some(training) = training.as_deref_mut() {
            training.push(TrainingQuote {
                start: quotes[qi].start,
                end: quotes[qi].end,
                candidates: cands
                    .iter()
                    .map(|c| {
                        let (name, named) = name_of(&ctx, &c.who);
                        (named.then(|| name.clone()), name, c.features)
                    })
                    .collect(),
            });
        }
        let pick = choose(weights, &cands);
        if *DEBUG {
            debug(&ctx, &quotes[qi], &cands, weights);
        }
        if let Some((c, confidence)) = pick {
            speakers[qi] = Some(speaker_of(&ctx, c, confidence));
            // (A guess, a name only found near the words, does not carry on to the quotations
            // after it as their last speaker.)
            let guessed = c.guessed();
            if !guessed {
                chosen[qi] = Some(c.who.clone());
            }
            // A short whole utterance given to someone is speech (`"Any," she said`); one
            // only named near it is not given to them.
            if quotes[qi].kind == QuoteKind::Fragment
                && !guessed
                && stands_alone(&ctx, qt)
                && super::quotes::short_only(masked.text.as_str(), &quotes[qi])
            {
                quotes[qi].kind = QuoteKind::Speech;
            }
        }
        earlier.speakers.push((qt, chosen[qi].clone()));
    }
    for (q, s) in quotes.iter_mut().zip(speakers) {
        q.speaker = s;
    }
}

/// `VERBATIM_DEBUG_SPEAKERS=1` prints every quotation's candidates and their scores to stderr.
static DEBUG: std::sync::LazyLock<bool> =
    std::sync::LazyLock::new(|| std::env::var_os("VERBATIM_DEBUG_SPEAKERS").is_some());

fn debug(ctx: &Ctx, quote: &Quote, cands: &[Candidate], weights: &Weights) {
    let head: String = quote.text.chars().take(60).collect();
    eprintln!("quote {}..{} {head:?}", quote.start, quote.end);
    for c in cands {
        let (name, named) = name_of(ctx, &c.who);
        let on: Vec<String> = model::NAMES
            .iter()
            .zip(c.features.iter())
            .filter(|(_, v)| **v != 0.0)
            .map(|(n, v)| {
                if *v == 1.0 {
                    n.to_string()
                } else {
                    format!("{n}={v:.2}")
                }
            })
            .collect();
        eprintln!(
            "  {:+.2} {}{name} [{}]",
            weights.score(&c.features),
            if named { "" } else { "~" },
            on.join(" ")
        );
    }
}

/// The best candidate and its probability against the others and "no one", if it scores
/// above no one.
fn choose<'c>(weights: &Weights, cands: &'c [Candidate]) -> Option<(&'c Candidate, f32)> {
    let scores: Vec<f32> = cands.iter().map(|c| weights.score(&c.features)).collect();
    let (best, &top) = scores
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))?;
    if top <= 0.0 {
        return None;
    }
    let z: f32 = (-top).exp() + scores.iter().map(|s| (s - top).exp()).sum::<f32>();
    Some((&cands[best], 1.0 / z))
}

fn name_of(ctx: &Ctx, who: &Who) -> (String, bool) {
    match who {
        Who::Entity(e) => (ctx.entities.list[*e].name.clone(), true),
        Who::Described(d) => match body_of_named(d) {
            Some(body) => (body, true),
            None => (d.clone(), false),
        },
    }
}

/// `the Trump campaign`, `the Obama administration`: a body named by the person it serves,
/// reported as written without its article (`Trump campaign`).
fn body_of_named(described: &str) -> Option<String> {
    let words: Vec<&str> = described.split_whitespace().collect();
    let (first, rest) = words.split_first()?;
    let (last, names) = rest.split_last()?;
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    (first.eq_ignore_ascii_case("the")
        && matches!(
            *last,
            "campaign" | "camp" | "team" | "administration" | "government"
        )
        && !names.is_empty()
        && names.iter().all(capitalised))
    .then(|| rest.join(" "))
}

fn speaker_of(ctx: &Ctx, c: &Candidate, confidence: f32) -> Speaker {
    let (name, named) = name_of(ctx, &c.who);
    // A speaker only named near the words, tied by no pattern, is a guess: never enough
    // for a conflict.
    let certain = !c.guessed()
        && match &c.who {
            Who::Entity(e) => {
                let ent = &ctx.entities.list[*e];
                matches!(ent.kind, Kind::Person | Kind::Org | Kind::Outlet)
                    || ent.person_evidence
                    || ent.name.contains(' ')
            }
            // (`the Trump campaign` speaks for Trump: never a conflict with him; `name_of`
            // calls a description named only when it is such a body.)
            Who::Described(_) => !named,
        };
    Speaker {
        name,
        named,
        cue: c.cue.clone(),
        mention: c.mention.clone(),
        certain,
        confidence,
    }
}

/// A quotation standing alone as its sentence (nothing but it between two sentence ends).
fn stands_alone(ctx: &Ctx, qt: usize) -> bool {
    let doc = &ctx.doc;
    let s = doc.sent_of[qt];
    let sent = doc.sentences[s].clone();
    let before_ok = (sent.start..qt).all(|k| doc.word(k).is_none())
        || qt > 0 && matches!(doc.punct(qt - 1), Some(':' | ','));
    let after = qt + 1..sent.end;
    let after_ok = after.clone().all(|k| doc.word(k).is_none())
        || matches!(doc.punct(qt + 1), Some(',' | '—' | '–'))
            && after.clone().any(|k| doc.cue_at(k))
        || after.clone().take(4).any(|k| doc.strong_cue_at(k))
        || doc.appositive_cue(qt + 1).is_some();
    before_ok && after_ok
}

/// No name, pronoun or cue follows the quotation at `qt` in its sentence: whatever
/// attributes it, if anything, came before.
///
/// (After a quotation that ends its sentence with a full stop, `"… stay." Keeper Tony Bullock
/// echoed McIntyre's sentiments.` is a new sentence about someone's words, even where the
/// splitter keeps one.)
fn nothing_attributes_after(ctx: &Ctx, qt: usize) -> bool {
    let doc = &ctx.doc;
    let end = doc.sentence_end(qt);
    let next = (qt + 1..end).find(|&k| doc.word(k).is_some());
    // (A full stop: after `?` or `!`, `"…?" Lichtman said about McCain's effort` is its own.)
    let ends = doc.quote_at(qt).is_some_and(|qi| doc.quote_ends_stop[qi]);
    if ends
        && let Some(t) = next.filter(|&t| doc.is_cap_raw(t))
        && let Some(cue) = (t..end.min(t + 9)).find(|&k| doc.strong_cue_at(k))
        && cues::echoes(ctx, cue)
    {
        return true;
    }
    !(qt + 1..end).any(|k| ctx.mention_at[k].is_some() || doc.is_pronoun(k) || doc.cue_at(k))
}

/// A quotation standing alone as its sentence, after another quotation in the same paragraph
/// or at the start of the paragraph after one: the same speaker may go on.
fn continuation(
    ctx: &Ctx,
    qt: usize,
    qi: usize,
    quotes: &[Quote],
    chosen: &[Option<Who>],
) -> Option<(Who, bool)> {
    let doc = &ctx.doc;
    if qi == 0 {
        return None;
    }
    let s = doc.sentence_start(qt);
    if (s..qt).any(|k| doc.word(k).is_some()) {
        return None;
    }
    // `«…», a déclaré X.`: a name after the quotation is an attribution not read, not a sign
    // that the last speaker goes on (`"…" for the top income bracket.` is).
    if !nothing_attributes_after(ctx, qt)
        || (qt + 1..doc.sentence_end(qt)).any(|k| doc.quote_at(k).is_some())
    {
        return None;
    }
    // (A title or phrase quoted in between, `on NBC's "Meet the Press."`, is no turn.)
    let prev = (0..qi).rev().find(|&p| {
        doc.quote_tok[p] != qt && (quotes[p].kind == QuoteKind::Speech || chosen[p].is_some())
    })?;
    let pt = doc.quote_tok[prev];
    let same_para = doc.para_of[pt] == doc.para_of[qt];
    let para_start = (0..qt)
        .rev()
        .take_while(|&k| doc.para_of[k] == doc.para_of[qt])
        .all(|k| doc.word(k).is_none());
    let prev_last_in_para = (pt + 1..qt).all(|k| {
        doc.para_of[k] != doc.para_of[pt]
            || doc.word(k).is_none()
            || doc.sent_of[k] == doc.sent_of[pt]
    });
    let adjacent_para = doc.para_of[qt] == doc.para_of[pt] + 1 && para_start && prev_last_in_para;
    // A sentence of someone else's reported speech in between (`"…" But her spokesman
    // insisted she had delayed her entry. "…"`) hands the words on: no continuation.
    // (A quotation that ends its sentence, `"… rehabilitated." But …`, leaves what follows
    // to a new one even where the splitter keeps one sentence; its own attribution, `"…?"
    // asked Dunn.`, `"…!" Smith said.`, `"…." He said.`, does not.)
    let ends = doc.quote_ends_sentence.get(prev).copied().unwrap_or(false)
        && (pt + 1..s)
            .find(|&k| doc.word(k).is_some())
            .is_some_and(|k| {
                doc.is_cap_raw(k)
                    && ctx.mention_at[k].is_none()
                    && !doc.is_pronoun(k)
                    && !doc.cue_at(k)
            });
    // (After a phrase quoted in passing, a parenthetical `, he says,` reports someone: `The
    // Peter Hain "mongrel" attack, he says, is …` is not Hain speaking.)
    let fragment = quotes[prev].kind != QuoteKind::Speech;
    let parenthetical = |k: usize| k >= 2 && doc.is_pronoun(k - 1) && doc.punct(k - 2) == Some(',');
    let reported_between = (pt + 1..s).any(|k| {
        (ends || fragment && parenthetical(k) || doc.sent_of[k] != doc.sent_of[pt])
            && doc.strong_cue_at(k)
    });
    if (same_para || adjacent_para) && !quotes[prev].block && !reported_between {
        return chosen[prev].clone().map(|w| (w, false));
    }
    // Past narration that names and reports no one, into the paragraph after at most (`"…
    // one-way connection." ¶ The project is still at the pilot stage. "The content is …"`):
    // the last speaker may still be talking; the model weighs it as its own pattern.
    // (Narration of the speaker themself, `Jamie didn't arrive at hospital until nine hours
    // later.`, names no one else.)
    let last = match &chosen[prev] {
        Some(Who::Entity(e)) => Some(*e),
        _ => None,
    };
    let person = |k: usize| {
        ctx.mention_at[k]
            .is_some_and(|m| phrases::is_person(ctx, m) && Some(ctx.entities.of_mention[m]) != last)
            || doc.is_pronoun(k)
                && !ctx
                    .pronoun_subjects
                    .iter()
                    .any(|&(t, e)| t == k && Some(e) == last)
            || doc.cue_at(k)
    };
    if doc.para_of[qt] <= doc.para_of[pt] + 1
        && !quotes[prev].block
        && !(pt + 1..qt).any(person)
        && !ctx.described.iter().any(|d| d.tok > pt && d.tok < qt)
    {
        return chosen[prev].clone().map(|w| (w, true));
    }
    None
}

/// Every quotation's candidates with their features, for fitting the weights.
pub fn training_quotes(
    masked: &Masked,
    quotes: &mut [Quote],
    weights: &Weights,
) -> Vec<TrainingQuote> {
    let mut out = Vec::new();
    attribute_with(masked, quotes, usize::MAX, weights, Some(&mut out));
    out
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_more;
