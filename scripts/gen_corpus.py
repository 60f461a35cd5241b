#!/usr/bin/env python3
"""For benchmarks only: writes a deterministic synthetic corpus of a given size from the BBC
corpus, as .jsonl shards of about 8 MB (so loading spreads over the cores).

Each new article takes a BBC title and 2 to 4 runs of consecutive paragraphs from articles
of the same section, with names, places and numbers perturbed: every capitalised word not at
the start of a sentence is swapped, with some probability and consistently within the
article, for another capitalised word of the corpus, and digits are redrawn. Quotes and
speakers stay realistic, and most quotes have near-twins in other articles (the hard case
for source lookup). The same seed and size always give the same bytes.

    python3 scripts/gen_corpus.py --size 100M --out /work/bench-data/100m

The drafts that quote the corpus (exact, altered and invented quotations, with known
answers) are derived from it by the bench binary itself (`benches/scale.rs`), so that the
BBC corpus gets them too; `--write-drafts DIR` there writes them out.
"""

import argparse
import json
import os
import random
import re
import sys

SHARD_BYTES = 8_000_000

CAPITAL = re.compile(r"(?<![.!?\"“] )(?<!^)\b([A-Z][a-z]{2,})\b", re.M)
DIGIT = re.compile(r"\d")


def parse_size(s):
    s = s.strip().upper()
    mult = {"K": 10**3, "M": 10**6, "G": 10**9}.get(s[-1:], 1)
    return int(float(s.rstrip("KMG")) * mult)


def load_bbc(root):
    """Sections in sorted order, each a list of (title, [paragraphs]) in sorted file order."""
    sections = []
    for section in sorted(os.listdir(root)):
        path = os.path.join(root, section)
        if not os.path.isdir(path):
            continue
        articles = []
        for name in sorted(os.listdir(path)):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(path, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
            lines = [l.strip() for l in text.split("\n")]
            title = lines[0]
            paras = [l for l in lines[1:] if l]
            if paras:
                articles.append((title, paras))
        sections.append((section, articles))
    return sections


def name_pool(sections):
    """Capitalised words seen mid-sentence, most of them names and places."""
    seen = {}
    for _, articles in sections:
        for _, paras in articles:
            for p in paras:
                for m in CAPITAL.finditer(p):
                    w = m.group(1)
                    seen[w] = seen.get(w, 0) + 1
    return sorted(w for w, n in seen.items() if n >= 2)


def perturb(text, rng, pool, mapping):
    def swap(m):
        w = m.group(1)
        if w not in mapping:
            mapping[w] = pool[rng.randrange(len(pool))] if rng.random() < 0.35 else w
        return mapping[w]

    text = CAPITAL.sub(swap, text)
    if rng.random() < 0.6:
        text = DIGIT.sub(lambda m: str(rng.randrange(10)) if rng.random() < 0.5 else m.group(0), text)
    return text


def article(i, seed, sections, pool):
    rng = random.Random(f"{seed}:{i}")
    section, articles = sections[rng.randrange(len(sections))]
    title, _ = articles[rng.randrange(len(articles))]
    paras = []
    for _ in range(rng.randint(2, 4)):
        _, src = articles[rng.randrange(len(articles))]
        start = rng.randrange(len(src))
        paras.extend(src[start : start + rng.randint(2, 5)])
    mapping = {}
    title = perturb(title, rng, pool, mapping)
    body = [perturb(p, rng, pool, mapping) for p in paras]
    text = title + "\n\n" + "\n\n".join(body) + "\n"
    return {
        "title": title,
        "text": text,
        "url": f"https://bench.example/{section}/{i}",
        "date": f"20{rng.randint(10, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--bbc", default=os.path.join(here, "..", "..", "shared", "corpus", "bbc"))
    ap.add_argument("--size", required=True, help="text bytes to write, e.g. 5M, 100M, 1G")
    ap.add_argument("--out", required=True, help="folder for the .jsonl shards (emptied first)")
    ap.add_argument("--seed", default="verbatim-bench-1")
    args = ap.parse_args()

    target = parse_size(args.size)
    sections = load_bbc(args.bbc)
    pool = name_pool(sections)
    os.makedirs(args.out, exist_ok=True)
    for name in os.listdir(args.out):
        if name.endswith(".jsonl"):
            os.remove(os.path.join(args.out, name))

    written = 0
    i = 0
    shard = 0
    shard_bytes = 0
    out = None
    while written < target:
        if out is None or shard_bytes >= SHARD_BYTES:
            if out:
                out.close()
            out = open(os.path.join(args.out, f"shard{shard:05d}.jsonl"), "w", encoding="utf-8")
            shard += 1
            shard_bytes = 0
        a = article(i, args.seed, sections, pool)
        line = json.dumps(a, ensure_ascii=False) + "\n"
        out.write(line)
        n = len(a["text"].encode("utf-8"))
        written += n
        shard_bytes += len(line)
        i += 1
    if out:
        out.close()
    print(f"{i} articles, {written / 1e6:.1f} MB of text in {shard} shards under {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
