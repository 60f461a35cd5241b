//! The people and organisations behind a text's mentions: `Mr. Burman`, `Burman` and `Leonard E.
//! Burman` are one person, named by the fullest form; `Ms. Khan` after `Khizr Khan` and
//! `Ghazala Khan` is the woman; `RFU` is the `Rugby Football Union`.

use std::collections::HashMap;

use super::names::{Kind, Mention, opens_surname};
use super::tokens::Doc;
use crate::draft::identity::initials;
use crate::draft::lexicon::Gender;
use crate::draft::lexicon::list;
use crate::text::FastHash;

#[derive(Debug, Clone)]
pub(super) struct Entity {
    /// The fullest form of the name the text gives.
    pub name: String,
    pub kind: Kind,
    pub gender: Gender,
    /// Some mention's title or role word gave the gender (`Mrs Khan`, `the actress`).
    pub gender_sure: bool,
    /// Its mentions, in text order.
    pub mentions: Vec<usize>,
    /// Role words given to any of its mentions.
    pub roles: Vec<String>,
    /// Some mention had `Mr`, `Dr`, a first name or a post: a person for certain.
    pub person_evidence: bool,
}

pub(super) struct Entities {
    pub list: Vec<Entity>,
    /// The entity of each mention.
    pub of_mention: Vec<usize>,
}

fn compatible_gender(a: Gender, b: Gender) -> bool {
    a == Gender::Unknown || b == Gender::Unknown || a == b
}

fn first_agrees(a: &str, b: &str) -> bool {
    a == b || a.len() == 1 && b.starts_with(a) || b.len() == 1 && a.starts_with(b)
}

/// Groups mentions into entities, in text order: a full name opens an entity (or joins one
/// with the same surname and first name), a short form joins the nearest entity before it that
/// it can name (else the nearest after it).
pub(super) fn group(mentions: &[Mention]) -> Entities {
    let mut list: Vec<Entity> = Vec::new();
    let mut of_mention = vec![usize::MAX; mentions.len()];
    let mut by_surname: HashMap<&str, Vec<usize>, FastHash> = HashMap::default();
    let mut by_first: HashMap<&str, Vec<usize>, FastHash> = HashMap::default();
    let mut by_name: HashMap<&str, usize, FastHash> = HashMap::default();
    let people = |k: Kind| matches!(k, Kind::Person | Kind::Unknown);
    // Full names first, so that a short form before its full name finds it. (`De Vido`, `Le
    // Bon`: a surname with its particle is a short form of `Julio De Vido`, `Simon Le Bon`.)
    let full = |m: &Mention| people(m.kind) && m.words.len() >= 2 && !opens_surname(&m.words[0]);
    for pass in 0..2 {
        for (i, m) in mentions.iter().enumerate() {
            if (pass == 0) != full(m) || of_mention[i] != usize::MAX {
                continue;
            }
            let surname = m.words.last().map(String::as_str).unwrap_or_default();
            // `Jordan` after `Rep. Jim Jordan` is the man, not the country.
            let person_surname = || {
                (m.words.len() == 1 && matches!(m.kind, Kind::Place | Kind::Org))
                    .then(|| by_surname.get(surname))
                    .flatten()
                    .and_then(|ids| ids.iter().rev().copied().find(|&e| list[e].person_evidence))
            };
            let found = if !people(m.kind) {
                person_surname()
                    .or_else(|| by_name.get(m.name.as_str()).copied())
                    .or_else(|| org_alias(&list, m))
            } else if full(m) {
                by_surname.get(surname).and_then(|ids| {
                    ids.iter().rev().copied().find(|&e| {
                        let other = &mentions[list[e].mentions[0]];
                        other.words.len() >= 2 && first_agrees(&other.words[0], &m.words[0])
                    })
                })
            } else {
                short_form(&list, mentions, m, i, &by_surname, &by_first)
                    .or_else(|| business_short_form(&list, m))
            };
            let e = match found {
                Some(e) => e,
                None => {
                    list.push(Entity {
                        name: m.name.clone(),
                        kind: m.kind,
                        gender: m.gender,
                        gender_sure: m.gender_sure,
                        mentions: Vec::new(),
                        roles: Vec::new(),
                        person_evidence: false,
                    });
                    list.len() - 1
                }
            };
            of_mention[i] = e;
            let ent = &mut list[e];
            ent.mentions.push(i);
            ent.roles.extend(m.roles.iter().cloned());
            if m.courtesy || m.kept || m.first_name || m.kind == Kind::Person || ent.person_evidence
            {
                ent.person_evidence = true;
                ent.kind = Kind::Person;
            } else if ent.kind == Kind::Unknown {
                ent.kind = m.kind;
            }
            // A title's gender overrules a first name's odds (`Lindsey` is most often a woman's
            // name; `Mr Graham` is a man).
            if ent.gender == Gender::Unknown || (m.gender_sure && !ent.gender_sure) {
                ent.gender = m.gender;
                ent.gender_sure = m.gender_sure;
            }
            // Named by its fullest form (`Liberal Democrats`, not `Lib Dems`).
            let words = |n: &str| (n.split(' ').count(), n.chars().count());
            if words(&list[e].name) < words(&m.name) {
                list[e].name = m.name.clone();
            }
            by_name.entry(m.name.as_str()).or_insert(e);
            if people(m.kind) {
                let ids = by_surname.entry(surname).or_default();
                if !ids.contains(&e) {
                    ids.push(e);
                }
                if m.words.len() >= 2 {
                    let ids = by_first.entry(m.words[0].as_str()).or_default();
                    if !ids.contains(&e) {
                        ids.push(e);
                    }
                }
            }
        }
    }
    // `George Wimpey` … `Wimpey's shares`: a name the text treats as a business's is one,
    // whatever its first word, unless a title or a gendered word made it a person.
    for e in &mut list {
        e.mentions.sort_unstable();
        let ms = || e.mentions.iter().map(|&i| &mentions[i]);
        if ms().any(|m| m.body_context) && !ms().any(|m| m.courtesy || m.kept || m.gender_sure) {
            e.kind = Kind::Org;
            e.person_evidence = false;
        }
    }
    Entities { list, of_mention }
}

