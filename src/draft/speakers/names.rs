//! Who a text mentions: runs of capitalised words outside quotations cut into the name proper
//! (`Sen. Ben Cardin` → `Ben Cardin`, `Struggling Donald Trump` → `Donald Trump`) with its titles
//! and roles, what kind of thing it names (person, organisation, outlet, place), its gender
//! where a title or first name says; and unnamed people (`a spokesman for the FA`).

use std::ops::Range;

use super::tokens::{Doc, base, is_possessive};
use crate::draft::lexicon::{Gender, Known, list};
use crate::text::one_spaced;

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Kind {
    Person,
    Org,
    /// A newspaper, broadcaster, agency or site: where words appeared.
    Outlet,
    Place,
    /// An event, a law, a prize, a period: never a speaker.
    Thing,
    /// A name the text gives no sign of (most often a person known by surname alone).
    Unknown,
}

/// A named mention outside quotations.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    /// First and last token of the name proper (a kept title like `Sir` included).
    pub tok: usize,
    pub end_tok: usize,
    /// First token of the whole run, titles and roles included (`Sen.` of `Sen. Ben Cardin`).
    pub run_start: usize,
    pub sentence: usize,
    pub para: usize,
    /// Bytes of the name proper.
    pub range: Range<usize>,
    /// Where its titles begin (`Mr` of `Mr Doughty`): what a fix that names someone else
    /// replaces, with the name.
    pub phrase_start: usize,
    /// The name as written (possessive dropped, spaces normalised): `Leonard E. Burman`.
    pub name: String,
    /// Its words folded to lower case, without full stops (`leonard`, `e`, `burman`).
    pub words: Vec<String>,
    pub kind: Kind,
    pub gender: Gender,
    /// Its gender comes from a title or role word (`Mrs`, `actress`), not a first name's odds.
    pub gender_sure: bool,
    /// Title and role words given to it, lower case (`senator`, `coach`).
    pub roles: Vec<String>,
    /// `Mr`, `Dr`: a person for certain, named by surname.
    pub courtesy: bool,
    /// `Sir`, `Dame`: a person, often named by first name (`Sir Alex`).
    pub kept: bool,
    /// Its first word is a known first name.
    pub first_name: bool,
    pub possessive: bool,
    /// First phrase of its clause: the likely subject.
    pub subject: bool,
    /// After a preposition (`of X`, `to X`): not a subject.
    pub after_prep: bool,
    /// After a preposition that opens its sentence (`For X, it was a first`): its topic.
    pub opening: bool,
    /// In a title-case headline.
    pub in_title: bool,
    /// Right before a speech verb (`X said`, `X, who told`): someone heard speaking.
    pub speaking: bool,
    /// Written as a business or body is (`Hardie, which …`, `Wimpey's shares`, `shares in
    /// Wimpey`): a first name in it (`George Wimpey`) names no person.
    pub body_context: bool,
    /// Named by kinship (`Nogar's son Stephen`): the text calls them by first name.
    pub kin: bool,
}

/// An unnamed person: `a spokesman for the FA`, `one opposition voice`.
#[derive(Debug, Clone)]
pub(super) struct Described {
    /// Token of its determiner.
    pub tok: usize,
    pub text: String,
    pub subject: bool,
}

/// Words that join an organisation's name (`Bank of England`, `Bradford & Bingley`).
const CONNECTORS: &[&str] = &["of", "the", "and"];

/// Lower-case particles inside a person's name (`Henk ten Cate`, `Charles de Gaulle`).
const PARTICLES: &[&str] = &[
    "de", "van", "von", "da", "di", "le", "la", "du", "bin", "al", "der", "den", "del", "y", "dos",
    "das", "ibn", "el", "ten", "ter", "des", "st",
];

/// A particle that opens a surname written without its first name (`De Vido`, `Le Bon`,
/// `bin Laden` for `Julio De Vido`, `Simon Le Bon`, `Osama bin Laden`); `Al`, `El` are first
/// names as often (`Al Gore`).
pub(super) fn opens_surname(word: &str) -> bool {
    PARTICLES
        .iter()
        .filter(|p| !matches!(**p, "al" | "el" | "y" | "st"))
        .any(|p| p.eq_ignore_ascii_case(word))
}

