# ruff: noqa: E501, E101
# (the HTML templates follow the real pages line by line and are easier to compare unwrapped)
"""Write the offline mirror of www.shanxi.gov.cn from tools/shanxi_articles.json.

The article pages reproduce the markup of a real article page of the Shanxi
Provincial People's Government portal (TRS CMS, saved in 2019): the
`ul.breadcrumb` trail with `<span>&gt;</span>` separators, the TRS meta tags
(ColumnName, ArticleTitle, PubDate, ContentSource, Url), the
`div.detail-article-title` block with an `<h2>` headline between two `<h3>`
lines (kicker and subtitle, often empty), the "时间：/来源：" info line with the
print, font-size and share tools, the `div.article-body > div.TRS_Editor` body
(paragraphs as `<div>` or `<p>` indented with ideographic spaces, photos with a
centred caption), the createPageHTML() script block, the QR-code box and the
site footer.  Huge scripts and style sheets of the real page are left out.

Listing pages (index.shtml, index_1.shtml, ...) follow what is publicly known
of the site's channel pages: the same header and breadcrumb, headlines in
`ul.common-tab-content-box.common-list-box` (link with title, date in a span),
and TRS pagination by createPageHTML(pages, current, "index", "shtml").

All visible text is written for the mirror.  Run
`python tools/build_shanxi_mirror.py` after editing the JSON; the output under
crawler/mirrors/www.shanxi.gov.cn/ is committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from mirror_pages import load_sections, start_afresh, write

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "tools" / "shanxi_articles.json"
OUTPUT = ROOT / "crawler" / "mirrors" / "www.shanxi.gov.cn"
LIVE = "https://www.shanxi.gov.cn"
INDENT = "\u3000\u3000"  # TRS editors indent paragraphs with two ideographic spaces


@dataclass(frozen=True)
class SectionSpec:
    key: str
    path: str  # channel directory, e.g. /ywdt/sxyw/
    crumbs: tuple[str, ...]  # labels after 首页; the last one is the channel itself
    per_page: int


SECTIONS = (
    SectionSpec("sxyw", "/ywdt/sxyw/", ("要闻动态", "山西要闻"), 3),
    SectionSpec(
        "szfxwbxwfbh",
        "/ywdt/xwfbh/szfxwbxwfbh/",
        ("要闻动态", "新闻发布会", "省政府新闻办新闻发布会"),
        3,
    ),
)


def article_path(spec: SectionSpec, article: dict) -> str:
    ymd = article["date"][:10].replace("-", "")
    return f"{spec.path}{ymd[:6]}/t{ymd}_{article['id']}.shtml"


def breadcrumb(spec: SectionSpec, depth: int) -> str:
    """The ul.breadcrumb of a page DEPTH directories below the channel directory."""
    levels = spec.path.strip("/").count("/") + 1  # directories between / and the channel
    up = "../" * (levels + depth)
    items = [f'            <li><a href="{up}" alt="首页">首页</a></li>']
    for index, label in enumerate(spec.crumbs):
        is_last = index == len(spec.crumbs) - 1
        if is_last:
            items.append(
                f'            <li class="path-cur"> <span>&gt;</span> {escape(label)} </li>'
            )
        else:
            href = "../" * (len(spec.crumbs) - 1 - index + depth)
            items.append(
                f'            <li class="path-cur"> <span>&gt;</span> '
                f'<a href="{href}">{escape(label)}</a> </li>'
            )
    return (
        "        <!-- Breadcrumb -->\n"
        '        <ul class="breadcrumb oflow-hd bgc-fff box-shadow-com">\n'
        + "\n".join(items)
        + "\n        </ul>\n        <!-- /Breadcrumb -->\n"
    )


def page_head(title: str, images: str, meta: str) -> str:
    return f"""<html><!--<![endif]--><head>
    <meta charset="utf-8">
    <meta name="renderer" content="webkit">
    <meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
    <meta name="SiteName" content="山西省人民政府门户网站">
    <meta name="SiteDomain" content="www.shanxi.gov.cn">
    <meta name="SiteIDCode" content="1400000045">
    <meta name="google" value="notranslate">
    <meta http-equiv="Cache-Control" content="no-siteapp">
    <link rel="search" type="application/opensearchdescription+xml" href="{images}content-search.xml" title="山西政府网搜索">
    <title>{escape(title)} - 山西省人民政府门户网站 </title>

