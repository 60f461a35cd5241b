//! From the links a quotation has to the candidates it may be given to, with their features:
//! a name is its entity; a pronoun or role noun (`he said`, `the company said`) stands for each
//! earlier entity it could refer to, described by agreement, distance, position and recency;
//! an unnamed speaker (`a spokeswoman`) is a candidate of its own.

use std::ops::Range;

use super::Ctx;
use super::cues::{Link, Pattern, Phrase};
use super::model::{F, Features, N};
use super::names::Kind;
use crate::draft::lexicon::{Gender, list};
use crate::text::one_spaced;

mod holders;
pub(super) use holders::holder_of_phrase;
use holders::{
    bodies_in, holder_of_role, holds, introduced_next, latest_tied, named_later_with_role, tied_to,
};

/// Who a candidate is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Who {
    Entity(usize),
    /// An unnamed speaker, by its description.
    Described(String),
}

#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub who: Who,
    pub features: Features,
    /// Where the speaker is mentioned for this quotation (the name, pronoun or description).
    pub mention: Range<usize>,
    pub cue: String,
}

impl Candidate {
    /// Proposed only by the wider net (a name near words no pattern ties to anyone): a guess.
    pub fn guessed(&self) -> bool {
        self.features[F::Nearby as usize] > 0.0
    }
}

/// What the quotations before this one were given to, for continuation and recency.
#[derive(Debug, Default, Clone)]
pub(super) struct Earlier {
    /// Per earlier quotation: its token and the entity chosen for it.
    pub speakers: Vec<(usize, Option<Who>)>,
}

fn pattern_feature(p: Pattern) -> F {
    match p {
        Pattern::AfterName => F::AfterName,
        Pattern::AfterVerb => F::AfterVerb,
        Pattern::Before => F::Before,
        Pattern::According => F::According,
        Pattern::Trailing => F::Trailing,
        Pattern::ThatWas => F::ThatWas,
        Pattern::PrevSentence => F::PrevSentence,
        Pattern::PrevParagraph => F::PrevParagraph,
        Pattern::Colon => F::Colon,
        Pattern::Block => F::Block,
        Pattern::Subject => F::Subject,
        Pattern::Topic => F::Topic,
    }
}

fn set(f: &mut Features, which: F, value: f32) {
    let slot = &mut f[which as usize];
    if value > *slot {
        *slot = value;
    }
}

/// What a pronoun or role noun refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refers {
    /// `he`, `she`, `the coach`: a person (of this gender, when known).
    Person(Gender),
    /// `it`, `the company`.
    Thing,
    /// `they`.
    Plural,
}

/// A pronoun's or role's antecedent as seen from where it stands.
struct Antecedent {
    who: Who,
    /// Its nearest mention before the pronoun: token, sentence distance, paragraph change.
    dist: usize,
    other_para: bool,
    subject: bool,
    possessive: bool,
    after_prep: bool,
    rank: usize,
    /// The most recent antecedent that stood as a subject.
    latest_subject: bool,
    /// Its nearest mention stands before a speech verb.
    speaking: bool,
    /// In the pronoun's sentence before its first quotation, with no cue between: part of
    /// the reported words (`Mr Blair has "…" as before, he said`; `Mr Sullivan "made …," he
    /// told the court, saying …`), not their speaker.
    inside_reported: bool,
    /// The token of that nearest mention.
    at: usize,
}

