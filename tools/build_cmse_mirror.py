# ruff: noqa: E501 (HTML templates of the mirror generator are easier to read unwrapped)
"""Write the offline mirror of www.cmse.gov.cn from tools/cmse_articles.json.

The article pages reproduce the markup of two real article pages of the China
Manned Space Engineering site (TRS CMS): the header and the two navigation bars,
the ``div.artDet_crumbs > div.cru`` trail "首页 > 专题报道 > 新闻发布会" (links joined
by "&nbsp;&gt;&nbsp;"), the headline in ``div.mainCon.wzxq > div.title``, the
``div.pubDate`` line "发布日期: <span>YYYY-MM-DD</span>" with an optional
``div.source`` "信息来源:" line and the font-size/print tools, and the body in
``div.article#dochtmlcon > div.TRS_Editor`` in the two forms seen:

* press conferences (专题报道 > 新闻发布会), as on a 2012 page: the text inside
  ``div.content#content`` between ``<meta name="ContentStart">`` and
  ``<meta name="ContentEnd">``, opened by a centred photo, date and speaker
  line, and the editor credit in ``div.pageSource`` inside ``div.TRS_Editor``;
* news (新闻中心 > 综合新闻), as on a 2021 page: ``<div>`` blocks with bold
  subheadings and centred photos with caption lines (later articles use
  ``<p>`` paragraphs, an assumption), and the editor credit in
  ``div.pageSource_all`` after ``div.TRS_Editor``; the shown date may be a day
  before the date in the URL, as on that page.

The listing pages reproduce a saved copy of https://www.cmse.gov.cn/xwzx/zhxw/:
the side menu, ``div.crumbs`` "当前位置:", ``ul#list`` of headline links with dates
(``span.pc_none``) and the pagination script, which writes its links with
document.write() (so a crawler finds no page links in the markup; the profile
gives the URL template ``index_{n}.html``).  Since about 2023 the 综合新闻
articles live at /xwzx/YYYYMM/ rather than /xwzx/zhxw/YYYYMM/; the mirror has
both forms.  All visible text is written for the mirror.

Run ``python tools/build_cmse_mirror.py`` after editing the JSON; the output under
crawler/mirrors/www.cmse.gov.cn/ is committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from mirror_pages import load_sections, start_afresh, write

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "tools" / "cmse_articles.json"
OUTPUT = ROOT / "crawler" / "mirrors" / "www.cmse.gov.cn"
HOST = "https://www.cmse.gov.cn"
SITE_NAME = "中国载人航天官方网站"
NEW_PATHS_FROM = "2023"  # 综合新闻 articles of this year on live at /xwzx/YYYYMM/


@dataclass(frozen=True)
class SectionSpec:
    key: str
    parent: tuple[str, str]  # label, directory
    label: str
    per_page: int
    node_id: int  # the channel id of the page-statistics script
    siblings: tuple[tuple[str, str], ...]  # side menu: label, directory


SECTIONS = (
    SectionSpec(
        "zhxw",
        ("新闻中心", "xwzx"),
        "综合新闻",
        4,
        147,
        (("综合新闻", "zhxw"), ("研制进展", "yzjz")),
    ),
    SectionSpec(
        "xwfbh",
        ("专题报道", "ztbd"),
        "新闻发布会",
        2,
        235,
        (("新闻发布会", "xwfbh"), ("学术大会", "xsnh"), ("标准", "bz"), ("新闻专题", "xwzt")),
    ),
)

NAV = (
    ("新闻中心", "xwzx", (("综合新闻", "zhxw"), ("研制进展", "yzjz"))),
    ("关于工程", "gygc", (("工程简介", "gcjj"), ("系统组成", "xtzc"), ("知识产权", "zscq"))),
    ("官方公告", "gfgg", (("中国空间站轨道参数", "zgkjzgdcs"),)),
    ("飞行任务", "fxrw", ()),
    ("空间科学", "kjkx", (("空间科学研究与应用", "kjkxyjyyy"), ("航天医学实验", "htyxsy"))),
    ("国际合作", "gjhz", ()),
    ("专题报道", "ztbd", (("新闻发布会", "xwfbh"), ("学术大会", "xsnh"), ("新闻专题", "xwzt"))),
    ("科普教育", "kpjy", (("天宫课堂", "tgkt"), ("航天知识", "htzs"))),
    ("多媒体", "dmt", (("视频", "dhhsp"), ("图片", "tj"), ("版权说明", "bqsm"))),
    ("互动交流", "hdjl", (("在线留言", "zxly"),)),
    ("联系我们", "lxwm", ()),
)


def url_date(article: dict) -> str:
    return article.get("url_date") or article["date"]


def article_path(spec: SectionSpec, article: dict) -> str:
    ymd = url_date(article).replace("-", "")
    name = f"{ymd[:6]}/t{ymd}_{article['id']}.html"
    if spec.key == "zhxw" and ymd[:4] >= NEW_PATHS_FROM:
        return f"/{spec.parent[1]}/{name}"
    return f"/{spec.parent[1]}/{spec.key}/{name}"


def head(title: str, up: str) -> str:
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<!--1-->
<title>{escape(title)}_{SITE_NAME}</title>
<script type="text/javascript" src="{up}images/jquery-3.4.1.min.js"></script>
<script type="text/javascript" src="{up}images/mobile_v2020.js"></script>
<link class="stylefile" rel="stylesheet" type="text/css" href="{up}images/base_v2020.css" />
<link class="stylefile" rel="stylesheet" type="text/css" href="{up}images/index_v2020.css" />
<link class="stylefile" rel="stylesheet" type="text/css" href="{up}images/cmse_fwr_pc_v2020.css" />
<link class="mobileStyle" rel="stylesheet" type="text/css" href="{up}images/base_mobile_v2020.css" />
<link class="mobileStyle" rel="stylesheet" type="text/css" href="{up}images/cmse_fwr_mobile_v2020.css" />
<script type="text/javascript" src="{up}images/jquery.SuperSlide.2.1.3.js"></script>
<script type="text/javascript">
\t\tvar isPC = IsPC(); //获取是否为PC端
\t\tif (isPC) {{ //如果是PC端加载PC的js和css
\t\t\t$(".mobileStyle").remove();
\t\t\tdynamicLoadJs('/images/base_v2020.js')
\t\t}} else {{ //如果是移动端加载移动端的js和css
\t\t\t$(".stylefile").remove();
\t\t\tdynamicLoadJs('/images/base_mobile_v2020.js')
\t\t}}
\t</script>
</head>
<body>
"""


