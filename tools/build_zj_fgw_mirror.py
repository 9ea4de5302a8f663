# ruff: noqa: E501, E101
# (the HTML templates follow the real pages line by line and are easier to compare unwrapped)
"""Write the offline mirror of fgw.zj.gov.cn from tools/zj_fgw_articles.json.

Zhejiang Development and Reform Commission, Hanweb JCMS ("大汉版通").

Article pages (/art/YYYY/M/D/art_<column>_<id>.html) reproduce the markup of a
real article page of the site (saved from a browser in 2019-2020): the hidden
`div#hiddenLocation` with the column names, the top links, logo/search and
navigation blocks, the `div.position` table whose cells read "当前位置：", "首页"
and " &gt;<a>column</a>" per level, the `p.con-title` headline between Hanweb's
`<!--<$[标题]>begin-->` markers, the `div.small-title` line ("发布日期：",
"浏览次数：", "信息来源："), the body in `div.main-txt#zoom` between the
ContentStart/ContentEnd meta markers (paragraphs indented with ideographic
spaces or text-indent, trailing `<p>&nbsp;</p>`), the Baidu share bar with
print/close buttons, the footer table and the hidden "Produced By" link.  The
TRS-style meta tags (ColumnName, ArticleTitle, PubDate, contentSource, url) are
the site's own.  The real page's dozens of inline style sheets are left out.

Column pages (/col/col<id>/index.html) are modelled on what is publicly known
of Hanweb JCMS: the list is a jpage unit `div#<unitid>` whose records are
shipped inside `<script type="text/xml"><datastore>…<record><![CDATA[<li>…]]>`
and drawn by jpage.js into `div.default_pgContainer > ul > li` (link with a
title attribute, date in a span); further pages are
`index.html?uid=<unitid>&pageNum=N`, views of the same static file.  Like the
real article page, the mirror's column pages are browser-saved copies, so they
hold both the datastore script and the list jpage drew (all records of these
small columns on one page).  The left column menu, the class names of the
column layout, the jpage toolbar and the jpage() call are assumptions.

All visible text is written for the mirror.  Run
`python tools/build_zj_fgw_mirror.py` after editing the JSON; the output under
crawler/mirrors/fgw.zj.gov.cn/ is committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from mirror_pages import load_sections, start_afresh, write

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "tools" / "zj_fgw_articles.json"
OUTPUT = ROOT / "crawler" / "mirrors" / "fgw.zj.gov.cn"
LIVE = "https://fgw.zj.gov.cn"
INDENT = "\u3000\u3000"
WEB_ID = 3185
UNIT_ID = 4892867  # the jpage unit of the column template
OSS = "http://zjjcmspublic.oss-cn-hangzhou-zwynet-d01-a.internet.cloud.zj.gov.cn/jcms_files/jcms1/web3185/site/picture/485"


@dataclass(frozen=True)
class SectionSpec:
    key: str
    column: int
    crumbs: tuple[tuple[str, int], ...]  # (label, column id) from the top level down
    siblings: tuple[tuple[str, int], ...]  # the left menu of the column page


SECTIONS = (
    SectionSpec(
        "tzyx",
        1621004,
        (("发展改革工作", 1599522), ("投资管理和项目推进", 1620985), ("投资运行", 1621004)),
        (("投资运行", 1621004), ("项目推进", 1621005), ("政府投资", 1621006)),
    ),
    SectionSpec(
        "dtzx",
        1599526,
        (("政务公开", 1599521), ("动态资讯", 1599526)),
        (("动态资讯", 1599526), ("机构职能", 1599527), ("政策文件", 1599528)),
    ),
)


def column_url(column: int) -> str:
    return f"/col/col{column}/index.html"


def article_path(spec: SectionSpec, article: dict) -> str:
    year, month, day = (int(part) for part in article["date"][:10].split("-"))
    return f"/art/{year}/{month}/{day}/art_{spec.column}_{article['id']}.html"


def hidden_location(spec: SectionSpec) -> str:
    spans = [f'<span id="ss_webid">{WEB_ID}</span>']
    # Top column first, numbered down to col1, the page's own column.
    for index, (label, column) in enumerate(spec.crumbs):
        level = len(spec.crumbs) - index
        spans.append(
            f'<span id="col{level}_name">{escape(label)}</span>'
            f'<span id="col{level}_url">{column_url(column)}</span>'
        )
    return f'<div id="hiddenLocation" style="display:none;">{"".join(spans)}</div>'


def head(title: str, meta: str) -> str:
    return f"""<html><head>
    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><script language="javascript" src="/module/jslib/jquery/jquery.js"></script>