/// The candidates for the quotation at token `qt`, merged by who they are.
pub(super) fn candidates(
    ctx: &Ctx,
    qt: usize,
    quote_text: &str,
    links: &[Link],
    earlier: &Earlier,
    continuation: Option<&(Who, bool)>,
) -> Vec<Candidate> {
    let words = quote_words(quote_text);
    let mut out: Vec<Candidate> = Vec::new();
    let mut add = |who: Who, mention: Range<usize>, cue: &str, feats: &[(F, f32)]| {
        add_to(&mut out, who, mention, cue, feats)
    };
    for link in links {
        let p = pattern_feature(link.pattern);
        let weak = if link.weak { 1.0 } else { 0.0 };
        let common = [(p, 1.0), (F::WeakCue, weak)];
        match &link.phrase {
            Phrase::Mention(m) => {
                let mention = &ctx.mentions[*m];
                let e = ctx.entities.of_mention[*m];
                let mut f = common.to_vec();
                f.extend([
                    (F::ViaName, 1.0),
                    (F::Possessive, flag(mention.possessive)),
                    (F::AfterPrep, flag(mention.after_prep)),
                    (F::InTitle, flag(mention.in_title)),
                    (F::MentionSubject, flag(mention.subject)),
                ]);
                add(
                    Who::Entity(e),
                    mention.phrase_start..mention.range.end,
                    &link.cue,
                    &f,
                );
            }
            Phrase::Described { range, text } => {
                let mut f = common.to_vec();
                f.push((F::ViaDescribed, 1.0));
                add(Who::Described(text.clone()), range.clone(), &link.cue, &f);
                // `A Conservative election challenger is quitting after …` in a lede, and the
                // next paragraph opens with the person (`Danny Kruger, who …, had been due`).
                if let Some(a) = introduced_next(ctx, range) {
                    let mut f = common.to_vec();
                    f.extend([(F::ViaRole, 1.0), (F::RoleLater, 1.0)]);
                    f.extend(antecedent_features(
                        ctx,
                        &a,
                        Refers::Person(Gender::Unknown),
                    ));
                    add(a.who, range.clone(), &link.cue, &f);
                }
            }
            Phrase::Pronoun { tok } => {
                let word = ctx.doc.lword(*tok).unwrap_or_default();
                let range = ctx.doc.tok_range(*tok);
                let refers = match word {
                    // (`his`, `her`, `their`: the owner of the words, `His verdict: "…"`.)
                    "he" | "his" => Refers::Person(Gender::Male),
                    "she" | "her" => Refers::Person(Gender::Female),
                    "it" => Refers::Thing,
                    "they" | "their" => Refers::Plural,
                    _ => continue,
                };
                for a in antecedents(ctx, *tok, qt, refers, earlier) {
                    let mut f = common.to_vec();
                    f.push((F::ViaPronoun, 1.0));
                    f.extend(antecedent_features(ctx, &a, refers));
                    f.push((F::NamedAfter, flag(named_after(ctx, &a.who, *tok))));
                    add(a.who, range.clone(), &link.cue, &f);
                }
            }
            Phrase::Role { tok, head, range } => {
                let text = one_spaced(&ctx.doc.text[range.clone()]);
                let refers = if ctx.doc.lex.is(head, list::ORG_NOUN)
                    && !ctx.doc.lex.is(head, list::PERSON_NOUN)
                {
                    Refers::Thing
                } else {
                    Refers::Person(ctx.doc.lex.get(head).gender)
                };
                let head = super::names::role_word(head);
                // (A body's name that ends in the noun holds it: `the commission` is the
                // `Electoral Commission`.)
                let named_for = |e: usize| {
                    refers == Refers::Thing
                        && ctx.entities.list[e]
                            .name
                            .rsplit(' ')
                            .next()
                            .is_some_and(|w| w.eq_ignore_ascii_case(&head))
                };
                let has_role = |who: &Who| match who {
                    Who::Entity(e) => holds(ctx, *e, &head) || named_for(*e),
                    Who::Described(d) => d.ends_with(head.as_str()),
                };
                let mut found = antecedents(ctx, *tok, qt, refers, earlier);
                // `the coach` after `Andy Robinson, the head coach`: the one the text gave
                // that role, when it gave it to someone (further back than pronouns reach, too).
                if !found.iter().any(|a| has_role(&a.who))
                    && let Some(a) = holder_of_role(ctx, &head, (*tok).min(qt))
                {
                    found.push(a);
                }
                // `The EMI man points out …`: of a body's people, the one the text tied to it
                // (`Ted Cohen, senior vice president … at EMI`).
                let bodies = bodies_in(ctx, range);
                let tied = |who: &Who| match who {
                    Who::Entity(e) => bodies.iter().any(|&b| tied_to(ctx, *e, b)),
                    Who::Described(_) => false,
                };
                if !bodies.is_empty()
                    && !found.iter().any(|a| tied(&a.who))
                    && let Some(a) = latest_tied(ctx, &bodies, (*tok).min(qt))
                {
                    found.push(a);
                }
                // `…, the courts minister has told MPs.` in a lede, the minister named with
                // that role further on (`said courts minister Christopher Leslie`).
                let mut later = false;
                if !found.iter().any(|a| has_role(&a.who))
                    && let Some(a) = named_later_with_role(ctx, &text, &head, (*tok).max(qt))
                {
                    found.push(a);
                    later = true;
                }
                let holds = |who: &Who| has_role(who) || tied(who);
                // When someone holds the role, only they are left: every candidate matches it
                // then, and none otherwise.
                let held = found.iter().any(|a| holds(&a.who));
                if held {
                    found.retain(|a| holds(&a.who));
                }
                for a in found {
                    let mut f = common.to_vec();
                    f.extend([(F::ViaRole, 1.0), (F::RoleMatch, flag(held))]);
                    f.push((F::RoleLater, flag(later && a.at > *tok)));
                    f.extend(antecedent_features(ctx, &a, refers));
                    add(a.who, range.clone(), &link.cue, &f);
                }
                // (Where someone holds the role, `the coach` is them, not a description.)
                if !held {
                    let mut f = common.to_vec();
                    f.push((F::ViaDescribed, 1.0));
                    f.push((F::ViaRole, 1.0));
                    add(Who::Described(text), range.clone(), &link.cue, &f);
                }
            }
        }
    }
    if let Some((who, past)) = continuation {
        let mention = ctx.doc.tok_range(qt.min(ctx.doc.len().saturating_sub(1)));
        let f = if *past {
            F::ContinuationPast
        } else {
            F::Continuation
        };
        add(
            who.clone(),
            mention.start..mention.start,
            "continued",
            &[(f, 1.0)],
        );
    }
    let s = ctx.doc.sent_of[qt];
    // The wider net: where no pattern ties anyone to the quotation, the names around it.
    if out.is_empty() {
        nearby(ctx, qt, &mut out);
    }
    let alone = (ctx.doc.sentences[s].clone()).all(|k| k == qt || ctx.doc.word(k).is_none());
    let prev = earlier.speakers.last().and_then(|(t, w)| {
        let near = ctx.doc.para_of[qt].saturating_sub(ctx.doc.para_of[*t]) <= 2;
        w.as_ref().filter(|_| near)
    });
    // Direct attributions (`"…," X said`, `X said: "…"`, `according to X`, `"…" That was
    // X's verdict.`) outrank the context: a candidate with none, where another has one, says
    // so.
    let direct = [
        F::AfterName,
        F::AfterVerb,
        F::Before,
        F::According,
        F::Colon,
        F::Block,
        F::Trailing,
        F::ThatWas,
    ];
    let has_direct = |c: &Candidate| direct.iter().any(|&f| c.features[f as usize] > 0.0);
    let any_direct = out.iter().any(has_direct);
    for c in &mut out {
        if any_direct && !has_direct(c) {
            set(&mut c.features, F::Outranked, 1.0);
        }
    }
    for c in &mut out {
        set(&mut c.features, F::Bias, 1.0);
        set(&mut c.features, F::QuoteAlone, flag(alone));
        if prev == Some(&c.who) {
            set(&mut c.features, F::PrevSpeaker, 1.0);
        }
        let links = (0..N)
            .filter(|&i| {
                (F::AfterName as usize..=F::Continuation as usize).contains(&i)
                    && c.features[i] > 0.0
            })
            .count();
        set(&mut c.features, F::StrongLinks2, flag(links >= 2));
        // An unnamed speaker is a person too (`a spokeswoman`), named by no one.
        if matches!(c.who, Who::Described(_)) {
            set(&mut c.features, F::KindPerson, 1.0);
        }
        if let Who::Entity(e) = c.who {
            let ent = &ctx.entities.list[e];
            let kind = match ent.kind {
                Kind::Person => F::KindPerson,
                Kind::Org => F::KindOrg,
                Kind::Outlet => F::KindOutlet,
                Kind::Place => F::KindPlace,
                Kind::Thing => F::KindThing,
                Kind::Unknown => F::KindUnknown,
            };
            set(&mut c.features, kind, 1.0);
            set(
                &mut c.features,
                F::PersonEvidence,
                flag(ent.person_evidence),
            );
            let speaks = ent.mentions.iter().any(|&m| ctx.mentions[m].speaking);
            set(&mut c.features, F::Speaks, flag(speaks));
            set(
                &mut c.features,
                F::OneWordName,
                flag(!ent.name.contains(' ')),
            );
            set(
                &mut c.features,
                F::Salience,
                (1.0 + ent.mentions.len() as f32).ln(),
            );
            let in_sentence = ent.mentions.iter().any(|&m| ctx.mentions[m].sentence == s);
            set(&mut c.features, F::InQuoteSentence, flag(in_sentence));
            // People seldom name themselves: `"I had a word with Olof," he said` is not Olof.
            set(
                &mut c.features,
                F::NamedInQuote,
                flag(named_in(&words, &ent.name)),
            );
        }
    }
    // People seldom call themselves by their first name: one the words call so is no
    // candidate when someone else is (`He told BBC Five Live: "Steven is above money."`). (A
    // surname in the words may be a relative's or a namesake's; that only weighs.)
    // (Only people have first names: `"The Australian Rugby Union has …," the ARU said`.)
    let named_off = |c: &Candidate| match c.who {
        Who::Entity(e) if matches!(ctx.entities.list[e].kind, Kind::Person | Kind::Unknown) => {
            let name = &ctx.entities.list[e].name;
            let mut parts = name.split_whitespace();
            let (Some(first), Some(second)) = (parts.next(), parts.next()) else {
                return false;
            };
            first_name_in(&words, first, second)
        }
        _ => false,
    };
    if out.iter().any(|c| !named_off(c)) {
        out.retain(|c| !named_off(c));
    }
    out
}

