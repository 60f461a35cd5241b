//! Whom a role, a description or a body's man stands for: the holder of a role, the person
//! tied to a body, the person named later with a post or introduced after a lede.

use std::ops::Range;

use super::{Antecedent, Ctx, MAX_ANTECEDENTS, Who};
use crate::draft::lexicon::list;
use crate::draft::speakers::names::Kind;
use crate::text::fold_word;

/// The person the text last named before `limit` whose mentions were given `role`, as an
/// antecedent of `the <role>` at `limit`.
pub(super) fn holder_of_role(ctx: &Ctx, role: &str, limit: usize) -> Option<Antecedent> {
    latest_such(ctx, limit, |e| holds(ctx, e, role))
}

/// Was entity `e` given `role`?
pub(super) fn holds(ctx: &Ctx, e: usize, role: &str) -> bool {
    ctx.entities.list[e].roles.iter().any(|r| r == role)
}

/// The mention of whom a sentence led by `the <words> <role>` (the phrase at `range`) stands
/// for: of the bodies the phrase names, the latest person the text tied to one (`the Gartner
/// analyst` is Gartner's man, not `Ian Fogg, an analyst at Jupiter`); in a phrase that names
/// none, the latest the text gave the role.
pub(in crate::draft::speakers) fn holder_of_phrase(
    ctx: &Ctx,
    range: &Range<usize>,
    role: &str,
    limit: usize,
) -> Option<usize> {
    let bodies = bodies_in(ctx, range);
    if bodies.is_empty() {
        latest_mention(ctx, limit, |e| holds(ctx, e, role))
    } else {
        latest_mention(ctx, limit, |e| bodies.iter().any(|&b| tied_to(ctx, e, b)))
    }
}

/// The first person named with the post `phrase` names after `from` (`courts minister
/// Christopher Leslie` for `the courts minister`; not `Foreign Minister Jack Straw` for `the
/// prime minister`), in the same or the next two paragraphs: whom a role that no one before
/// holds stands for. As an antecedent, ranked last and as far as it is ahead.
pub(super) fn named_later_with_role(
    ctx: &Ctx,
    phrase: &str,
    role: &str,
    from: usize,
) -> Option<Antecedent> {
    let doc = &ctx.doc;
    let at = from.min(doc.len() - 1);
    // The phrase's words before its head, determiner left out.
    let words: Vec<String> = phrase.split_whitespace().map(fold_word).collect();
    let modifiers = words
        .get(1..words.len().saturating_sub(1))
        .unwrap_or_default();
    let i = ctx.mentions.iter().position(|m| {
        m.run_start > from
            && !m.in_title
            && doc.para_of[m.run_start] <= doc.para_of[at] + 2
            && m.roles.iter().any(|r| r == role)
            && modifiers.iter().all(|w| {
                (m.run_start.saturating_sub(3)..m.tok).any(|k| doc.lword(k) == Some(w.as_str()))
            })
    })?;
    Some(far_antecedent(ctx, i, at))
}

/// An indefinite description in a lede that names no one before it (`A Conservative election
/// challenger is quitting …`): the person who opens the next paragraph as its subject.
pub(super) fn introduced_next(ctx: &Ctx, range: &Range<usize>) -> Option<Antecedent> {
    let doc = &ctx.doc;
    // (Only in the first paragraphs: cheap, as a long text may hold thousands of `said a
    // council spokesman`.)
    let lede_end = doc.para_of.partition_point(|&p| p < 3);
    let det = (0..lede_end).find(|&k| doc.tok_range(k).start >= range.start)?;
    if !matches!(doc.lword(det), Some("a" | "an"))
        || ctx
            .mentions
            .iter()
            .any(|m| m.run_start < det && m.kind == Kind::Person)
    {
        return None;
    }
    let para = doc.para_of[det];
    let i = ctx
        .mentions
        .iter()
        .position(|m| m.run_start > det && !m.in_title && doc.para_of[m.run_start] > para)?;
    let m = &ctx.mentions[i];
    let opens = (0..m.run_start)
        .rev()
        .take_while(|&k| doc.para_of[k] == doc.para_of[m.run_start])
        .all(|k| doc.word(k).is_none());
    (opens && m.subject && m.kind == Kind::Person && doc.para_of[m.run_start] <= para + 2)
        .then(|| far_antecedent(ctx, i, det))
}