const PREPOSITIONS: &[&str] = &[
    "of", "for", "at", "from", "with", "by", "to", "in", "on", "about", "against", "than", "like",
    "into", "during", "after", "before", "over", "under", "behind", "toward", "towards", "among",
    "between", "via", "through", "without", "within", "beside", "besides", "near", "upon",
];

pub(super) fn is_preposition(w: &str) -> bool {
    PREPOSITIONS.contains(&w)
}

/// Words that open a sentence before its subject, ending at a comma.
pub(super) const INTRO_WORDS: &[&str] = &[
    "at",
    "in",
    "on",
    "after",
    "before",
    "according",
    "for",
    "with",
    "during",
    "despite",
    "like",
    "unlike",
    "as",
    "when",
    "while",
    "earlier",
    "later",
    "meanwhile",
    "however",
    "even",
    "still",
    "since",
    "although",
    "though",
    "if",
    "asked",
    "speaking",
    "writing",
    "addressing",
    "but",
    "and",
    "yet",
    "so",
    "instead",
    "indeed",
    "now",
    "then",
    "also",
    "last",
    "this",
    "on",
    "separately",
    "overall",
    "similarly",
    "likewise",
    "moreover",
    "furthermore",
    "again",
];

impl Doc<'_> {
    /// Do the words from `from` to `to` (exclusive) make a name the lists know (`Judicial
    /// Watch`, `Washington Post`)?
    fn known_run(&self, from: usize, to: usize) -> bool {
        let words: Vec<&str> = (from..to).filter_map(|k| self.word(k)).collect();
        self.lex.known(&words).is_some()
    }

    /// A word that can stand in a name: capitalised, no function word, no cue verb (unless the
    /// text writes it as a surname).
    fn name_word(&self, t: usize) -> bool {
        self.is_cap(t)
            && !self.place_adjective(t)
            && (self.is_surname(t)
                || self.first_name_not_date(t)
                || !(self.is(t, list::FUNCTION)
                    || self.is(t, list::CUE)
                        && self.is(t, list::COMMON)
                        && !self.is(t, list::FIRST_NAME)))
    }

    /// `Jan Egeland`, `Will Greenwood`, `June Carter`: a month or modal that is also a first
    /// name, right before a capitalised word that could be a surname, where no word of time
    /// stands before it (`Last June Grewcock …`, `in May Tony Blair …`).
    fn first_name_not_date(&self, t: usize) -> bool {
        const NAME_OR_DATE: &[&str] = &["jan", "june", "april", "may", "august", "will"];
        self.lword(t).is_some_and(|w| NAME_OR_DATE.contains(&w))
            && self.punct(t + 1).is_none()
            && self.is_cap(t + 1)
            && !self.is(t + 1, list::FUNCTION | list::TITLE)
            && self
                .lex
                .known(&[self.lword(t + 1).unwrap_or_default()])
                .is_none()
            && !t
                .checked_sub(1)
                .and_then(|p| self.lword(p))
                .is_some_and(|p| {
                    matches!(
                        p,
                        "in" | "on"
                            | "since"
                            | "until"
                            | "by"
                            | "of"
                            | "from"
                            | "last"
                            | "next"
                            | "early"
                            | "late"
                            | "mid"
                            | "this"
                            | "that"
                            | "each"
                            | "every"
                    )
                })
    }

    /// An abbreviation whose full stop a name runs across (`Mr.`, `Sen.`, `E.`, `Jr.`).
    fn dotted(&self, t: usize) -> bool {
        let Some(w) = self.word(t) else { return false };
        // `E.`, and `G.K.` (initials run together).
        let initials = w
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase));
        self.punct(t + 1) == Some('.')
            && (initials
                || self.is(t, list::TITLE) && w.len() <= 5
                || matches!(self.lword(t), Some("jr" | "sr" | "st")))
    }
}

