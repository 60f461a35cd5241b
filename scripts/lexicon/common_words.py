#!/usr/bin/env python3
"""Writes src/draft/lexicon/common_words.txt: the words news copy writes in lower case far
more often than capitalised mid-sentence, from the BBC News research corpus.

    python3 scripts/lexicon/common_words.py ../shared/corpus/bbc > src/draft/lexicon/common_words.txt

The corpus folder holds one article a .txt file (in section subfolders): the first line is the
headline, then paragraphs, one a line.

A word is a run of letters, apostrophes (' or ’) and hyphens that starts with a letter, so
digits split words (`5th` gives `th`, `mid-2005` gives `mid-`) and a closing quote mark stays
on the word (`'aid'` gives `aid'`). A word is seen lower case when its first letter is lower
case (`eBay`, `al-Qaeda` too); it is counted as written, so `ex-home` and `ex-Home` are two
words. A capitalised word (first letter upper case) counts against every lower-case word that
it folds to (`US` against `us`) unless it opens its sentence. A word is listed when it is seen
lower case at least 3 times and capitalised mid-sentence at most a fifth as often.

Which capitals open a sentence is decided by these rules (`--sentences shipped`, the default:
they reproduce the shipped list exactly): the first word of a line (the headline's first word,
a paragraph's first word), and a word after `.`, `!` or `?` and white space, with at most one
opening quote mark between (`. "However`). Anything else is mid-sentence, the headline's other
words, a word after a colon (`said: "Whilst`), after an opening quote or bracket within a
sentence, and after a full stop inside closing quotes (`hoped." Meanwhile`) included.
`--sentences careful` also takes those last ones as sentence starts and leaves headlines out:
it lists 38 words more and none fewer (meanwhile, whilst, suddenly, but also man, euro, high,
digital, whose capitals then stand in headlines and brackets: `Man Utd`, `(Dumb Show)`).
"""

import argparse
import os
import re
import sys
from collections import Counter

HEADER = """\
# Words news copy writes in lower case far more often than capitalised mid-sentence: one
# word a line. Made by scripts/lexicon/common_words.py from the BBC News research corpus
# (words seen lower case at least 3 times and capitalised mid-sentence at most a fifth as
# often). A capitalised word of this list at the start of a sentence or in a title-case
# headline is not evidence of a name.
"""

MIN_LOWER = 3
RATIO = 5

LETTER = r"[^\W\d_]"
WORD = re.compile(LETTER + r"(?:" + LETTER + r"|['’-])*")
OPEN_QUOTES = "\"'“‘"

# What may stand between a word and the one before it when the word opens a sentence.
SHIPPED_START = re.compile(r"[.!?]\s+[" + OPEN_QUOTES + r"]?$")
CAREFUL_START = re.compile(
    r"(?:[.!?][\"'”’)\]]*\s+|:\s*)[" + OPEN_QUOTES + r"(\[]*$"  # after a sentence's end, a colon
    r"|(?:^|\s)[" + OPEN_QUOTES + r"(\[]+$"  # after an opening quote mark or bracket
)


def words(line):
    """The words of a line, each with the text between it and the word before it."""
    prev = 0
    for m in WORD.finditer(line):
        yield m.group(), line[prev : m.start()]
        prev = m.end()


def count(corpus, careful):
    lower, capital = Counter(), Counter()
    for path in articles(corpus):
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().split("\n")
        except (OSError, UnicodeDecodeError) as e:
            sys.exit(f"common_words.py: {path}: {e}")
        for n, line in enumerate(lines):
            first = True
            for word, gap in words(line):
                if word[0].islower():
                    lower[word] += 1
                elif word[0].isupper():
                    if careful:
                        opens = n == 0 or first or CAREFUL_START.search(gap)
                    else:
                        opens = first or SHIPPED_START.search(gap)
                    if not opens:
                        capital[word.lower()] += 1
                first = False
    return lower, capital


def articles(corpus):
    if not os.path.isdir(corpus):
        sys.exit(f"common_words.py: {corpus}: not a folder (give the BBC corpus folder)")
    found = sorted(
        os.path.join(folder, name)
        for folder, _, names in os.walk(corpus)
        for name in names
        if name.endswith(".txt")
    )
    if not found:
        sys.exit(f"common_words.py: {corpus}: no .txt articles in it")
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="the BBC corpus folder (section folders of .txt articles)")
    ap.add_argument(
        "--sentences",
        choices=("shipped", "careful"),
        default="shipped",
        help="which capitals open a sentence (default: %(default)s, see the module doc)",
    )
    args = ap.parse_args()
    lower, capital = count(args.corpus, args.sentences == "careful")
    listed = sorted(
        w for w, n in lower.items() if n >= MIN_LOWER and capital[w.lower()] * RATIO <= n
    )
    sys.stdout.write(HEADER)
    for w in listed:
        sys.stdout.write(w + "\n")


if __name__ == "__main__":
    main()
