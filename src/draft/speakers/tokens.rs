//! A text as the speaker finder reads it: word, punctuation and whole-quotation tokens, cut
//! into sentences (a full stop after `Mr`, `Sen` or an initial ends none) and paragraphs, with
//! title-case headlines marked so that their capitals are not taken for names.

use std::ops::Range;

use crate::draft::Quote;
use crate::draft::lexicon::{Entry, Lexicon, lexicon, list};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Word {
        start: usize,
        end: usize,
        cap: bool,
    },
    Punct {
        at: usize,
        c: char,
    },
    /// A whole quotation (index into the quotes).
    Quote(usize),
}

pub(super) struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    /// Sentence and paragraph of each token.
    pub sent_of: Vec<usize>,
    pub para_of: Vec<usize>,
    /// Token ranges of sentences.
    pub sentences: Vec<Range<usize>>,
    /// Per paragraph: a title-case headline or subhead, whose capitals say nothing.
    pub title_para: Vec<bool>,
    /// Token index of each quote.
    pub quote_tok: Vec<usize>,
    /// Whether each quote's words end a sentence (`… heaven."` rather than `… heaven,"`).
    pub quote_ends_sentence: Vec<bool>,
    /// Each quotation's words end with a comma (`"…,"`): an attribution follows.
    pub quote_ends_comma: Vec<bool>,
    /// Each quotation's words end with a full stop (`"… stay."`), not `?` or `!`.
    pub quote_ends_stop: Vec<bool>,
    pub lex: &'static Lexicon,
    /// Each word token in lower case, as a range of `lows`: folded once, asked often.
    lows: String,
    low_at: Vec<Range<u32>>,
    /// Per token: the lexicon's entry for its lower-case form.
    entries: Vec<Entry>,
    /// Words the text capitalises somewhere inside a sentence (outside headlines): names.
    cap_mid: std::collections::HashSet<String, crate::text::FastHash>,
    /// Words the text writes capitalised after a first name (`Mike Read`): surnames, even
    /// where they are also common words or speech verbs.
    surnames: std::collections::HashSet<String, crate::text::FastHash>,
}

/// Abbreviations whose full stop ends no sentence when a capitalised word follows (titles
/// before names, initials of states and months before figures).
const NEVER_END: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "mme", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "gen",
    "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "det", "insp", "supt", "rev",
    "st", "ste", "fr", "hon", "pres", "amb", "atty", "del", "no", "nos", "vs", "v", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ft", "mt", "gov't",
];

/// Abbreviations that may also end a sentence (`… at Apple Inc. The firm`), by the word after.
const MAY_END: &[&str] = &[
    "inc", "ltd", "co", "corp", "bros", "jr", "sr", "plc", "llc", "ala", "ariz", "ark", "calif",
    "colo", "conn", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass", "mich",
    "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt",
    "wash", "wis", "wyo", "etc", "al", "approx",
];