<meta name="description" content="山西省人民政府门户网站发布全省政务信息、提供在线服务和政民互动。">
<meta name="keywords" content="山西;山西省;山西省人民政府;山西政府网">

    <link rel="apple-touch-icon" href="/images/favicon.png?v1">
    <link rel="icon" href="/images/favicon.png?v1">
    <!--[if IE]><link rel="shortcut icon" href="/images/favicon.ico?v1"><![endif]-->
    <link href="{images}base.css" rel="stylesheet">
<link href="{images}theme.css" rel="stylesheet">
<link href="{images}layer.css" rel="stylesheet">
    <link href="{images}media-respond.css" rel="stylesheet">
{meta}<script type="text/javascript">
        function browserRedirect() {{
            var sUserAgent = navigator.userAgent.toLowerCase();
            if (/iphone|android|mobile/.test(sUserAgent)) {{
                window.location.href = window.location.href.replace("www.shanxi.gov.cn", "m.shanxi.gov.cn");
            }}
        }}
</script>
</head>

<body>
    <!-- TopBar -->
    <div class="topbar oflow-hd">
        <div class="topbar-inner mg-ltrb-center">
            <div class="topbar-link left">
                <a href="http://www.gov.cn/" alt="中国政府网" target="_blank">中国政府网</a>
                <a href="http://www.sxpc.gov.cn/" alt="山西省人大" target="_blank">山西省人大</a>
                <a href="http://www.shanxizx.gov.cn/" alt="山西省政协" target="_blank">山西省政协</a>
            </div>
            <ul class="topbar-nav right">
                <li>
                    <a href="/hd/xmtzwjz/" alt="微博" target="_blank"><i class="topbar-nav-icon-weibo"></i></a>
                </li>
                <li>
                    <a href="/hd/xmtzwjz/" alt="微信" target="_blank"><i class="topbar-nav-icon-wechat"></i></a>
                </li>
                <li class="topbar-nav--text topbar-nav--language">
                    <a href="javascript:StranBody()" title="點擊切換到繁體中文網站" id="StranLink" name="StranLink">切換到<em>繁體</em></a>
                </li>
                <li class="topbar-nav--text">
                    <a href="/wca.html" alt="无障碍浏览" id="toolbarCtrl">无障碍浏览</a>
                </li>
            </ul>
        </div>
    </div>
    <!-- /TopBar -->
    <!-- Header -->
    <div class="header mg-ltrb-center oflow-hd">
        <div class="logo left">
            <h1><a href="/"><span class="hide">山西省人民政府网站</span></a></h1></div>
        <div class="search right">
            <div class="search-box oflow-hd">
                <form id="searchForm" method="post" name="shanxigov_search_box" action="/search/sxgovsearch.jsp" target="_blank">
                    <div id="searchInput" class="search-input left">
                        <input id="kw" name="sword" class="search-input-inner" value="请输入关键词" maxlength="255" autocomplete="off"> </div>
                    <input id="su" value="" class="search-input-btn right oflow-hd" type="submit"> </form>
            </div>
            <p class="search-hotwd oflow-hd" alt="热门搜索关键词">热门搜索：

                <a href="/search/sxgovsearch.jsp?sword=营商环境 " target="_blank">营商环境</a>

                <a href="/search/sxgovsearch.jsp?sword=社保 " target="_blank">社保</a>

                <a href="/search/sxgovsearch.jsp?sword=文旅 " target="_blank">文旅</a>

            </p>
        </div>
    </div>
    <!-- /Header -->
    <!-- MainNav -->
    <div class="main-nav-box mg-ltrb-center oflow-hd">
        <dl class="main-nav-home left oflow-hd">
            <dt class="rotate360"> </dt>
            <dd><a href="/">首页</a></dd>
        </dl>
        <ul class="main-nav left">
            <li><a href="/szf/">省政府</a></li>
            <li><a href="/ywdt/">要闻</a></li>
            <li><a href="/zw/">政策</a></li>
            <li><a href="/fw/">服务</a></li>
            <li><a href="/hd/">互动</a></li>
            <li><a href="/sj/">数据</a></li>
            <li><a href="/sq/">省情</a></li>
        </ul>
    </div>
    <!-- /MainNav -->

    <!-- Main Content -->
    <div class="main-content oflow-hd group">