/// Gives a gender to the people the text refers back to with one: the first `his`, `himself`,
/// `her` before a noun or `herself` after a subject (or `X who …`) in its sentence, with no
/// other name, person noun or quotation between (`it was Rainey Senior who modified a car for
/// his daughter`). `he` or `she` counts after a conjunction, not before a speech verb (`Mr
/// Blair has "…", he said` is someone else); `her` before no noun is an object (`Smith thanked
/// her`); the subject of reported words is not the reporter (`Gates said Xbox 2 would be part
/// of his vision`). Only where the text never says otherwise, and never over a title's or a
/// first name's gender.
pub(super) fn genders_from_pronouns(
    doc: &Doc,
    mentions: &[Mention],
    mention_at: &[Option<usize>],
    entities: &mut Entities,
) {
    const JOINS: &[&str] = &[
        "and", "but", "that", "because", "when", "after", "before", "while", "as", "until", "if",
        "so", "although", "though", "since", "once",
    ];
    let mut votes = vec![(0u32, 0u32); entities.list.len()];
    for (i, m) in mentions.iter().enumerate() {
        let e = entities.of_mention[i];
        let who = doc.lword(m.end_tok + 1) == Some("who");
        let reported = (doc.sentence_start(m.run_start)..m.run_start).any(|k| doc.cue_at(k));
        if m.possessive
            || reported
            || !(m.subject || who)
            || !matches!(entities.list[e].kind, Kind::Person | Kind::Unknown)
        {
            continue;
        }
        let end = doc.sentence_end(m.end_tok);
        let mut k = m.end_tok + 1;
        while k < end {
            if doc.quote_at(k).is_some() || mention_at[k].is_some() || doc.is(k, list::PERSON_NOUN)
            {
                break;
            }
            let noun_next = doc.word(k + 1).is_some()
                && !doc.is_cap_raw(k + 1)
                && !doc.is(k + 1, list::FUNCTION)
                && !doc.cue_at(k + 1);
            let joined = k > 0 && doc.lword(k - 1).is_some_and(|w| JOINS.contains(&w));
            let vote = match doc.lword(k) {
                Some("his" | "himself") => Some(Gender::Male),
                Some("herself") => Some(Gender::Female),
                Some("her") if noun_next => Some(Gender::Female),
                Some("he") if joined && !doc.cue_at(k + 1) => Some(Gender::Male),
                Some("she") if joined && !doc.cue_at(k + 1) => Some(Gender::Female),
                Some(
                    "her" | "him" | "he" | "she" | "it" | "its" | "they" | "them" | "their" | "we"
                    | "our" | "you" | "your",
                ) => break,
                _ => None,
            };
            if let Some(g) = vote {
                if g == Gender::Male {
                    votes[e].0 += 1;
                } else {
                    votes[e].1 += 1;
                }
                break;
            }
            k += 1;
        }
    }
    for (ent, (male, female)) in entities.list.iter_mut().zip(votes) {
        if ent.gender == Gender::Unknown && (male == 0) != (female == 0) {
            ent.gender = if male > 0 {
                Gender::Male
            } else {
                Gender::Female
            };
        }
    }
}

