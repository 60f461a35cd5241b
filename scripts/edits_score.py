#!/usr/bin/env python3
"""Scores what Verbatim says changed against the known edits of a set made by
scripts/edits_set.py (issue 11).

    python3 scripts/edits_score.py --verbatim target/release/verbatim --set /tmp/edits [--show]

Figures:
  one_word_right  one-word edits (replaced/added/dropped at start, middle, end) reported as
                  exactly one change with the edited words on both sides (and, for a word
                  replaced or added, the draft's byte range of the word)
  class_right     edited quotations whose changes are all of the edit's class
  meaning_code    negation/number/name edits told as meaning-changed, and no other edit so
  narration       narration quoted: source.quoted false and told as paraphrase-quoted
  quoted_kept     quotations the source quotes with source.quoted true
  wording         wording verdicts as expected (altered for edits, exact for narration and
                  controls); false_exact: an edited quotation passed as exact
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z0-9]+)*")
ONE_WORD = ("replace-", "add-", "drop-")


def fold(text):
    if text.strip() in ("…", "..."):
        return ["…"]
    return [w.lower().replace("\u2019", "'") for w in WORD.findall(text)]


def run(verbatim, set_dir, corpus):
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as cache:
        out = subprocess.run(
            [verbatim, "check", "--format", "json", "--corpus", corpus, "--cache-dir", cache,
             str(set_dir / "drafts")],
            capture_output=True, text=True, env=env)
    if out.returncode not in (0, 1):
        sys.exit(f"verbatim failed ({out.returncode}): {out.stderr}")
    report = json.loads(out.stdout)
    found = {}
    for f in report["files"]:
        name = Path(f["path"]).name
        for q in f["quotes"]:
            found[(name, q["text"])] = q
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbatim", required=True)
    ap.add_argument("--set", required=True)
    ap.add_argument("--corpus", default=os.environ.get(
        "VERBATIM_BBC_CORPUS",
        str(Path(__file__).resolve().parent.parent.parent / "shared/corpus/bbc")),
        help="the BBC corpus (default: $VERBATIM_BBC_CORPUS, else ../shared/corpus/bbc)")
    ap.add_argument("--show", action="store_true", help="print every miss")
    args = ap.parse_args()
    set_dir = Path(args.set)
    labels = json.loads((set_dir / "labels.json").read_text(encoding="utf-8"))
    found = run(args.verbatim, set_dir, args.corpus)

    tally = defaultdict(Counter)
    by_kind = defaultdict(Counter)
    misses = []

    def count(metric, ok, label, why=""):
        tally[metric]["n"] += 1
        tally[metric]["ok"] += bool(ok)
        by_kind[label["kind"]][metric + ("_ok" if ok else "_miss")] += 1
        if not ok:
            misses.append((metric, label, why))

    for label in labels:
        q = found.get((label["draft"], label["text"]))
        kind = label["kind"]
        if q is None:
            count("detected", False, label, "quotation not found in the report")
            continue
        changes = q.get("changes", [])
        source = q.get("source") or {}
        summary = json.dumps([{k: c.get(k) for k in ("class", "draft", "source", "draft_start",
                                                     "draft_end", "apart")} for c in changes],
                             ensure_ascii=False)
        # Wording.
        count("wording", q["wording"] == label["wording"], label,
              f"wording {q['wording']}, expected {label['wording']}")
        if label["wording"] == "altered":
            tally["false_exact"]["n"] += 1
            tally["false_exact"]["ok"] += q["wording"] == "exact"
        if kind == "narration":
            ok = source.get("quoted") is False and q.get("code") == "paraphrase-quoted"
            count("narration", ok, label, f"quoted={source.get('quoted')} code={q.get('code')}")
            continue
        if q["wording"] != "not_found":
            count("quoted_kept", source.get("quoted") is True, label,
                  f"quoted={source.get('quoted')} code={q.get('code')}")
        if kind == "control":
            count("control_clean", not changes, label, summary)
            continue
        want = label["changes"][0]
        classes = {c.get("class") for c in changes}
        count("class_right", classes == {want["class"]}, label,
              f"classes {sorted(classes)}, expected {want['class']}: {summary}")
        meaning = want["class"] in ("negation", "number", "name")
        count("meaning_code", (q.get("code") == "meaning-changed") == meaning, label,
              f"code {q.get('code')}")
        if kind.startswith(ONE_WORD):
            ok = len(changes) == 1
            if ok:
                c = changes[0]
                ok = fold(c["draft"]) == fold(want["draft"]) and \
                    fold(c["source"]) == fold(want["source"])
                # (A report without ranges, as before issue 11, is judged on its words.)
                if ok and want["draft"] and "draft_start" in c:
                    ok = (c["draft_start"], c["draft_end"]) == (want["start"], want["end"])
            count("one_word_right", ok, label,
                  f"expected {want['draft']!r} / {want['source']!r}: {summary}")
        elif want["class"] == "stitch":
            ok = any(c.get("class") == "stitch" and abs(c.get("apart", -99) - want["apart"]) <= 1
                     for c in changes)
            count("stitch_apart", ok, label, f"expected apart {want['apart']}: {summary}")
        elif want["class"] != "order":
            ok = len(changes) == 1 and fold(changes[0]["draft"]) == fold(want["draft"]) and \
                fold(changes[0]["source"]) == fold(want["source"])
            count("words_right", ok, label,
                  f"expected {want['draft']!r} / {want['source']!r}: {summary}")

    if args.show:
        for metric, label, why in misses:
            print(f"[{metric}] {label['kind']} {label['draft']} ({label['source']})\n"
                  f"    “{label['text']}”\n    {why}")
        print()
    print(f"{'kind':<20} " + " ".join(f"{m:>16}" for m in ("wording", "class_right",
                                                            "one_word_right", "other")))
    for kind in sorted(by_kind):
        c = by_kind[kind]

        def frac(m):
            n = c[m + "_ok"] + c[m + "_miss"]
            return f"{c[m + '_ok']}/{n}" if n else "-"
        other = [m for m in ("narration", "words_right", "stitch_apart", "control_clean")
                 if c[m + "_ok"] + c[m + "_miss"]]
        print(f"{kind:<20} {frac('wording'):>16} {frac('class_right'):>16} "
              f"{frac('one_word_right'):>16} {(other[0] + ' ' + frac(other[0])) if other else '-':>16}")
    print()
    scores = {}
    for metric in ("one_word_right", "class_right", "meaning_code", "narration", "quoted_kept",
                   "words_right", "stitch_apart", "control_clean", "wording"):
        t = tally[metric]
        if t["n"]:
            scores[metric] = round(t["ok"] / t["n"], 4)
            print(f"{metric:>16}: {scores[metric]:.4f}  ({t['ok']}/{t['n']})")
    scores["false_exact"] = tally["false_exact"]["ok"]
    print(f"{'false_exact':>16}: {scores['false_exact']}")
    print("score: " + " ".join(f"{k}={v}" for k, v in scores.items()))


if __name__ == "__main__":
    main()
