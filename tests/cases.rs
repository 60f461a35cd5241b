//! Data-driven cases for the draft extractor: `tests/cases/speakers.txt` holds small drafts
//! with the quotations and speakers a reader finds in them. A bug report becomes one block.

use verbatim::draft::{ExtractOptions, Format, QuoteKind, analyze};

fn render(text: &str) -> Vec<String> {
    analyze(text, Format::Markdown, &ExtractOptions::default())
        .into_iter()
        .map(|q| {
            let who = match &q.speaker {
                Some(s) if s.named => s.name.clone(),
                Some(s) => format!("~{}", s.name),
                None => "-".into(),
            };
            let head: Vec<&str> = q.text.split_whitespace().take(2).collect();
            let frag = if q.kind == QuoteKind::Fragment {
                " (f)"
            } else {
                ""
            };
            format!("{}: {who}{frag}", head.join(" "))
        })
        .collect()
}

#[test]
fn speaker_cases() {
    let cases = include_str!("cases/speakers.txt");
    let mut failures = Vec::new();
    let mut count = 0;
    for block in cases.split("\n===\n") {
        let Some((draft, expected)) = block.split_once("\n---\n") else {
            continue;
        };
        // Comment lines start the block; a Markdown heading (`# …` with a quote) is kept.
        let draft: String = draft
            .lines()
            .skip_while(|l| l.starts_with("# ") && !l.contains(['\'', '"', '“']))
            .collect::<Vec<_>>()
            .join("\n");
        let expected: Vec<String> = expected
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        let got = render(&draft);
        count += 1;
        if got != expected {
            failures.push(format!(
                "--- draft:\n{draft}\n--- expected:\n{}\n--- got:\n{}\n",
                expected.join("\n"),
                got.join("\n")
            ));
        }
    }
    assert!(count >= 15, "only {count} cases read");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