/// The entity a one-word person mention (`Burman`, `Mr. Khan`, `Hillary`) names: the one with
/// that surname whose mention is nearest before it (gender agreeing), else nearest after; else
/// one with that first name.
fn short_form(
    list: &[Entity],
    mentions: &[Mention],
    m: &Mention,
    i: usize,
    by_surname: &HashMap<&str, Vec<usize>, FastHash>,
    by_first: &HashMap<&str, Vec<usize>, FastHash>,
) -> Option<usize> {
    let word = m.words.last()?.as_str();
    // (Of two people with one surname, not one the text calls by the first name alone: after
    // `Michael Howard … His son, Nick Howard, … Nick said` or `Bennett's sister Gale`, `Mr
    // Howard` is the father, `Bennett` the brother.)
    let nearest = |ids: &Vec<usize>| -> Option<usize> {
        let mut best: Option<(bool, bool, usize, usize)> = None;
        for &e in ids {
            if !compatible_gender(list[e].gender, m.gender) {
                continue;
            }
            let by_first_name = list[e].mentions.iter().any(|&j| {
                j < i
                    && (mentions[j].kin
                        || mentions[j].words.len() == 1 && mentions[j].words[0] != word)
            });
            for &j in &list[e].mentions {
                let before = j < i;
                let dist = mentions[j].tok.abs_diff(m.tok);
                let better = match best {
                    None => true,
                    Some((b, f, d, _)) => {
                        before && !b
                            || before == b
                                && (f && !by_first_name || f == by_first_name && dist < d)
                    }
                };
                if better {
                    best = Some((before, by_first_name, dist, e));
                }
            }
        }
        best.map(|(_, _, _, e)| e)
    };
    by_surname.get(word).and_then(nearest).or_else(|| {
        // `Hillary` for `Hillary Clinton`; never `Peabody` for `Peabody Energy`.
        let named_person = |ids: &Vec<usize>| -> Option<usize> {
            let people: Vec<usize> = ids
                .iter()
                .copied()
                .filter(|&e| list[e].person_evidence)
                .collect();
            nearest(&people)
        };
        if m.courtesy {
            None
        } else {
            by_first.get(word).and_then(named_person)
        }
    })
}

/// `RFU` for `Rugby Football Union`, `B&B` for `Bradford & Bingley`, `the Post` for `The
/// Washington Post`.
fn org_alias(list: &[Entity], m: &Mention) -> Option<usize> {
    let acronym = m.words.len() == 1 && crate::draft::identity::is_acronym(&m.name);
    let key: String = m
        .name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    list.iter().rposition(|e| {
        if acronym {
            let org_like = matches!(e.kind, Kind::Org | Kind::Outlet)
                || e.kind == Kind::Unknown && !e.person_evidence;
            return org_like && e.name.contains(' ') && initials(&e.name) == key;
        }
        if !matches!(e.kind, Kind::Org | Kind::Outlet) {
            return false;
        }
        let last = |s: &str| s.rsplit(' ').next().unwrap_or_default().to_lowercase();
        // (The entity's words are folded only when the counts can match.)
        let clipped_form = || {
            let words: Vec<String> = e
                .name
                .split(' ')
                .map(|w| w.replace('.', "").to_lowercase())
                .collect();
            clipped(&m.words, &words) || clipped(&words, &m.words)
        };
        m.words.len() == 1
            && last(&e.name) == m.name.to_lowercase()
            && e.name.contains(' ')
            && e.kind == m.kind
            || e.kind == m.kind
                && m.words.len() >= 2
                && e.name.split(' ').count() == m.words.len()
                && clipped_form()
    })
}

