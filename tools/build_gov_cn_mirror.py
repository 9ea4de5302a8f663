# ruff: noqa: E501 (HTML templates of the mirror generator are easier to read unwrapped)
"""Write the offline mirror of www.gov.cn from tools/gov_cn_articles.json.

Two sections of the Chinese central government portal:

- 要闻: listing pages /yaowen/liebiao/home.htm, home_1.htm (a div.list.list_1.list_2
  list of h4 headline links with a date, numbered pagination), articles at
  /yaowen/liebiao/YYYYMM/content_NNNNNNN.htm in the portal's news template
  (h1#ti inside div.article.oneColumn.pub_border, a div.pages-date line with the
  source, the body in div.pages_content#UCAP-CONTENT).
- 国务院公报 (State Council Gazette): the current issue at /gongbao/currentissue.htm
  and older issues at /gongbao/YYYY/issue_N/, each listing its documents and the
  past issues (往期回顾); documents at /gongbao/content/YYYY/content_N.htm (up to
  2023) or /gongbao/YYYY/issue_N/YYYYMM/content_N.html (2024 on).

The gazette document pages reproduce the markup of a saved gazette page of the
site (TRS meta tags, the header with its stray </html>, div.BreadcrumbNav with
"&nbsp;&gt;&nbsp;" separators and page tools, the headline only inside the
body's first centred paragraph, related links, footer), with scripts and styles
cut down.  The news template, the listing pages and the issue pages follow what
is publicly known of them (see the notes of crawler/profiles/gov_cn.toml).  All
visible text is written for the mirror.

Run `python tools/build_gov_cn_mirror.py` after editing the JSON; the output
under crawler/mirrors/www.gov.cn/ is committed.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from mirror_pages import start_afresh, write

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "tools" / "gov_cn_articles.json"
OUTPUT = ROOT / "crawler" / "mirrors" / "www.gov.cn"
SITE = "https://www.gov.cn"
YAOWEN_PER_PAGE = 3
INDENT = "\u3000\u3000"  # gazette paragraphs open with two ideographic spaces


def images(path: str) -> str:
    """The relative prefix of /images/ from PATH, as TRS writes it (../../../images)."""
    depth = path.strip("/").count("/")
    return "../" * depth + "images"


def head(title: str, path: str, meta: str) -> str:
    img = images(path)
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>

<head>
    <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
    <meta http-equiv="x-ua-compatible" content="IE=edge">
    <link href="{img}/trs_favicon.ico" rel="shortcut icon" type="image/x-icon">

 <title>{escape(title)}</title>
{meta}
    <link href="{img}/trs_public.css" rel="stylesheet" type="text/css" />
    <link href="{img}/trs_tynry.css" rel="stylesheet" type="text/css" />
    <link rel="stylesheet" type="text/css" href="{img}/trs_mobile_pub.css" media="screen and (max-width:767px) and (orientation:portrait)" />
    <script src="{img}/trs_jquery.min.js"></script>
    <script src="{img}/trs_common_pages.js"></script>
    <style>
    .pages_content img {{
        max-width: 100%;
    }}
    </style>
<meta property="og:image" itemprop="image" content="https://www.gov.cn/images/150.jpg">
</head>
"""


