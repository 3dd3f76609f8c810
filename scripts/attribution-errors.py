#!/usr/bin/env python3
"""Error breakdown of attribution predictions against a PolNeAR-format documents file, by
construction: the order of source (S), cue (C) and content (K) in the gold attribution
("SCK" = "officials said that …", "KSC" = "…, officials said", "KCS" = "…, said Smith",
"CK"/"KC" = no source in the text), and by the kind of cue.

Usage: scripts/attribution-errors.py DOCS.jsonl PRED.jsonl [--examples N] [--cue WORD]
A gold attribution counts as found when a predicted cue overlaps its cue; its source and
content are then checked for exact span equality (after the scorer's trimming) and overlap.
Use it on the train split to decide what to change; on dev only to report.
"""
import json
import re
import sys
from collections import Counter, defaultdict

PUNCT = " \t\n\r\"'“”‘’«»()[]{},.;:!?—–-―…"
WORD = re.compile(r"\w+")


def norm(text, spans):
    out = []
    for s, e in spans:
        while s < e and text[s] in PUNCT:
            s += 1
        while e > s and text[e - 1] in PUNCT:
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(sorted(out))


def toks(text, spans):
    return {(m.start(), m.end()) for s, e in spans for m in WORD.finditer(text, s, e)}


def part(text, a, role):
    p = a.get(role)
    return norm(text, p["spans"]) if p and p.get("spans") else ()


def order(a):
    parts = []
    for role, ch in (("source", "S"), ("cue", "C"), ("content", "K")):
        p = a.get(role)
        if p and p.get("spans"):
            parts.append((p["spans"][0][0], ch))
    return "".join(c for _, c in sorted(parts))


def cue_class(text, a):
    cue = " ".join(text[s:e] for s, e in part(text, a, "cue")).lower()
    if not cue:
        return "(none)"
    if cue in ("said", "says", "say", "told", "tells", "added", "saying", "has said", "have said"):
        return "say/tell/add"
    if cue.startswith("according"):
        return "according to"
    if not WORD.search(cue):
        return "punctuation (: —)"
    return "other"


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    examples = 0
    only_cue = None
    if "--examples" in argv:
        examples = int(argv[argv.index("--examples") + 1])
        args = [a for a in args if a != str(examples)]
    if "--cue" in argv:
        only_cue = argv[argv.index("--cue") + 1].lower()
        args = [a for a in args if a.lower() != only_cue]
    gold = {json.loads(l)["doc_id"]: json.loads(l) for l in open(args[0], encoding="utf-8") if l.strip()}
    pred = {json.loads(l)["doc_id"]: json.loads(l) for l in open(args[1], encoding="utf-8") if l.strip()}
    rows = defaultdict(Counter)
    missed_words = Counter()
    false_words = Counter()
    shown = 0
    for doc_id, g in gold.items():
        text = g["text"]
        preds = pred.get(doc_id, {}).get("attributions", [])
        ptoks = [toks(text, part(text, p, "cue")) for p in preds]
        used = set()
        for a in g["attributions"]:
            key = (order(a), cue_class(text, a))
            r = rows[key]
            r["gold"] += 1
            gc = toks(text, part(text, a, "cue"))
            match = next((i for i, pt in enumerate(ptoks) if i not in used and gc and gc & pt), None)
            cue = " ".join(text[s:e] for s, e in part(text, a, "cue")).lower()
            if match is None:
                missed_words[cue] += 1
                if examples and shown < examples and (only_cue is None or cue == only_cue):
                    s, e = a["cue"]["spans"][0] if a.get("cue") else (0, 0)
                    print(f"MISSED [{order(a)}] cue={cue!r}: …{text[max(0, s - 160):e + 80]!r}…\n")
                    shown += 1
                continue
            used.add(match)
            p = preds[match]
            r["cue found"] += 1
            r["cue exact"] += part(text, a, "cue") == part(text, p, "cue")
            gs, ps = part(text, a, "source"), part(text, p, "source")
            if gs:
                r["source exact"] += gs == ps
                r["source overlap"] += bool(toks(text, gs) & toks(text, ps))
            gk, pk = part(text, a, "content"), part(text, p, "content")
            r["content exact"] += gk == pk
            r["content overlap"] += bool(toks(text, gk) & toks(text, pk))
        for i, p in enumerate(preds):
            if i not in used:
                false_words[" ".join(text[s:e] for s, e in part(text, p, "cue")).lower()] += 1
    cols = ["gold", "cue found", "cue exact", "source exact", "source overlap", "content exact", "content overlap"]
    print("| order | cue | " + " | ".join(cols) + " |")
    print("|---|---|" + "---|" * len(cols))
    total = Counter()
    for key in sorted(rows, key=lambda k: -rows[k]["gold"]):
        r = rows[key]
        total.update(r)
        if r["gold"] >= 10:
            print(f"| {key[0]} | {key[1]} | " + " | ".join(str(r[c]) for c in cols) + " |")
    print("| all | all | " + " | ".join(str(total[c]) for c in cols) + " |")
    print("\nmost missed cues:", ", ".join(f"{w!r} {n}" for w, n in missed_words.most_common(25)))
    print("predicted cues that match no gold cue:", sum(false_words.values()), "—",
          ", ".join(f"{w!r} {n}" for w, n in false_words.most_common(15)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