/// Adds a candidate's features to `out`, merged with the same speaker's when it is there.
fn add_to(
    out: &mut Vec<Candidate>,
    who: Who,
    mention: Range<usize>,
    cue: &str,
    feats: &[(F, f32)],
) {
    let i = match out.iter().position(|c| c.who == who) {
        Some(i) => i,
        None => {
            out.push(Candidate {
                who,
                features: [0.0; N],
                mention,
                cue: cue.to_string(),
            });
            out.len() - 1
        }
    };
    for &(f, v) in feats {
        set(&mut out[i].features, f, v);
    }
}

/// The names in the quotation's sentence and the sentences either side of it in its
/// paragraph, as candidates for a quotation no pattern ties to anyone (`Ms Diemont says. ¶
/// There are "no big differences …" between …`, `with Jaime Vargas lauding the manner in which
/// "…"`). Their features say where each stands; the model weighs them against no one.
fn nearby(ctx: &Ctx, qt: usize, out: &mut Vec<Candidate>) {
    let doc = &ctx.doc;
    let (s, p) = (doc.sent_of[qt], doc.para_of[qt]);
    // `One line from a report sums up the hopes of the field: "…"`: the colon's own clause
    // introduces the words, whoever is named around it.
    let colon = (doc.sentence_start(qt)..qt)
        .rev()
        .find(|&k| doc.word(k).is_some() || doc.punct(k).is_some())
        .is_some_and(|k| doc.punct(k) == Some(':'));
    // (Each sentence's speech verb looked for once; the mentions read off the tokens of the
    // three sentences, in order, not found among all the text's.)
    let sentences = s.saturating_sub(1)..(s + 2).min(doc.sentences.len());
    let speech_verb: Vec<bool> = sentences
        .clone()
        .map(|j| doc.sentences[j].clone().any(|k| doc.strong_cue_at(k)))
        .collect();
    let tokens = doc.sentences[sentences.start].start..doc.sentences[sentences.end - 1].end;
    for k in tokens {
        let Some(i) = ctx.mention_at[k].filter(|&i| ctx.mentions[i].run_start == k) else {
            continue;
        };
        let m = &ctx.mentions[i];
        if m.in_title || m.para != p {
            continue;
        }
        let speech_verb = speech_verb[m.sentence - sentences.start];
        add_to(
            out,
            Who::Entity(ctx.entities.of_mention[i]),
            m.phrase_start..m.range.end,
            crate::draft::GUESSED,
            &[
                (F::Nearby, 1.0),
                (F::NearSame, flag(m.sentence == s)),
                (F::NearBefore, flag(m.run_start < qt)),
                (F::NearSpeaking, flag(m.speaking)),
                (F::NearSubject, flag(m.subject)),
                (F::NearOblique, flag(m.possessive || m.after_prep)),
                (F::NearCue, flag(speech_verb)),
                (F::NearColon, flag(colon)),
            ],
        );
    }
}