def header() -> str:
    items = []
    for label, directory, children in NAV:
        subs = "".join(
            f'\n           <p><a href="{HOST}/{directory}/{child}/" target="_parent">{sub}<i></i></a></p>\n'
            for sub, child in children
        )
        items.append(
            f'  <li><a class="navLiA" href="{HOST}/{directory}/" target="_parent">{label}</a>\n'
            f'    <div class="navLiBox">\n{subs}\n    </div>\n  </li>'
        )
    mobile = "\n".join(
        f'    <li class="swiper-slide"><a href="{HOST}/{directory}/">{label}</a></li>'
        for label, directory, _ in NAV
    )
    nav = "\n".join(items)
    return f"""<div class="header">
  <div class="headerRBox">
    <div class="indexSearchBox">
      <form action="/qwjs/" method="get" onsubmit="return searchTest()">
      <input class="indexSSubmit1" type="submit" value="" />
      <input class="indexSText" type="text" autocomplete="off" name="searchword" value="请输入内容..." onFocus="if(this.value==this.defaultValue){{this.value='';}}" onBlur="if(this.value==''||this.value==this.defaultValue){{this.value=this.defaultValue;}}" />
      <input class="indexSSubmit2" type="submit" value="搜索" />
       </form>
    </div>
    <ul class="headerIconUl">
      <li class="headerIconLi1"><a href="http://mail.cmse.gov.cn/" target="_blank">邮箱</a></li>
      <li class="headerIconLi2"><a href="http://en.cmse.gov.cn/" target="_blank">English</a></li>
      <li class="headerIconLi3"><a></a><span></span></li>
      <li class="headerIconLi4"><a></a><span></span></li>
    </ul>
  </div>
  <a class="headerLogo" href="/"><img src="/images/indexImg1400_20200220_03.png" /></a> </div>
<!--pc导航 开始-->
<ul class="nav" id="daohang1">
{nav}
</ul>
<!--pc导航 结束-->
<!--移动端导航 开始-->
<div class="hjbWap-nav swiper-container1">
  <ul class=" wapIndex-nav swiper-wrapper" id="daohang2">
{mobile}
  </ul>
  <i></i> </div>
<script>
                       function searchTest(){{
                             if($(".indexSText").val()=="" || $(".indexSText").val()=="请输入内容..."){{
                                alert("请输入检索词");
                                return false;
                            }}
                         }}
</script>"""