# The portal's shared header, as served on article pages: it ends with a stray </html>.
HEADER = """<!--header-->
<div class="header">
  <div class="container mhide">
    <div class="padding pos_r">
      <div class="header_logo"><a href="https://www.gov.cn/" target="_blank" aria-label="中国政府网"><img src="/images/gtrs_logo_lt.png" alt="" /><img src="/images/gtrs_logo_rt.png" alt="" class="wordlogo" /></a></div>
      <div class="header_search">
        <form>
          <input type="hidden" name="t" value="govall" />
          <input class="header_search_txt" name="headSearchword" type="text" autocomplete="off" value="" />
          <button class="header_search_btn" type="button" value="&nbsp;" onClick="goSearch(this)" />
        </form>
      </div>
      <ul class="header_toolbar">
        <li><a href="https://www.gov.cn/" target="_blank">首页</a></li>
        <li class="split">|</li>
        <li><a href="https://www.gov.cn/" target="_blank">简</a></li>
        <li class="split">|</li>
        <li><a href="http://big5.www.gov.cn/gate/big5/www.gov.cn/" target="_blank">繁</a></li>
        <li class="split">|</li>
        <li><a href="http://english.www.gov.cn/" target="_blank">EN</a></li>
        <li class="split">|</li>
        <li class="nologin"><a id="userlogin" href="javascript:void(0);">登录</a></li>
        <li class="split">|</li>
        <li><a target="_blank" href="https://mail.gov.cn/nsmail/index.php">邮箱</a></li>
        <li class="split">|</li>
        <li><a href="javascript:;" onclick="aria.start()" clickhide="false">无障碍</a></li>
      </ul>
    </div>
  </div>
  <div class="container pchide">
    <a href="https://www.gov.cn/" class="logo" target="_blank"><img src="/images/newlogo19ysp_lt.png" /><img src="/images/newlogo19ysp_rt.png" class="wordlogo" /></a>
    <a class="lang" href="https://english.www.gov.cn/">EN</a>
    <div class="searchBox">
      <div class="search">
        <form style="font-size:32px;">
          <input class="text search_mi" name="headSearchword" type="text" placeholder="请输入关键字……" />
          <input class="image search_fr" type="button" value="" onClick="goSearch(this)" />
        </form>
      </div>
    </div>
  </div>
</div>

<div class="siteurl hide">https://www.gov.cn/</div>

<script type="text/javascript" src="/images/pub.js"></script>

</html>
<!--end header-->
"""

# Listing and issue pages get the header without the stray </html>: the listing
# parser (crawler/parsers/listing.py), unlike the article parser, does not drop
# premature end tags, and lxml loses every link after one.  Whether the live
# listing pages carry it is not known (no saved copy); if they do, the listing
# parser must learn to drop it as parse_article does.
LISTING_HEADER = HEADER.replace("\n</html>\n<!--end header-->", "\n<!--end header-->")
assert LISTING_HEADER != HEADER

FOOTER = """<!--公共尾开始-->
<div class="footer_wrap">
  <div class="container mhide">
    <div class="footer_links footer_links1">
      <ul class="clearfix">
        <li>链接：</li>
        <li><a href="http://www.npc.gov.cn/" target="_blank">全国人大</a></li>
        <li>|</li>
        <li><a href="http://www.cppcc.gov.cn/" target="_blank">全国政协</a></li>
        <li>|</li>
        <li><a href="http://www.court.gov.cn/" target="_blank">最高人民法院</a></li>
      </ul>
    </div>

    <div class="footer_links footer_links2">
      <ul class="clearfix">
        <li><a href="https://www.gov.cn/home/2023-03/29/content_5748953.htm" target="_blank">国务院部门网站</a></li>
        <li>|</li>
        <li><a href="https://www.gov.cn/home/2023-03/29/content_5748954.htm" target="_blank">地方政府网站</a></li>
      </ul>
    </div>

    <div class="footer over_hide">
      <div class="footer_l fl">
        <div class="footer_txt fl">
          <div class="footer_nav">
            <span><a href="https://www.gov.cn/index.htm" target="_blank">中国政府网</a></span>
            <span class="split">|</span>
            <span><a href="https://www.gov.cn/home/2016-05/11/content_5046257.htm" target="_blank">关于本网</a></span>
            <span class="split">|</span>
            <span><a href="https://www.gov.cn/home/2014-02/23/content_5046258.htm" target="_blank">网站声明</a></span>
            <span class="split">|</span>
            <span><a href="https://www.gov.cn/home/2014-02/23/content_5046259.htm" target="_blank">联系我们</a></span>
          </div>

          <div class="footer_copyright">
            <p class="footer_bg_gray zbd">主办单位：国务院办公厅　运行维护单位：中国政府网运行中心 </p>
            <p class="footer_bg_gray bqs">版权所有：中国政府网　中文域名：<fjtignoreurl>中国政府网.政务</fjtignoreurl>
            </p>
            <p>网站标识码bm00000000　<a class="banquan" href="https://beian.miit.gov.cn/#/Integrated/index" target="_blank">京ICP备00000000号</a></p>
          </div>
        </div>
      </div>

      <div class="footer_r fr">
        <div class="fl footer_ewm footer_ewm_gkhd">
          <a href="http://app.www.gov.cn/download/Chinese.html" target="_blank"><img src="/images/icon_1234.png" alt="" /><span>国务院客户端</span></a>
        </div>
      </div>
    </div>
  </div>
  <div class="container pchide">
    <div class="newfooter">
      <ul class="btnlist">
        <li><a id="godesktop" data-rel="desktop" class="am-footer-desktop" href="#">电脑版</a></li>
        <li><a href="https://app.www.gov.cn/govdata/html/download.html?from=singlemessage">客户端</a></li>
        <li><a href="https://mail.gov.cn/nsmail/index.php">邮箱</a></li>
      </ul>
      <div class="box">
        <div class="right">
          <p>主办单位：国务院办公厅　运行维护单位：中国政府网运行中心</p>
          <p>版权所有：中国政府网　中文域名：<fjtignoreurl>中国政府网.政务</fjtignoreurl>
          </p>
        </div>
      </div>
    </div>
  </div>
</div>
"""

