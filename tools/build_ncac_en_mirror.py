"""Write the offline mirror of the NCAC English site from tools/ncac_en_articles.json.

The mirror reproduces what is publicly known of en.ncac.gov.cn: the "You are
here: Home > News > Top News" line, the headline, a YYYY-MM-DD date line and the
body; the older CMS's channel pages with numbered pagination and
/copyright/contents/<channel>/<id>.shtml articles; and TRS CMS sections whose
listing pages paginate with a createPageHTML() script call and whose articles
live at /<path>/YYYYMM/tYYYYMMDD_<id>.html.  Page chrome (language switch,
navigation, share bar, related links, footer) is there so that extraction is
tested against noise, as on the real site.

Run `python tools/build_ncac_en_mirror.py` after editing the JSON; the output
under crawler/mirrors/en.ncac.gov.cn/ is committed, so nobody needs to run it
to use the mirror.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from mirror_pages import load_sections, start_afresh, write

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "tools" / "ncac_en_articles.json"
OUTPUT = ROOT / "crawler" / "mirrors" / "en.ncac.gov.cn"
HOST = "https://en.ncac.gov.cn"


@dataclass(frozen=True)
class SectionSpec:
    key: str
    crumbs: tuple[tuple[str, str], ...]  # (label, href) after Home
    listing: str  # path of the first listing page
    per_page: int
    trs_path: str  # where TRS-form articles live


SECTIONS = (
    SectionSpec(
        "topnews",
        (("News", "/news/"), ("Top News", "/copyright/channels/10361.shtml")),
        "/copyright/channels/10361.shtml",
        5,
        "/news/topnews",
    ),
    SectionSpec(
        "internationalcooperation",
        (("News", "/news/"), ("International Cooperation", "/news/internationalcooperation/")),
        "/news/internationalcooperation/index.html",
        5,
        "/news/internationalcooperation",
    ),
    SectionSpec(
        "regionalupdates",
        (("News", "/news/"), ("Regional Updates", "/news/regionalupdates/")),
        "/news/regionalupdates/index.html",
        5,
        "/news/regionalupdates",
    ),
    SectionSpec(
        "overviewofncacwork",
        (("About Us", "/aboutus/"), ("Overview of NCAC work", "/aboutus/overviewofncacwork/")),
        "/aboutus/overviewofncacwork/index.html",
        2,
        "/aboutus/overviewofncacwork",
    ),
)
OLD_CMS_BEFORE = "2021-01-01"  # Top News articles older than this keep the older URL form
OLD_CMS_CHANNEL = 10361


def article_path(spec: SectionSpec, article: dict, serial: int) -> str:
    if spec.key == "topnews" and article["date"] < OLD_CMS_BEFORE:
        return f"/copyright/contents/{OLD_CMS_CHANNEL}/{329000 + serial * 137}.shtml"
    ymd = article["date"].replace("-", "")
    return f"{spec.trs_path}/{ymd[:6]}/t{ymd}_{57000 + serial * 41}.html"


def page_head(title: str, extra_meta: str = "") -> str:
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<title>{escape(title)}--National Copyright Administration of China</title>
{extra_meta}<link rel="stylesheet" type="text/css" href="/images/style.css" />
</head>
<body>
<div class="top">
  <div class="lang"><a href="https://en.ncac.gov.cn/">EN</a> | <a href="http://www.ncac.gov.cn/chinacopyright/channels/479.html">中文</a></div>
  <div class="logo"><a href="/"><img src="/images/logo.png" alt="National Copyright Administration of China" /></a></div>
  <div class="search"><form action="/search/" method="get"><input type="text" name="q" /><input type="submit" value="Search" /></form></div>
</div>
<div class="nav">
  <ul>
    <li><a href="/">Home</a></li>
    <li><a href="/aboutus/overviewofncacwork/index.html">About Us</a></li>
    <li><a href="/copyright/channels/10361.shtml">News</a></li>
    <li><a href="/news/internationalcooperation/index.html">International Cooperation</a></li>
    <li><a href="/news/regionalupdates/index.html">Regional Updates</a></li>
  </ul>
</div>
"""


FOOTER = """<div class="footer">
  <p><a href="/aboutus/overviewofncacwork/index.html">About Us</a> | <a href="/sitemap/">Site Map</a> | <a href="/contact/">Contact Us</a></p>
  <p>Copyright &copy; National Copyright Administration of China. All Rights Reserved.</p>
</div>
</body>
</html>
"""


def position(spec: SectionSpec, last_is_link: bool) -> str:
    crumbs = ['<a href="/">Home</a>']
    for index, (label, href) in enumerate(spec.crumbs):
        is_last = index == len(spec.crumbs) - 1
        if is_last and not last_is_link:
            crumbs.append(escape(label))
        else:
            crumbs.append(f'<a href="{href}">{escape(label)}</a>')
    return f'<div class="position">You are here: {" &gt; ".join(crumbs)}</div>'


