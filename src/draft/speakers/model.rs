//! The one place a speaker is chosen: every candidate (a person, organisation or described
//! speaker the text ties to the quotation) is a vector of features, scored by a linear model
//! whose weights are fitted on labelled news (`examples/fit_speakers.rs`, shipped in
//! `weights.txt`). The best candidate speaks when it scores above zero (the score of "no one").

use std::sync::LazyLock;

macro_rules! features {
    ($($id:ident = $name:literal,)*) => {
        /// The features of a candidate speaker, by index.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(usize)]
        pub enum F { $($id,)* }
        /// Feature names, as the weights file writes them.
        pub const NAMES: &[&str] = &[$($name,)*];
    };
}

features! {
    Bias = "bias",
    // How the text ties the candidate to the quotation.
    AfterName = "pattern:after_name",
    AfterVerb = "pattern:after_verb",
    Before = "pattern:before",
    According = "pattern:according",
    Trailing = "pattern:trailing",
    ThatWas = "pattern:that_was",
    PrevSentence = "pattern:prev_sentence",
    PrevParagraph = "pattern:prev_paragraph",
    Colon = "pattern:colon",
    Block = "pattern:block",
    Subject = "pattern:subject",
    Topic = "pattern:topic",
    Continuation = "pattern:continuation",
    // What the pattern's phrase was.
    ViaName = "via:name",
    ViaPronoun = "via:pronoun",
    ViaRole = "via:role",
    ViaDescribed = "via:described",
    WeakCue = "cue:weak",
    StrongLinks2 = "links:two_or_more",
    // The candidate.
    KindPerson = "kind:person",
    KindOrg = "kind:org",
    KindOutlet = "kind:outlet",
    KindPlace = "kind:place",
    KindThing = "kind:thing",
    KindUnknown = "kind:unknown",
    PersonEvidence = "kind:person_evidence",
    Speaks = "kind:heard_speaking",
    OneWordName = "name:one_word",
    Possessive = "mention:possessive",
    AfterPrep = "mention:after_preposition",
    InTitle = "mention:in_headline",
    MentionSubject = "mention:subject",
    // A pronoun or role's antecedent.
    GenderMatch = "antecedent:gender_match",
    GenderMismatch = "antecedent:gender_mismatch",
    GenderMismatchSure = "antecedent:gender_mismatch_titled",
    PronounNonPerson = "antecedent:he_she_to_non_person",
    PronounItPerson = "antecedent:it_to_person",
    PronounThey = "antecedent:they",
    Dist0 = "antecedent:same_sentence",
    Dist1 = "antecedent:previous_sentence",
    Dist2 = "antecedent:two_sentences_back",
    Dist3 = "antecedent:three_or_more_back",
    OtherPara = "antecedent:other_paragraph",
    AnteSubject = "antecedent:subject",
    Rank1 = "antecedent:most_recent",
    Rank2 = "antecedent:second_most_recent",
    RankLater = "antecedent:third_or_later",
    RoleMatch = "antecedent:role_match",
    RoleLater = "antecedent:role_named_later",
    LatestSubject = "antecedent:latest_subject",
    Speaking = "antecedent:heard_speaking",
    InReported = "antecedent:inside_reported_words",
    NamedAfter = "antecedent:named_after_pronoun",
    // Context.
    PrevSpeaker = "context:previous_speaker",
    InQuoteSentence = "context:in_quote_sentence",
    Salience = "context:mentions_log",
    QuoteAlone = "context:quote_alone",
    Outranked = "context:outranked",
    NamedInQuote = "context:named_in_quote",
    // (Kept out of the strong links counted above.)
    ContinuationPast = "pattern:continuation_past_narration",
    // The wider net: a name near the quotation that no pattern ties to it.
    Nearby = "nearby:mention",
    NearSame = "nearby:same_sentence",
    NearBefore = "nearby:before_quote",
    NearSpeaking = "nearby:before_speech_verb",
    NearSubject = "nearby:subject",
    NearOblique = "nearby:possessive_or_after_preposition",
    NearCue = "nearby:speech_verb_in_sentence",
    NearColon = "nearby:quote_after_colon",
}

/// Number of features.
pub const N: usize = NAMES.len();

/// A candidate's feature values.
pub type Features = [f32; N];

/// Model weights, one per feature.
#[derive(Debug, Clone)]
pub struct Weights(pub [f32; N]);

impl Weights {
    /// Reads `name weight` lines (`#` comments); names it does not know are an error.
    pub fn parse(text: &str) -> Result<Weights, String> {
        let mut w = [0.0; N];
        for (no, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let (Some(name), Some(value)) = (parts.next(), parts.next()) else {
                return Err(format!("line {}: expected `name weight`", no + 1));
            };
            let i = NAMES
                .iter()
                .position(|n| *n == name)
                .ok_or_else(|| format!("line {}: unknown feature `{name}`", no + 1))?;
            w[i] = value
                .parse()
                .map_err(|_| format!("line {}: `{value}` is not a number", no + 1))?;
        }
        Ok(Weights(w))
    }

    /// The weights as a file: `name weight` lines.
    pub fn render(&self, header: &str) -> String {
        let mut out = String::from(header);
        for (name, w) in NAMES.iter().zip(self.0.iter()) {
            out.push_str(&format!("{name} {w:.4}\n"));
        }
        out
    }

    pub fn score(&self, f: &Features) -> f32 {
        self.0.iter().zip(f.iter()).map(|(w, x)| w * x).sum()
    }
}

static SHIPPED: LazyLock<Weights> = LazyLock::new(|| {
    // The file is part of the source: a bad one fails the build's tests, never a user.
    Weights::parse(include_str!("weights.txt")).unwrap_or(Weights([0.0; N]))
});

/// The weights fitted and shipped with this build.
pub fn shipped() -> &'static Weights {
    &SHIPPED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_weights_parse_and_name_every_feature() {
        let text = include_str!("weights.txt");
        let w = Weights::parse(text).expect("weights.txt parses");
        for name in NAMES {
            assert!(
                text.lines()
                    .any(|l| l.split_whitespace().next() == Some(name)),
                "weights.txt lacks {name}"
            );
        }
        assert!(w.0.iter().any(|x| *x != 0.0));
        assert!(Weights::parse("nonsense 1.0").is_err());
    }
}