PRINT_TOOLS = """            <div class="pages_print mhide{extra}">
                <span class="font index_switchsize">字号：<span class="default on">默认</span>
                    <span class="big">大</span>
                    <span class="bigger">超大</span>
                </span>
                <span class="split">|</span>
                <span class="font printIco" onclick="forPrintEventListenerFn('beforeprint')">打印</span>
                <span class="split">|</span>
                <!-- share -->
                <div class="share{share_extra}" id="share">
                    <div class="share-box" id="share-box">
                    <a class="share-btn gwds_tsina" data-w="gwds_tsina" title="新浪微博">&nbsp;</a>
                    <a class="share-btn gwds_weixin" data-w="gwds_weixin" title="微信">&nbsp;</a>
                    <a class="share-btn gwds_qzone" data-w="gwds_qzone" title="qq空间">&nbsp;</a>
                    </div>
                </div>
            </div>"""


def tail(share_title: str, path: str) -> str:
    img = images(path)
    return f"""<!--微信分享图功能-->
<div class="share-title" style="display:none">{share_title}</div>
<div class="share-substr" style="display:none"></div>
<img class="share-img" style="display:none" src="https://www.gov.cn/images/150.jpg" width="300" height="300" />
<script src="{img}/20191226wxShare.js"></script>
<!--微信分享图功能-->
<!--公共尾结束-->

<script src="{img}/trs_article_pub.js"></script>
<script src="{img}/trs_share.js"></script>
</body>

</html>
"""


def related_block(related: list[tuple[str, str]]) -> str:
    items = "\n".join(
        f'                        <li><a href="{href}" target="_blank">{escape(title)}</a></li>'
        for title, href in related
    )
    return f"""                <!--相关稿件-->
                <div class="xg-list related">
                    <div class="pannel-title">相关稿件</div>
                    <ul class="list01">
{items}
                    </ul>
                </div>
                <!--相关稿件-->"""


# ---------------------------------------------------------------- gazette


def gongbao_article(issue: dict, doc: dict, related: list[tuple[str, str]]) -> str:
    path = doc["path"]
    meta = f"""<meta name="others" content="页面生成时间 {doc["published"][:10]} 11:23:36">
<meta name="template,templategroup,version" content="6051,100053,1.0" />
<meta name="keywords" content="">
<meta name="description" content='' />
<meta name="catalog" content="{issue["catalog"]}">
 <meta name="lanmu" content="{issue["issue"]}">
<meta name='manuscriptId' content="{doc["manuscript"]}">
<meta name='author' content="刘小溪">
<meta name="firstpublishedtime" content="{doc["published"]}">
<meta name="lastmodifiedtime" content="{doc["published"]}">
"""
    heading = "<br>\n".join(escape(line) for line in doc["heading"])
    lead = (
        f'<p align="center"><font size="1" style="FONT-SIZE: 18pt"><strong>{heading}</strong>'
        "</font>"
    )
    if doc.get("adopted"):
        lead += f"<br>\n{escape(doc['adopted'])}</p>"
    else:
        lead += "</p>"
        if doc.get("doc_no"):
            lead += f'\n<p align="center">{escape(doc["doc_no"])}</p>'
    paragraphs = "\n".join(f"<p>{INDENT}{escape(text)}</p>" for text in doc["paragraphs"])
    signature = "\n".join(
        f'<p align="right">{escape(line)}</p>' for line in doc.get("signature", [])
    )
    body = "\n".join(part for part in (lead, paragraphs, signature) if part)
    share_title = "<br>".join(escape(line) for line in doc["heading"])
    tools = PRINT_TOOLS.format(extra=" pages_print_gwygb", share_extra=" share_gwygb")
    return (
        head(f"{doc['title']}__{issue['issue']}国务院公报_中国政府网", path, meta)
        + '\n<body class="GWYGBXL">\n'
        + HEADER
        + f"""<div class="content">
    <div class="gwy_gb">
        <!--面包屑开始-->
        <div class="BreadcrumbNav BreadcrumbNav-zyygwj">
            <a href="https://www.gov.cn/" target="_blank">首页</a>&nbsp;&gt;&nbsp;<a href="https://www.gov.cn/gongbao/currentissue.htm" target="_blank">国务院公报</a>&nbsp;&gt;&nbsp;<a href="https://www.gov.cn{issue["issue_path"]}"><span id="lastNodeID">{escape(issue["issue"])}</span></a>

{tools}
        </div>
        <!--面包屑结束-->

        <div class="padd-zyygwj">
            <div class="article oneColumn oneColumn_gwygb noneBorder">

                <div class="pages_content" id="UCAP-CONTENT">
                    {body}

                    <div style="display:none">

                    </div>
                </div>

    <div class="pageInfo pageGray" id="pagination"></div>

                <div id="div_div" class="mhide sweep_gb">
                    <div id="qr_container" class="sweep sweep_gwygb">扫一扫在手机打开当前页</div>
                </div>
                <canvas id="Canvas"></canvas>


{related_block(related)}
                <div class="clear"></div>
            </div>
        </div>
        <div class="clear"></div>
    </div>
</div>
"""
        + FOOTER
        + tail(share_title, path)
    )