FOOTER = """<!--底部 开始-->
<div class="footer"> <img class="footerBgImg" src="/images/indexImg20200215_2_09.jpg" />
  <div class="footerBox">
    <div class="footerL">
      <h2>友情链接</h2>
      <ul class="footerYqUl">

		<li><a href="http://www.cas.cn/" target="_blank">中国科学院</a></li>

		<li><a href="http://www.clep.org.cn/" target="_blank">中国探月与深空探测</a></li>

      </ul>
      <div class="footerLB"> <a class="footerLBLImgYd" href="####"> <img src="/images/indexYdImg_20200215_15.png" /> </a> <a class="footerLBLImg" href="####"> <img src="/images/indexFooterImgL_03.png" /> </a>
        <div class="footerLBR">
          <ul class="footerLBRUl">
            <li><a href="https://www.cmse.gov.cn/hdjl/zxly/">在线留言</a></li>
            <li><a href="https://www.cmse.gov.cn/lxwm/">联系我们</a></li>
          </ul>
          <p class="footerLBRP"> <span><i>网站主办：</i>中国载人航天工程办公室</span> <span><i>备案信息：</i>离线镜像中从略</span> </p>
        </div>
        <i class="goTop"></i> </div>
    </div>
    <div class="footerR"> <a> <img src="/images/indexImg20200215_80.png" /> <span>官方微信</span> </a> </div>
  </div>
</div>
<!--底部 结束-->
<script>
$(function () {
    $("[href='####']").removeAttr("href");
});
</script>
<script>
$(document).ready(function(){
//导航选中状态
var chnlUrl=window.location.pathname;
if(chnlUrl.indexOf("/xwzx/")!==-1){
$("#daohang1").children().eq(0).addClass("active").siblings().removeClass("active")
}else if(chnlUrl.indexOf("/ztbd/")!==-1){
$("#daohang1").children().eq(6).addClass("active").siblings().removeClass("active")
}
});
</script>
"""


def crumbs(spec: SectionSpec, hrefs: tuple[str, str, str]) -> str:
    root, parent, channel = hrefs
    return "&nbsp;&gt;&nbsp;".join(
        f'<a href="{href}" title="{label}" class="CurrChnlCls">{label}</a>'
        for label, href in (("首页", root), (spec.parent[0], parent), (spec.label, channel))
    )


def image(src: str, photo_id: int, centred_p: bool) -> str:
    if centred_p:
        return (
            '<p align="center" style="text-align: center; text-indent: 0px;"><strong>'
            f'<img height="400" width="600" alt="" src="./{src}" oldsrc="{src}"></strong></p>'
        )
    return (
        f'<div style="text-align: center;"><b><img fromphoto="1" border="0" photodocid="{photo_id}"'
        f' src="./{src}" alt="" oldsrc="{src}"></b><p><b>\n</b></p></div>'
    )