fn flag(b: bool) -> f32 {
    if b { 1.0 } else { 0.0 }
}

fn antecedent_features(ctx: &Ctx, a: &Antecedent, refers: Refers) -> Vec<(F, f32)> {
    let mut f = vec![
        (
            match a.dist {
                0 => F::Dist0,
                1 => F::Dist1,
                2 => F::Dist2,
                _ => F::Dist3,
            },
            1.0,
        ),
        (F::OtherPara, flag(a.other_para)),
        (F::AnteSubject, flag(a.subject)),
        (F::Possessive, flag(a.possessive)),
        (F::AfterPrep, flag(a.after_prep)),
        (
            match a.rank {
                0 => F::Rank1,
                1 => F::Rank2,
                _ => F::RankLater,
            },
            1.0,
        ),
        (F::LatestSubject, flag(a.latest_subject)),
        (F::Speaking, flag(a.speaking)),
        (F::InReported, flag(a.inside_reported)),
    ];
    let (kind, gender, sure) = match &a.who {
        Who::Entity(e) => {
            let ent = &ctx.entities.list[*e];
            (ent.kind, ent.gender, ent.gender_sure)
        }
        Who::Described(_) => (Kind::Person, Gender::Unknown, false),
    };
    let person = matches!(kind, Kind::Person | Kind::Unknown);
    match refers {
        Refers::Person(want) => {
            if want != Gender::Unknown && gender != Gender::Unknown {
                f.push((
                    if want == gender {
                        F::GenderMatch
                    } else {
                        F::GenderMismatch
                    },
                    1.0,
                ));
                if want != gender && sure {
                    f.push((F::GenderMismatchSure, 1.0));
                }
            }
            if !person {
                f.push((F::PronounNonPerson, 1.0));
            }
        }
        Refers::Thing => {
            if kind == Kind::Person {
                f.push((F::PronounItPerson, 1.0));
            }
        }
        Refers::Plural => f.push((F::PronounThey, 1.0)),
    }
    f
}

