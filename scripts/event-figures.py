#!/usr/bin/env python3
"""Mention-level precision and recall of event type, place, perpetrator and casualties over the
demo corpus, against corpus/demo/expected.toml (issue 6).

    corroborate extract corpus/demo --out extract.jsonl [--gazetteer INDEX]
    python3 scripts/event-figures.py extract.jsonl [--errors]

Every specific, non-negated event mention of a report that expected.toml assigns to an incident
is scored against that incident:
  precision = mentions whose value is right / mentions that give a value;
  recall    = reports with at least one mention giving the right value / reports of the incident.
Recall is a lower bound: a report that never states a value counts as a miss.
Right means: type equal; place name equal (or, for place_country, country code equal);
perpetrator equal to the expected actor or one of its ancestors or descendants in
data/actors/actors.toml (a report crediting "U.S. Southern Command" for a "U.S. military" strike
is right); killed/injured: the mention's largest figure lies within the expected range.
"""
import argparse
import hashlib
import json
import pathlib
import sys
import tomllib
from collections import Counter, defaultdict

ROOT = pathlib.Path(__file__).resolve().parent.parent


def doc_id(path: pathlib.Path) -> str:
    # DocumentId::from_raw: SHA-256 of the length (u64, little-endian) then the raw bytes,
    # first 8 bytes in hex.
    raw = path.read_bytes()
    return hashlib.sha256(len(raw).to_bytes(8, "little") + raw).hexdigest()[:16]


def actor_names():
    """Canonical name -> set of names of its ancestors and descendants (and itself)."""
    data = tomllib.loads((ROOT / "data/actors/actors.toml").read_text())
    by_id = {a["id"]: a for a in data.get("actor", [])}
    ancestors = {}
    for aid in by_id:
        chain, cur = [], aid
        while cur in by_id and cur not in chain:
            chain.append(cur)
            cur = by_id[cur].get("parent")
        ancestors[aid] = chain
    related = defaultdict(set)
    for aid, chain in ancestors.items():
        for other in chain:
            related[by_id[aid]["name"]].add(by_id[other]["name"])
            related[by_id[other]["name"]].add(by_id[aid]["name"])
    return related


def killed_value(mention, kind):
    # "No civilians were killed" says nothing about the total: such zeros are left out.
    values = [c.get("max") if c.get("max") is not None else c.get("min")
              for c in mention.get("casualties", [])
              if c.get("kind") == kind
              and not (c.get("group") == "civilian" and c.get("max") == 0)]
    values = [v for v in values if v is not None]
    return max(values) if values else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("extract", help="JSONL written by `corroborate extract corpus/demo`")
    parser.add_argument("--corpus", default=str(ROOT / "corpus/demo"))
    parser.add_argument("--errors", action="store_true", help="list every wrong value")
    args = parser.parse_args()
    corpus = pathlib.Path(args.corpus)
    expected = tomllib.loads((corpus / "expected.toml").read_text())
    incident_of = {}
    for inc in expected.get("incident", []):
        for f in inc.get("documents", []):
            incident_of[doc_id(corpus / f)] = (inc, f)
    related = actor_names()

    fields = ["type", "place_name", "place_country", "perpetrator", "killed", "injured"]
    given = Counter()
    right = Counter()
    docs = Counter()
    docs_right = Counter()
    errors = defaultdict(list)
    for line in open(args.extract, encoding="utf-8"):
        record = json.loads(line)
        did = record["document"]["id"]
        if did not in incident_of:
            continue
        inc, fname = incident_of[did]
        text = record["document"]["text"].encode("utf-8")
        mentions = [m for m in record["analysis"]["mentions"]
                    if m.get("specificity") == "specific" and not m.get("negated")]
        hit = set()
        for m in mentions:
            place = m.get("place") or {}
            perps = [a["name"] for a in m.get("actors", []) if a.get("role") == "perpetrator"]
            want_perp = inc.get("perpetrator", [])
            values = {
                "type": (m.get("event_type"), inc.get("type"),
                         lambda got, want: got == want),
                "place_name": (place.get("name"), inc.get("place_name"),
                               lambda got, want: got == want),
                "place_country": (place.get("country_code"), inc.get("country_code"),
                                  lambda got, want: got == want),
                "perpetrator": (perps or None, want_perp or None,
                                lambda got, want: any(g in related.get(w, {w}) or g == w
                                                      for g in got for w in want)),
                "killed": (killed_value(m, "killed"), inc.get("killed"),
                           lambda got, want: want[0] <= got <= want[1]),
                "injured": (killed_value(m, "injured"), inc.get("injured"),
                            lambda got, want: want[0] <= got <= want[1]),
            }
            # Spans are byte offsets; show the text around the place (else the trigger).
            anchor = place.get("span") or m.get("trigger")
            context = ""
            if anchor:
                lo, hi = max(0, anchor["start"] - 50), anchor["end"] + 20
                context = text[lo:hi].decode("utf-8", "replace").replace("\n", " ")
            for field, (got, want, ok) in values.items():
                if want is None or got is None:
                    continue
                given[field] += 1
                if ok(got, want):
                    right[field] += 1
                    hit.add(field)
                else:
                    errors[field].append(f"{fname}: got {got!r}, want {want!r} (…{context}…)")
        for field in fields:
            want = {"place_name": inc.get("place_name"), "place_country": inc.get("country_code"),
                    "perpetrator": inc.get("perpetrator")}.get(field, inc.get(field))
            if want is None:
                continue
            docs[field] += 1
            if field in hit:
                docs_right[field] += 1
            else:
                errors[field + " (missed)"].append(fname)

    print(f"{'field':<15}{'precision':>22}{'recall':>20}")
    for field in fields:
        p = right[field] / given[field] if given[field] else 0.0
        r = docs_right[field] / docs[field] if docs[field] else 0.0
        print(f"{field:<15}{p:>8.3f} ({right[field]:>3}/{given[field]:>3}){'':>4}"
              f"{r:>8.3f} ({docs_right[field]:>2}/{docs[field]:>2})")
    if args.errors:
        for field, items in sorted(errors.items()):
            print(f"\n{field}: {len(items)}")
            for item in items:
                print(f"  {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