def news_body(article: dict) -> str:
    """综合新闻: <div> blocks (2021 form) or <p> paragraphs; editor after TRS_Editor."""
    parts = []
    photo = article["id"] - 8
    for block in article["blocks"]:
        if article["layout"] == "p":
            if "img" in block:
                parts.append(
                    f'<p style="text-align: center;"><img src="./{block["img"]}" alt=""'
                    f' oldsrc="{block["img"]}"></p>'
                )
            else:
                parts.append(f'<p style="text-indent: 2em;">{escape(block["text"])}</p>')
            continue
        if "img" in block:
            photo += 1
            parts.append(image(block["img"], photo, centred_p=False))
            parts.append(
                '<div style="text-align: center; text-indent: 0px; padding: 0px 10%;">'
                f"<b>{escape(block['caption'])}</b></div>"
            )
        elif "sub" in block:
            parts.append(f"<div><b>{escape(block['sub'])}</b></div><div></div>")
        elif block.get("lead"):
            parts.append(
                f'<div><span style="font-size: 12pt;">{escape(block["text"])}</span></div><div></div>'
            )
        else:
            parts.append(f"<div>{escape(block['text'])}</div><div></div>")
    return (
        '<div class="article" id="dochtmlcon"><p> </p><div class="TRS_Editor">'
        + "".join(parts)
        + f'</div><p> </p><div class="pageSource_all">（责任编辑：{escape(article["editor"])}）</div></div>'
    )


def press_body(article: dict) -> str:
    """新闻发布会: the 2012 form, photo, date and speaker centred, text in div#content."""
    year, month, day = (int(part) for part in article["date"].split("-"))
    lines = [
        image(article["image"], 0, centred_p=True),
        '<p align="center" style="text-align: center; text-indent: 0px; padding: 0px 10%;">'
        f"<strong>{year}年{month}月{day}日</strong></p>",
        '<p align="center" style="text-align: center; text-indent: 0px;">'
        f"<strong>{escape(article['speaker'])}</strong></p>",
    ]
    lines.extend(f'<p align="left">{escape(block["text"])}</p>' for block in article["blocks"])
    text = "\n".join(lines)
    return (
        '<div class="article" id="dochtmlcon"><p> </p><div class="TRS_Editor">'
        '<div class="content" id="content"><!--<$[信息内容]>begin--><!--ZJEG_RSS.content.begin-->\n'
        '<meta name="ContentStart">\n'
        f"{text}\n"
        '<meta name="ContentEnd"><!--ZJEG_RSS.content.end--><!--<$[信息内容]>end-->\n\n'
        '</div><div class="pageSource">（责任编辑：<!--<$[信息录入人]>begin-->网站编辑'
        '<!--<$[信息录入人]>end-->）</div><div class="prenextBox"></div></div><p> </p></div>'
    )


def render_article(spec: SectionSpec, article: dict, path: str) -> str:
    depth = path.count("/") - 1
    up = "../" * depth
    # Under /xwzx/YYYYMM/ the channel directory is a sibling of the month's.
    hrefs = (up, "../../", "../") if depth == 3 else (up, "../", f"../{spec.key}/")
    source = article.get("source", "")
    source_line = (
        f'\n<div class="source">信息来源: <span>{escape(source)}</span></div>' if source else ""
    )
    body = press_body(article) if spec.key == "xwfbh" else news_body(article)
    title = escape(article["title"])
    return (
        head(article["title"], up)
        + '<div class="top wzxqP"> '
        + header()
        + f""" </div>
<!-- 内容区开始 -->
<div class="artDet_crumbs">
  <div class="cru">
    {crumbs(spec, hrefs)}
  </div>
</div>
<div class="mainCon wzxq" style="min-height:700px">
  <div class="title"> {title} </div>
  <div class="info">
    <div class="pubDate">发布日期: <span>{article["date"]}</span></div>
<!--{escape(source)}-->{source_line}
<!---->

    <div class="fontS mobile_none"> 字号:<span class="fontSpan"> [大]</span> <span class="fontSpan ">[中]</span> <span class="fontSpan active">[小]</span> <span onclick="window.print()">[打印]</span> </div>
  </div>
  {body}

</div>
<!-- 内容区结束 -->


<script>
       $(function(){{
            $(".article .footer").remove()
            var fontArr = $(".nav").width() == "1200" ? [20,18,16] : [18,16,14]
            $(".fontSpan").each(function(i){{
                $(this).click(function(){{
                    $(".article").css("font-size", fontArr[i] + "px")
                }})
            }})
       }})
</script>
"""
        + FOOTER
        + f"""<!-- PHPStat Start -->
<script language="javascript">var __$nodeid='{spec.node_id}';var __$contentid='{article["id"]}';var __$title='{title}';var __$AuthorPh='';var __$Editor='';var __$pubtime='{article["date"]}';</script>
<script language="JavaScript" charset="utf-8" src="//statistics.cmse.gov.cn/phpstat/count/10000001/10000001.js"></script>
<!-- /PHPStat End -->
</body>
</html>
"""
    )