/// How far back a pronoun looks for its antecedent, in sentences.
const WINDOW: usize = 8;
/// How many of the most recent entities it considers.
const MAX_ANTECEDENTS: usize = 6;

/// The entities (and unnamed people) a pronoun at `tok` could stand for, most recent first.
fn antecedents(
    ctx: &Ctx,
    tok: usize,
    qt: usize,
    refers: Refers,
    earlier: &Earlier,
) -> Vec<Antecedent> {
    let doc = &ctx.doc;
    // Mentions after the quotation are not the antecedent of a pronoun after it (`"…," he
    // said of Smith`), nor those after the pronoun.
    let limit = tok.min(qt);
    let here = doc.sent_of[limit.min(doc.len() - 1)];
    let para = doc.para_of[limit.min(doc.len() - 1)];
    let mut seen: Vec<Antecedent> = Vec::new();
    let mut push =
        |who: Who, t: usize, subject: bool, possessive: bool, after_prep: bool, speaking: bool| {
            if seen.iter().any(|a| a.who == who) {
                return;
            }
            seen.push(Antecedent {
                who,
                dist: here - doc.sent_of[t],
                other_para: doc.para_of[t] != para,
                subject,
                possessive,
                after_prep,
                rank: 0,
                latest_subject: false,
                speaking,
                inside_reported: false,
                at: t,
            });
        };
    // Walk mentions backwards from the limit.
    let first_sentence = here.saturating_sub(WINDOW);
    // (token, who, subject, possessive, after a preposition, heard speaking)
    let mut events: Vec<(usize, Who, bool, bool, bool, bool)> = Vec::new();
    for (i, m) in ctx.mentions.iter().enumerate() {
        // A headline's names are no antecedents: the story names its people again.
        if m.run_start >= limit
            || m.sentence < first_sentence
            || para.saturating_sub(m.para) > 4
            || m.in_title
        {
            continue;
        }
        // `Of Murray, he said:` is about Murray: the clause's subject is someone else.
        if m.opening
            && doc.punct(tok.saturating_sub(1)) == Some(',')
            && (m.end_tok + 1..tok - 1).all(|k| doc.punct(k) != Some(','))
            && doc
                .lword(doc.sentence_start(m.run_start))
                .is_some_and(|w| matches!(w, "of" | "about" | "on"))
        {
            continue;
        }
        let e = ctx.entities.of_mention[i];
        let ent = &ctx.entities.list[e];
        // `it`, `the company`: never a person.
        if ent.kind == Kind::Thing || refers == Refers::Thing && ent.person_evidence {
            continue;
        }
        events.push((
            m.run_start,
            Who::Entity(e),
            m.subject || m.opening,
            m.possessive,
            m.after_prep && !m.opening,
            m.speaking,
        ));
    }
    // Sentences led by `he` or `she` stand for whoever they were resolved to.
    for &(t, e) in &ctx.pronoun_subjects {
        if t < limit && doc.sent_of[t] >= first_sentence && refers != Refers::Thing {
            events.push((t, Who::Entity(e), true, false, false, false));
        }
    }
    for d in &ctx.described {
        if d.tok < limit && doc.sent_of[d.tok] >= first_sentence && d.subject {
            events.push((
                d.tok,
                Who::Described(d.text.clone()),
                d.subject,
                false,
                false,
                false,
            ));
        }
    }
    // Speakers of earlier quotations stand where they were quoted.
    for (t, who) in &earlier.speakers {
        if let Some(who) = who
            && *t < limit
            && doc.sent_of[*t] >= first_sentence
        {
            events.push((*t, who.clone(), true, false, false, true));
        }
    }
    // A heading starts a new section: a pronoun after it does not reach back past it.
    if let Some(h) = doc.section_heading(limit.min(doc.len() - 1)) {
        events.retain(|e| doc.para_of[e.0] > h);
    }
    // `it`, `the company` stand for no person, named or not.
    if refers == Refers::Thing {
        events.retain(|e| match &e.1 {
            Who::Entity(x) => {
                !ctx.entities.list[*x].person_evidence && ctx.entities.list[*x].kind != Kind::Person
            }
            Who::Described(_) => false,
        });
    }
    events.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (t, who, subject, possessive, after_prep, speaking) in events {
        push(who, t, subject, possessive, after_prep, speaking);
    }
    // The most recent few that could be meant (a person for `he`, a body for `it`), and the
    // latest that stood as a subject however far back in the window.
    let fits = |a: &Antecedent| match (&a.who, refers) {
        (Who::Entity(e), Refers::Person(want)) => {
            let ent = &ctx.entities.list[*e];
            matches!(ent.kind, Kind::Person | Kind::Unknown)
                && (want == Gender::Unknown
                    || ent.gender == Gender::Unknown
                    || ent.gender == want
                    || !ent.gender_sure)
        }
        _ => true,
    };
    // `he` never stands for someone the text calls `Ms`, `Mrs` or `the actress` (nor `she` for a
    // `Mr`): a titled gender rules a candidate out, where a first name's odds only weigh.
    // Nor a people (`the Iranians released by the United States`).
    seen.retain(|a| match (&a.who, refers) {
        (Who::Entity(e), Refers::Person(want)) if want != Gender::Unknown => {
            let ent = &ctx.entities.list[*e];
            let people = ent
                .name
                .strip_suffix('s')
                .is_some_and(|one| !one.contains(' ') && doc.lex.is(one, list::DEMONYM));
            !(people || ent.gender_sure && ent.gender != Gender::Unknown && ent.gender != want)
        }
        _ => true,
    });
    let latest_subject = seen.iter().position(|a| a.subject && fits(a));
    let mut kept = 0;
    let mut i = 0;
    seen.retain(|a| {
        let keep = Some(i) == latest_subject || fits(a) && kept < MAX_ANTECEDENTS || kept < 2;
        kept += usize::from(keep);
        i += 1;
        keep
    });
    // The pronoun's sentence's first quotation before it, if no cue stands before that.
    let sentence = &doc.sentences[doc.sent_of[tok.min(doc.len() - 1)]];
    let reported = doc
        .quote_tok
        .iter()
        .copied()
        .filter(|&q| q >= sentence.start && q < tok)
        .min()
        .filter(|&q| !(sentence.start..q).any(|k| doc.cue_at(k) || doc.punct(k) == Some(':')));
    let mut subject_seen = false;
    for (rank, a) in seen.iter_mut().enumerate() {
        a.rank = rank;
        if a.subject && !subject_seen {
            a.latest_subject = true;
            subject_seen = true;
        }
        a.inside_reported = reported.is_some_and(|q| (sentence.start..q).contains(&a.at));
    }
    // `Mr Sullivan "made accounting decisions," he told the court`: the pronoun right after
    // the words is the subject of the sentence they are reported in, and cannot stand for a
    // name inside them.
    let right_after = reported.is_some_and(|q| {
        (q + 1..tok).all(|k| {
            doc.punct(k)
                .is_some_and(|c| matches!(c, ',' | '—' | '–' | '-'))
        })
    });
    if right_after && doc.is_pronoun(tok) {
        seen.retain(|a| !a.inside_reported);
    }
    seen
}