/// The entity last named before `limit` (outside headlines) that `such` holds for, as an
/// antecedent at `limit` ranked after the pronoun window's.
pub(super) fn latest_such(
    ctx: &Ctx,
    limit: usize,
    such: impl Fn(usize) -> bool,
) -> Option<Antecedent> {
    let i = latest_mention(ctx, limit, such)?;
    Some(far_antecedent(ctx, i, limit.min(ctx.doc.len() - 1)))
}

/// The last mention before `limit` (outside headlines) of an entity `such` holds for.
pub(super) fn latest_mention(
    ctx: &Ctx,
    limit: usize,
    such: impl Fn(usize) -> bool,
) -> Option<usize> {
    ctx.mentions
        .iter()
        .enumerate()
        .rposition(|(i, m)| m.run_start < limit && !m.in_title && such(ctx.entities.of_mention[i]))
}

/// Mention `i` as an antecedent seen from token `at` (before or after it), ranked after the
/// pronoun window's.
pub(super) fn far_antecedent(ctx: &Ctx, i: usize, at: usize) -> Antecedent {
    let doc = &ctx.doc;
    let m = &ctx.mentions[i];
    Antecedent {
        who: Who::Entity(ctx.entities.of_mention[i]),
        dist: doc.sent_of[at].abs_diff(doc.sent_of[m.run_start]),
        other_para: doc.para_of[m.run_start] != doc.para_of[at],
        subject: m.subject,
        possessive: m.possessive,
        after_prep: m.after_prep,
        rank: MAX_ANTECEDENTS,
        latest_subject: false,
        speaking: m.speaking,
        inside_reported: false,
        at: m.run_start,
    }
}

/// The bodies (or places) a role phrase names (`EMI` of `the EMI man`, `the Polydor man`).
pub(super) fn bodies_in(ctx: &Ctx, range: &Range<usize>) -> Vec<usize> {
    ctx.mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| range.start <= m.range.start && m.range.end <= range.end)
        .map(|(i, _)| ctx.entities.of_mention[i])
        .filter(|&e| {
            let body = &ctx.entities.list[e];
            body.kind != Kind::Person && body.kind != Kind::Thing && !body.person_evidence
        })
        .collect()
}

/// Did the text tie person `p` to body `b`: the body named in a description set off after a
/// mention of theirs (`Ted Cohen, senior vice president … at EMI,`) or right before it with
/// only role words between (`EMI chief Ted Cohen`, `Nokia's Jonas Guest`)?
pub(super) fn tied_to(ctx: &Ctx, p: usize, b: usize) -> bool {
    let doc = &ctx.doc;
    let person = &ctx.entities.list[p];
    if p == b || !matches!(person.kind, Kind::Person | Kind::Unknown) {
        return false;
    }
    person.mentions.iter().any(|&i| {
        let m = &ctx.mentions[i];
        let after = doc.punct(m.end_tok + 1) == Some(',');
        let end = (m.end_tok + 2..(m.end_tok + 20).min(doc.len()))
            .find(|&k| doc.punct(k).is_some_and(|c| c != '&' && c != '-') || doc.cue_at(k))
            .unwrap_or(m.end_tok + 2);
        ctx.entities.list[b].mentions.iter().any(|&j| {
            let o = &ctx.mentions[j];
            let described = after && o.run_start > m.end_tok + 1 && o.end_tok < end;
            let before = o.end_tok < m.run_start
                && m.run_start <= o.end_tok + 4
                && (o.end_tok + 1..m.run_start)
                    .all(|k| doc.word(k).is_some() && !doc.is_cap(k) && !doc.is(k, list::FUNCTION));
            described || before
        })
    })
}

/// The latest person before `limit` the text tied to one of `bodies`, as an antecedent of
/// `the <body> man` at `limit`.
pub(super) fn latest_tied(ctx: &Ctx, bodies: &[usize], limit: usize) -> Option<Antecedent> {
    latest_such(ctx, limit, |e| bodies.iter().any(|&b| tied_to(ctx, e, b)))
}
