#!/usr/bin/env python3
"""Builds a set of drafts that quote the BBC corpus with edits of known kinds, and the
changes each edit should be reported as (issue 11).

Every draft quotes real quotations of the corpus (the words between a pair of straight
quotation marks in one paragraph), each edited in one known way:

  replace-{start,middle,end}   one word replaced             class word
  add-{start,middle,end}       one word added                class word
  drop-{start,middle,end}      one word dropped              class word
  negation-added               `not` after an auxiliary      class negation
  negation-dropped             `not`/`never` dropped, or `don't` → `do`
  negation-ellipsis            `will not accept` → `will … accept`
  number                       a figure or number word changed
  name                         a proper name changed         class name
  contraction                  `we are` ↔ `we're`            class contraction
  stitch                       two sentences, not adjacent in the source, joined
  stitch-cut                   a sentence cut short and joined to a later one
  order                        two sentences of one quotation in the other order
  narration                    a sentence of the article's own text put in quotation marks
  control                      a quotation as the source gives it

The corpus is copyrighted BBC text: the set is written to a folder outside the
repository (default: $CARGO_TARGET_DIR/edits-set or /tmp/edits-set), never committed.
Articles are split in two halves by a hash of their path: `--split dev` to work with,
`--split heldout` to report. The same seed gives the same set.

    python3 scripts/edits_set.py --corpus ../shared/corpus/bbc --split heldout --out /tmp/edits
    python3 scripts/edits_score.py --verbatim target/release/verbatim --set /tmp/edits
"""

import argparse
import hashlib
import json
import os
import random
import re
import sys
from pathlib import Path

WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*")
AUX = {"is", "are", "was", "were", "will", "would", "can", "could", "should", "must",
       "has", "have", "had", "do", "does", "did", "may", "might"}
NEGATIONS = {"not", "never", "no", "nor", "neither", "nothing", "nobody", "none", "nowhere",
             "cannot"}
NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred",
                "thousand", "million", "billion"]
CONTRACT = [("we are", "we're"), ("it is", "it's"), ("do not", "don't"), ("does not", "doesn't"),
            ("did not", "didn't"), ("will not", "won't"), ("is not", "isn't"),
            ("are not", "aren't"), ("i am", "i'm"), ("they are", "they're"),
            ("you are", "you're"), ("we have", "we've"), ("i have", "i've"),
            ("cannot", "can't"), ("was not", "wasn't"), ("has not", "hasn't"),
            ("have not", "haven't"), ("would not", "wouldn't"), ("could not", "couldn't"),
            ("that is", "that's"), ("there is", "there's"), ("we will", "we'll"),
            ("i will", "i'll")]
# Plain words to put in: none is a negation, a number or a name.
FILLERS = ["really", "certainly", "clearly", "simply", "quite", "very", "also", "still",
           "indeed", "always", "perhaps", "now", "just", "even", "already", "largely"]


def split_of(path):
    h = int(hashlib.sha256(path.encode()).hexdigest(), 16)
    return "dev" if h % 2 == 0 else "heldout"


def fold(w):
    return w.lower().replace("\u2019", "'")


def words_of(text):
    """(start, end, folded) of each word of `text`."""
    return [(m.start(), m.end(), fold(m.group())) for m in WORD.finditer(text)]