def render_article(spec: SectionSpec, article: dict, path: str, related: list[tuple]) -> str:
    is_trs = path.endswith(".html")
    meta = ""
    if is_trs:
        meta = (
            f'<meta name="ArticleTitle" content="{escape(article["title"])}" />\n'
            f'<meta name="PubDate" content="{article["date"]} 09:30" />\n'
            f'<meta name="ColumnName" content="{escape(spec.crumbs[-1][0])}" />\n'
            '<meta name="ContentSource" content="NCAC" />\n'
        )
    # Some TRS pages show no date line: the date is then in the meta tag and the URL.
    show_date = not (is_trs and article.get("_serial", 0) % 4 == 3)
    date_line = (
        f'    <div class="info"><span class="date">{article["date"]}</span>'
        '<span class="source">Source: NCAC</span></div>\n'
        if show_date
        else ""
    )
    paragraphs = "\n".join(f"      <p>{escape(text)}</p>" for text in article["paragraphs"])
    related_items = "\n".join(
        f'      <li><a href="{href}">{escape(title)}</a></li>' for title, href in related
    )
    return (
        page_head(article["title"], meta)
        + f"""<div class="wrap">
  {position(spec, last_is_link=True)}
  <div class="article">
    <h1>{escape(article["title"])}</h1>
{date_line}    <div class="content">
      <div class="TRS_Editor">
{paragraphs}
      </div>
    </div>
    <div class="editor">Editor: NCAC English Editorial Office</div>
    <div class="share">Share to: <a href="javascript:void(0)">WeChat</a> <a href="javascript:void(0)">Weibo</a> <a href="javascript:window.print()">Print</a></div>
  </div>
  <div class="related">
    <h3>Related News</h3>
    <ul>
{related_items}
    </ul>
  </div>
</div>
"""
        + FOOTER
    )


def listing_page_path(spec: SectionSpec, index: int) -> str:
    if index == 0:
        return spec.listing
    if spec.listing.endswith(".shtml"):  # older CMS: 10361.shtml, 10361_2.shtml, ...
        return spec.listing.replace(".shtml", f"_{index + 1}.shtml")
    return spec.listing.replace("index.html", f"index_{index}.html")  # TRS: index_1.html, ...


def render_listing(spec: SectionSpec, index: int, pages: int, items: list[tuple]) -> str:
    rows = "\n".join(
        f'    <li><a href="{href}" target="_blank" title="{escape(title)}">{escape(title)}</a>'
        f'<span class="time">{date}</span></li>'
        for title, href, date in items
    )
    if spec.listing.endswith(".shtml"):
        links = []
        for number in range(pages):
            href = listing_page_path(spec, number).rsplit("/", 1)[1]
            links.append(
                f'<span class="current">{number + 1}</span>'
                if number == index
                else f'<a href="{href}">{number + 1}</a>'
            )
        if index + 1 < pages:
            next_href = listing_page_path(spec, index + 1).rsplit("/", 1)[1]
            links.append(f'<a href="{next_href}" class="next">Next</a>')
        pagination = f'  <div class="page">Pages: {" ".join(links)}</div>'
    else:
        pagination = (
            '  <div class="page" id="page"><script type="text/javascript">\n'
            f'    createPageHTML({pages}, {index}, "index", "html");\n'
            "  </script></div>"
        )
    return (
        page_head(spec.crumbs[-1][0])
        + f"""<div class="wrap">
  {position(spec, last_is_link=False)}
  <div class="list">
  <ul>
{rows}
  </ul>
{pagination}
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
    home_links = []
    for spec in SECTIONS:
        articles = content[spec.key]
        entries = []
        for article in articles:
            serial += 1
            article = {**article, "_serial": serial}
            entries.append((article, article_path(spec, article, serial)))
        for position_index, (article, path) in enumerate(entries):
            related = [
                (other["title"], other_path)
                for other, other_path in entries[position_index + 1 : position_index + 4]
            ]
            write(output, path, render_article(spec, article, path, related))
            written += 1
        pages = -(-len(entries) // spec.per_page)
        for index in range(pages):
            chunk = entries[index * spec.per_page : (index + 1) * spec.per_page]
            items = [(article["title"], path, article["date"]) for article, path in chunk]
            write(output, listing_page_path(spec, index), render_listing(spec, index, pages, items))
        home_links.append((spec.crumbs[-1][0], spec.listing))
    home = "\n".join(
        f'    <li><a href="{href}">{escape(label)}</a></li>' for label, href in home_links
    )
    write(
        output,
        "/index.html",
        page_head("Home")
        + f'<div class="wrap">\n  <ul class="channels">\n{home}\n  </ul>\n</div>\n'
        + FOOTER,
    )
    write(output, "/robots.txt", "User-agent: *\nDisallow: /search/\n")
    print(f"wrote {written} articles under {output}")


if __name__ == "__main__":
    main()