PAGER = """\t\t\t\t<script language="javascript" type="text/javascript">
\t\t\t\tvar currentPage = {index};//所在页从0开始
\t\t\t\tvar prevPage = currentPage-1//上一页
\t\t\t\tvar nextPage = currentPage+1//下一页
\t\t\t\tvar countPage = {pages}//共多少页
\t\t\t\t
\t\t\t\tdocument.write("<span>共"+countPage+"页&nbsp;&nbsp;</span>");
\t\t\t\t//设置上一页代码
\t\t\t\tif(countPage>1&&currentPage!=0&&currentPage!=1)
\t\t\t\t\tdocument.write("<a  target=\\"_self\\" href=\\"index.html\\">首页</a><a target=\\"_self\\" href=\\"index"+"_" + prevPage + "."+"html\\"><span class=\\" disable\\">上一页</span></a>");
\t\t\t\telse if(countPage>1&&currentPage!=0&&currentPage==1)
\t\t\t\t\tdocument.write("<a target=\\"_self\\" href=\\"index.html\\">首页</a><a target=\\"_self\\" href=\\"index.html\\"><span class=\\"disable\\">上一页</span></a>");
\t\t\t\telse
\t\t\t\t\tdocument.write("<a>首页</a><span class=\\"disabled\\">上一页</span>");
\t\t\t\t\t
\t\t\t\t//循环
\t\t\t\tvar num =4;
\t\t\t\tfor(var i=0+(currentPage-1-(currentPage-1)%num) ; i<=(num+(currentPage-1-(currentPage-1)%num))&&(i<countPage) ; i++){{
\t\t\t\t\tif(currentPage==i)
\t\t\t\t\t\tdocument.write("<span class=\\"current\\">"+(i+1)+"</span>");
\t\t\t\t\telse if(i==0){{
\t\t\t\t\t\tdocument.write("<a target=\\"_self\\" href=\\"index.html\\"><span class=\\"curren\\">"+1+"</span></a>");
\t\t\t\t\t}}else
\t\t\t\t\t\tdocument.write("<a target=\\"_self\\" href=\\"index"+"_" + i + "."+"html\\"><span class=\\"curren\\">"+(i+1)+"</span></a>");
\t\t\t\t}}
\t\t\t\t
\t\t\t\t//设置下一页代码
\t\t\t\tif(countPage>1&&currentPage!=(countPage-1))
\t\t\t\t\tdocument.write("<a target=\\"_self\\" href=\\"index"+"_" + nextPage + "."+"html\\">下一页</a><a target=\\"_self\\" href=\\"index_" + (countPage-1) + ".html\\">尾页</a>");
\t\t\t\telse
\t\t\t\t\tdocument.write("<a>下一页</a><a>尾页</a>");\t
\t\t\t\t</script>"""


def listing_page_path(spec: SectionSpec, index: int) -> str:
    name = "index.html" if index == 0 else f"index_{index}.html"
    return f"/{spec.parent[1]}/{spec.key}/{name}"