"""


FOOTER = """    </div>
    <!-- /Main Content -->

    <!-- Footer -->
    <div class="footer oflow-hd">
         <div class="footer-nav-wrap oflow-hd mg-ltrb-center">
            <div class="footer-nav-inner  oflow-hd">
                <!-- 1 -->
                <div class="footer-nav-itembox left">
                    <p>要闻</p>
                    <ul>

                        <li>
                            <a href="/ywdt/sxyw/" target="_blank">山西要闻</a>
                        </li>

                        <li>
                            <a href="/ywdt/xwfbh/" target="_blank">新闻发布会</a>
                        </li>

                        <li>
                            <a href="/ywdt/zcjd/" target="_blank">政策解读</a>
                        </li>

                    </ul>
                </div>
                <!-- 1 -->
                <!-- 1 -->
                <div class="footer-nav-itembox left">
                    <p>互动</p>
                    <ul>

                        <li>
                            <a href="/hd/szxx/" target="_blank">省长信箱</a>
                        </li>

                        <li>
                            <a href="/hd/yjzj/" target="_blank">意见征集</a>
                        </li>

                    </ul>
                </div>
                <!-- 1 -->
            </div>
        </div>
        <!-- Friend -->
        <div class="friend-link oflow-hd mg-ltrb-center">
            <ul class="friend-link-menu oflow-hd group mg-ltrb-center">
                <li>省政府部门<i></i></li>
                <li>市、县（区）<i></i></li>
            </ul>
        </div>
        <!-- 循环输出外链区块 -->
        <div class="friend-link-inner cc-section-title">
            <ul class="friend-link-submenu">
		    <li style="display:none;">http://fgw.shanxi.gov.cn</li>
                        <li><a href="http://fgw.shanxi.gov.cn" target="_blank">省发展和改革委员会</a></li>
		    <li style="display:none;">http://kjt.shanxi.gov.cn</li>
                        <li><a href="http://kjt.shanxi.gov.cn" target="_blank">省科学技术厅</a></li>
		    <li style="display:none;">http://wlt.shanxi.gov.cn</li>
                        <li><a href="http://wlt.shanxi.gov.cn" target="_blank">省文化和旅游厅</a></li>
		    <li style="display:none;">http://scjgj.shanxi.gov.cn</li>
                        <li><a href="http://scjgj.shanxi.gov.cn" target="_blank">省市场监督管理局</a></li>
            </ul>
        </div>
        <!-- /循环输出外链区块 -->

        <!-- /Friend -->
        <!-- Copyright -->
        <div class="copyright oflow-hd mg-ltrb-center">
            <!-- 政府网站标识 -->
            <div class="inspection-id left oflow-hd">
                <a href="http://bszs.conac.cn/sitename?method=show" target="_blank"><img src="/images/red.png"></a>
            </div>
            <!-- /政府网站标识 -->
            <!-- 网站版权信息声明 -->
            <ul class="copyright-info left oflow-hd">
                <li class="footer-nav">
                    <a href="/wzgl/gywm/" target="_blank">关于我们</a>|
                    <a href="/wzgl/wzsm/" target="_blank">网站声明</a>|
                    <a href="/wzgl/wzdt/" target="_blank">网站地图</a>|
                    <a href="/wzgl/lxwm/" target="_blank">联系我们</a>
                </li>
                <li class="footer-text"><span>山西省人民政府办公厅主办&nbsp;©&nbsp;山西省人民政府门户网站&nbsp;版权所有</span>
                    <a>晋ICP备00000000号</a>
                    <span>网站标识码：1400000045</span> </li>
                <li class="footer-declare"> 建议使用1366*768以上分辨率及新版浏览器访问本网站。 </li>
            </ul>
            <!-- /网站版权信息声明 -->
        </div>
        <!-- /Copyright -->
    </div>
    <!-- /Footer -->