<script language="javascript" src="/module/jslib/urite/urite.min.js"></script>
<link href="/script/page.css" type="text/css" rel="stylesheet">
    <!--GS_0001_D7-->
    <meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
    <link rel="stylesheet" type="text/css" href="/images/29879/hanweb.css">
    <link rel="stylesheet" type="text/css" href="/images/29879/article.css">
    <title>{escape(title)}</title>
{meta}<script type="text/javascript">$(document).ready(function(e) {{$("img").attr("title",""); }});</script><script src="http://bdimg.share.baidu.com/static/api/js/share.js?v=89860593.js?cdnversion=446821"></script><link rel="stylesheet" href="http://bdimg.share.baidu.com/static/api/css/share_style0_24.css"></head>
"""


def top(spec: SectionSpec) -> str:
    return f"""<body>{hidden_location(spec)}<div id="barrierfree_container">
    <!--顶部-->
<script src="/script/0/1901171025024660.js"></script>
<div class="top_link">
		<p>
			<span style="float:left"><a href="http://www.ndrc.gov.cn/" target="_blank">国家发改委</a>|<a href="http://www.zj.gov.cn/" target="_blank">中国浙江</a>|<a href="http://www.zjzwfw.gov.cn/" target="_blank">浙江政务服务网</a></span>
			<span style="float:right;"><a href="javascript:zh_tran('s');">简体</a>|<a href="javascript:zh_tran('t');">繁体</a>|<!--<a href="#" target="_blank">English</a>|--><a onclick="toggleToolBar();" target="_blank">无障碍浏览</a></span>
		</p>
	</div>
	<div class="nav_logo">
		<div class="logo_search">
			<div class="logo"><a href="/"><img src="{OSS}/1901171027341151030.png" title=""></a></div>
			<div class="search"><form id="search-form" action="http://search.zj.gov.cn/jrobotfront/search.do" target="_blank" method="get" style="float: right;">
<input id="webid" name="websiteid" type="hidden" value="330000002000000">
<input id="p" name="p" type="hidden" value="1">
<table border="0" cellpadding="0" cellspacing="0" height="50"><tbody><tr><td valign="top"><input type="text" class="input_text" id="q" name="q" onclick="if(this.value=='请输入关键字'){{this.value='';this.focus();}}" onblur="if(this.value==''){{this.value='请输入关键字'}}" value="请输入关键字"></td><td valign="top"><input name="" type="image" src="{OSS}/1901171027340037782.png" class="inout_img"></td></tr></tbody></table>
</form></div>
		</div>
		<div class="nav">
			<div class="nav_item">
				<div class="nav_ico"><img src="{OSS}/1901171027339318557.png" title=""></div>
				<dl>
					<dt><a href="/col/col1599522/index.html">发展改革工作</a></dt>
					<dd><a href="/col/col1620982/index.html">战略规划和区域发展</a></dd>
					<dd>|</dd>
					<dd><a href="/col/col1620985/index.html">投资管理和项目推进</a></dd>
					<dd>|</dd>
					<dd><a href="/col/col1599522/index.html">更多栏目</a></dd>
				</dl>
				<div class="clear"></div>
			</div>
			<div class="nav_item">
				<div class="nav_ico"><img src="{OSS}/1901171027339688746.png" title=""></div>
				<dl>
					<dt><a href="/col/col1599521/index.html">政务公开</a></dt>
					<dd><a href="/col/col1599526/index.html">动态资讯</a></dd>
					<dd>|</dd>
					<dd><a href="/col/col1599528/index.html"> 政策文件</a></dd>
					<dd>|</dd>
					<dd><a href="/col/col1599531/index.html">新闻发布会</a></dd>
				</dl>
				<div class="clear"></div>
			</div>
		</div>
	</div>
    <!--导航-->
        <!--当前位置-->
        <div class="position">
            <div class="position-txt w">
                <table cellspacing="0" cellpadding="0" border="0">
    <tbody>
    <tr>
        <td style="width:30px; text-align:center;"><img style="margin-top:-3px;" title="" src="/images/29879/1536311499789.png"></td>
        <td>当前位置：</td>
        <td><a href="/index.html">首页</a></td>
        <td><table width="100%" cellspacing="0" cellpadding="0" border="0">
<tbody><tr>
{"".join(f'<td> &gt;<a href="{column_url(column)}">{escape(label)}</a></td>' for label, column in spec.crumbs)}
</tr></tbody></table></td>
    </tr>
    </tbody>
</table>
            </div>
        </div>
        <div class="height20"></div>
        <!--当前位置结束-->
