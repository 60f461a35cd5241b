//! Interview transcripts as a user checks against them: `verbatim check draft.md --corpus
//! interviews/` over a folder holding a WebVTT file, a SubRip file and a labelled text
//! transcript, with the speaker and the time of each quotation in the human, JSON and SARIF
//! reports, and the verdicts of issue 15 (a quote over two cues, a filler left out, a word
//! changed, a quote given to the other interviewee, a label named in `verbatim.toml`).

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const VTT: &str = "WEBVTT - Harbour board, 20 November 2026\n\n\
    1\n00:03:12.000 --> 00:03:16.000\n<v Marta Kowalczyk>The harbour will stay open\nthrough the winter,</v>\n\n\
    2\n00:03:16.000 --> 00:03:19.500\n<v Marta Kowalczyk>and we will, um, we will not sell the north quay.</v>\n\n\
    3\n00:03:20.000 --> 00:03:24.000\n<v Idris Bellamy>The workers were never asked about any of this.</v>\n";

const SRT: &str = "1\n00:10:01,000 --> 00:10:04,000\nSPEAKER 1: Will the ferry run next year?\n\n\
    2\n00:10:04,000 --> 00:10:08,000\nSPEAKER 2: The ferry will run twice a day from April.\n";

const LABELLED: &str = "Call with the dockers' union\n\n\
    [00:00:05] Tom Reed: Did the board talk to you before the vote?\n\
    [00:00:09] Idris Bellamy: Not once. We read about it in the paper like everyone else.\n\
    [00:00:15] Tom Reed: And now?\n\
    [00:00:17] Idris Bellamy: Now we talk to our lawyers and then we decide.\n";

const DRAFT: &str = "# Harbour stays open\n\n\
    \"The harbour will stay open through the winter, and we will not sell the north quay,\" said Marta Kowalczyk.\n\n\
    \"The workers were always asked about all of this,\" said Idris Bellamy.\n\n\
    \"The ferry will run twice a day from April,\" said Marta Kowalczyk.\n\n\
    \"Now we talk to our lawyers and then we decide,\" said Marta Kowalczyk.\n";

/// A workspace: `interviews/` with the three transcripts, `verbatim.toml` naming the SubRip
/// file's labels, and `draft.md`.
fn workspace() -> tempfile::TempDir {
    let ws = tempfile::tempdir().unwrap();
    let dir = ws.path().join("interviews");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("harbour-2026-11-20.vtt"), VTT).unwrap();
    std::fs::write(dir.join("ferry-call.srt"), SRT).unwrap();
    std::fs::write(dir.join("union-call.txt"), LABELLED).unwrap();
    std::fs::write(
        ws.path().join("verbatim.toml"),
        "[speakers.\"interviews/ferry-call.srt\"]\n\"SPEAKER 1\" = \"Tom Reed\"\n\"SPEAKER 2\" = \"Marta Kowalczyk\"\n",
    )
    .unwrap();
    std::fs::write(ws.path().join("draft.md"), DRAFT).unwrap();
    ws
}

/// `verbatim check draft.md --corpus interviews ARGS…` in `ws`: (exit code, stdout, stderr).
fn check(ws: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(["check", "draft.md", "--corpus", "interviews", "--no-cache"])
        .args(args)
        .current_dir(ws)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_report_names_the_speaker_and_the_time() {
    let ws = workspace();
    let (code, out, err) = check(ws.path(), &["--format", "json"]);
    // 1: a finding at error level ("never" → "always" changes the meaning).
    assert_eq!(code, 1, "{err}");
    assert!(err.is_empty(), "no file is malformed: {err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    let quotes = report["files"][0]["quotes"].as_array().unwrap();
    let row = |q: &Value| {
        let s = &q["source"];
        format!(
            "{} {} | {} {} {} {} {}",
            q["wording"].as_str().unwrap_or("?"),
            q["attribution"].as_str().unwrap_or("?"),
            s["path"].as_str().unwrap_or("-"),
            s["speaker"].as_str().unwrap_or("-"),
            s["start_time"].as_str().unwrap_or("-"),
            s["end_time"].as_str().unwrap_or("-"),
            s["cue_line"].as_u64().unwrap_or(0),
        )
    };
    let rows: Vec<String> = quotes.iter().map(row).collect();
    assert_eq!(
        rows,
        [
            // Over two cues, with "we will, um," left out: exact, the filler a note.
            "exact matches | harbour-2026-11-20.vtt Marta Kowalczyk 00:03:12.000 00:03:19.500 4",
            // Words changed: altered.
            "altered matches | harbour-2026-11-20.vtt Idris Bellamy 00:03:20.000 00:03:24.000 13",
            // A placeholder label named in verbatim.toml.
            "exact matches | ferry-call.srt Marta Kowalczyk 00:10:04.000 00:10:08.000 6",
            // The other interviewee's words: a conflict, for certain.
            "exact conflicts | union-call.txt Idris Bellamy 00:00:17.000 - 6",
        ]
    );
    assert_eq!(quotes[0]["code"], "tidied");
    assert!(
        quotes[0]["changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["class"] == "filler"),
        "{}",
        quotes[0]["changes"]
    );
    assert_eq!(quotes[3]["source"]["speaker_confidence"], 1.0);

    let (_, human, _) = check(ws.path(), &[]);
    for note in [
        "source: Idris Bellamy, 00:03:20, interviews/harbour-2026-11-20.vtt:13",
        "source: Idris Bellamy, 00:00:17, interviews/union-call.txt:6",
        "the source gives these words to Idris Bellamy, not Marta Kowalczyk",
    ] {
        assert!(human.contains(note), "{note:?} not in:\n{human}");
    }

    let (_, sarif, _) = check(ws.path(), &["--format", "sarif"]);
    let log: Value = serde_json::from_str(&sarif).unwrap();
    let related: Vec<String> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let rel = &r["relatedLocations"][0];
            format!(
                "{} @{}",
                rel["message"]["text"].as_str().unwrap_or("-"),
                rel["physicalLocation"]["region"]["startLine"]
            )
        })
        .collect();
    assert!(
        related
            .contains(&"source: Idris Bellamy, 00:03:20, harbour-2026-11-20.vtt @13".to_string()),
        "{related:?}"
    );
    assert!(
        related.contains(&"source: Idris Bellamy, 00:00:17, union-call.txt @6".to_string()),
        "{related:?}"
    );
}

#[test]
fn a_bad_speakers_table_is_a_usage_error_that_says_what_is_wrong() {
    let ws = workspace();
    std::fs::write(
        ws.path().join("verbatim.toml"),
        "[speakers.\"interviews/ferry-cal.srt\"]\n\"SPEAKER 1\" = \"Tom Reed\"\n",
    )
    .unwrap();
    let (code, out, err) = check(ws.path(), &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("[speakers.")
            && err.contains("ferry-cal.srt")
            && err.contains("no such transcript or folder"),
        "{err}"
    );
}