<!--流量统计-->
<script id="_trs_ta_js" src="//ta.trs.cn/c/js/ta.js?mpid=695" async="" defer=""></script>
<!--流量统计-->
"""

# The TRS pagination script of the site; NAME is the page's own file stem.
PAGE_SCRIPT = """<script>
function createPageHTML(_nPageCount,_nCurrIndex,_sPageName,_sPageExt){
	if(_nPageCount == null || _nPageCount <=1){
		return;
	}
	var nCurrIndex = _nCurrIndex || 0;
	if(nCurrIndex != 0){
		document.write("<a href=\\"NAME.shtml\\" class='shanxi-gov-page-button'>首页</a>")
	}
	for(var i = 0; i < _nPageCount; i++){
		var sPageName = (i == 0 ? _sPageName : (_sPageName + "_" + i))+ "." + _sPageExt;
		if(nCurrIndex == i){
			document.write("<a href='javascript:void(0)' class='shanxi-gov-page-current'>"+(i+1)+"</a>" + "&nbsp;");
		}else{
			document.write("<a href='" + sPageName + "'>"+ (i+1) +"</a>&nbsp;")
		}
	}
	if(nCurrIndex != _nPageCount-1){
		document.write("<a href=\\"NAME_" + (_nPageCount-1) + ".shtml\\" class='shanxi-gov-page-button'>尾页</a>")
	}
	document.write("<span class='shanxi-gov-page-form'>共"+_nPageCount+"页&nbsp;转到第&nbsp;<input type='text' class='shanxi-gov-page-form-text' id='num' value='' />页&nbsp;")
	document.write("<input type='submit' value='GO' class='shanxi-gov-page-form-btn' onclick='toPage()' /> </span>")

}
createPageHTML(COUNT,CURRENT,"NAME","shtml");