/// A quotation's words, possessive endings dropped, read once for `named_in` and
/// `first_name_in`; a `.` stands where punctuation parts two words (`with Olof. It's`), so
/// that the word after a full stop is not read as a surname.
fn quote_words(quote: &str) -> Vec<&str> {
    let word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    let mut out = Vec::new();
    let mut rest = quote;
    while let Some(start) = rest.find(word) {
        if rest[..start].chars().any(|c| !c.is_whitespace()) && !out.is_empty() {
            out.push(".");
        }
        rest = &rest[start..];
        let end = rest.find(|c: char| !word(c)).unwrap_or(rest.len());
        out.push(super::tokens::base(&rest[..end]));
        rest = &rest[end..];
    }
    out
}

/// The words call someone by `first` name, alone or before `second` (not `David Beckham` for
/// David Smith).
fn first_name_in(words: &[&str], first: &str, second: &str) -> bool {
    if first.chars().count() < 3 || !first.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    words.iter().enumerate().any(|(i, &w)| {
        w == first
            && words.get(i + 1).is_none_or(|next| {
                *next == second || !next.chars().next().is_some_and(char::is_uppercase)
            })
    })
}

/// Does a quotation's text name someone (a word of their name, capitalised, as a word)?
fn named_in(words: &[&str], name: &str) -> bool {
    name.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_uppercase))
        .any(|w| words.contains(&w))
}

/// Is the entity named after the pronoun at `tok` in its own sentence (`She thanked Hepburn`):
/// then it is not what the pronoun stands for.
fn named_after(ctx: &Ctx, who: &Who, tok: usize) -> bool {
    let Who::Entity(e) = who else { return false };
    let s = ctx.doc.sent_of[tok];
    ctx.entities.list[*e]
        .mentions
        .iter()
        .any(|&m| ctx.mentions[m].sentence == s && ctx.mentions[m].run_start > tok)
}
