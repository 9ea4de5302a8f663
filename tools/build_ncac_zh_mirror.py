# ruff: noqa: E501 (HTML templates of the mirror generator are easier to read unwrapped)
"""Write the offline mirror of the NCAC Chinese site from tools/ncac_zh_articles.json.

The Chinese site of the National Copyright Administration (国家版权局) lives at
www.ncac.gov.cn/chinacopyright/.  Known of it: channel pages such as
/chinacopyright/channels/479.html and article bodies in an element with class
``m3nEditor``.  Assumed here (see crawler/profiles/ncac_zh.toml): the channel
ids of 版权要闻 (12227) and 地方动态 (12228), channel pages at
/chinacopyright/channels/<id>.shtml with numbered pages <id>_2.shtml ..., articles
at /chinacopyright/contents/<channel>/<id>.shtml, a "当前位置：首页 > 版权要闻"
line, and the title, date line and page chrome around the body.

The site serves GBK: every page is written as GBK bytes with no <meta charset>,
and crawler/mirrors/www.ncac.gov.cn/mirror.toml makes the mirror server send
"Content-Type: text/html; charset=GBK" for /chinacopyright/*, so the charset is
only in the HTTP header.  All visible text is written for the mirror.

Run `python tools/build_ncac_zh_mirror.py` after editing the JSON; the output
under crawler/mirrors/www.ncac.gov.cn/ is committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from mirror_pages import load_sections, start_afresh, write

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "tools" / "ncac_zh_articles.json"
OUTPUT = ROOT / "crawler" / "mirrors" / "www.ncac.gov.cn"
ENCODING = "gbk"
HOME = "/chinacopyright/channels/479.html"


def write_gbk(output: Path, path: str, html: str) -> None:
    """The live pages are GBK: so are the mirror's (strict, every character must exist)."""
    write(output, path, html, ENCODING)


MIRROR_TOML = """\
# The live site sends its GBK pages with the charset in the HTTP header only.
[[headers]]
path = "/chinacopyright/*"
content_type = "text/html; charset=GBK"
"""


@dataclass(frozen=True)
class Channel:
    key: str
    label: str
    channel: int
    per_page: int

    @property
    def listing(self) -> str:
        return f"/chinacopyright/channels/{self.channel}.shtml"

    def listing_page(self, index: int) -> str:
        if index == 0:
            return self.listing
        return f"/chinacopyright/channels/{self.channel}_{index + 1}.shtml"

    def article(self, article: dict) -> str:
        return f"/chinacopyright/contents/{self.channel}/{article['id']}.shtml"


CHANNELS = (
    Channel("bqyw", "版权要闻", 12227, 4),
    Channel("dfdt", "地方动态", 12228, 3),
)


def page_head(title: str) -> str:
    nav = "\n".join(
        f'      <li><a href="{channel.listing}">{channel.label}</a></li>' for channel in CHANNELS
    )
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<title>{escape(title)}-国家版权局</title>
<link rel="stylesheet" type="text/css" href="/chinacopyright/templates/css/m3n_main.css" />
<script type="text/javascript" src="/chinacopyright/templates/js/jquery.min.js"></script>
</head>
<body>
<div class="m3nTop">
  <div class="m3nWrap">
    <span class="m3nDate">欢迎访问国家版权局网站</span>
    <span class="m3nLang"><a href="http://en.ncac.gov.cn/">EN</a> | <a href="{HOME}">中文</a></span>
  </div>
</div>
<div class="m3nHead">
  <div class="m3nWrap">
    <div class="m3nLogo"><a href="{HOME}"><img src="/chinacopyright/templates/images/logo.png" alt="国家版权局" /></a></div>
    <div class="m3nSearch"><form action="/chinacopyright/search.shtml" method="get"><input type="text" name="q" class="m3nSearchInput" /><input type="submit" value="搜索" class="m3nSearchBtn" /></form></div>
  </div>
</div>
<div class="m3nNav">
  <div class="m3nWrap">
    <ul>
      <li><a href="{HOME}">首页</a></li>
{nav}
      <li><a href="/chinacopyright/channels/4026.html">政策法规</a></li>
    </ul>
  </div>