/// Finds the named mentions: runs of capitalised words outside quotations.
pub(super) fn find_mentions(doc: &Doc) -> Vec<Mention> {
    let n = doc.len();
    let mut out = Vec::new();
    let mut t = 0;
    while t < n {
        if !doc.name_word(t) {
            t += 1;
            continue;
        }
        let run_start = t;
        let mut end = t + 1;
        loop {
            if is_possessive(doc.word(end - 1).unwrap_or("")) {
                break;
            }
            if doc.dotted(end - 1) && doc.name_word(end + 1) {
                end += 2;
                continue;
            }
            // `Jock A. Finlayson`, `Mary I. Okafor`: a middle initial that is also a word (not
            // after a word, `Plan A. Finlayson disagreed`).
            if doc.word(end).is_some_and(|w| w.len() == 1)
                && (!doc.is(end - 1, list::COMMON) || doc.is(end - 1, list::FIRST_NAME))
                && doc.dotted(end)
                && doc.name_word(end + 2)
            {
                end += 3;
                continue;
            }
            // `Theresa May`, `Rachel Will`: a capitalised month or modal after a first name.
            let surname_like = doc.is_cap(end)
                && doc.is(end - 1, list::FIRST_NAME)
                && doc.is(end, list::FUNCTION)
                && doc.lword(end).is_some_and(super::tokens::surname_length);
            // `Human Rights Watch`, `Judicial Watch`, `The Washington Post`: a capitalised word
            // the lists keep out of names, where it completes a known name.
            let completes_known = doc.is_cap(end)
                && !doc.name_word(end)
                && (run_start..=end).all(|k| doc.word(k).is_some())
                && doc.known_run(run_start, end + 1);
            if doc.name_word(end) || surname_like || completes_known {
                end += 1;
                continue;
            }
            // `Bank of England`, `Secretary of State`, `Bradford & Bingley` run on across a
            // connector; a person's name does not (`Martin Owen of Futurelab`).
            let person = has_first_name(doc, run_start..end);
            let orgish = (run_start..end).any(|k| {
                doc.is(
                    k,
                    list::ORG_WORD | list::TEAM_WORD | list::PLACE_WORD | list::EVENT_WORD,
                )
            }) || doc.is(end - 1, list::OFFICE);
            let single = end - run_start == 1 && !doc.is(end - 1, list::FIRST_NAME);
            let particles = (end..end + 2)
                .take_while(|&k| {
                    doc.lword(k).is_some_and(|w| PARTICLES.contains(&w)) && !doc.is_cap_raw(k)
                })
                .count();
            if particles > 0 && doc.name_word(end + particles) {
                end += particles + 1;
                continue;
            }
            // (`Department for Work and Pensions`: `for` joins a body's name only, right after
            // its org word.)
            let connectors = (end..end + 2)
                .take_while(|&k| {
                    doc.lword(k).is_some_and(|w| {
                        CONNECTORS.contains(&w) || w == "for" && doc.is(end - 1, list::ORG_WORD)
                    }) && !doc.is_cap(k)
                        || doc.punct(k) == Some('&')
                })
                .count();
            // (`Bradford & Bingley`, `Marks & Spencer`: an ampersand joins firms, not people;
            // so does `and` before an owner, `Ernst and Young's Sanjay Mehta`.)
            let ampersand = doc.punct(end) == Some('&')
                || single
                    && connectors == 1
                    && doc.lword(end) == Some("and")
                    && doc.name_word(end + 1)
                    && !doc.is(end + 1, list::FIRST_NAME)
                    && is_possessive(doc.word(end + 1).unwrap_or(""));
            if connectors > 0
                && doc.name_word(end + connectors)
                && (!person || ampersand)
                && (orgish || single || doc.punct(end) == Some('&'))
                && (end..end + connectors).all(|k| {
                    let w = doc.lword(k).unwrap_or("&");
                    // (`leading among Democrats and Sanders among independents`: a body's
                    // name that ends in its org word is whole; `and` starts another.)
                    w != "and"
                        || ampersand
                        || (orgish || end - run_start >= 3) && !doc.is(end - 1, list::ORG_WORD)
                })
            {
                end += connectors + 1;
                continue;
            }
            break;
        }
        t = end;
        // `Los Angeles-based attorney`: the run is the head of a place made into an adjective.
        if doc.is_cap_raw(end) && doc.place_adjective(end) {
            continue;
        }
        if let Some(mut m) = mention_of_run(doc, run_start, end) {
            family_surname(doc, &out, &mut m);
            out.push(m);
        }
    }
    out
}

