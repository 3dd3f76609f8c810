#!/usr/bin/env python3
"""Error breakdown of temporal predictions by expression kind.

Usage: scripts/temporal-breakdown.py GOLD_DOCS.jsonl PRED.jsonl [--docs N]

Kinds: the gold TIMEX3 type (DATE, TIME, DURATION, SET), DATE split into DCT-relative (the value
starts with a year the text does not name: "Friday", "last week"), absolute (the text names the
year) and REF (PRESENT_REF/PAST_REF/FUTURE_REF). For each: gold count, found (any overlap), value
right, missed, value wrong; then the predictions that overlap no gold expression. Matching is
one-to-one by largest overlap, as in score_timex.py. --docs N reads only the gold documents that
PRED has, or the first N of them.
"""
import json
import re
import sys
from collections import Counter

YEAR_IN_TEXT = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b|'\d\d\b")


def kind(text, g):
    v = g.get("value") or ""
    if g["type"] != "DATE":
        return g["type"]
    if v.endswith("_REF"):
        return "DATE ref"
    if re.match(r"^\d{4}", v) and not YEAR_IN_TEXT.search(text[g["start"]:g["end"]]):
        return "DATE dct-relative"
    return "DATE other"


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    limit = None
    if "--docs" in argv:
        limit = int(argv[argv.index("--docs") + 1])
        args = [a for a in args if a != str(limit)]
    pred = {}
    for line in open(args[1], encoding="utf-8"):
        if line.strip():
            d = json.loads(line)
            pred[d["doc_id"]] = d["timexes"]
    gold = [json.loads(l) for l in open(args[0], encoding="utf-8") if l.strip()]
    gold = [d for d in gold if d["doc_id"] in pred][:limit]
    c = Counter()
    spurious = 0
    for d in gold:
        text, g_list, p_list = d["text"], d["timexes"], pred[d["doc_id"]]
        cands = sorted(
            (-(min(g["end"], p["end"]) - max(g["start"], p["start"])), gi, pi)
            for gi, g in enumerate(g_list)
            for pi, p in enumerate(p_list)
            if min(g["end"], p["end"]) > max(g["start"], p["start"])
        )
        used_g, used_p = {}, set()
        for _, gi, pi in cands:
            if gi not in used_g and pi not in used_p:
                used_g[gi] = pi
                used_p.add(pi)
        for gi, g in enumerate(g_list):
            k = kind(text, g)
            c[(k, "gold")] += 1
            if gi in used_g:
                c[(k, "found")] += 1
                ok = p_list[used_g[gi]].get("value") == g.get("value")
                c[(k, "right" if ok else "wrong")] += 1
            else:
                c[(k, "missed")] += 1
        spurious += len(p_list) - len(used_p)
    kinds = sorted({k for k, _ in c})
    print(f"documents {len(gold)}")
    print(f"{'kind':20s} {'gold':>5s} {'found':>6s} {'right':>6s} {'missed':>7s} {'wrong':>6s}")
    for k in kinds:
        print(f"{k:20s} {c[(k,'gold')]:5d} {c[(k,'found')]:6d} {c[(k,'right')]:6d} "
              f"{c[(k,'missed')]:7d} {c[(k,'wrong')]:6d}")
    print(f"spurious (no gold overlap) {spurious}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