impl<'a> Doc<'a> {
    /// Reads a (masked) text with its quotations; `lines_are_paragraphs` for plain text
    /// written one paragraph a line.
    pub fn new(
        text: &'a str,
        quotes: &[Quote],
        lines_are_paragraphs: bool,
        headings: &[Range<usize>],
    ) -> Doc<'a> {
        let (toks, quote_tok) = tokenize(text, quotes, lines_are_paragraphs);
        let lex = lexicon();
        let mut lows = String::with_capacity(text.len() / 2);
        let mut low_at = Vec::with_capacity(toks.len());
        let mut entries = Vec::with_capacity(toks.len());
        for t in &toks {
            match t {
                Tok::Word { start, end, .. } => {
                    let from = lows.len() as u32;
                    let w = &text[*start..*end];
                    if w.is_ascii() {
                        lows.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                    } else {
                        lows.push_str(&crate::text::fold_word(w));
                    }
                    let r = from..lows.len() as u32;
                    entries.push(lex.get(&lows[r.start as usize..r.end as usize]));
                    low_at.push(r);
                }
                _ => {
                    low_at.push(0..0);
                    entries.push(Entry::default());
                }
            }
        }
        let mut doc = Doc {
            text,
            toks,
            sent_of: Vec::new(),
            para_of: Vec::new(),
            sentences: Vec::new(),
            title_para: Vec::new(),
            quote_tok,
            quote_ends_sentence: quotes
                .iter()
                .map(|q| {
                    // (`…doing there?'` ends with a quotation inside the quotation.)
                    q.text
                        .trim_end()
                        .trim_end_matches(['\'', '’', '"', '”', ')'])
                        .ends_with(['.', '!', '?', '…'])
                })
                .collect(),
            quote_ends_comma: quotes
                .iter()
                .map(|q| q.text.trim_end().ends_with(','))
                .collect(),
            quote_ends_stop: quotes
                .iter()
                .map(|q| q.text.trim_end().ends_with('.'))
                .collect(),
            lex,
            lows,
            low_at,
            entries,
            cap_mid: Default::default(),
            surnames: Default::default(),
        };
        doc.split();
        doc.mark_titles(headings);
        for t in 0..doc.len() {
            if doc.is_cap_raw(t)
                && !doc.in_title(t)
                && !doc.sentence_initial(t)
                && t > 0
                && doc
                    .punct(t - 1)
                    .is_none_or(|c| !matches!(c, ':' | '(' | '—' | '–' | '¶'))
            {
                let w = base(doc.lword(t).unwrap_or_default()).to_string();
                doc.cap_mid.insert(w);
            }
            // (Not in a headline, where every word is capitalised, nor a short function word:
            // `Mike And The Mechanics`; `Theresa May` is.)
            if t > 0
                && doc.is_cap_raw(t)
                && !doc.in_title(t)
                && doc.lword(t).is_some_and(|w| {
                    // (`In May Tony Blair spoke`: after a function word, four letters.)
                    let w = base(w);
                    w.chars().count() > 3 || surname_length(w) && !doc.is(t - 1, list::FUNCTION)
                })
                && doc.is_cap_raw(t - 1)
                && doc.is(t - 1, list::FIRST_NAME)
                && !doc.is(t - 1, list::TITLE)
            {
                let w = base(doc.lword(t).unwrap_or_default()).to_string();
                doc.surnames.insert(w);
            }
        }
        doc
    }

    /// Does the text write this word (lower case, possessive dropped) as a surname?
    pub fn is_surname(&self, t: usize) -> bool {
        self.lword(t)
            .is_some_and(|w| self.surnames.contains(base(w)))
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn word(&self, t: usize) -> Option<&'a str> {
        match self.toks.get(t)? {
            Tok::Word { start, end, .. } => Some(&self.text[*start..*end]),
            _ => None,
        }
    }

    /// The word in lower case, accents folded.
    pub fn lword(&self, t: usize) -> Option<&str> {
        self.word(t)?;
        let r = self.low_at.get(t)?;
        self.lows.get(r.start as usize..r.end as usize)
    }

    /// The word without a possessive ending, in lower case.
    pub fn lbase(&self, t: usize) -> Option<&str> {
        self.lword(t).map(base)
    }

    pub fn entry(&self, t: usize) -> Entry {
        self.entries.get(t).copied().unwrap_or_default()
    }

    /// Is the word at `t` in any of `bits`' lists?
    pub fn is(&self, t: usize, bits: u32) -> bool {
        self.entry(t).is(bits)
    }

    /// Written with a capital (in a title-case headline, only words that are no common word).
    pub fn is_cap(&self, t: usize) -> bool {
        let Some(Tok::Word { cap: true, .. }) = self.toks.get(t) else {
            return false;
        };
        !self.in_title(t)
            || !self.is(t, list::COMMON | list::FUNCTION | list::CUE)
            || self.is(t, list::FIRST_NAME) && self.is_cap_raw(t + 1)
    }

    /// Written with a capital, wherever it stands.
    pub fn is_cap_raw(&self, t: usize) -> bool {
        matches!(self.toks.get(t), Some(Tok::Word { cap: true, .. }))
    }

    /// The first of the words in `words` that run back from `k` (`k` itself if none).
    pub fn back_over(&self, mut k: usize, words: &[&str]) -> usize {
        while k > 0 && self.lword(k - 1).is_some_and(|w| words.contains(&w)) {
            k -= 1;
        }
        k
    }

    /// `UK-based`, `US-led`, `London-born`: a place made into an adjective, naming no one.
    pub fn place_adjective(&self, t: usize) -> bool {
        self.word(t).is_some_and(|w| {
            w.rsplit_once('-').is_some_and(|(_, tail)| {
                tail.chars().all(char::is_lowercase)
                    && (tail.len() > 3 && tail.ends_with("ed") || tail == "born")
            })
        })
    }

    /// Does the text capitalise this word (lower case, possessive dropped) inside a sentence?
    pub fn capitalised_mid_sentence(&self, lower: &str) -> bool {
        self.cap_mid.contains(lower)
    }

    pub fn in_title(&self, t: usize) -> bool {
        self.para_of
            .get(t)
            .is_some_and(|&p| self.title_para.get(p).copied().unwrap_or(false))
    }

    /// The heading (a title paragraph) that opens the section token `t` is in, if any: what
    /// comes before it is another section's.
    pub fn section_heading(&self, t: usize) -> Option<usize> {
        let para = *self.para_of.get(t)?;
        (0..=para)
            .rev()
            .find(|&p| self.title_para.get(p).copied().unwrap_or(false))
    }

    pub fn punct(&self, t: usize) -> Option<char> {
        match self.toks.get(t)? {
            Tok::Punct { c, .. } => Some(*c),
            _ => None,
        }
    }

    pub fn quote_at(&self, t: usize) -> Option<usize> {
        match self.toks.get(t)? {
            Tok::Quote(i) => Some(*i),
            _ => None,
        }
    }

    pub fn tok_range(&self, t: usize) -> Range<usize> {
        match &self.toks[t] {
            Tok::Word { start, end, .. } => *start..*end,
            Tok::Punct { at, c } => *at..*at + c.len_utf8(),
            Tok::Quote(_) => 0..0,
        }
    }

    pub fn sentence_start(&self, t: usize) -> usize {
        self.sentences[self.sent_of[t]].start
    }

    pub fn sentence_end(&self, t: usize) -> usize {
        self.sentences[self.sent_of[t]].end
    }

    /// The first token from `t` on that is no paragraph break.
    pub fn past_breaks(&self, t: usize) -> usize {
        (t..self.len())
            .find(|&k| self.punct(k) != Some('¶'))
            .unwrap_or(self.len())
    }

    /// Is `t` the first word of its sentence (punctuation and quotations before it aside)?
    pub fn sentence_initial(&self, t: usize) -> bool {
        (self.sentence_start(t)..t).all(|k| self.word(k).is_none())
    }

    /// A cue verb at `t` (with its particle when it needs one).
    pub fn cue_at(&self, t: usize) -> bool {
        let e = self.entry(t);
        if !e.is(list::CUE) {
            return false;
        }
        // A capitalised cue word inside a sentence is a name (`Secretary of State`, `the Post`).
        if self.is_cap_raw(t) && !self.in_title(t) && !self.sentence_initial(t) {
            return false;
        }
        match e.particle {
            Some(p) => self.lword(t + 1) == Some(p),
            None => true,
        }
    }

    /// A cue verb that counts anywhere (not a noun-like or framing one).
    pub fn strong_cue_at(&self, t: usize) -> bool {
        self.cue_at(t) && !self.is(t, list::CUE_WEAK | list::CUE_FRAME)
    }

    /// Splits tokens into sentences (and paragraphs): at `.!?;` not after an abbreviation or
    /// an initial, and at paragraph breaks. A quotation never ends a sentence by itself.
    fn split(&mut self) {
        let n = self.toks.len();
        self.sent_of = vec![0; n];
        self.para_of = vec![0; n];
        let mut start = 0;
        let mut para = 0;
        let mut sent = 0;
        for t in 0..n {
            self.sent_of[t] = sent;
            self.para_of[t] = para;
            let end = match self.toks[t] {
                Tok::Punct { c: '¶', .. } => {
                    para += 1;
                    true
                }
                Tok::Punct {
                    c: '!' | '?' | ';', ..
                } => !self.inside_parentheses(t),
                Tok::Punct { c: '.', .. } => self.full_stop_ends(t),
                // `"… talking." All sides are anxious …`: a quotation that ends a sentence, then
                // a capitalised word that does not open an attribution (`"…?" Mr Kennedy asked`).
                // (`"…facts." Mourinho added that the match…` is a new sentence; `"…facts."
                // Hackett said.` is the quotation's attribution.)
                // (`on the TV show "Shark Tank." "I mean, …"`: another quotation right after
                // one that ends its sentence starts a new one.)
                Tok::Quote(i) => {
                    self.quote_ends_sentence.get(i).copied().unwrap_or(false)
                        && (matches!(self.toks.get(t + 1), Some(Tok::Quote(_)))
                            || self.is_cap_raw(t + 1)
                                && !(self.is_pronoun(t + 1) && self.strong_cue_at(t + 2))
                                && !(t + 1..(t + 5).min(n))
                                    .find(|&k| self.strong_cue_at(k))
                                    .or_else(|| self.appositive_cue(t + 1))
                                    .is_some_and(|c| self.short_tail(c)))
                }
                _ => false,
            };
            if end {
                self.sentences.push(start..t + 1);
                start = t + 1;
                sent += 1;
            }
        }
        if start < n {
            self.sentences.push(start..n);
        }
        if self.sentences.is_empty() {
            self.sentences.push(0..0);
        }
    }

    /// `Miller, a retired worker from a nuclear plant, said`: the cue after a name (from `t`)
    /// and the description set off by commas after it.
    pub fn appositive_cue(&self, t: usize) -> Option<usize> {
        // (The full stop of an abbreviation, `Rep. Glenn Thompson, R-Pa., said`, goes on.)
        let abbreviation = |k: usize| {
            self.punct(k) == Some('.')
                && k > 0
                && self.is_cap_raw(k - 1)
                && self.word(k - 1).is_some_and(|w| w.chars().count() <= 4)
        };
        let name_end = (t..t + 6).find(|&k| !self.is_cap_raw(k) && !abbreviation(k))?;
        if name_end == t || self.punct(name_end) != Some(',') {
            return None;
        }
        let close = (name_end + 1..(name_end + 20).min(self.len()))
            .take_while(|&k| {
                abbreviation(k)
                    || !matches!(
                        self.toks[k],
                        Tok::Quote(_)
                            | Tok::Punct {
                                c: '.' | '!' | '?' | ';' | ':' | '¶',
                                ..
                            }
                    )
            })
            .find(|&k| self.punct(k) == Some(','))?;
        self.strong_cue_at(close + 1).then_some(close + 1)
    }

    /// After a cue at `c`, a comma (not before a quotation) or a preposition closes the
    /// attribution: `"…!" LeVell declared, a point he likes to make …`, `"…?" Lichtman said
    /// about McCain's effort to …`.
    pub fn attribution_closed_at(&self, c: usize) -> bool {
        self.punct(c + 1) == Some(',') && !matches!(self.toks.get(c + 2), Some(Tok::Quote(_)))
            || self.lword(c + 1).is_some_and(super::names::is_preposition)
    }

    /// After a cue at `c`: a few words and the sentence's end, with no `that`, colon or
    /// quotation (`said Hackett.`, `he added on Radio 4.`), as an attribution has.
    fn short_tail(&self, c: usize) -> bool {
        if self.attribution_closed_at(c) {
            return true;
        }
        let mut words = 0;
        for k in c + 1..self.len() {
            match &self.toks[k] {
                Tok::Punct {
                    c: '.' | '!' | '?' | ';' | '¶',
                    ..
                } => return true,
                Tok::Punct { c: ':', .. } | Tok::Quote(_) => return false,
                Tok::Word { .. } => {
                    words += 1;
                    if words > 10 || self.lword(k) == Some("that") {
                        return false;
                    }
                }
                _ => {}
            }
        }
        true
    }

    /// `(R-S.C.)` or `(D-Nev.)`: punctuation inside brackets ends no sentence.
    fn inside_parentheses(&self, t: usize) -> bool {
        let back = (t.saturating_sub(6)..t)
            .rev()
            .find(|&k| matches!(self.punct(k), Some('(' | ')')));
        matches!(back.and_then(|k| self.punct(k)), Some('('))
            && (t + 1..(t + 4).min(self.len())).any(|k| self.punct(k) == Some(')'))
    }

    fn full_stop_ends(&self, t: usize) -> bool {
        // (`Mitch McConnell, R-Ky., said`: a comma after it goes on.)
        if self.inside_parentheses(t) || self.punct(t + 1) == Some(',') {
            return false;
        }
        let Some(prev) = t.checked_sub(1).and_then(|p| self.word(p)) else {
            return true;
        };
        let lprev = self.lword(t - 1).unwrap_or_default();
        // `Inc. The firm`, `the U.S. He said`: a capitalised function word or pronoun opens a
        // sentence; so does a paragraph break, a quotation or the end of the text.
        let next_opens = self.is_cap_raw(t + 1)
            && (self.is(t + 1, list::FUNCTION) || self.is_pronoun(t + 1))
            || t + 1 >= self.len()
            || matches!(self.toks[t + 1], Tok::Quote(_) | Tok::Punct { c: '¶', .. });
        // An initial (`Leonard E. Burman`, `J. J. Price`): one capital letter.
        let initial = prev.chars().count() == 1 && prev.chars().all(char::is_uppercase);
        if initial || NEVER_END.contains(&lprev) {
            return false;
        }
        if MAY_END.contains(&lprev) || lprev.contains('.') {
            // `U.S. officials`, `Rosemead, Calif., said` go on.
            return next_opens;
        }
        true
    }

    pub fn is_pronoun(&self, t: usize) -> bool {
        self.lword(t)
            .is_some_and(|w| matches!(w, "he" | "she" | "they" | "it" | "i" | "we"))
    }

    /// Marks title-case paragraphs: headlines and subheads whose words are capitalised
    /// whatever they are (`Hillary Clinton Says She Will Run`).
    fn mark_titles(&mut self, headings: &[Range<usize>]) {
        let paras = self.para_of.last().map_or(0, |p| p + 1);
        // Markdown headings are titles whatever their case.
        let mut heading_para = vec![false; paras];
        for t in 0..self.len() {
            if let Tok::Word { start, .. } = self.toks[t]
                && headings.iter().any(|h| h.contains(&start))
            {
                heading_para[self.para_of[t]] = true;
            }
        }
        let mut counts = vec![(0usize, 0usize); paras];
        for t in 0..self.len() {
            let Some(w) = self.word(t) else { continue };
            if w.chars().count() < 4 || !w.chars().next().is_some_and(char::is_alphabetic) {
                continue;
            }
            let c = &mut counts[self.para_of[t]];
            c.0 += 1;
            if self.is_cap_raw(t) {
                c.1 += 1;
            }
        }
        self.title_para = counts
            .iter()
            .map(|&(words, caps)| (3..=30).contains(&words) && caps * 10 >= words * 8)
            .collect();
        // A paragraph that is one long list of names is no title: it must have a common word
        // written with a capital.
        for p in 0..paras {
            if !self.title_para[p] {
                continue;
            }
            let common_caps = (0..self.len())
                .filter(|&t| self.para_of[t] == p && self.is_cap_raw(t))
                .filter(|&t| self.is(t, list::COMMON | list::CUE) && !self.is(t, list::TITLE))
                .count();
            self.title_para[p] = common_caps >= 2;
        }
        for (p, h) in heading_para.into_iter().enumerate() {
            self.title_para[p] |= h;
        }
    }
}