function toPage(){
    var countPage = COUNT//共多少页
	var _num = document.getElementById("num").value;
	var str = "NAME"+"_"+(_num-1)+"."+"shtml";
	var url = location.href.substring(0,location.href.lastIndexOf("/")+1);
	if(_num<=1||_num==null)
	location.href = url+"NAME"+"."+"shtml";
	else if(_num>countPage)
	alert("本频道最多"+countPage+"页");
	else
	location.href = url+str;
}
</script>"""


def page_script(name: str, count: int, current: int) -> str:
    return (
        PAGE_SCRIPT.replace("NAME", name)
        .replace("COUNT", str(count))
        .replace("CURRENT", str(current))
    )


def body_html(article: dict) -> str:
    lines = []
    paragraphs = article["paragraphs"]
    style = article["style"]
    if style == "image":
        image = f"W0{article['date'][:10].replace('-', '')}{article['id'] % 100000:05d}.jpg"
        lines.append(
            f'<div style="text-align: center;"><img src="./{image}" style="border-width: 0px;"'
            f' alt="" oldsrc="{image}"></div>'
        )
        lines.append(
            '<div style="text-align: center;"><b><font color="#0000ff">'
            f"{escape(article['caption'])}</font></b></div>"
        )
    for index, text in enumerate(paragraphs):
        text = escape(INDENT + text)
        if style == "p":
            lines.append(f'<p style="text-indent: 0em;">{text}</p>')
        elif index == 0:
            lines.append(f'<div><span style="font-size: 12pt;">{text}</span></div>')
        else:
            lines.append(f"<div>{text}</div>")
    return "\n".join(lines)


def render_article(spec: SectionSpec, article: dict, path: str) -> str:
    name = path.rsplit("/", 1)[1].removesuffix(".shtml")
    live_url = LIVE + path
    image_meta = ""
    if article["style"] == "image":
        image_meta = f"./W0{article['date'][:10].replace('-', '')}{article['id'] % 100000:05d}.jpg"
    meta = f"""    <!-- ↓不同栏目调用不同说明 -->
    <meta name="SiteName" content="山西省人民政府门户网站">
    <meta name="SiteDomain" content="www.shanxi.gov.cn">
    <meta name="SiteIDCode" content="1400000045">
    <meta name="ColumnName" content="{escape(spec.crumbs[-1])}">
    <meta name="ArticleTitle" content="{escape(article["title"])}">
    <meta name="PubDate" content="{article["date"]}">
    <meta name="ContentSource" content="{escape(article["source"])}">
    <meta name="Keywords" content="">
    <meta name="Author" content="">
    <meta name="Description" content="">
    <meta name="Image" content="{image_meta}">
    <meta name="Url" content="./{name}.shtml">
    <!-- ↑不同栏目调用不同说明 -->
"""
    return (
        page_head(article["title"], "../" * (spec.path.strip("/").count("/") + 2) + "images/", meta)
        + breadcrumb(spec, depth=1)
        + f"""        <!-- Main Content Wrap -->
        <div class="main-content-wrap mt10 oflow-hd">
            <!-- 1 -->
            <div class="oflow-hd bgc-fff pad4ing10">
                <div class="common-detail-page-printer">
                    <!-- Title -->
                    <div class="detail-article-title oflow-hd">

                        <h3>{escape(article["kicker"])}</h3>



                             <h2>{escape(article["title"])}</h2>



                        <h3>{escape(article["subtitle"])}</h3>
                    </div>
                    <!-- /Title -->
                    <!-- Infos -->
                    <ul class="detail-article-infos oflow-hd">
                        <li class="article-infos-source left">
                            <span alt="时间：2017-10-16 09:12"><i>时间：</i>{article["date"]}</span>
                            <span alt="来源：省政府办公厅"><i>来源：</i>
                                                   {escape(article["source"])}

                                               </span>
                        </li>
                        <li class="article-infos-func right">
                            <span id="myPrint" class="article-priter">打印</span>
                            <span class="article-zoom"> <i>字体：</i>
                                <a href="javascript:void(0);" class="increaseFont" alt="字体放大">放大</a>
                                <a href="javascript:void(0);" class="resetFont" alt="字体复位">正常</a>
                                <a href="javascript:void(0);" class="decreaseFont" alt="字体缩小">缩小</a>
                            </span>
                            <span class="article-share" alt="分享"><i></i>分享</span>
                            <div class="article-share-cnt hide">
                                <a href="javascript:share.qq();" target="_blank"><img src="/images/qq.png" width="32" height="32"></a>
                                <a href="javascript:share.qzone();" target="_blank"><img src="/images/zone.png" width="32" height="32"></a>
                                <a href="javascript:void(0);" class="share-weixin"><img src="/images/wechat.png" width="32" height="32"></a>
                                <a href="javascript:share.weibo();" target="_blank"><img src="/images/weibo.png" width="32" height="32"></a>
                            </div>
                        </li>
                    </ul>
                    <!-- /Infos -->
                    <!-- Main text -->
                    <div class="article-body oflow-hd"><div class="TRS_Editor">{body_html(article)}</div></div>
                    <!-- /Main text -->
                    <!-- Pageion -->
                    <div class="shanxi-gov-page-box" style="margin-top:20px;margin-bottom:20px;">
                        <p class="shanxi-gov-page-hide">
{page_script(name, 1, 0)}
</p>
                    </div>
                    <!-- /Pageion -->
                    <!-- Edit -->