/// `Daiwa` after `Daiwa Securities`, `Sony` after `Sony Corp`: a business named by its first
/// word, where the rest of its name is words of business (not a person: no title, no first
/// name).
fn business_short_form(list: &[Entity], m: &Mention) -> Option<usize> {
    if m.words.len() != 1 || m.courtesy || m.kept || m.first_name {
        return None;
    }
    list.iter().rposition(|e| {
        let mut words = e.name.split(' ');
        e.kind == Kind::Org
            && e.name.split(' ').count() >= 2
            && words.next().is_some_and(|w| w.to_lowercase() == m.words[0])
            && words.all(|w| crate::draft::lexicon::lexicon().is(w, list::ORG_WORD))
    })
}

/// `Lib Dems` for `Liberal Democrats`: as many words, each the start of the other's (a plural
/// `s` aside), and at least one cut short.
fn clipped(short: &[String], long: &[String]) -> bool {
    short.len() == long.len()
        && short.len() >= 2
        && short != long
        && short.iter().zip(long).all(|(s, l)| {
            let stem = s
                .strip_suffix('s')
                .filter(|_| l.ends_with('s'))
                .unwrap_or(s);
            stem.chars().count() >= 2 && l.starts_with(stem)
        })
}

/// Resolves the `he` or `she` that leads a sentence (after an opening phrase) to the person it
/// most likely stands for: the latest subject of agreeing gender within a few sentences, else
/// the latest agreeing person mentioned; chains of such sentences follow one person.
pub(super) fn pronoun_subjects(ctx: &super::Ctx) -> Vec<(usize, usize)> {
    let doc = &ctx.doc;
    let mut out: Vec<(usize, usize)> = Vec::new();
    for s in 0..doc.sentences.len() {
        let range = doc.sentences[s].clone();
        let Some(first) = range.clone().find(|&k| doc.word(k).is_some()) else {
            continue;
        };
        let mut k = first;
        if doc
            .lword(k)
            .is_some_and(|w| super::names::INTRO_WORDS.contains(&w) || w.ends_with("ing"))
            && let Some(c) = (k..range.end.min(k + 12)).find(|&j| doc.punct(j) == Some(','))
        {
            k = c + 1;
        }
        // `he`, `she`, or a definite role (`The Tory leader was asked…`, `the coach`).
        let want = match doc.lword(k) {
            Some("he") => Gender::Male,
            Some("she") => Gender::Female,
            Some("the") if role_subject(doc, k) => {
                // (`Ken Livingstone …. The mayor was not deterred.`: the one the text gave
                // the role, if it gave it to anyone; else by recency and gender below.)
                let head = role_head(doc, k);
                let phrase = doc.tok_range(k).start..doc.tok_range(head).end;
                let role = super::names::role_word(doc.lword(head).unwrap_or_default());
                if let Some(i) = super::candidates::holder_of_phrase(ctx, &phrase, &role, k) {
                    out.push((k, ctx.entities.of_mention[i]));
                    continue;
                }
                doc.entry(head).gender
            }
            _ => continue,
        };
        let fits = |e: usize| {
            let ent = &ctx.entities.list[e];
            matches!(ent.kind, Kind::Person | Kind::Unknown) && compatible_gender(ent.gender, want)
        };
        let lo = doc.sentence_start(k).saturating_sub(0);
        let window = s.saturating_sub(4);
        // A heading starts a new section: nothing before it is what the pronoun stands for.
        let section = doc.section_heading(k);
        let in_section = |t: usize| section.is_none_or(|h| doc.para_of[t] > h);
        // (rank, token, entity) of what came before: a subject ranks first, then the owner
        // that opens its sentence (`Gerrard's own words were chosen. He admitted …`), then
        // any other mention; the nearest sentence with a subject or an opening owner wins
        // (`Mr Babinet's case rests on convenience. Buying a song, he argues, …` is
        // Babinet, not the subject of a sentence further back), within it the best rank.
        let mut best: Option<(u8, usize, usize)> = None;
        let key = |b: (u8, usize, usize)| {
            let sentence = if b.0 > 0 { doc.sent_of[b.1] } else { 0 };
            (sentence, b.0, b.1)
        };
        for (i, m) in ctx.mentions.iter().enumerate() {
            if m.run_start >= lo || m.sentence < window || !in_section(m.run_start) {
                continue;
            }
            let e = ctx.entities.of_mention[i];
            let opens = doc.sentence_initial(m.run_start);
            if !fits(e) || m.possessive && !opens {
                continue;
            }
            let rank = if m.subject { 2 } else { u8::from(m.possessive) };
            let cand = (rank, m.run_start, e);
            if best.is_none_or(|b| key(cand) > key(b)) {
                best = Some(cand);
            }
        }
        for &(t, e) in out.iter().rev() {
            if t < lo
                && doc.sent_of[t] >= window
                && in_section(t)
                && fits(e)
                && best.is_none_or(|b| key((2, t, e)) > key(b))
            {
                best = Some((2, t, e));
                break;
            }
        }
        if let Some((_, _, e)) = best {
            out.push((k, e));
        }
    }
    out
}

