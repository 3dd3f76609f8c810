#!/usr/bin/env python3
"""How often each word or two-word phrase is a whole attribution cue in a PolNeAR-format
documents file (the train split): the evidence behind the cue phrases of
data/attribution/cues.toml. Reads only the split it is given; never run it on dev to pick cues.

Usage: scripts/attribution-cue-stats.py ../shared/eval/attribution/train.docs.jsonl [MIN_COUNT]
Prints: phrase, times it is a whole gold cue, times it occurs, the ratio — most frequent first.
"""
import json
import re
import sys
from collections import Counter

WORD = re.compile(r"[\w’']+|[:—]")


def main():
    path = sys.argv[1]
    min_count = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    as_cue, seen = Counter(), Counter()
    for line in open(path, encoding="utf-8"):
        doc = json.loads(line)
        text = doc["text"]
        cues = set()
        for a in doc.get("attributions", []):
            if a.get("cue") and len(a["cue"]["spans"]) == 1:
                s, e = a["cue"]["spans"][0]
                cues.add((s, e))
        toks = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]
        for i, (s, e, w) in enumerate(toks):
            seen[w] += 1
            as_cue[w] += (s, e) in cues
            if i + 1 < len(toks):
                s2, e2, w2 = toks[i + 1]
                seen[f"{w} {w2}"] += 1
                as_cue[f"{w} {w2}"] += (s, e2) in cues
    rows = [(p, as_cue[p], seen[p]) for p in as_cue if as_cue[p] >= min_count]
    for phrase, hits, total in sorted(rows, key=lambda r: -r[1]):
        print(f"{phrase!r:24} {hits:5d} {total:6d} {hits / total:5.2f}")


if __name__ == "__main__":
    main()