def issue_page(issue: dict, path: str, issues: list[dict]) -> str:
    rows = "\n".join(
        f'                    <li><a href="{doc["path"]}" target="_blank">{escape(doc["title"])}</a></li>'
        for doc in issue["articles"]
    )
    past = "\n".join(
        f'                    <li><a href="{other["issue_path"]}">{escape(other["issue"])}</a></li>'
        for other in issues
        if not other.get("current") and other is not issue
    )
    meta = f'<meta name="catalog" content="{issue["catalog"]}">\n <meta name="lanmu" content="{issue["issue"]}">\n'
    return (
        head(f"{issue['issue']}国务院公报_中国政府网", path, meta)
        + '\n<body class="GWYGBXL">\n'
        + LISTING_HEADER
        + f"""<div class="content">
    <div class="gwy_gb">
        <div class="BreadcrumbNav BreadcrumbNav-zyygwj">
            <a href="https://www.gov.cn/" target="_blank">首页</a>&nbsp;&gt;&nbsp;<a href="https://www.gov.cn/gongbao/currentissue.htm" target="_blank">国务院公报</a>&nbsp;&gt;&nbsp;<span id="lastNodeID">{escape(issue["issue"])}</span>
        </div>
        <div class="padd-zyygwj">
            <div class="gb_main">
                <div class="gb_title">国务院公报　{escape(issue["issue"])}</div>
                <div class="gb_mulu">
                    <div class="pannel-title">目录</div>
                    <ul class="list01">
{rows}
                    </ul>
                </div>
                <div class="gb_wqhg">
                    <div class="pannel-title">往期回顾</div>
                    <ul class="list02">
{past}
                    </ul>
                </div>
            </div>
        </div>
    </div>
</div>
"""
        + FOOTER
        + tail(escape(issue["issue"]), path)
    )


# ---------------------------------------------------------------- news (要闻)


def yaowen_path(article: dict) -> str:
    return f"/yaowen/liebiao/{article['date'][:7].replace('-', '')}/content_{article['id']}.htm"


