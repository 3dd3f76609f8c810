#!/usr/bin/env python3
"""Pages whose F1 differs between two extraction prediction files, largest change first.

Usage: scripts/extraction-diff.py [--bench ../shared/eval/extraction] OLD.json NEW.json
"""
import argparse
import importlib.util
import json
from pathlib import Path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", default="../shared/eval/extraction")
    ap.add_argument("old")
    ap.add_argument("new")
    a = ap.parse_args()
    bench = Path(a.bench)
    spec = importlib.util.spec_from_file_location("score", bench / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf8"))
    old, _ = score.load_pred(a.old)
    new, _ = score.load_pred(a.new)

    def f1(pred, k):
        row = score.page_counts(truth[k].get("articleBody") or "", (pred.get(k) or {}).get("articleBody") or "")
        p, r = score.prec(*row), score.rec(*row)
        return 2 * p * r / (p + r) if p + r else 0.0

    rows = [(f1(new, k) - f1(old, k), f1(old, k), f1(new, k), k) for k in truth]
    rows = sorted((r for r in rows if abs(r[0]) > 1e-9), key=lambda r: -abs(r[0]))
    for d, o, n, k in rows:
        print(f"{d:+.3f}  {o:.3f} -> {n:.3f}  {k[:12]}  {truth[k].get('url', '')}")


if __name__ == "__main__":
    main()
