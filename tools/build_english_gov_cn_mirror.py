# ruff: noqa: E501 (HTML templates of the mirror generator are easier to read unwrapped)
"""Write the offline mirror of english.www.gov.cn from tools/english_gov_cn_articles.json.

No page of the live site is among the saved real pages (../shared/), so the
markup is modelled on what is publicly known of the State Council's English
site: article URLs /news/YYYYMM/DD/content_WS<24 hex>.html (older Top News
items /news/topnews/YYYYMM/DD/...), a "Home > News > Top News" trail, the
headline, an "Updated: February 18, 2024 19:27 Xinhua" line and the body,
with navigation, share bar, related stories and footer around them.  The
listing pages' URLs (/news/topnews/, then home_1.htm, ...) and every class
name are assumptions.

One article page declares the wrong charset on purpose: its bytes are UTF-8,
its <meta> says gb2312 and the mirror serves it as plain "text/html"
(crawler/mirrors/english.www.gov.cn/mirror.toml), as mislabelled pages are
served in the wild.

Run `python tools/build_english_gov_cn_mirror.py` after editing the JSON; the
output under crawler/mirrors/english.www.gov.cn/ is committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from mirror_pages import load_sections, start_afresh, write

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "tools" / "english_gov_cn_articles.json"
OUTPUT = ROOT / "crawler" / "mirrors" / "english.www.gov.cn"
HOST = "english.www.gov.cn"
SITE = f"https://{HOST}"
ZONE = ZoneInfo("Asia/Shanghai")
# Top News items before this date keep the older URL form /news/topnews/YYYYMM/DD/.
NEW_URLS_FROM = "2023-01-01"


@dataclass(frozen=True)
class SectionSpec:
    key: str
    crumbs: tuple[tuple[str, str], ...]  # (label, path) after Home
    listing: str  # directory of the listing pages
    per_page: int


SECTIONS = (
    SectionSpec(
        "topnews", (("News", "/news/"), ("Top News", "/news/topnews/")), "/news/topnews/", 4
    ),
    SectionSpec(
        "policywatch",
        (("Policies", "/policies/"), ("Policy Watch", "/policies/policywatch/")),
        "/policies/policywatch/",
        3,
    ),
)


def content_id(article: dict, serial: int) -> str:
    """A 24-hex-digit id like the live site's: a Unix time, a fixed part, a counter."""
    moment = datetime.fromisoformat(f"{article['date']}T{article['time']}").replace(tzinfo=ZONE)
    return f"WS{int(moment.timestamp()):08x}c6d0868f4e{0x8E0000 + serial * 0x2B7:06x}"


def article_path(spec: SectionSpec, article: dict, serial: int) -> str:
    ym, day = article["date"][:7].replace("-", ""), article["date"][8:]
    name = f"{ym}/{day}/content_{content_id(article, serial)}.html"
    if spec.key == "topnews":
        prefix = "/news/" if article["date"] >= NEW_URLS_FROM else "/news/topnews/"
    else:
        prefix = spec.listing
    return prefix + name


def updated_line(article: dict) -> str:
    moment = datetime.fromisoformat(f"{article['date']}T{article['time']}")
    return f"{moment:%B} {moment.day}, {moment:%Y %H:%M}"


