"""A generated news site for the benchmarks, and a fast static server for it.

``build_mirror(root, articles)`` writes a mirror of one TRS-style news section
(``news.bench.example/news/``: ten articles per listing page, pagination by
``createPageHTML``, a tenth of the articles from the last 30 days) in the
layout crawler.mirror_server serves.  With ``realistic=True`` every page is
dressed like a real government page (head full of meta, stylesheets and
scripts; a two-level menu; sidebars; related links; a footer of links):
articles of roughly 20-40 KB, half of them in Chinese.

``StaticServer`` serves such a mirror from its own process (asyncio,
HTTP/1.1 keep-alive, ETag and Last-Modified from the file's size and mtime,
as nginx sends them), so that a crawl's speed is not the server's.

Used by bench/incremental.py and bench/e2e.py; ``python bench/sitegen.py
serve ROOT`` runs the server in the foreground and prints its URL.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.utils import formatdate
from html import escape
from pathlib import Path
from urllib.parse import unquote

HOST = "news.bench.example"
PER_PAGE = 10
RECENT_SHARE = 0.1
NAV = "".join(f'<li><a href="/col{i}/index.html">Column {i}</a></li>' for i in range(12))
FOOTER = "<div class='footer'><p>Copyright © Bench Ministry. All rights reserved.</p></div>"

_ENGLISH = str.split(
    "the ministry reports steady progress in regional development programmes new funding "
    "rules and reviews of local projects with figures for the quarter and plans for the next "
    "year while provincial offices publish their budgets and inspection teams visit counties"
)
_CHINESE = "国务院办公厅关于进一步加强地方政府专项债券管理推动经济社会高质量发展促进创新的通知"


def article_title(number: int) -> str:
    return f"Ministry notice number {number} on regional development"


def article_html(number: int, date: datetime, realistic: bool = False) -> str:
    title = article_title(number)
    if realistic:
        return _realistic_article(number, date, title)
    paragraphs = "".join(
        f"<p>Paragraph {k} of notice {number}: the ministry reports steady progress in "
        f"regional development programmes, new funding rules and reviews of local "
        f"projects, with figures for the quarter and plans for the next year.</p>"
        for k in range(1, 7)
    )
    return (
        f"<html><head><meta charset='utf-8'><title>{title}--Bench Ministry</title>"
        f"<meta name='PubDate' content='{date:%Y-%m-%d %H:%M}'></head><body>"
        f"<ul class='nav'>{NAV}</ul>"
        f"<div class='position'>当前位置：<a href='/'>首页</a> &gt; <a href='/news/'>新闻</a></div>"
        f"<h1>{escape(title)}</h1><div class='info'>发布日期：{date:%Y-%m-%d}</div>"
        f"<div class='TRS_Editor'>{paragraphs}</div>{FOOTER}</body></html>"
    )


def listing_html(
    index: int, pages: int, items: list[tuple[str, str, str]], realistic: bool = False
) -> str:
    rows = "".join(
        f"<li><a href='{href}'>{escape(title)}</a><span>{date}</span></li>"
        for title, href, date in items
    )
    listing = (
        f"<div class='list'><ul>{rows}</ul>"
        f'<script>createPageHTML({pages}, {index}, "index", "html");</script></div>'
    )
    if realistic:
        return _page("新闻--Bench Ministry", "", f"<div class='main'>{listing}</div>", index)
    return (
        "<html><head><meta charset='utf-8'><title>新闻--Bench Ministry</title></head><body>"
        f"<ul class='nav'>{NAV}</ul>{listing}{FOOTER}</body></html>"
    )


def section_dirs(articles: int, per_section: int | None = None) -> list[str]:
    """The sections' folders: one section "news", or "news0", "news1"... of PER_SECTION each."""
    if per_section is None or articles <= per_section:
        return ["news"]
    return [f"news{k}" for k in range(-(-articles // per_section))]


def build_mirror(
    root: Path, articles: int, realistic: bool = False, per_section: int | None = None
) -> int:
    """Write the mirror of ARTICLES articles under ROOT/HOST; return its number of pages.

    The articles are dealt out to sections of PER_SECTION (default: all in one).
    """
    site = root / HOST
    now = datetime.now(UTC)
    folders = section_dirs(articles, per_section)
    entries: dict[str, list] = {folder: [] for folder in folders}
    for number in range(articles):
        recent = number < articles * RECENT_SHARE  # newest first
        age = timedelta(days=number % 25 + 1) if recent else timedelta(days=60 + number * 3)
        date = now - age
        folder = folders[number % len(folders)]
        path = f"/{folder}/{date:%Y%m}/t{date:%Y%m%d}_{100000 + number}.html"
        target = site / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(article_html(number, date, realistic), encoding="utf-8")
        entries[folder].append((article_title(number), path, date))
    total = articles
    for folder, listed in entries.items():
        listed.sort(key=lambda entry: entry[2], reverse=True)
        pages = -(-len(listed) // PER_PAGE)
        for index in range(pages):
            chunk = listed[index * PER_PAGE : (index + 1) * PER_PAGE]
            name = "index.html" if index == 0 else f"index_{index}.html"
            items = [(title, href, f"{date:%Y-%m-%d}") for title, href, date in chunk]
            html = listing_html(index, pages, items, realistic)
            (site / folder / name).write_text(html, encoding="utf-8")
        total += pages
    return total


def section_urls(articles: int, per_section: int | None = None) -> list[str]:
    """The first listing page of each section, as the live site has it."""
    return [f"https://{HOST}/{folder}/index.html" for folder in section_dirs(articles, per_section)]


def profile(
    path: Path, revalidate: bool = True, articles: int = 0, per_section: int | None = None
) -> Path:
    """Write the generated site's profile to PATH (the sections build_mirror made)."""
    lines = [
        'name = "bench_news"',
        'title = "Bench Ministry"',
        'language = "en"',
        f'base_url = "https://{HOST}"',
        'timezone = "Asia/Shanghai"',
        "[revalidate]",
        f"enabled = {'true' if revalidate else 'false'}",
    ]
    for number, url in enumerate(section_urls(articles, per_section)):
        label = "News" if number == 0 else f"News {number}"
        lines += ["[[sections]]", f'label = "{label}"', f'url = "{url}"']
    path.write_text("\n".join([*lines, ""]), encoding="utf-8")
    return path


# -- realistic pages ------------------------------------------------------------

_STYLESHEETS = ("public", "index", "nry", "print", "mobile_pub", "nry_mobile", "font", "share")
_SCRIPTS = ("jquery.min", "h5", "nry_resize", "common_pages", "hover", "share", "stat", "font")
_HEAD_STYLE = "".join(
    f".box{k} .hd h3{{font-size:16px;color:#0b67a6;border-bottom:2px solid #0b67a6}}"
    f".box{k} li a{{color:#313131;line-height:28px}}.box{k} li span{{float:right;color:#999}}\n"
    for k in range(12)
)
_ANALYTICS = (
    "<script>var _trsAnalytics = window._trsAnalytics || [];"
    + "".join(f"_trsAnalytics.push(['setSite', 'bench-{k}', {k * 7919}]);" for k in range(20))
    + "(function(){var s=document.createElement('script');s.async=true;"
    "s.src='/stat/ta.js';document.head.appendChild(s);})();</script>"
)
_MENU = "".join(
    f"<li class='menu{i}'><a href='/col{i}/index.html'>Column {i}</a><ul class='sub'>"
    + "".join(
        f"<li><a href='/col{i}/sub{j}/index.html'>Sub-column {i}.{j}</a></li>" for j in range(8)
    )
    + "</ul></li>"
    for i in range(12)
)
# Sidebars of short labels (topics, services), as ministries have them; long dated
# headlines there would look like the page's news list to the listing parser.
_SIDEBAR = "".join(
    f"<div class='box box{k}'><div class='hd'><h3>{name}</h3><a href='/{key}/'>More</a></div>"
    "<ul>"
    + "".join(
        f"<li><a href='/{key}/item{j}/index.html' title='{name} {j}'>{label} {j}</a></li>"
        for j in range(10)
    )
    + "</ul></div>"
    for k, (key, name, label) in enumerate(
        (
            ("zt", "Special topics", "Topic"),
            ("hot", "Most read", "专题"),
            ("fw", "Services", "办事"),
        )
    )
)
_FOOTER = (
    "<div class='footer'><div class='links'>"
    + "".join(
        f"<a href='https://ministry{k}.bench.example/' target='_blank'>Ministry {k}</a>"
        for k in range(40)
    )
    + "</div><div class='about'><a href='/about/'>About us</a> | <a href='/sitemap/'>Site map</a>"
    " | <a href='/contact/'>Contact</a> | <a href='/privacy/'>Privacy</a></div>"
    "<p>Sponsored by the Bench Ministry. Address: 1 Bench Street, Bench City 100000. "
    "Tel: 010-00000000. ICP No. 00000000-1. Public security record 00000000000000.</p>"
    "<p>Copyright © Bench Ministry. All rights reserved.</p></div>"
)


def _page(title: str, meta: str, main: str, seed: int) -> str:
    head = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta http-equiv='x-ua-compatible' content='IE=edge'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)}</title>{meta}"
        + "".join(f"<link rel='stylesheet' href='/images/trs_{s}.css'>" for s in _STYLESHEETS)
        + "".join(f"<script src='/images/trs_{s}.js'></script>" for s in _SCRIPTS)
        + f"<style>{_HEAD_STYLE}</style>{_ANALYTICS}</head>"
    )
    header = (
        "<div class='topbar'><a href='/'>Home</a> <a href='/en/'>English</a> "
        "<a href='/m/'>Mobile</a> <a href='/wza/'>Accessibility</a></div>"
        "<div class='header'><a class='logo' href='/'><img src='/images/logo.png' alt='Bench "
        "Ministry'></a><form class='search' action='/search/'><input name='q'><button>Search"
        f"</button></form></div><ul class='nav'>{_MENU}</ul>"
    )
    return (
        f"{head}<body><!-- page {seed} -->{header}<div class='container'>{main}"
        f"<div class='sidebar'>{_SIDEBAR}</div></div>{_FOOTER}</body></html>"
    )


def _realistic_article(number: int, date: datetime, title: str) -> str:
    # A deterministic mix of lengths: bodies of about 2 to 20 KB.
    count = 4 + number * 7 % 17
    chinese = number % 2 == 0
    paragraphs = []
    for k in range(count):
        size = 50 + (number * 13 + k * 29) % 130
        if chinese:
            text = (
                "".join(_CHINESE[(number + k + i * 7) % len(_CHINESE)] for i in range(size * 2))
                + "。"
            )
        else:
            words = (_ENGLISH[(number + k + i * 5) % len(_ENGLISH)] for i in range(size))
            text = " ".join(words).capitalize() + "."
        paragraphs.append(f"<p style='text-indent:2em'>{text}</p>")
    meta = (
        f"<meta name='ArticleTitle' content='{escape(title)}'>"
        f"<meta name='PubDate' content='{date:%Y-%m-%d %H:%M}'>"
        "<meta name='ColumnName' content='新闻'>"
        "<meta name='ContentSource' content='Bench Ministry'>"
        f"<meta name='keywords' content='notice, development'><meta name='description' "
        f"content='{escape(title)}'>"
    )
    related = "".join(
        f"<li><a href='/col{k}/index.html'>Related: Column {k} news of the week</a></li>"
        for k in range(8)
    )
    main = (
        "<div class='main'><div class='position'>当前位置：<a href='/'>首页</a> &gt; "
        "<a href='/news/'>新闻</a></div>"
        f"<div class='article'><h1>{escape(title)}</h1><div class='info'>"
        f"发布日期：{date:%Y-%m-%d} 来源：Bench Ministry <span class='font'>字号：<a>大</a> "
        "<a>中</a> <a>小</a></span> <a href='javascript:window.print()'>打印</a></div>"
        f"<div class='TRS_Editor'>{''.join(paragraphs)}</div>"
        "<div class='share'>Share: <a href='#'>Weibo</a> <a href='#'>WeChat</a></div>"
        f"<div class='related'><h3>Related news</h3><ul>{related}</ul></div></div></div>"
    )
    return _page(f"{title}--Bench Ministry", meta, main, number)


# -- the static server ----------------------------------------------------------


class _StaticProtocol(asyncio.Protocol):
    """GET /HOST/PATH answered from ROOT/HOST/PATH, over keep-alive connections."""

    def __init__(self, root: Path):
        self.root = root
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
            self.transport.write(self._answer(head))

    def _answer(self, head: bytes) -> bytes:
        method, _, rest = head.partition(b"\r\n")[0].partition(b" ")
        target = unquote(rest.rpartition(b" ")[0].decode("latin-1").split("?")[0])
        path = self.root / target.lstrip("/")
        if target.endswith("/"):
            path = path / "index.html"
        try:
            if ".." in target.split("/"):
                raise FileNotFoundError(target)
            body = path.read_bytes()
            mtime = path.stat().st_mtime
        except OSError:
            return b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
        headers = (
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            f'Content-Length: {len(body)}\r\nETag: "{int(mtime):x}-{len(body):x}"\r\n'
            f"Last-Modified: {formatdate(mtime, usegmt=True)}\r\n\r\n"
        )
        return headers.encode("latin-1") + (body if method != b"HEAD" else b"")


async def _serve(root: Path) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _StaticProtocol(root), "127.0.0.1", 0, backlog=256)
    host, port = server.sockets[0].getsockname()[:2]
    print(f"http://{host}:{port}", flush=True)
    async with server:
        await server.serve_forever()


class StaticServer:
    """The static server in a process of its own; use as a context manager (``.url``)."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.process: subprocess.Popen | None = None
        self.url = ""

    def __enter__(self) -> StaticServer:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "serve", str(self.root)], stdout=subprocess.PIPE, text=True
        )
        self.url = self.process.stdout.readline().strip()
        if not self.url:
            raise RuntimeError("the static server did not start")
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.process.terminate()
        self.process.wait()
        self.process.stdout.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"] and len(sys.argv) == 3:
        asyncio.run(_serve(Path(sys.argv[2]).resolve()))
    else:
        raise SystemExit("usage: python bench/sitegen.py serve ROOT")