/// The head of a role phrase opening at `the` (`the Tory leader` → `leader`).
fn role_head(doc: &Doc, the: usize) -> usize {
    let mut k = the + 1;
    while k < the + 5 && doc.word(k + 1).is_some() && !doc.is(k, list::PERSON_NOUN | list::OFFICE) {
        k += 1;
    }
    k
}

/// `The Tory leader was asked`, `the coach said`: a definite role noun as a sentence's subject.
fn role_subject(doc: &Doc, the: usize) -> bool {
    let head = role_head(doc, the);
    doc.is(head, list::PERSON_NOUN | list::OFFICE)
        && !doc.is_cap(head)
        && (the + 1..head).all(|k| {
            doc.word(k).is_some() && !super::tokens::is_possessive(doc.word(k).unwrap_or_default())
        })
        && !doc.is(head + 1, list::FIRST_NAME)
        && !doc.is_cap(head + 1)
}

/// Sentences led by `the` and a role (`The mayor is still refusing`, `The London mayor
/// says`): the role word's token and the role, in text order.
pub(super) fn role_subjects(doc: &Doc) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for s in 1..doc.sentences.len() {
        let sent = doc.sentences[s].clone();
        let Some(first) = sent.clone().find(|&k| doc.word(k).is_some()) else {
            continue;
        };
        if doc.lword(first) == Some("the") && role_subject(doc, first) {
            let head = role_head(doc, first);
            let role = doc.lword(head).unwrap_or_default();
            out.push((head, super::names::role_word(role)));
        }
    }
    out
}

/// `Ken Livingstone has never been a man to back down. The mayor is still refusing to
/// apologise.`: a sentence led by `the` and a role (`role_subjects`), right after a sentence
/// led by a person, gives that person the role, if the text has not used the role before
/// (`Smith met the mayor. The mayor said …`) and the person has none.
pub(super) fn roles_by_sequence(
    doc: &Doc,
    role_subjects: &[(usize, String)],
    mentions: &mut [Mention],
) {
    // Where each role word is first used (one pass, so that a long text stays linear).
    let mut first_use: HashMap<String, usize, FastHash> = HashMap::default();
    for k in 0..doc.len() {
        if doc.is(k, list::OFFICE | list::PERSON_NOUN)
            && let Some(w) = doc.lbase(k)
        {
            first_use.entry(super::names::role_word(w)).or_insert(k);
        }
    }
    for (head, role) in role_subjects {
        let sent = doc.sentences[doc.sent_of[*head]].clone();
        // The sentence before (paragraph breaks stand as sentences of their own).
        let Some(prev) = (0..sent.start).rev().find(|&k| doc.word(k).is_some()) else {
            continue;
        };
        let before = doc.sentences[doc.sent_of[prev]].clone();
        // (Only the role's first use: once the text has used it, it may be anyone's.)
        if first_use.get(role).is_some_and(|&k| k < *head) {
            continue;
        }
        // (Mentions are in text order.)
        let from = mentions.partition_point(|m| m.tok < before.start);
        // (One subject only: in `Nielsen had panicked that …, Greer said.` either could be
        // `the feminist writer` of the next sentence.)
        let mut subjects = mentions[from..]
            .iter()
            .take_while(|m| m.tok < before.end)
            .enumerate()
            .filter(|(_, m)| m.subject && matches!(m.kind, Kind::Person | Kind::Unknown))
            .map(|(i, _)| from + i);
        let lead = match (subjects.next(), subjects.next()) {
            (Some(i), None) => Some(i),
            _ => None,
        };
        // (`Reporter Oliver Finegold` has a role of his own.)
        if let Some(i) = lead
            && mentions[i].roles.is_empty()
        {
            mentions[i].roles.push(role.clone());
        }
    }
}