/// Does a first name (not also a title, `Earl`) stand among the tokens `range`?
fn has_first_name(doc: &Doc, mut range: std::ops::Range<usize>) -> bool {
    range.any(|k| doc.is(k, list::FIRST_NAME) && !doc.is(k, list::TITLE))
}

/// `Nogar's son Stephen`, `Hewitt's sister Jaslyn`: a first name after a kinship noun and a
/// possessive surname is named in full with that surname.
fn family_surname(doc: &Doc, before: &[Mention], m: &mut Mention) {
    let t = m.run_start;
    let kin = t >= 2
        && m.words.len() == 1
        && doc.is(t, list::FIRST_NAME)
        && doc.lword(t - 1).is_some_and(|w| {
            matches!(
                w,
                "son"
                    | "daughter"
                    | "brother"
                    | "sister"
                    | "father"
                    | "mother"
                    | "husband"
                    | "wife"
            )
        });
    let Some(owner) = before.last().filter(|o| {
        kin && o.possessive && o.end_tok + 2 == t && matches!(o.kind, Kind::Person | Kind::Unknown)
    }) else {
        return;
    };
    let (Some(word), Some(written)) = (owner.words.last(), owner.name.rsplit(' ').next()) else {
        return;
    };
    m.name = format!("{} {}", m.name, written);
    m.words.push(word.clone());
    m.kin = true;
    m.kind = Kind::Person;
    m.first_name = true;
}