def listing_href(spec: SectionSpec, path: str) -> str:
    channel = f"/{spec.parent[1]}/{spec.key}/"
    if path.startswith(channel):
        return "./" + path[len(channel) :]
    return "../" + path[len(f"/{spec.parent[1]}/") :]


ACTIVE = ' class="active"'


def render_listing(spec: SectionSpec, index: int, pages: int, items: list[tuple]) -> str:
    side = "\n".join(
        f"      \n      <li{ACTIVE if key == spec.key else ' '}>"
        f'<a href="{"./" if key == spec.key else f"../{key}/"}"  >{label}</a></li>'
        for label, key in spec.siblings
    )
    rows = "\n".join(
        f'        \n        <li> <a href="{listing_href(spec, path)}" target="_blank">'
        f'{escape(title)}</a> <span class="pc_none">{date}</span> </li>'
        for title, path, date in items
    )
    return (
        head(spec.label, "../../")
        + header()
        + f"""
<!-- 内容区开始 -->
<div class="bar"></div>
<div class="mainCon zhxw">
  <div class="left">
    <div class="navT mobile_none"> {spec.parent[0]} </div>
    <ul>
{side}

    </ul>
  </div>
  <div class="right">
    <div class="crumbs"> <span>当前位置:</span> {crumbs(spec, ("../../", "../", "./"))} </div>
    <div class="Btitle mobile_none"> {spec.label} </div>
    <div class="RCon">
      <ul id="list" page="1">
{rows}

      </ul>
      <div class="mobileMore" onclick="getMore()"><a href="javascript:void(0)" id="more">查看更多</a></div>
    </div>
    <div  class="page">
\t\t\t\t<div class="badoo1_nr1">
\t\t\t\t\t<div class="badoo1_nr2">
\t\t
{PAGER.format(index=index, pages=pages)}
\t\t\t\t\t\t<div style="clear:both;"></div>
\t\t\t\t\t</div>
\t\t\t\t </div>
\t\t\t\t</div> </div>
</div>
<!-- 内容区结束 -->
"""
        + FOOTER
        + f"""<!-- PHPStat Start -->
<script language="javascript">var __$nodeid='{spec.node_id}';</script>
<script language="JavaScript" charset="utf-8" src="//statistics.cmse.gov.cn/phpstat/count/10000001/10000001.js"></script>
<!-- /PHPStat End -->
<script>
//加载更多
function getMore(){{
var page=parseInt($("#list").attr("page"));
    $.ajax({{
        url:"index_{spec.node_id}_"+page+".html",
        success:function(html){{ $("#list").append(html); $("#list").attr("page",page+1); }},
        error:function(e){{ $("#more").html("没有更多了"); }}
    }});
}}
</script>
</body>
</html>
"""
    )


def main(output: Path = OUTPUT) -> None:
    content = load_sections(CONTENT)
    start_afresh(output)
    written = 0
    for spec in SECTIONS:
        entries = [(article, article_path(spec, article)) for article in content[spec.key]]
        for article, path in entries:
            write(output, path, render_article(spec, article, path))
            written += 1
        pages = -(-len(entries) // spec.per_page)
        for index in range(pages):
            chunk = entries[index * spec.per_page : (index + 1) * spec.per_page]
            items = [(article["title"], path, article["date"]) for article, path in chunk]
            write(output, listing_page_path(spec, index), render_listing(spec, index, pages, items))
    links = "\n".join(
        f'    <li><a href="/{spec.parent[1]}/{spec.key}/">{spec.label}</a></li>'
        for spec in SECTIONS
    )
    write(
        output,
        "/index.html",
        head("首页", "./")
        + header()
        + f'\n<ul class="channels">\n{links}\n</ul>\n'
        + FOOTER
        + "</body>\n</html>\n",
    )
    write(output, "/robots.txt", "User-agent: *\nDisallow: /qwjs/\n")
    print(f"wrote {written} articles under {output}")


if __name__ == "__main__":
    main()