"""


FOOTER = f"""    <div class="height60"></div>
<script src="/script/0/1901171025027514.js"></script><div class="footer">
		<table border="0" cellpadding="0" cellspacing="0" width="1200" height="100%" style=" margin:0 auto;">
			<tbody><tr>
				<td align="center" valign="middle" width="170"><a href="http://bszs.conac.cn/sitename?method=show" target="_blank"><img src="{OSS}/1901171027340421554.png" title=""></a></td>
				<td align="center">
					<p><a href="/col/col1629308/index.html">安全隐私</a> 丨 <a href="/col/col1629309/index.html">版权保护</a> 丨 <a href="/col/col1629310/index.html">联系我们</a> 丨 <a href="/col/col1629311/index.html">网站地图</a></p>
					<p>浙江省发展和改革委员会主办 版权所有&nbsp;&nbsp;&nbsp;&nbsp;网站域名：fzggw.zj.gov.cn </p>
					<p>技术支持：浙江省经济信息中心 备案号：<a target="_blank" href="http://beian.miit.gov.cn/">浙ICP备00000000号</a> 网站标识码：3300000020</p>
				</td>
				<td align="center" valign="middle" width="170"><img src="{OSS}/1902201413073609610.jpg" height="115" title=""></td>
			</tr>
		</tbody></table>
	</div>
</div>
<a href="http://www.hanweb.com" style="display:none">Produced By 大汉网络 大汉版通发布系统</a>
<script language="javascript" src="/script/web_front.js"></script>
<link href="/module/jslib/accessiblereading/css/barrierfree.css" rel="stylesheet" type="text/css"></body></html>
"""


def body_html(article: dict) -> str:
    lines = []
    style = article["style"]
    if style == "image":
        ymd = article["date"][:10].replace("-", "")
        lines.append(
            f'<p style="text-align: center;"><img src="/picture/0/{ymd}{article["id"] % 10000:04d}.jpg"'
            ' border="0" style="width: 600px;"></p>'
        )
    for text in article["paragraphs"]:
        if style == "indent":
            lines.append(f'<p style="text-indent: 2em;">{escape(text)}</p>')
        else:
            lines.append(f"<p>{escape(INDENT + text)}</p>")
    lines.append("<p>&nbsp;</p>")
    if style == "single":
        lines.append("<p>&nbsp;</p>")
    return "\n".join(lines)


def render_article(spec: SectionSpec, article: dict, path: str) -> str:
    paragraphs = article["paragraphs"]
    meta = f"""<meta name="Maketime" content="{article["date"]}:00">
<meta name="SiteName" content="浙江省发展和改革委员会">
<meta name="SiteDomain" content="fgw.zj.gov.cn,www.zjdpc.gov.cn">
<meta name="SiteIDCode" content="">
<meta name="Image" content="">
<meta name="ColumnName" content="{escape(spec.crumbs[-1][0])}">
<meta name="ColumnType" content="">
<meta name="ArticleTitle" content="{escape(article["title"])}">
<meta name="PubDate" content="{article["date"]}">
<meta name="author" content="">
<meta name="description" content="{escape(paragraphs[0][:120])}">
<meta name="keywords" content="">
<meta name="contentSource" content="{escape(article["source"])}">
<meta name="url" content="http://fgw.zj.gov.cn{path}">
<meta name="category" content="">
<meta name="language" content="中文">
<meta name="guid" content="2019{article["id"]}">
"""
    return (
        head(article["title"], meta)
        + top(spec)
        + f"""        <!--内容-->
        <div class="wz-con bt-box-1200">
  <div class="con">
		<p class="con-title"> <!--<$[标题]>begin-->{escape(article["title"])}<!--<$[标题]>end--></p>
		<div style="height:3px; background-color:#dbdbdb;"></div>
		<!--上部小标题 start-->
		<div class="small-title clearfix">
				<span>发布日期：{article["date"][:10]}</span>
				<span>浏览次数： </span>
				<span>信息来源：<!--<$[信息来源]>begin-->{escape(article["source"])}<!--<$[信息来源]>end--></span>
		</div>
		<!--上部小标题 end-->
		<div style="clear: both;"></div>
		<!--正文 start-->
		<div class="main-txt" id="zoom">
				<!--<$[信息内容]>begin--><!--ZJEG_RSS.content.begin--><meta name="ContentStart">{body_html(article)}<meta name="ContentEnd"><!--ZJEG_RSS.content.end--><!--<$[信息内容]>end-->
		</div>
		<!--正文 end-->
		<!--下载，打印，关闭 start-->
		<div class="main-word" style="clear: both;margin-top:30px;margin-bottom: 5px;">
				<div class="main-word-left">
								<span><div class="bdsharebuttonbox bdshare-button-style0-24" data-bd-bind="1608561891686">
												<a class="bds_qzone" title="分享到QQ好友" href="#" data-cmd="qzone"></a>
												<a class="bds_tsina" title="分享到新浪微博" href="#" data-cmd="tsina"></a>
												<a class="bds_weixin" title="分享到微信" href="#" data-cmd="weixin"></a>
												<a class="bds_more" data-cmd="more"></a>
										</div></span>
				</div>
				<div class="main-word-right">
						<!--<span class="jiucuo" onclick="javascrpit:window.open('https://www.baidu.com/')">
								【我要纠错】
						</span>-->
						<span class="printer" onclick="javascrpit:window.print()">
								打印
						</span>
						<span class="close" onclick="javascrpit:window.close()">
								关闭
						</span>
				</div>
				<script _ue_org_tagname="script">
				window._bd_share_config = {{
					"common": {{"bdSnsKey": {{}}, "bdText": "", "bdMini": "2", "bdPic": "", "bdStyle": "0", "bdSize": "24"}},
					"share": {{}}
				}};</script>
		</div>
		<!--下载，打印，关闭 end-->
	</div>
    </div>