def page_head(title: str, charset: str, extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<title>{escape(title)}</title>
{extra}<link rel="stylesheet" type="text/css" href="//{HOST}/images/2023en/css/common.css" />
<script type="text/javascript" src="//{HOST}/images/2023en/js/jquery.min.js"></script>
</head>
<body>
<div class="header">
  <div class="top-bar">
    <div class="top-links"><a href="https://www.gov.cn/">中文</a> | <a href="//{HOST}/mobile/">Mobile</a> | <a href="//{HOST}/rss/">RSS</a></div>
    <div class="search"><form action="//{HOST}/search/" method="get"><input type="text" name="q" placeholder="Search" /><button type="submit">Search</button></form></div>
  </div>
  <div class="logo"><a href="//{HOST}/"><img src="//{HOST}/images/2023en/logo.png" alt="The State Council of the People's Republic of China" /></a></div>
  <ul class="nav">
    <li><a href="//{HOST}/">Home</a></li>
    <li><a href="//{HOST}/news/">News</a></li>
    <li><a href="//{HOST}/policies/">Policies</a></li>
    <li><a href="//{HOST}/statecouncil/">State Council</a></li>
    <li><a href="//{HOST}/archive/">Archive</a></li>
    <li><a href="//{HOST}/services/">Services</a></li>
  </ul>
</div>
"""


FOOTER = f"""<div class="footer">
  <div class="footer-links"><a href="//{HOST}/aboutus/">About us</a> | <a href="//{HOST}/contactus/">Contact us</a> | <a href="//{HOST}/sitemap/">Site map</a></div>
  <p class="copyright">Copyright &copy; www.gov.cn. All rights reserved. The State Council of the People's Republic of China.</p>
</div>
<script type="text/javascript">
  $(".share a").on("click", function () {{ return false; }});
</script>
</body>
</html>
"""


def breadcrumb(spec: SectionSpec) -> str:
    links = [f'<a href="//{HOST}/">Home</a>']
    links += [f'<a href="//{HOST}{path}">{escape(label)}</a>' for label, path in spec.crumbs]
    return f'<div class="BreadcrumbNav">{" &gt; ".join(links)}</div>'


def render_article(spec: SectionSpec, article: dict, path: str, related: list[tuple]) -> str:
    charset = "gb2312" if article.get("charset_trap") else "utf-8"
    extra = (
        f'<meta name="description" content="{escape(article["paragraphs"][0])}" />\n'
        f'<meta property="og:title" content="{escape(article["title"])}" />\n'
        f'<meta property="og:url" content="{SITE}{path}" />\n'
    )
    body = []
    if "photo" in article:
        body.append(
            f'      <p style="text-align: center;"><img src="{article["photo"]["src"]}" '
            'width="600" /></p>\n'
            f'      <p style="text-align: center;">{escape(article["photo"]["caption"])}</p>'
        )
    body += [f"      <p>{escape(text)}</p>" for text in article["paragraphs"]]
    related_items = "\n".join(
        f'      <li><a href="//{HOST}{href}">{escape(title)}</a></li>' for title, href in related
    )
    return (
        page_head(article["title"], charset, extra)
        + f"""<div class="container">
  {breadcrumb(spec)}
  <div class="article">
    <h1 class="title">{escape(article["title"])}</h1>
    <div class="info">Updated: {updated_line(article)} <span class="source">{escape(article["source"])}</span></div>
    <div class="share">Share: <a href="javascript:void(0)" class="share-weibo">Weibo</a> <a href="javascript:void(0)" class="share-wechat">WeChat</a> <a href="javascript:void(0)" class="share-facebook">Facebook</a> <a href="javascript:void(0)" class="share-x">X</a></div>
    <div class="article-content" id="Content">
{chr(10).join(body)}
    </div>
    <div class="editor">Editor: english.www.gov.cn</div>
  </div>
  <div class="related">
    <h3>Related Stories</h3>
    <ul>
{related_items}
    </ul>
  </div>
</div>
"""
        + FOOTER
    )


def listing_page_path(spec: SectionSpec, index: int) -> str:
    return spec.listing + ("index.html" if index == 0 else f"home_{index}.htm")


def listing_href(spec: SectionSpec, index: int) -> str:
    return "./" if index == 0 else f"home_{index}.htm"


def render_listing(spec: SectionSpec, index: int, pages: int, items: list[tuple]) -> str:
    rows = "\n".join(
        f'      <li><a href="//{HOST}{href}" target="_blank">{escape(title)}</a>'
        f'<span class="date">{date}</span></li>'
        for title, href, date in items
    )
    links = []
    if index > 0:
        links.append(f'<a href="{listing_href(spec, index - 1)}" class="prev">Prev</a>')
    for number in range(pages):
        links.append(
            f'<span class="current">{number + 1}</span>'
            if number == index
            else f'<a href="{listing_href(spec, number)}">{number + 1}</a>'
        )
    if index + 1 < pages:
        links.append(f'<a href="{listing_href(spec, index + 1)}" class="next">Next</a>')
    label = spec.crumbs[-1][0]
    return (
        page_head(label, "utf-8")
        + f"""<div class="container">
  {breadcrumb(spec)}
  <div class="list-container">
    <h2 class="list-title">{escape(label)}</h2>
    <ul class="list">
{rows}
    </ul>
    <div class="pages">{" ".join(links)}</div>
  </div>
</div>
"""
        + FOOTER
    )


def main(output: Path = OUTPUT) -> None:
    content = load_sections(CONTENT)
    start_afresh(output)
    serial = 0
    written = 0
    mislabelled = []
    for spec in SECTIONS:
        entries = []
        for article in content[spec.key]:
            serial += 1
            entries.append((article, article_path(spec, article, serial)))
        for position, (article, path) in enumerate(entries):
            related = [(other["title"], p) for other, p in entries[position + 1 : position + 4]]
            write(output, path, render_article(spec, article, path, related))
            written += 1
            if article.get("charset_trap"):
                mislabelled.append(path)
        pages = -(-len(entries) // spec.per_page)
        for index in range(pages):
            chunk = entries[index * spec.per_page : (index + 1) * spec.per_page]
            items = [(article["title"], path, article["date"]) for article, path in chunk]
            write(output, listing_page_path(spec, index), render_listing(spec, index, pages, items))
    write(
        output,
        "/index.html",
        page_head("The State Council of the People's Republic of China", "utf-8")
        + '<div class="container">\n  <ul class="channels">\n'
        + "".join(
            f'    <li><a href="//{HOST}{spec.listing}">{escape(spec.crumbs[-1][0])}</a></li>\n'
            for spec in SECTIONS
        )
        + "  </ul>\n</div>\n"
        + FOOTER,
    )
    write(output, "/robots.txt", "User-agent: *\nDisallow: /search/\n")
    rules = "".join(
        f'\n[[headers]]\n# UTF-8 bytes, <meta> says gb2312, the server names no charset.\npath = "{path}"\n'
        'content_type = "text/html"\n'
        for path in mislabelled
    )
    write(output, "/mirror.toml", "# How the mirror serves english.www.gov.cn pages." + rules)
    print(f"wrote {written} articles under {output}")


if __name__ == "__main__":
    main()
