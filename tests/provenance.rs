//! Where a quotation's words first appeared, from the embedded index: every article that
//! carries them, oldest first, in the JSON report (a `first` marker) and in the human one,
//! with dates from .jsonl fields, HTML meta tags and Markdown front matter.

use std::process::Command;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_verbatim");

#[test]
fn the_report_lists_the_carriers_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let story = "\"We have waited long enough for this crossing,\" said Mary Clarke, the mayor.";
    std::fs::write(
        corpus.join("wire.jsonl"),
        format!(
            "{{\"title\": \"Bridge to open\", \"outlet\": \"Wire\", \"date\": \"2005-03-02\", \"url\": \"https://wire.example/1\", \"text\": {story:?}}}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        corpus.join("gazette.html"),
        format!(
            "<html><head><title>Bridge plan backed</title>\
             <meta property=\"article:published_time\" content=\"2005-03-01T09:00:00Z\">\
             <meta property=\"og:site_name\" content=\"Daily Gazette\"></head>\
             <body><p>{story}</p></body></html>"
        ),
    )
    .unwrap();
    std::fs::write(
        corpus.join("weekly.md"),
        format!("---\ntitle: Bridge, again\ndate: 9 March 2005\noutlet: Weekly\n---\n\n{story}\n"),
    )
    .unwrap();
    // Verified quotations are told (off by default), so the human report shows this one.
    std::fs::write(
        dir.path().join("verbatim.toml"),
        "[severity]\nverified = \"information\"\n",
    )
    .unwrap();
    let draft = dir.path().join("draft.md");
    std::fs::write(
        &draft,
        "# Bridge\n\n\"We have waited long enough for this crossing,\" said Mary Clarke.\n",
    )
    .unwrap();
    let run = |format: &str| {
        let out = Command::new(BIN)
            .args([
                "check",
                draft.to_str().unwrap(),
                "--corpus",
                corpus.to_str().unwrap(),
                "--no-cache",
                "--format",
                format,
            ])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            out.status.code().unwrap() < 2,
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let report: Value = serde_json::from_str(&run("json")).unwrap();
    let quote = &report["files"][0]["quotes"][0];
    assert_eq!(quote["wording"], "exact");
    let carriers: Vec<(&str, &str, bool)> = quote["provenance"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["outlet"].as_str().unwrap(),
                c["path"].as_str().unwrap(),
                c["first"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        carriers,
        [
            ("Daily Gazette", "gazette.html", true),
            ("Wire", "wire.jsonl#1", false),
            ("Weekly", "weekly.md", false)
        ]
    );
    assert_eq!(quote["provenance"][1]["address"], "https://wire.example/1");
    let human = run("human");
    assert!(
        human.contains("first appeared in Daily Gazette, 2005-03-01T09:00:00Z: “Bridge plan backed” (gazette.html); 2 later articles repeat them"),
        "{human}"
    );
}
