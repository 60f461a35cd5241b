use super::*;

/// The turns as `Speaker|words` and the cues as `line@start`.
fn turns(t: &Transcript) -> Vec<String> {
    t.spoken
        .labels
        .iter()
        .map(|l| format!("{}|{}", l.speaker, &t.text[l.range.clone()]))
        .collect()
}

fn cues(t: &Transcript) -> Vec<String> {
    t.spoken
        .cues
        .iter()
        .map(|c| {
            format!(
                "{}@{}-{}:{}",
                c.line,
                c.start.map_or("?".into(), |s| s.full()),
                c.end.map_or("?".into(), |s| s.full()),
                &t.text[c.range.clone()]
            )
        })
        .collect()
}

#[test]
fn times() {
    assert_eq!(parse_time("00:03:12.500"), Some(Timestamp(192_500)));
    assert_eq!(parse_time("00:03:12,5"), Some(Timestamp(192_500)));
    assert_eq!(parse_time("3:12"), Some(Timestamp(192_000)));
    assert_eq!(parse_time("1:00:00"), Some(Timestamp(3_600_000)));
    for bad in [
        "",
        "12",
        "00:61:00",
        "00:00:60",
        "ab:cd",
        "1:2:3:4",
        "00:01.1234",
        "1::2",
    ] {
        assert_eq!(parse_time(bad), None, "{bad}");
    }
}

#[test]
fn vtt_voices_wrapped_text_and_styling() {
    let t = parse_vtt(
        "WEBVTT - an interview\nKind: captions\n\nNOTE made by hand\nover two lines\n\n\
         intro\n00:00:01.000 --> 00:00:04.000 align:start\n<v Anna Field>We will <i>not</i>\nsell the port,</v>\n\n\
         00:00:04.000 --> 00:00:07.250\n<v Anna Field>not this year &amp; not <00:00:05.000>next.\n\n\
         00:00:07.250 --> 00:00:09.000\n<v.loud Tom Reed>Why not?\n",
    );
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    assert_eq!(
        turns(&t),
        [
            "Anna Field|We will not sell the port, not this year & not next.",
            "Tom Reed|Why not?"
        ]
    );
    assert_eq!(
        cues(&t),
        [
            "8@00:00:01.000-00:00:04.000:We will not sell the port,",
            "12@00:00:04.000-00:00:07.250:not this year & not next.",
            "15@00:00:07.250-00:00:09.000:Why not?"
        ]
    );
    assert!(t.text.starts_with("Anna Field: We will"), "{}", t.text);
    assert_eq!(t.title.as_deref(), Some("an interview"));
}

#[test]
fn cues_without_a_voice_continue_the_turn_and_labels_in_the_text_name_speakers() {
    let t = parse_vtt(
        "WEBVTT\n\n00:01.000 --> 00:02.000\nOlga Stefanishyna: The talks\n\n\
         00:02.000 --> 00:03.000\nwent well.\n\n00:03.000 --> 00:04.000\n- TOM REED: Did they?\n",
    );
    assert_eq!(
        turns(&t),
        [
            "Olga Stefanishyna|The talks went well.",
            "TOM REED|Did they?"
        ]
    );
}

#[test]
fn srt_numbers_prefixes_and_brackets() {
    let t = parse_srt(
        "1\n00:00:01,000 --> 00:00:03,000\nSPEAKER 1: The harbour\nwill reopen\n\n\
         2\n00:00:03,000 --> 00:00:05,000\n{\\an8}in <i>spring</i>.\n\n\
         3\n00:00:05,000 --> 00:00:06,000\n[SPEAKER 2] When?\n",
    );
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    assert_eq!(
        turns(&t),
        [
            "SPEAKER 1|The harbour will reopen in spring.",
            "SPEAKER 2|When?"
        ]
    );
    assert_eq!(t.spoken.cues[1].line, 7);
}

#[test]
fn malformed_captions_are_told_and_read_as_far_as_they_go() {
    let t = parse_srt(
        "\u{feff}1\r\n00:00:01,000 --> 00:00:0x,000\r\nAnna: First words here\r\n2\r\n\
         00:00:05,000 --> 00:00:06,000\r\nAnna: second words\r\n\r\n\
         3\r\n00:00:06,000 --> 00:00:07,000\r\n\r\nstray text with no timing line at all\r\n",
    );
    assert_eq!(turns(&t), ["Anna|First words here second words"]);
    assert_eq!(t.spoken.cues[0].start, None);
    let problems = t.problems.join("\n");
    assert!(problems.contains("line 2: bad timing line"), "{problems}");
    assert!(
        problems.contains("line 5: a cue starts without a blank line"),
        "{problems}"
    );
    assert!(problems.contains("cue at line 9: empty"), "{problems}");
    assert!(
        problems.contains("line 11: text with no timing line"),
        "{problems}"
    );
    assert!(!t.text.contains('\r'));
}

#[test]
fn an_unclosed_voice_tag_is_told() {
    let t = parse_vtt(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Anna Field We will win\nand <i>soon</i>.\n",
    );
    assert!(t.spoken.labels.is_empty(), "{:?}", t.spoken.labels);
    assert!(t.text.contains("We will win and soon."), "{}", t.text);
    assert!(t.problems[0].contains("never closed"), "{:?}", t.problems);
    assert!(t.text.contains("We will win"), "{}", t.text);
    let none = parse_vtt("no header\n\n00:01.000 --> 00:02.000\nHello there\n");
    assert!(none.problems[0].contains("WEBVTT"), "{:?}", none.problems);
    let empty = parse_vtt("WEBVTT\n\n");
    assert!(empty.problems.iter().any(|p| p.contains("no speech")));
}

