"""Inputs the ingest tests build: texts written for these tests, in several formats."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

STORY = (
    "The harbour authority said on Tuesday that the new ferry line would open in spring, "
    "linking the two islands for the first time in a decade. Officials expect about four "
    "hundred passengers a day once the timetable is settled."
)
STORY_2 = (
    "Farmers in the northern valley reported a record apple harvest this autumn, helped by "
    "a mild spring and steady rain through the summer months. Prices at the market fell "
    "by a fifth as crates piled up."
)
GERMAN = (
    "Die Hafenbehörde teilte am Dienstag mit, dass die neue Fährlinie im Frühjahr eröffnet "
    "werde und die beiden Inseln zum ersten Mal seit einem Jahrzehnt verbinde."
)


def page(title: str, body: str, url: str = "https://example.test/news/ferry",
         date: str = "2024-05-06") -> str:
    paras = "".join(f"<p>{s.strip()}.</p>" for s in body.split(".") if s.strip())
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Example News</title>
<link rel="canonical" href="{url}">
<meta property="og:title" content="{title}">
<meta name="author" content="Jo Reporter">
<meta property="article:published_time" content="{date}T09:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>{title}</h1>
<p class="byline">By Jo Reporter</p>
{paras}
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/x">Another story about weather</a></li>
<li><a href="/y">Yet another story about sport</a></li></ul></aside>
<footer><p>Copyright Example News. All rights reserved.</p></footer>
</body></html>"""


def feed_xml() -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example feed</title><link>https://example.test/</link>
<description>News</description>
<item><title>Ferry line to open</title><link>https://example.test/news/ferry</link>
<guid>ferry-1</guid><pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate>
<description><![CDATA[<p>{STORY}</p>]]></description></item>
<item><title>Apple harvest</title><link>https://example.test/news/apples</link>
<pubDate>Wed, 08 May 2024 10:00:00 GMT</pubDate>
<description>{STORY_2}</description></item>
<item><title>Empty</title><link>https://example.test/news/empty</link><description></description></item>
</channel></rss>"""


def atom_xml() -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom example</title><id>urn:x</id>
<updated>2024-05-07T10:00:00Z</updated>
<entry><title>Apple harvest</title><id>urn:apple</id>
<link href="https://example.test/a/apples"/><updated>2024-05-08T10:00:00Z</updated>
<content type="html">&lt;p&gt;{STORY_2}&lt;/p&gt;</content></entry>
</feed>"""


def warc_bytes(pages: list[tuple[str, str]], gz: bool = True) -> bytes:
    """A WARC with one HTML response per (url, html), plus a request and a non-HTML record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, html in pages:
        get = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        req = writer.create_warc_record(url, "request", payload=get)
        writer.write_record(req)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                        http_headers=headers)
        writer.write_record(rec)
    img_headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    img = writer.create_warc_record("https://example.test/i.png", "response",
                                    payload=io.BytesIO(b"\x89PNG...."), http_headers=img_headers)
    writer.write_record(img)
    return buf.getvalue()


def write_jsonl(path: Path, rows: list[object], gz: bool = False) -> Path:
    data = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows).encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path