/// Long enough to be a surname, even where it is also a function word: `May`, `Will`, not
/// `And`, `The`, `Her`.
pub(super) fn surname_length(w: &str) -> bool {
    w.chars().count() > 2
        && !matches!(
            w,
            "the" | "and" | "but" | "for" | "she" | "her" | "his" | "its" | "our" | "you"
        )
}

/// A word without a possessive ending (`Clinton's`, `players'`).
pub(super) fn base(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix(['\'', '’']))
        .unwrap_or(w)
}

pub(super) fn is_possessive(w: &str) -> bool {
    base(w).len() != w.len()
}

fn tokenize(text: &str, quotes: &[Quote], lines_are_paragraphs: bool) -> (Vec<Tok>, Vec<usize>) {
    let mut toks = Vec::new();
    let mut quote_tok = vec![0; quotes.len()];
    let mut qi = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        if qi < quotes.len() && i >= quotes[qi].start {
            quote_tok[qi] = toks.len();
            toks.push(Tok::Quote(qi));
            i = i.max(quotes[qi].end);
            qi += 1;
            // Quotations nested in a block quote's range are skipped with it.
            while qi < quotes.len() && quotes[qi].start < i {
                quote_tok[qi] = toks.len() - 1;
                qi += 1;
            }
            continue;
        }
        let limit = if qi < quotes.len() {
            quotes[qi].start
        } else {
            text.len()
        };
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c.is_alphanumeric() {
            let mut end = i;
            for (j, ch) in text[i..limit].char_indices() {
                let keep = ch.is_alphanumeric()
                    || (matches!(ch, '\'' | '’' | '-' | '.' | '&')
                        && text[i + j + ch.len_utf8()..limit]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric));
                if !keep {
                    // A trailing possessive apostrophe (players') belongs to the word.
                    if matches!(ch, '\'' | '’') && text[i..i + j].ends_with('s') {
                        let after = text[i + j + ch.len_utf8()..limit].chars().next();
                        if after.is_some_and(char::is_whitespace) {
                            end = i + j + ch.len_utf8();
                        }
                    }
                    break;
                }
                end = i + j + ch.len_utf8();
            }
            // (`l'Audiovisuel`, `d'Ivoire`: an elided article before a capital is a name's.)
            let elided = |w: &str| {
                let mut cs = w.chars();
                matches!(cs.next(), Some('l' | 'd'))
                    && matches!(cs.next(), Some('\'' | '’'))
                    && cs.next().is_some_and(char::is_uppercase)
            };
            let cap = c.is_uppercase() || elided(&text[i..end]);
            toks.push(Tok::Word { start: i, end, cap });
            i = end;
        } else {
            if c == '\n' {
                // A blank line (possibly with spaces) is a paragraph break; so is every line
                // of a text written one paragraph a line.
                let rest = &text[i + 1..limit];
                let line = rest.split('\n').next().unwrap_or("");
                let blank_next = line.trim().is_empty() && rest.contains('\n');
                if (lines_are_paragraphs || blank_next || bytes.get(i + 1) == Some(&b'\n'))
                    && !matches!(toks.last(), Some(Tok::Punct { c: '¶', .. }))
                {
                    toks.push(Tok::Punct { at: i, c: '¶' });
                }
            } else if !c.is_whitespace() {
                toks.push(Tok::Punct { at: i, c });
            }
            i += c.len_utf8();
        }
    }
    (toks, quote_tok)
}