<!--
                    <div class="article-edit">责任编辑：
                        <a href="javascript:;">【我要纠错】</a>
                    </div>
-->
                    <!-- Edit -->
                    <!-- Qcode -->
					<dl class="affairs-detail-qcode oflow-hd">
						<dt>扫一扫在手机打开当前页面</dt>
						<dd><div id="qrcodeCanvas"></div></dd>
					</dl><!---->
					<!-- Qcode -->
                </div>
            </div>
            <!-- 1 -->
            <!-- Relation -->

            <!-- /Relation -->
        </div>
        <!-- Main Content Wrap -->
"""
        + FOOTER
        + f"""    <script src="/images/jquery.min.js" type="text/javascript"></script>
    <script src="/images/simple-share.min.js"></script>
    <script>
    var share = new SimpleShare({{
        url: '{live_url}',
        title: '{escape(article["title"])}',
        content: '{escape(article["title"])}',
        pic: ''
    }});
    </script>
     <script type="text/javascript" src="/images/jquery.qrcode.js"></script>
     <script type="text/javascript">
	$('#qrcodeCanvas').qrcode({{
		text	: "{live_url}",
                width:150,
                height:150
	}});
     </script>
</body></html>
"""
    )


def listing_name(index: int) -> str:
    return "index" if index == 0 else f"index_{index}"


def render_listing(spec: SectionSpec, index: int, pages: int, items: list[tuple]) -> str:
    rows = "\n".join(
        f'                            <li><a href="./{path.removeprefix(spec.path)}" target="_blank"'
        f' title="{escape(title)}">{escape(title)}</a><span>{date}</span></li>'
        for title, path, date in items
    )
    meta = f"""    <meta name="SiteName" content="山西省人民政府门户网站">
    <meta name="SiteDomain" content="www.shanxi.gov.cn">
    <meta name="SiteIDCode" content="1400000045">
    <meta name="ColumnName" content="{escape(spec.crumbs[-1])}">
"""
    images = "../" * (spec.path.strip("/").count("/") + 1) + "images/"
    return (
        page_head(spec.crumbs[-1], images, meta)
        + breadcrumb(spec, depth=0)
        + f"""        <!-- Main Content Wrap -->
        <div class="main-content-wrap mt10 oflow-hd">
            <div class="oflow-hd bgc-fff pad4ing10">
                <div class="common-list-title oflow-hd">
                    <h3 class="left">{escape(spec.crumbs[-1])}</h3>
                </div>
                <div class="tab-flag-construck">
                        <ul class="common-tab-content-box ftsz-16 mgtp-0 common-list-box">
{rows}
                        </ul>
                </div>
                <!-- Pageion -->
                <div class="shanxi-gov-page-box" style="margin-top:20px;margin-bottom:20px;">
                    <p class="shanxi-gov-page-hide">
{page_script("index", pages, index)}
</p>
                </div>
                <!-- /Pageion -->
            </div>
        </div>
        <!-- Main Content Wrap -->
"""
        + FOOTER
        + """    <script src="/images/jquery.min.js" type="text/javascript"></script>
</body></html>
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
            items = [(article["title"], path, article["date"][:10]) for article, path in chunk]
            write(
                output,
                f"{spec.path}{listing_name(index)}.shtml",
                render_listing(spec, index, pages, items),
            )
    write(output, "/robots.txt", "User-agent: *\nDisallow: /search/\n")
    print(f"wrote {written} articles under {output}")


if __name__ == "__main__":
    main()
