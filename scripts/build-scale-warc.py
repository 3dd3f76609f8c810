#!/usr/bin/env python3
"""Builds a WARC.gz of N pages for the whole-ingest scale benchmark (issue 3).

The pages are the benchmark's HTML pages (read from BENCH/html, never copied into the
repository) and the demo corpus (its Markdown reports wrapped as simple article pages), taken
in turn until N records are written. Every copy is made unique, in its bytes and in its text
(a copy number in the title and at the start of the first paragraph, and its own URL), so that
exact-duplicate detection does not skip any page. Each record is its own gzip member, as in
Common Crawl's news archive. The archive is written to OUT (put it under /tmp, not in the
repository).

Usage: scripts/build-scale-warc.py [--bench ../shared/eval/extraction] [--demo corpus/demo]
                                   --pages 5000 OUT.warc.gz
"""
import argparse
import gzip
import html
import re
from pathlib import Path


def demo_pages(demo):
    """The demo corpus's Markdown reports as (url, html) pairs."""
    pages = []
    for path in sorted(demo.glob("*.md")):
        text = path.read_text(encoding="utf8")
        meta, body = {}, text
        if text.startswith("---\n"):
            head, _, body = text[4:].partition("\n---\n")
            for line in head.splitlines():
                key, _, value = line.partition(":")
                meta[key.strip()] = value.strip().strip('"')
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        title = meta.get("title") or (paragraphs[0] if paragraphs else path.stem)
        if paragraphs and paragraphs[0] == title:
            paragraphs = paragraphs[1:]
        published = meta.get("published", "")
        page = (
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title>"
            f"<meta property=\"article:published_time\" content=\"{html.escape(published)}\">"
            f"<meta property=\"og:site_name\" content=\"{html.escape(meta.get('publisher', ''))}\">"
            "</head><body><nav><a href=\"/\">Home</a></nav><article>"
            f"<h1>{html.escape(title)}</h1>"
            + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            + "</article><footer>All rights reserved.</footer></body></html>"
        )
        url = meta.get("url") or f"https://demo.example/{path.stem}"
        pages.append((url, page.encode("utf8")))
    return pages


def bench_pages(bench):
    """The benchmark's pages as (url, raw html bytes) pairs."""
    pages = []
    for path in sorted((bench / "html").glob("*.html.gz")):
        key = path.name.removesuffix(".html.gz")
        pages.append((f"https://bench.example/{key}", gzip.decompress(path.read_bytes())))
    return pages


TITLE = re.compile(rb"</title>", re.I)
FIRST_P = re.compile(rb"<p(\s[^>]*)?>", re.I)


def unique_copy(page, copy):
    """`page` with `copy` written into its title and its first paragraph."""
    tag = f" (copy {copy})".encode()
    page = TITLE.sub(lambda m: tag + m.group(0), page, count=1)
    mark = f"Archive copy {copy}. ".encode()
    page, n = FIRST_P.subn(lambda m: m.group(0) + mark, page, count=1)
    if n == 0:
        page += f"<!-- copy {copy} -->".encode()
    return page


def record(uri, payload, number):
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(payload)}\r\n\r\n".encode()
        + payload
    )
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2025-11-01T00:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n", compresslevel=6, mtime=0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", default="../shared/eval/extraction", type=Path)
    ap.add_argument("--demo", default="corpus/demo", type=Path)
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("out", type=Path)
    a = ap.parse_args()
    sources = bench_pages(a.bench) + demo_pages(a.demo)
    if not sources:
        raise SystemExit(f"no pages found under {a.bench}/html or {a.demo}")
    size = 0
    with open(a.out, "wb") as out:
        for n in range(a.pages):
            url, page = sources[n % len(sources)]
            copy = n // len(sources) + 1
            member = record(f"{url}?copy={copy}", unique_copy(page, copy), n + 1)
            out.write(member)
            size += len(member)
    print(f"{a.out}: {a.pages} pages from {len(sources)} sources, {size} bytes")


if __name__ == "__main__":
    main()