#[test]
fn labelled_text_shapes() {
    let text = "Interview with the harbour board\n\n\
                SPEAKER 1 (00:03:12): The port stays open.\n\
                SPEAKER 2 (00:03:20): For how long?\n\
                [00:03:25] SPEAKER 1: As long as we can\n\
                keep it open.\n";
    assert!(looks_labelled(text));
    let t = parse_labelled(text);
    assert_eq!(t.title.as_deref(), Some("Interview with the harbour board"));
    assert_eq!(
        turns(&t),
        [
            "SPEAKER 1|The port stays open.",
            "SPEAKER 2|For how long?",
            "SPEAKER 1|As long as we can keep it open."
        ]
    );
    // The title is a paragraph of its own (a cue with no speaker), then a cue a turn line.
    assert_eq!(t.spoken.cues[3].start, Some(Timestamp(205_000)));
    assert_eq!(t.spoken.cues[3].line, 5);
    // Label lines with the words below them (as some tools export).
    let otter =
        "Anna Field  0:03\nWe will not sell.\n\nTom Reed  0:09\nWhy?\n\nAnna Field  0:11\nCost.\n";
    assert!(looks_labelled(otter));
    assert_eq!(
        turns(&parse_labelled(otter)),
        [
            "Anna Field|We will not sell.",
            "Tom Reed|Why?",
            "Anna Field|Cost."
        ]
    );
    let md = "---\ntitle: x\n---\n# Interview\n\n**Anna Field:** We will.\n\n**Tom Reed:** Why?\n\n**Anna Field**: Cost.\n";
    assert!(looks_labelled(md));
    assert_eq!(
        turns(&parse_labelled(md)),
        ["Anna Field|We will.", "Tom Reed|Why?", "Anna Field|Cost."]
    );
    let bold_times = "**Anna Field (00:00:04):** We will.\n\n**Tom Reed (0:09)**: Why?\n\n**Anna Field [00:00:11]** Cost.\n";
    assert!(looks_labelled(bold_times));
    let t = parse_labelled(bold_times);
    assert_eq!(
        turns(&t),
        ["Anna Field|We will.", "Tom Reed|Why?", "Anna Field|Cost."]
    );
    assert_eq!(t.spoken.cues[1].start, Some(Timestamp(9_000)));
    // Two turns are too few to tell a transcript from an article's lines.
    assert!(!looks_labelled("Anna Field: We will.\nTom Reed: Why?\n"));
}

#[test]
fn articles_are_not_transcripts() {
    for article in [
        "Rates held\n\nThe bank held rates.\n\nNote: figures are provisional.\n\nHe said: \"We wait.\"\n",
        "Q&A: the port\n\nQ: What happens now?\n\nA: The board decides.\n\nQ: When?\n\nA: Soon.\n",
        "Team news\n\nWales: Jones, Smith, Evans.\n\nReplacements: Hook, Owen.\n\nThe side was named on Tuesday after a long week of training.\n\nJones said it would be close.\n\nThe coach agreed.\n",
        "Time: 12:30\nPlace: here\n",
    ] {
        assert!(!looks_labelled(article), "{article}");
    }
}

/// Junk made of the pieces transcripts are made of never panics a reader, and what it
/// reads holds together: every cue and label a range of the text, on character
/// boundaries, in order.
#[test]
fn junk_transcripts_read_without_a_panic() {
    let pieces = [
        "WEBVTT",
        "\n",
        "\r\n",
        "\n\n",
        "-->",
        " --> ",
        "00:00:01.000",
        "00:01,5",
        "99:99:99",
        "<v Ann Lee>",
        "<v ",
        "</v>",
        "<i>",
        "<",
        ">",
        "[",
        "]",
        "Ann Lee:",
        "SPEAKER 1 (00:03:12): ",
        "[00:00:05] ",
        "é",
        "€",
        "\u{feff}",
        "NOTE",
        "12",
        " words here ",
        "{\\an8}",
        "&amp;",
        "**X:**",
        "- ",
        ">> ",
        ":",
        "(",
        ")",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(state % 40) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(pieces[(state as usize) % pieces.len()]);
        }
        for t in [parse_vtt(&text), parse_srt(&text), parse_labelled(&text)] {
            let mut last = 0;
            for c in &t.spoken.cues {
                assert!(
                    c.range.start >= last && c.range.end <= t.text.len(),
                    "{text:?}"
                );
                assert!(
                    t.text.is_char_boundary(c.range.start) && t.text.is_char_boundary(c.range.end)
                );
                last = c.range.end;
            }
            for l in &t.spoken.labels {
                assert!(t.text.get(l.range.clone()).is_some(), "{text:?}");
            }
        }
        let _ = looks_labelled(&text);
    }
}

use crate::corpus::tests::bbc;

/// Every article of the BBC corpus, and the seed articles beside it (`../../seeds` of the
/// corpus folder, when there), stays an article: none is read as a transcript.
#[test]
fn no_bbc_or_seed_article_is_read_as_a_transcript() {
    let Some(root) = bbc::bbc_corpus("corpus::transcript::tests::no_bbc_article_is_a_transcript")
    else {
        return;
    };
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                out.push(path);
            }
        }
    }
    let mut all = Vec::new();
    files(&root, &mut all);
    let seeds = root.join("../../seeds");
    let articles = all.len();
    if seeds.is_dir() {
        files(&seeds, &mut all);
    }
    assert!(articles >= 2000, "{articles} BBC articles");
    let read: Vec<String> = all
        .iter()
        .filter(|p| looks_labelled(&String::from_utf8_lossy(&std::fs::read(p).unwrap())))
        .map(|p| p.display().to_string())
        .collect();
    assert!(read.is_empty(), "read as transcripts: {read:?}");
}