</div>
"""


FOOTER = """<div class="m3nFoot">
  <div class="m3nWrap">
    <p><a href="/chinacopyright/channels/12578.shtml">网站地图</a> | <a href="/chinacopyright/channels/12579.shtml">联系我们</a></p>
    <p>主办单位：国家版权局　版权所有：国家版权局</p>
    <p>京ICP备00000000号</p>
  </div>
</div>
</body>
</html>
"""


def position(channel: Channel) -> str:
    return (
        '<div class="m3nPosition">当前位置：'
        f'<a href="{HOME}">首页</a> &gt; <a href="{channel.listing}">{channel.label}</a></div>'
    )


def render_article(channel: Channel, article: dict, related: list[tuple[str, str]]) -> str:
    paragraphs = "\n".join(
        f'<p style="text-indent: 2em;">{escape(text)}</p>' for text in article["paragraphs"]
    )
    items = "\n".join(
        f'        <li><a href="{href}" target="_blank">{escape(title)}</a></li>'
        for title, href in related
    )
    return (
        page_head(article["title"])
        + f"""<div class="m3nMain">
  <div class="m3nWrap">
    {position(channel)}
    <div class="m3nArticle">
      <div class="m3nArticleTitle">{escape(article["title"])}</div>
      <div class="m3nArticleInfo"><span>发布时间：{article["date"]}</span><span>来源：{escape(article["source"])}</span><span class="m3nFont">【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span></div>
      <div class="m3nEditor">
{paragraphs}
      </div>
      <div class="m3nShare">分享到：<a href="javascript:void(0)" class="wx">微信</a> <a href="javascript:void(0)" class="wb">微博</a></div>
      <div class="m3nTools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
    </div>
    <div class="m3nRelated">
      <div class="m3nRelatedTitle">相关链接</div>
      <ul>
{items}
      </ul>
    </div>
  </div>
</div>
"""
        + FOOTER
    )


def render_listing(channel: Channel, index: int, pages: int, chunk: list[dict]) -> str:
    rows = "\n".join(
        f'        <li><a href="{channel.article(a)}" target="_blank" title="{escape(a["title"])}">'
        f'{escape(a["title"])}</a><span class="m3nListDate">{a["date"]}</span></li>'
        for a in chunk
    )

    def name(number: int) -> str:
        return channel.listing_page(number).rsplit("/", 1)[1]

    links = []
    if index > 0:
        links.append(f'<a href="{name(index - 1)}">上一页</a>')
    for number in range(pages):
        links.append(
            f'<span class="current">{number + 1}</span>'
            if number == index
            else f'<a href="{name(number)}">{number + 1}</a>'
        )
    if index + 1 < pages:
        links.append(f'<a href="{name(index + 1)}">下一页</a>')
    return (
        page_head(channel.label)
        + f"""<div class="m3nMain">
  <div class="m3nWrap">
    {position(channel)}
    <div class="m3nList">
      <div class="m3nListTitle">{channel.label}</div>
      <ul>
{rows}
      </ul>
      <div class="m3nPage">{" ".join(links)}</div>
    </div>
  </div>
</div>
"""
        + FOOTER
    )


def main(output: Path = OUTPUT) -> None:
    content = load_sections(CONTENT)
    start_afresh(output)
    written = 0
    for channel in CHANNELS:
        articles = content[channel.key]
        for index, article in enumerate(articles):
            related = [(o["title"], channel.article(o)) for o in articles[index + 1 : index + 4]]
            write_gbk(output, channel.article(article), render_article(channel, article, related))
            written += 1
        pages = -(-len(articles) // channel.per_page)
        for index in range(pages):
            chunk = articles[index * channel.per_page : (index + 1) * channel.per_page]
            write_gbk(
                output, channel.listing_page(index), render_listing(channel, index, pages, chunk)
            )
    latest = "\n".join(
        f'        <li><a href="{channel.listing}">{channel.label}</a></li>' for channel in CHANNELS
    )
    write_gbk(
        output,
        HOME,
        page_head("首页")
        + f'<div class="m3nMain">\n  <div class="m3nWrap">\n    <ul class="m3nChannels">\n{latest}\n'
        + "    </ul>\n  </div>\n</div>\n"
        + FOOTER,
    )
    (output / "mirror.toml").write_text(MIRROR_TOML, encoding="utf-8")
    (output / "robots.txt").write_text("User-agent: *\nDisallow: /search/\n", encoding="utf-8")
    print(f"wrote {written} articles under {output}")


if __name__ == "__main__":
    main()