"""
        + FOOTER
    )


def render_column(spec: SectionSpec, items: list[tuple[str, str, str]]) -> str:
    records = "\n".join(
        f'<record><![CDATA[\n<li><a href="{href}" title="{escape(title)}" target="_blank">'
        f"{escape(title)}</a><span>{date}</span></li>]]></record>"
        for title, href, date in items
    )
    drawn = "\n".join(
        f'<li><a href="{href}" title="{escape(title)}" target="_blank">{escape(title)}</a>'
        f"<span>{date}</span></li>"
        for title, href, date in items
    )
    current = ' class="on"'
    menu = "\n".join(
        f"\t\t\t\t<li{current if column == spec.column else ''}>"
        f'<a href="{column_url(column)}">{escape(label)}</a></li>'
        for label, column in spec.siblings
    )
    meta = f"""<meta name="SiteName" content="浙江省发展和改革委员会">
<meta name="SiteDomain" content="fgw.zj.gov.cn,www.zjdpc.gov.cn">
<meta name="SiteIDCode" content="">
<meta name="ColumnName" content="{escape(spec.crumbs[-1][0])}">
<meta name="ColumnType" content="">
"""
    proxy = (
        f"/module/web/jpage/dataproxy.jsp?page=1&webid={WEB_ID}&path=/"
        f"&columnid={spec.column}&unitid={UNIT_ID}&permissiontype=0"
    )
    return (
        head(spec.crumbs[-1][0], meta)
        + top(spec)
        + f"""        <!--内容-->
        <div class="lmy-con bt-box-1200">
			<div class="lmy-left">
				<div class="lmy-left-title">{escape(spec.crumbs[-2][0])}</div>
				<ul>
{menu}
				</ul>
			</div>
			<div class="lmy-right">
				<div class="lmy-right-title"><span>{escape(spec.crumbs[-1][0])}</span></div>
				<div class="lmy-right-list">
<div id="{UNIT_ID}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="{proxy}"></a>]]></nextgroup>
<recordset>
{records}
</recordset>
</datastore></script><div class="default_pgContainer"><ul>
{drawn}
</ul></div><div class="default_pgToolbar"><div class="default_pgPanel"><span class="default_pgTotalRecord">共{len(items)}条</span> <span class="default_pgBtn default_pgFirst" title="首页">首页</span> <span class="default_pgBtn default_pgPrev" title="上页">上页</span> <span class="default_pgCurrentPage">1</span>/<span class="default_pgTotalPage">1</span> <span class="default_pgBtn default_pgNext" title="下页">下页</span> <span class="default_pgBtn default_pgLast" title="尾页">尾页</span></div></div></div>
<script language="javascript" src="/module/jslib/jquery/jpage/jpage.js"></script>
<script type="text/javascript">
$(function(){{
	$('#{UNIT_ID}').jpage({{
		totalRecord: {len(items)},
		perPage: 15,
		groupSize: 3,
		barPosition: 'bottom',
		dataBefore: '<ul>',
		dataAfter: '</ul>',
		proxyUrl: '/module/web/jpage/dataproxy.jsp',
		ajaxParam: {{col: 1, appid: 1, webid: {WEB_ID}, path: '/', columnid: {spec.column}, sourceContentType: 1, unitid: {UNIT_ID}, permissiontype: 0}}
	}});
}});
</script>
				</div>
			</div>
			<div class="clear"></div>
        </div>
"""
        + FOOTER
    )


def main(output: Path = OUTPUT) -> None:
    content = load_sections(CONTENT)
    start_afresh(output)
    written = 0
    for spec in SECTIONS:
        items = []
        for article in content[spec.key]:
            path = article_path(spec, article)
            write(output, path, render_article(spec, article, path))
            written += 1
            items.append((article["title"], path, article["date"][:10]))
        write(output, column_url(spec.column), render_column(spec, items))
    write(output, "/robots.txt", "User-agent: *\nDisallow: /module/\n")
    print(f"wrote {written} articles under {output}")


if __name__ == "__main__":
    main()