/// The mention a capitalised run holds, if any: leading sentence starters and titles cut off.
fn mention_of_run(doc: &Doc, run_start: usize, end: usize) -> Option<Mention> {
    let words_in = |a: usize, b: usize| (a..b).filter(|&k| doc.word(k).is_some()).count();
    // A first name with a word after it inside the run: where a person's name can start.
    let first_name_then_word =
        |k: usize| doc.is(k, list::FIRST_NAME) && k + 1 < end && doc.word(k + 1).is_some();
    let mut s = run_start;
    let in_title = doc.in_title(run_start);
    // Sentence starters and headline words: `Struggling Donald Trump`, `Backstage`.
    while s < end {
        let lead = s == run_start && (doc.sentence_initial(s) || in_title);
        // (`Interestingly Blocher, a wealthy industrialist, became …`: an adverb too.)
        let adverb = doc
            .lword(s)
            .is_some_and(|w| w.len() >= 8 && w.ends_with("ly"));
        let common =
            (doc.is(s, list::COMMON) || adverb) && !doc.is(s, list::FIRST_NAME | list::TITLE);
        // `Billionaire Donald Trump`, `Broadcaster Chris Evans`: a word before a first name.
        let before_first = doc.is(s + 1, list::FIRST_NAME)
            && !doc.is(s, list::FIRST_NAME | list::TITLE)
            && !doc.capitalised_mid_sentence(doc.lbase(s).unwrap_or_default())
            && words_in(s, end) > 2;
        let function =
            doc.is(s, list::FUNCTION) && !doc.is_surname(s) && !doc.first_name_not_date(s);
        // (`Judicial Watch argued …`: a name the lists know keeps its first word; asked only
        // when a word would go.)
        if (function || lead && (common || before_first) && words_in(s, end) > 1)
            && !(s == run_start && doc.known_run(run_start, end))
        {
            s += 1;
            while s < end && doc.word(s).is_none() {
                s += 1;
            }
            continue;
        }
        break;
    }
    if s >= end {
        return None;
    }
    // `the Leader of the Commons`, `President of the Commission`: a post of a body, with no
    // name after it, names no one (a role, read as one).
    if doc.is(s, list::OFFICE) && doc.lword(s + 1) == Some("of") && !has_first_name(doc, s..end) {
        return None;
    }
    // Titles and roles: the name starts after the last title word that has a name after it
    // (`Judicial Watch President Tom Fitton`, `Secretary of State Hillary Clinton`); a kept
    // title (`Sir`) stays in the name. A tail that names an organisation keeps its words
    // (`International Federation of the Red Cross`, `Office of the President`).
    let mut name_start = s;
    let mut courtesy = false;
    let mut kept_any = false;
    let mut kept: Option<usize> = None;
    let mut roles: Vec<String> = Vec::new();
    let mut gender = Gender::Unknown;
    let mut gender_sure = false;
    let last_word = (s..end).rev().find(|&k| doc.word(k).is_some())?;
    let orgish = |from: usize| {
        let ws: Vec<&str> = (from..end).filter_map(|k| doc.lbase(k)).collect();
        (from..end).any(|k| {
            doc.word(k).is_some()
                && doc.is(
                    k,
                    list::ORG_WORD | list::TEAM_WORD | list::EVENT_WORD | list::PLACE_WORD,
                )
                && !doc.is(k, list::FIRST_NAME)
        }) || doc.lex.known(&ws).is_some()
    };
    for k in s..last_word {
        if doc.word(k).is_none() {
            continue;
        }
        let e = doc.entry(k);
        // `Martin Luther King`: a title word after a first name is a surname.
        let after_first = k > s
            && doc.is(k - 1, list::FIRST_NAME)
            && !doc.is(k - 1, list::TITLE)
            && doc
                .lex
                .known(&[doc.lbase(k - 1).unwrap_or_default()])
                .is_none()
            && doc.punct(k + 1) != Some('.');
        // (`Club for Growth`: an org word the name runs on from is no title.)
        if !e.is(list::TITLE)
            || after_first
            || orgish(k + 1)
            || doc.lword(k + 1) == Some("for") && k + 1 < end
        {
            continue;
        }
        if e.is(list::KEPT) {
            kept = Some(k);
        } else {
            kept = None;
        }
        name_start = k + 1;
        courtesy |= e.is(list::COURTESY);
        kept_any |= e.is(list::KEPT);
        if e.gender != Gender::Unknown {
            gender = e.gender;
            gender_sure = true;
        }
        if e.is(list::OFFICE | list::COURTESY | list::KEPT) {
            roles.push(role_word(doc.lbase(k).unwrap_or_default()));
        }
    }
    // `Chairman of the Environmental Audit Committee Peter Ainsworth`: a post of a body, run
    // on into the name of its holder, who begins at a first name.
    if name_start == s
        && doc.is(s, list::OFFICE)
        && doc.lword(s + 1) == Some("of")
        && let Some(f) = (s + 2..end).find(|&k| {
            doc.is(k, list::FIRST_NAME) && doc.is_cap(k + 1) && (2..=3).contains(&words_in(k, end))
        })
    {
        name_start = f;
        roles.push(role_word(doc.lbase(s).unwrap_or_default()));
        if doc.entry(s).gender != Gender::Unknown {
            gender = doc.entry(s).gender;
            gender_sure = true;
        }
    }
    while name_start < end && doc.word(name_start).is_none() {
        name_start += 1;
    }
    // `Chancellor of the Exchequer Helena Marsh`: after a title and its `of …`, the name is
    // where a first name begins; `Secretary of State` alone is a post, no name.
    if name_start < end
        && doc
            .lword(name_start)
            .is_some_and(|w| CONNECTORS.contains(&w))
    {
        name_start = (name_start..end).find(|&k| first_name_then_word(k))?;
        kept = None;
    }
    // `fellow American Robby Ginepri`, `Briton Tim Henman`: a nationality before a
    // first name and a surname describes the person, and is no part of the name.
    if words_in(name_start, end) >= 3
        && is_demonym(doc, name_start)
        && !doc.is(name_start, list::FIRST_NAME)
        && doc.is(name_start + 1, list::FIRST_NAME)
    {
        name_start += 1;
        kept = None;
    }
    // `Minister for Children, Young People and Families Margaret Hodge`: common words before a
    // first name and a surname end a post's title, and are no part of the name.
    if let Some(k) =
        (name_start + 1..end).find(|&k| first_name_then_word(k) && !doc.is(k, list::TITLE))
        && (name_start..k).all(|j| {
            doc.word(j).is_some() && doc.is(j, list::COMMON) && !doc.is(j, list::FIRST_NAME)
        })
    {
        name_start = k;
        kept = None;
    }
    if name_start >= end {
        return None;
    }
    let first = kept.unwrap_or(name_start);
    let mut toks: Vec<usize> = (name_start..end)
        .filter(|&k| doc.word(k).is_some())
        .collect();
    // `Robert P. Casey Jr.`: a generational suffix is no part of the name as people use it.
    if toks.len() > 2
        && toks
            .last()
            .is_some_and(|&k| matches!(doc.lbase(k), Some("jr" | "sr" | "ii" | "iii" | "iv")))
    {
        toks.pop();
    }
    // `the Manchester Central MP`, `the Foreign Secretary`, `the Lord Chancellor`: a post
    // described, not a name (the person it is comes from the text around it).
    if (toks.len() >= 2 && kept.is_none() || toks.len() == 1)
        && !courtesy
        && toks.last().is_some_and(|&k| {
            doc.is(k, list::OFFICE) && !doc.is(k, list::FIRST_NAME | list::ORG_WORD)
        })
        && run_start > 0
        && doc
            .lword(run_start - 1)
            .is_some_and(|w| matches!(w, "the" | "a" | "an"))
    {
        return None;
    }
    // `Peter Ainsworth MP`: a member's letters after a name are no part of it (after the check
    // above, so that `the Manchester Central MP` stays a post).
    if toks.len() > 2
        && toks
            .last()
            .is_some_and(|&k| matches!(doc.lbase(k), Some("mp" | "mep" | "msp" | "qc")))
    {
        toks.pop();
    }
    let lwords: Vec<String> = toks
        .iter()
        .map(|&k| doc.lbase(k).unwrap_or_default().replace('.', ""))
        .collect();
    // A lone common word or sentence starter is no name (`Studies`, `Asked`, `Welcoming`), nor
    // an adjective of nationality before a noun (`Swedish trades union official`).
    if toks.len() == 1 && kept.is_none() && !courtesy {
        let k = toks[0];
        let lw = lwords[0].as_str();
        let lead = doc.sentence_initial(k)
            || in_title
            || k > 0 && matches!(doc.punct(k - 1), Some(':' | '(' | '—'));
        let wordlike = doc.is(k, list::COMMON)
            || lw.ends_with("ing")
            || lw.ends_with("ed")
            || lw.ends_with("ly");
        if doc.is_surname(k) {
            // (`Read said`, after `Mike Read`.)
        } else if doc.is(k, list::FUNCTION) || doc.cue_at(k) && lead {
            return None;
        }
        let short = lw.chars().count() <= 3
            && !crate::draft::identity::is_acronym(doc.word(k).unwrap_or_default());
        if lead
            && (wordlike || short)
            && !doc.is(k, list::FIRST_NAME)
            && !doc.capitalised_mid_sentence(lw)
            && !doc.is_cap(k + 1)
        {
            return None;
        }
        if is_demonym(doc, k) && !doc.is_surname(k) {
            return None;
        }
    }
    let last = *toks.last()?;
    let range = doc.tok_range(first).start..doc.tok_range(last).end;
    let possessive = is_possessive(doc.word(last).unwrap_or(""));
    let name = {
        let raw = &doc.text[range.clone()];
        let raw = if possessive { base(raw) } else { raw };
        one_spaced(raw)
    };
    let lex = doc.lex;
    let known = lex.known(&lwords);
    // `Bradford & Bingley`, `Johnson & Johnson`: an ampersand joins firms, never one person.
    let ampersand = (toks[0]..last).any(|k| doc.punct(k) == Some('&'));
    let first_name = toks.len() >= 2
        && doc.is(toks[0], list::FIRST_NAME)
        && !doc.word(toks[0]).is_some_and(opens_surname)
        && !doc.is(toks[0], list::TITLE)
        && !ampersand;
    let acronym = toks.len() == 1
        && doc.word(toks[0]).is_some_and(|w| {
            let w = base(w);
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars()
                    .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '&')
        });
    let later = |bits: u32| toks.iter().skip(1).any(|&k| doc.is(k, bits));
    let kind = match known {
        Some(Known::Place) => Kind::Place,
        Some(Known::Outlet) => Kind::Outlet,
        Some(Known::Org) => Kind::Org,
        None if ampersand && !courtesy => Kind::Org,
        None if later(list::EVENT_WORD | list::TIME_WORD) => Kind::Thing,
        None if doc.is(last, list::PLACE_WORD) && toks.len() > 1 => Kind::Place,
        None if later(list::ORG_WORD | list::TEAM_WORD) => {
            let outletish = [
                "times",
                "post",
                "news",
                "journal",
                "herald",
                "telegraph",
                "gazette",
                "tribune",
                "chronicle",
                "magazine",
                "radio",
                "television",
                "tv",
            ];
            if outletish.contains(&lwords.last().map(String::as_str).unwrap_or("")) {
                Kind::Outlet
            } else {
                Kind::Org
            }
        }
        None if courtesy || first_name => Kind::Person,
        None if acronym => Kind::Org,
        None if !roles.is_empty() => Kind::Person,
        None => Kind::Unknown,
    };
    if gender == Gender::Unknown && kind == Kind::Person && first_name {
        gender = doc.entry(toks[0]).gender;
    }
    // A first name the lists do not know that ends in `a` (`Jolanda`, `Olena`) is most often a
    // woman's across the languages news copy meets; known exceptions (`Luca`, `Nikita`) are on
    // the lists.
    if gender == Gender::Unknown
        && toks.len() >= 2
        && !doc.is(toks[0], list::FIRST_NAME | list::TITLE | list::COMMON)
        && kind != Kind::Org
    {
        let first = &lwords[0];
        if first.chars().count() >= 4
            && first.ends_with('a')
            && doc.lex.known(&[first.as_str()]).is_none()
        {
            gender = Gender::Female;
        }
    }
    Some(Mention {
        tok: first,
        end_tok: last,
        run_start,
        sentence: doc.sent_of[run_start],
        para: doc.para_of[run_start],
        range,
        phrase_start: doc.tok_range(s).start,
        name,
        words: lwords,
        kind,
        gender,
        gender_sure,
        roles,
        courtesy,
        kept: kept_any,
        first_name,
        possessive,
        subject: false,
        after_prep: false,
        opening: false,
        in_title,
        speaking: false,
        body_context: false,
        kin: false,
    })
}

/// A word of nationality (`American`, `Swedish`, `Frenchman`): a noun or adjective, no name.
pub(super) fn is_demonym(doc: &Doc, k: usize) -> bool {
    doc.is(k, list::DEMONYM)
}

/// A role word in its full form, so that `Sen.` before a name and `the senator` agree.
pub(super) fn role_word(w: &str) -> String {
    let full = match w {
        "sen" => "senator",
        "rep" => "representative",
        "gov" => "governor",
        "gen" => "general",
        "lt" => "lieutenant",
        "col" => "colonel",
        "capt" => "captain",
        "sgt" => "sergeant",
        "adm" => "admiral",
        "prof" => "professor",
        "dr" => "doctor",
        "supt" => "superintendent",
        "det" => "detective",
        "insp" => "inspector",
        "amb" => "ambassador",
        "atty" => "attorney",
        "rev" => "reverend",
        "congressman" | "congresswoman" => "representative",
        "chairwoman" | "chairperson" | "chair" => "chairman",
        "spokeswoman" | "spokesperson" => "spokesman",
        "boss" => "manager",
        "skipper" => "captain",
        other => other,
    };
    full.to_string()
}