def sentences(text):
    """Sentences of a quotation: cut after . ? ! followed by a space."""
    out, start = [], 0
    for m in re.finditer(r"[.?!](?=\s)", text):
        out.append(text[start:m.end()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def clean_quote(q):
    """A quotation usable as is: no nested quotes, ellipses, brackets or odd characters."""
    if any(c in q for c in "`[]…\"") or "..." in q or "--" in q:
        return False
    # A single quotation mark (not an apostrophe between letters) means a nested quote.
    if re.search(r"(^|[^A-Za-z])'|'($|[^A-Za-z])", q):
        return False
    return True


def quotations(para):
    """The quotations of a paragraph. A mark after a space (or at the start) and before a
    letter opens one, any other mark closes one; a quotation opened again before it closes
    (the British convention, paragraphs run together) ends where the next one opens."""
    opens, out = None, []
    for i, c in enumerate(para):
        if c != '"':
            continue
        before = para[i - 1] if i > 0 else " "
        after = para[i + 1] if i + 1 < len(para) else " "
        if before.isspace() and (after.isalnum() or after == "'"):
            if opens is not None:
                out.append(para[opens:i].strip())
            opens = i + 1
        elif opens is not None:
            out.append(para[opens:i].strip())
            opens = None
    return [q.rstrip(",").strip() for q in out if q[:1].isalnum()]


def load(corpus, split):
    """Articles of the split: (path, text, quotations, narration sentences)."""
    out = []
    for path in sorted(corpus.rglob("*.txt")):
        rel = path.relative_to(corpus).as_posix()
        if split_of(rel) != split:
            continue
        text = path.read_text(encoding="utf-8")
        quotes, narration = [], []
        for para in text.split("\n")[2:]:
            quotes.extend(q for q in quotations(para) if clean_quote(q))
            if '"' not in para and "'" not in para.replace("'s ", "").replace("n't", ""):
                for s in sentences(para):
                    n = len(words_of(s))
                    if 10 <= n <= 30 and clean_quote(s):
                        narration.append(s.rstrip("."))
        out.append((rel, text, quotes, narration))
    return out


def cap_like(new, old):
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def plain(w):
    """A word that is none of negation, number or name: safe to replace or drop."""
    return w.isalpha() and w.islower() and w not in NEGATIONS and w not in NUMBER_WORDS \
        and w not in ("half", "dozen", "percent") \
        and w not in AUX and len(w) > 2


class Builder:
    def __init__(self, rng):
        self.rng = rng
        self.cases = []

    def one_word(self, kind, q):
        """Replace, add or drop one word at the start, in the middle or at the end."""
        ws = words_of(q)
        n = len(ws)
        what, where = kind.split("-")
        if what == "drop":
            i = {"start": 1, "middle": n // 2, "end": n - 2}[where]
        else:
            i = {"start": 0, "middle": n // 2, "end": n - 1}[where]
        s, e, w = ws[i]
        if what == "replace":
            if not plain(w) and where == "middle":
                return None
            if where != "middle" and not (w.isalpha() and w not in NEGATIONS
                                          and w not in NUMBER_WORDS and w != "i"):
                return None
            if q[s:e][:1].isupper() and where != "start":
                return None
            new = cap_like(self.pick([f for f in FILLERS if f != w]), q[s:e])
            return q[:s] + new + q[e:], (s, s + len(new), new, q[s:e])
        if what == "add":
            new = self.pick([f for f in FILLERS if f != w])
            if where == "start":
                first = q[s:e]
                lowered = first if first.startswith("I") and (len(first) == 1 or first[1] == "'") \
                    or (first[:1].isupper() and first[1:2].isupper()) else first[:1].lower() + first[1:]
                if first[:1].isupper() and lowered != first[:1].lower() + first[1:] and first != "I":
                    return None
                text = cap_like(new, first) + " " + lowered + q[e:]
                return text, (0, len(new), text[:len(new)], "")
            if where == "end":
                text = q[:e] + " " + new + q[e:]
                return text, (e + 1, e + 1 + len(new), new, "")
            text = q[:s] + new + " " + q[s:]
            return text, (s, s + len(new), new, "")
        # drop
        if not plain(w) or w in (ws[i - 1][2], ws[i + 1][2]):
            return None
        text = q[:s] + q[e:].lstrip(" ") if q[e:e + 1] == " " else None
        if text is None:
            return None
        return text, (s, s, "", q[s:e])

    def pick(self, xs):
        return xs[self.rng.randrange(len(xs))]


def make_case(b, kind, article, rng):
    """One edited quotation: (draft text of the quotation, expected) or None."""
    _, _, quotes, narration = article
    long = [q for q in quotes if 10 <= len(words_of(q)) <= 45]
    if kind == "narration":
        if not narration:
            return None
        s = rng.choice(narration)
        return s, {"wording": "exact", "quoted": False, "changes": []}
    if not long:
        return None
    if kind == "control":
        q = rng.choice(long)
        return q, {"wording": "exact", "quoted": True, "changes": []}
    if kind.split("-")[0] in ("replace", "add", "drop"):
        q = rng.choice(long)
        r = b.one_word(kind, q)
        if r is None:
            return None
        text, (s, e, draft, source) = r
        return text, {"wording": "altered", "quoted": True, "changes": [
            {"class": "word", "draft": draft, "source": source, "start": s, "end": e}]}
    if kind == "negation-added":
        cands = []
        for q in long:
            ws = words_of(q)
            for i, (s, e, w) in enumerate(ws[:-1]):
                if w in AUX and ws[i + 1][2] not in NEGATIONS and i + 1 < len(ws) - 1 \
                        and ws[i + 1][2].isalpha():
                    cands.append((q, e))
        if not cands:
            return None
        q, e = rng.choice(cands)
        text = q[:e] + " not" + q[e:]
        return text, {"wording": "altered", "quoted": True, "changes": [
            {"class": "negation", "draft": "not", "source": "", "start": e + 1, "end": e + 4}]}
    if kind == "negation-dropped":
        cands = []
        for q in long:
            ws = words_of(q)
            for i, (s, e, w) in enumerate(ws[1:-1], start=1):
                if w in ("not", "never") and ws[i - 1][2] != w and ws[i + 1][2] != w:
                    cands.append((q, s, e, None))
                elif w.endswith("n't") and w not in ("can't", "won't", "shan't") and \
                        q[s:e].endswith("n't"):
                    cands.append((q, s, e, q[s:e][:-3]))
        if not cands:
            return None
        q, s, e, stem = rng.choice(cands)
        if stem is None:
            text = q[:s] + q[e:].lstrip(" ")
            return text, {"wording": "altered", "quoted": True, "changes": [
                {"class": "negation", "draft": "", "source": q[s:e], "start": s, "end": s}]}
        text = q[:s] + stem + q[e:]
        return text, {"wording": "altered", "quoted": True, "changes": [
            {"class": "negation", "draft": stem, "source": q[s:e], "start": s,
             "end": s + len(stem)}]}
    if kind == "negation-ellipsis":
        cands = []
        for q in long:
            ws = words_of(q)
            for i, (s, e, w) in enumerate(ws[1:-1], start=1):
                if w in ("not", "never") and ws[i - 1][2] in AUX and q[ws[i - 1][1]:s] == " " \
                        and q[e:ws[i + 1][0]] == " ":
                    cands.append((q, s, e))
        if not cands:
            return None
        q, s, e = rng.choice(cands)
        text = q[:s] + "…" + q[e:]
        return text, {"wording": "altered", "quoted": True, "changes": [
            {"class": "negation", "draft": "…", "source": q[s:e], "start": s,
             "end": s + len("…".encode())}]}
    if kind == "number":
        cands = []
        for q in long:
            for s, e, w in words_of(q):
                if w.isdigit() or w in NUMBER_WORDS[:12]:
                    cands.append((q, s, e, w))
        if not cands:
            return None
        q, s, e, w = rng.choice(cands)
        if w.isdigit():
            new = str(int(w) + rng.randint(1, 9)) if len(w) < 4 else str(int(w) * 2)
        else:
            new = cap_like(rng.choice([x for x in NUMBER_WORDS[:12] if x != w]), q[s:e])
        text = q[:s] + new + q[e:]
        return text, {"wording": "altered", "quoted": True, "changes": [
            {"class": "number", "draft": new, "source": q[s:e], "start": s, "end": s + len(new)}]}
    if kind == "name":
        names = [(q, s, e) for q in long for (s, e, w) in words_of(q)
                 if q[s:e][:1].isupper() and q[s:e][1:].islower() and len(q[s:e]) > 3
                 and s > 0 and not re.search(r"[.?!:]\s*$", q[:s]) and w != "i"
                 and "'" not in q[s:e]]
        if not names:
            return None
        q, s, e = rng.choice(names)
        pool = ["Jenkins", "Hartley", "Moreno", "Lindqvist", "Okafor", "Brennan", "Castell"]
        new = rng.choice([p for p in pool if p.lower() != q[s:e].lower()])
        text = q[:s] + new + q[e:]
        return text, {"wording": "altered", "quoted": True, "changes": [
            {"class": "name", "draft": new, "source": q[s:e], "start": s, "end": s + len(new)}]}
    if kind == "contraction":
        cands = []
        for q in long:
            low = q.lower()
            for full, short in CONTRACT:
                for m in re.finditer(r"\b" + re.escape(full) + r"\b", low):
                    cands.append((q, m.start(), m.end(), short))
                for m in re.finditer(r"\b" + re.escape(short) + r"\b", low):
                    cands.append((q, m.start(), m.end(), full))
        if not cands:
            return None
        q, s, e, new = rng.choice(cands)
        new = cap_like(new, q[s:e]) if not new.startswith("i") else new.replace("i", "I", 1)
        if q[s:e][:1].isupper() and new[0] == "i":
            new = "I" + new[1:]
        text = q[:s] + new + q[e:]
        return text, {"wording": "altered", "quoted": True, "changes": [
            {"class": "contraction", "draft": new, "source": q[s:e], "start": s,
             "end": s + len(new)}]}
    if kind in ("stitch", "stitch-cut", "order"):
        return sentence_case(kind, article, rng)
    raise ValueError(kind)


def sentence_case(kind, article, rng):
    """Two sentences of the article's quotations joined (stitch) or swapped (order)."""
    _, text, quotes, _ = article
    sents = []
    for q in quotes:
        for s in sentences(q):
            if 6 <= len(words_of(s)) <= 25 and s[-1:] in ".?!":
                sents.append(s)
    # Each sentence once, in the article's order (by where it stands in the text).
    located = []
    for s in dict.fromkeys(sents):
        at = text.find(s)
        if at >= 0 and text.count(s) == 1:
            located.append((at, s))
    located.sort()
    if len(located) < 2:
        return None
    if kind == "order":
        i = rng.randrange(len(located) - 1)
        (a_at, a), (b_at, b) = located[i], located[i + 1]
        draft = b + " " + a
        return draft, {"wording": "altered", "quoted": True, "changes": [
            {"class": "order", "start": 0, "end": len(b)}]}
    pairs = []
    for i in range(len(located)):
        for j in range(i + 1, len(located)):
            (a_at, a), (b_at, b) = located[i], located[j]
            between = words_of(text[a_at + len(a):b_at])
            if len(between) >= 3:
                pairs.append((a_at, a, b_at, b, len(between)))
    if not pairs:
        return None
    a_at, a, b_at, b, apart = rng.choice(pairs)
    if kind == "stitch-cut":
        ws = words_of(a)
        if len(ws) < 8:
            return None
        cut = rng.randint(2, 3)
        a = a[:ws[-cut - 1][1]] + "."
        apart += cut
    draft = a + " " + b
    return draft, {"wording": "altered", "quoted": True, "changes": [
        {"class": "stitch", "apart": apart, "start": len(a) + 1, "end": len(a) + 1}]}


KINDS = ["replace-start", "replace-middle", "replace-end", "add-start", "add-middle",
         "add-end", "drop-start", "drop-middle", "drop-end", "negation-added",
         "negation-dropped", "negation-ellipsis", "number", "name", "contraction", "stitch",
         "stitch-cut", "order", "narration", "control"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=os.environ.get(
        "VERBATIM_BBC_CORPUS",
        str(Path(__file__).resolve().parent.parent.parent / "shared/corpus/bbc")),
        help="the BBC corpus (default: $VERBATIM_BBC_CORPUS, else ../shared/corpus/bbc)")
    default_out = Path(os.environ.get("CARGO_TARGET_DIR", "/tmp")) / "edits-set"
    ap.add_argument("--out", default=str(default_out))
    ap.add_argument("--split", choices=["dev", "heldout"], default="heldout")
    ap.add_argument("--per-kind", type=int, default=40)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        sys.exit(f"no corpus at {corpus}")
    rng = random.Random(f"{args.seed}-{args.split}")
    articles = load(corpus, args.split)
    b = Builder(rng)
    out = Path(args.out)
    (out / "drafts").mkdir(parents=True, exist_ok=True)
    for old in (out / "drafts").glob("*.md"):
        old.unlink()
    labels = []
    per_draft = 20
    draft_no, draft_text, in_draft = 0, "", 0

    def flush():
        nonlocal draft_no, draft_text, in_draft
        if in_draft:
            (out / "drafts" / f"edits-{draft_no:03}.md").write_text(draft_text, encoding="utf-8")
            draft_no += 1
        draft_text, in_draft = "", 0

    for kind in KINDS:
        made, tries = 0, 0
        while made < args.per_kind and tries < 200 * args.per_kind:
            tries += 1
            article = articles[rng.randrange(len(articles))]
            case = make_case(b, kind, article, rng)
            if case is None:
                continue
            quote, expected = case
            if in_draft == 0:
                draft_text = f"# Edits {draft_no}\n\n"
            draft_text += f"Paragraph {in_draft + 1} of the draft.\n\n"
            start = len(draft_text.encode("utf-8")) + 1  # after the opening mark
            draft_text += f'"{quote}"\n\n'
            for c in expected["changes"]:
                # Offsets in the quotation (characters) to bytes of the draft.
                for key in ("start", "end"):
                    if key in c:
                        c[key] = start + len(quote[:c[key]].encode("utf-8"))
            labels.append({"draft": f"edits-{draft_no:03}.md", "kind": kind, "text": quote,
                           "source": article[0], **expected})
            made += 1
            in_draft += 1
            if in_draft == per_draft:
                flush()
        if made < args.per_kind:
            print(f"{kind}: only {made} cases", file=sys.stderr)
    flush()
    (out / "labels.json").write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    print(f"{len(labels)} quotations in {draft_no} drafts at {out} ({args.split} split)")


if __name__ == "__main__":
    main()