def yaowen_article(article: dict, related: list[tuple[str, str]]) -> str:
    path = yaowen_path(article)
    stamp = f"{article['date']}-{article['time']}"
    meta = f"""<meta name="others" content="页面生成时间 {article["date"]} {article["time"]}">
<meta name="template,templategroup,version" content="6015,100053,1.0" />
<meta name="keywords" content="">
<meta name="description" content='' />
<meta name="catalog" content="要闻">
<meta name='manuscriptId' content="{article["id"]}">
<meta name='author' content="{escape(article["source"])}">
<meta name="firstpublishedtime" content="{stamp}">
<meta name="lastmodifiedtime" content="{stamp}">
"""
    paragraphs = "\n".join(
        f'<p style="text-indent: 2em; font-family: 宋体; font-size: 12pt;">{escape(text)}</p>'
        for text in article["paragraphs"]
    )
    tools = PRINT_TOOLS.format(extra="", share_extra="")
    return (
        head(f"{article['title']}_要闻_中国政府网", path, meta)
        + "\n<body>\n"
        + HEADER
        + f"""<div class="content">
    <div class="BreadcrumbNav">
        <a href="https://www.gov.cn/" target="_blank">首页</a>&nbsp;&gt;&nbsp;<a href="https://www.gov.cn/yaowen/" target="_blank">要闻</a>
    </div>
    <div class="article oneColumn pub_border">
        <h1 id="ti">{escape(article["title"])}</h1>
        <div class="pages-date">{article["date"]} {article["time"][:5]}
            <span class="font">来源： {escape(article["source"])}</span>
{tools}
        </div>
        <div class="pages_content mhide" id="UCAP-CONTENT">
            <div class="trs_editor_view TRS_UEDITOR trs_paper_default trs_web">
{paragraphs}
            </div>
        </div>
        <div class="pageInfo pageGray" id="pagination"></div>
        <div class="editor">【我要纠错】 责任编辑：{escape(article["editor"])}</div>
        <div id="div_div" class="mhide">
            <div id="qr_container" class="sweep">扫一扫在手机打开当前页</div>
        </div>
{related_block(related)}
    </div>
</div>
"""
        + FOOTER
        + tail(escape(article["title"]), path)
    )


def yaowen_listing_path(index: int) -> str:
    return "/yaowen/liebiao/home.htm" if index == 0 else f"/yaowen/liebiao/home_{index}.htm"


def yaowen_listing(index: int, pages: int, chunk: list[dict]) -> str:
    path = yaowen_listing_path(index)
    rows = "\n".join(
        f'                <li><h4><a href=".{yaowen_path(a)[len("/yaowen/liebiao") :]}" target="_blank">'
        f'{escape(a["title"])}</a><span class="date">{a["date"]}</span></h4></li>'
        for a in chunk
    )

    def name(number: int) -> str:
        return yaowen_listing_path(number).rsplit("/", 1)[1]

    links = [f'<a href="{name(0)}">首页</a>']
    if index > 0:
        links.append(f'<a href="{name(index - 1)}">上一页</a>')
    for number in range(pages):
        links.append(
            f'<span class="on">{number + 1}</span>'
            if number == index
            else f'<a href="{name(number)}">{number + 1}</a>'
        )
    if index + 1 < pages:
        links.append(f'<a href="{name(index + 1)}">下一页</a>')
    links.append(f'<a href="{name(pages - 1)}">尾页</a>')
    pager = " ".join(links) + f' 共<span class="red">{pages}</span>页'
    meta = '<meta name="catalog" content="要闻">\n'
    return (
        head("要闻_中国政府网", path, meta)
        + "\n<body>\n"
        + LISTING_HEADER
        + f"""<div class="content">
    <div class="BreadcrumbNav">
        <a href="https://www.gov.cn/" target="_blank">首页</a>&nbsp;&gt;&nbsp;<span class="noline"><a href="https://www.gov.cn/yaowen/">要闻</a></span>
    </div>
    <div class="news_box">
        <div class="list list_1 list_2">
            <ul>
{rows}
            </ul>
        </div>
        <div class="pages" id="page">{pager}</div>
    </div>
</div>
"""
        + FOOTER
        + tail("要闻", path)
    )


# ---------------------------------------------------------------- main


def main(output: Path = OUTPUT) -> None:
    content = json.loads(CONTENT.read_text(encoding="utf-8"))
    start_afresh(output)
    written = 0

    news = content["yaowen"]
    for index, article in enumerate(news):
        related = [(other["title"], yaowen_path(other)) for other in news[index + 1 : index + 3]]
        write(output, yaowen_path(article), yaowen_article(article, related))
        written += 1
    pages = -(-len(news) // YAOWEN_PER_PAGE)
    for index in range(pages):
        chunk = news[index * YAOWEN_PER_PAGE : (index + 1) * YAOWEN_PER_PAGE]
        write(output, yaowen_listing_path(index), yaowen_listing(index, pages, chunk))

    issues = content["gongbao"]
    for issue in issues:
        for doc in issue["articles"]:
            related = [(o["title"], o["path"]) for o in issue["articles"] if o is not doc]
            write(output, doc["path"], gongbao_article(issue, doc, related))
            written += 1
        path = "/gongbao/currentissue.htm" if issue.get("current") else issue["issue_path"]
        write(output, path, issue_page(issue, path, issues))

    write(output, "/robots.txt", "User-agent: *\nDisallow: /search/\n")
    print(f"wrote {written} articles under {output}")


if __name__ == "__main__":
    main()
