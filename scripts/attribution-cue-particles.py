#!/usr/bin/env python3
"""Which prepositions belong to the cue word before them in PolNeAR ("joked about", "called
for", "remarked upon": the preposition is part of the gold cue) and which do not ("expected
to", "said on"): the training command of `data/attribution/cue-particles.tsv`.

Usage: scripts/attribution-cue-particles.py TRAIN.docs.jsonl > data/attribution/cue-particles.tsv

For every gold cue, the last word and the preposition right after it are counted as "in the
cue" when the cue ends with the preposition and "after the cue" when the preposition follows
the cue's end. A pair is written when it is in the cue at least MIN_IN times (2) and in at
least RATIO (0.6) of its occurrences. Read only a train split; never dev.
"""
import json
import re
import sys
from collections import Counter

PREPOSITIONS = {
    "about", "for", "of", "on", "upon", "to", "with", "at", "against", "into", "over", "from",
    "as", "in", "by",
}
WORD = re.compile(r"[\w’']+")
MIN_IN = 2
RATIO = 0.6


def main():
    path = sys.argv[1]
    inside, after = Counter(), Counter()
    for line in open(path, encoding="utf-8"):
        doc = json.loads(line)
        text = doc["text"]
        for attribution in doc.get("attributions", []):
            cue = attribution.get("cue")
            if not cue or not cue.get("spans"):
                continue
            start, end = sorted(cue["spans"])[-1]
            words = [w.lower() for w in WORD.findall(text[start:end])]
            if not words:
                continue
            if len(words) > 1 and words[-1] in PREPOSITIONS:
                inside[(words[-2], words[-1])] += 1
                continue
            following = re.match(r"\s+(\w+)", text[end : end + 24])
            if following and following.group(1).lower() in PREPOSITIONS:
                after[(words[-1], following.group(1).lower())] += 1
    print("# Prepositions that belong to the cue word before them (\"joked about\"), learned from")
    print(f"# {path.rsplit('/', 1)[-1]} by scripts/attribution-cue-particles.py: pairs in the gold cue at")
    print(f"# least {MIN_IN} times and in at least {RATIO:.0%} of their occurrences.")
    print("# word\tpreposition\tin the cue\tafter the cue")
    for (word, preposition), count in sorted(inside.items()):
        seen = count + after[(word, preposition)]
        if count >= MIN_IN and count / seen >= RATIO:
            print(f"{word}\t{preposition}\t{count}\t{after[(word, preposition)]}")


if __name__ == "__main__":
    main()
