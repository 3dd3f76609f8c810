#!/usr/bin/env python3
"""Per-page scores of an extraction prediction file, worst first; or, with --against, the pages
whose F1 changed from an earlier prediction file, largest change first.

Uses the benchmark's own scorer (imported from BENCH/score.py) so that the figures agree with
it. Prints precision, recall and F1 per page with the token counts of truth and prediction, to
find the pages whose causes are worth fixing.

Usage: scripts/extraction-per-page.py [--bench ../shared/eval/extraction] [--top N] PRED.json
       scripts/extraction-per-page.py [--bench ...] --against OLD.json NEW.json
"""
import argparse
import importlib.util
import json
from pathlib import Path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", default="../shared/eval/extraction")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--against", metavar="OLD.json", help="show the F1 change per page from OLD.json")
    ap.add_argument("pred")
    a = ap.parse_args()
    bench = Path(a.bench)
    spec = importlib.util.spec_from_file_location("score", bench / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf8"))

    def page(pred, k):
        t = truth[k].get("articleBody") or ""
        p = (pred.get(k) or {}).get("articleBody") or ""
        row = score.page_counts(t, p)
        pr, rc = score.prec(*row), score.rec(*row)
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        return f1, pr, rc, len(score.tokens(t)), len(score.tokens(p))

    pred, _ = score.load_pred(a.pred)
    if a.against:
        old, _ = score.load_pred(a.against)
        rows = [(page(pred, k)[0] - page(old, k)[0], page(old, k)[0], page(pred, k)[0], k) for k in truth]
        rows = sorted((r for r in rows if abs(r[0]) > 1e-9), key=lambda r: -abs(r[0]))
        for d, o, n, k in rows:
            print(f"{d:+.3f}  {o:.3f} -> {n:.3f}  {k[:12]}  {truth[k].get('url', '')}")
        return
    rows = sorted((*page(pred, k), k, truth[k].get("url", "")) for k in truth)
    print(f"{'F1':>5} {'P':>5} {'R':>5} {'true':>6} {'pred':>6}  id  url")
    for f1, pr, rc, nt, np_, k, url in rows[: a.top]:
        print(f"{f1:5.3f} {pr:5.3f} {rc:5.3f} {nt:6d} {np_:6d}  {k[:12]}  {url}")


if __name__ == "__main__":
    main()
