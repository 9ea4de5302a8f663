# ruff: noqa: E501 (HTML templates of the mirror generator are easier to read unwrapped)
"""Write the offline mirror of www.nmg.gov.cn from tools/nmg_articles.json.

The article pages reproduce the markup of a real article page of the Inner
Mongolia Autonomous Region government portal (TRS CMS): the TRS meta tags
(SiteName, ColumnName, ArticleTitle, PubDate, ContentSource, Url), the
``div.cc_location`` trail "当前位置：首页/要闻动态/今日关注" with "/" between the
links, the ``h1.ql_detailbro_title`` headline (a second line in a nested
``<div>``), the "发布日期：YYYY-MM-DD HH:MM" line, the bShare bar and font-size
tools, the body in ``div.fly_content > div.view.TRS_UEDITOR``, the print/close/
collect bar and "信息来源：" line, the empty related-policy boxes, the footers,
and the hidden elder-friendly version of the page (``div#slb_content``, which
repeats the headline, date and body, plus the body once more as plain text in a
hidden ``em#pareContent``) with its previous/next links.  All visible text is
written for the mirror.

The listing pages are an assumption (no listing page of the site was saved):
the same page chrome and trail, a ``ul`` of headline links with dates, and TRS
``createPageHTML(count, current, "index", "html")`` pagination.

Run ``python tools/build_nmg_mirror.py`` after editing the JSON; the output under
crawler/mirrors/www.nmg.gov.cn/ is committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from mirror_pages import load_sections, start_afresh, write

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "tools" / "nmg_articles.json"
OUTPUT = ROOT / "crawler" / "mirrors" / "www.nmg.gov.cn"
HOST = "https://www.nmg.gov.cn"
SITE_NAME = "内蒙古自治区政府门户网站"


@dataclass(frozen=True)
class SectionSpec:
    key: str  # directory under /zwyw/
    label: str
    per_page: int


PARENT = ("要闻动态", "zwyw")
SECTIONS = (
    SectionSpec("jrgz", "今日关注", 4),
    SectionSpec("tzgg", "通知公告", 3),
)
# The sub-channels listed beside a listing (only the two above are in the mirror).
SIDE_CHANNELS = (("今日关注", "jrgz"), ("图片新闻", "tpxw"), ("通知公告", "tzgg"))

P_STYLE = "text-indent: 2em; text-align: justify;"


def article_path(spec: SectionSpec, article: dict) -> str:
    ymd = article["published"][:10].replace("-", "")
    return f"/{PARENT[1]}/{spec.key}/{ymd[:6]}/t{ymd}_{article['id']}.html"


def full_title(article: dict) -> str:
    return article["title"] + article.get("subtitle", "")


def head(title: str, up: str, meta: str) -> str:
    """<head> of every page; UP is the relative path to the site root ("../../../")."""
    return f"""<!DOCTYPE html>
<html>
<head>
  <meta charset="UTF-8">
  <meta http-equiv="X-UA-Compatible" content="IE=Edge">
<meta content="width=device-width, initial-scale=1.0, minimum-scale=1.0, maximum-scale=1.0, user-scalable=no" name="viewport">
  <meta name="SiteName" content="{SITE_NAME}">
<meta name="SiteDomain" content="http://www.nmg.gov.cn/">
<meta name="SiteIDCode" content="1500000001">
{meta}  <!--主站通用样式引用-->
<link href="{up}material/images/favicon.gif" rel="shortcut icon" type="image/x-icon" />
<link rel="stylesheet" href="{up}material/css/base.css" />
<link rel="stylesheet" href="{up}material/css/index.css" />
<link rel="stylesheet" href="{up}material/css/sub.css" />
<link rel="stylesheet" href="{up}material/css/qgl_zwgk.css">
<link rel="stylesheet" href="{up}material/css/responsive.css">
<link rel="stylesheet" href="{up}material/mobile/css/mobile_header_footer.css">
<script src="{up}material/js/jquery.min.js"></script>
<script src="{up}material/js/common.js"></script>
<script src="{up}material/js/qgl_common.js"></script>
  <script>
        var app_flge = getUrlParamApp('app')
        var slb_flge = getUrlParamApp('slb')
        if($(window).width() >= 750 || app_flge != 'true') {{
            document.write("<scr"+"ipt src='https://www.nmg.gov.cn/material/js/buttonLite.js#style=-1&amp;uuid=&amp;pophcol=2&amp;lang=zh' ignoreapd='1'></scr"+"ipt>");
        }}
    </script>
  <title>
    {escape(title)}_{SITE_NAME}
  </title>
</head>
"""


def page_top(up: str) -> str:
    return f"""
<body>
  <div class="Big_background">
    <div id="mobile_header">
        <div class="sxz_sj_head">
            <img class="l" src="{up}material/mobile/images/head_logo_top.png" />
            <div class="r sxz_sj_head_right userInfo">
                <img class="r" id="unfold" src="{up}material/mobile/images/head_menu.png" />
                <a href="javascript:void(0);" class="r userInfo1">登录/注册</a>
        <a href="http://www.nmg.gov.cn/index_1937.html">
            <img class="r" src="{up}material/mobile/images/sxz_elder.png" alt="" />
        </a>
            </div>
        </div>
        <div class="sxz_sj_head_content sxz_sj_head_special">
            <a href="{up}"><img class="head_sj_logo" src="{up}material/mobile/images/head_sj_logo.png" /></a>
            <div class="sxz_sj_head_search">
                    <input class="l" placeholder="请输入关键字查询" type="text" id="keywords1" />
                    <button class="r" id="submit_btn1">搜索</button>
            </div>
        </div>
    </div>

<!-- 顶部绿条开始 -->
        <div class="top">
            <div class="container clearfix">
                <div class="right r">
                    <ul class="clearfix">
                        <li class="userInfo"><a href="javascript:;" target="_blank" class='userInfo1'>登录/注册</a></li>
                        <li><a href="http://mgl.nmg.gov.cn/U_index.html" target="_blank">蒙古文版</a></li>
                        <li><a href="javascript:void(0);" id="toolbarSwitch">无障碍浏览</a></li>
                        <li><a href="http://www.nmg.gov.cn/index_1937.html" target='_blank'><img src="{up}material/images/zzms.png" alt="" /></a></li>
                    </ul>
                </div>
            </div>
        </div>

        <!-- nav+logo+search 开始 -->
        <div class="header">
            <div class="container">
                <!-- nav 开始 -->
                <div class="nav">
                    <ul class="clearfix">
                        <li><a href="{up}">首页</a><em></em></li>
                        <li><a href="{up}zwyw/">要闻动态</a><em></em></li>
                        <li><a href="{up}zwgk/">政务公开</a><em></em></li>
                        <li><a href="{up}zwfw/">政务服务</a><em></em></li>
                        <li><a href="{up}zmhd/">政民互动</a><em></em></li>
                        <li><a href="{up}tjsj/">统计数据</a><em></em></li>
                    </ul>
                </div>
                <!-- nav 结束 -->
                <div class="logo">
                    <a href="{up}"><img src="{up}material/images/logo.png" alt="" /></a>
                </div>
                <div class="search clearfix">
                    <form onkeydown="if(event.keyCode==13){{return false;}}">
                        <input type="text" placeholder="请输入关键字查询" id="keywords" />
                        <input type="button" value="搜索" id="submit_btn" />
                    </form>
                </div>
            </div>
        </div>
        <!-- nav+logo+search 结束 -->

        <script>
            $(function() {{
                var href = window.location.href;
                var index = 0;
                if (href.indexOf("/zwyw/") != -1) index = 1;
                $(".header .nav li").removeClass("on").eq(index).addClass("on");
            }})
        </script>
"""


def location(spec: SectionSpec, ups: tuple[str, str, str]) -> str:
    """The cc_location trail; UPS are the relative links to root, parent and channel."""
    root, parent, channel = ups
    return f"""        <div class="cc_location">
          <span class="c_loca">当前位置：</span>
          <span class="c_jiange"><a href="{root}" target="_blank" title="首页" class="CurrChnlCls">首页</a>/<a href="{parent}" target="_blank" title="{PARENT[0]}" class="CurrChnlCls">{PARENT[0]}</a>/<a href="{channel}" target="_blank" title="{spec.label}" class="CurrChnlCls">{spec.label}</a></span>
        </div>
"""


def footer(up: str) -> str:
    return f"""
  <!-- 底部开始 -->
        <div class="footer">
            <div class="container clearfix">
                <div class="YouLink">
                    <ul class=clearfix>
                        <li class="li1">
                            <a href="http://www.gov.cn" target="_blank" data-idLink="oLink">中国政府网</a>
                        </li>
                    </ul>
                </div>
                <div class="bottom clearfix">
                    <div class="left">
                        <div class="left_r">
                            <a href="{up}qt/wzsm/" target="_Blank">网站声明</a>
                            <a href="{up}qt/wzdt/" target="_Blank">网站地图</a>
                            <a href="{up}qt/lxwm/" target="_Blank">联系我们</a>
                        </div>
                    </div>
                    <div class="middle" style="position: relative;background:none;">
                        <p>本网站由自治区人民政府办公厅负责内容保障&emsp;<a style="padding: 5px 15px;">支持IPv6访问</a></p>
                        <p style="margin-bottom:10px;">政府网站标识码与备案信息（离线镜像中从略）</p>
                        <p style="line-height: 25px;">意见建议请通过“政民互动”栏目留言</p><script id="_trs_ta_js" src="//ta.trs.cn/c/js/ta.js?mpid=4643" async="async" defer="defer"></script>
                    </div>
                    <div class="right">
                        <div class="right_l">
                            <img src="{up}material/images/ewm_khd0.png" alt="" />
                            <p>客户端</p>
                        </div>
                    </div>
                </div>
            </div>
        </div>
        <!-- 底部结束 -->
        <!-- 移动端底部开始 -->
        <div class="footer footer_mobile">
            <div class="container clearfix">
                <div class="wei_link">
                    <a href="javascript:;" data-statekeeping='mobile' id='pc_website'>电脑版</a>
                </div>
                <div class="bottom clearfix">
                    <div class="middle">
                        <p>本网站由自治区人民政府办公厅负责内容保障</p>
                    </div>
                </div>
            </div>
        </div>
        <!-- 移动端底部结束 -->

<div id="mobile_footer">
      <div class="sxz_sj_footer" style="padding-bottom: .15rem;">
          <div class="sxz_sj_footer_type">
            <a class="on" href="/index_763.html">手机版</a>
            <span>|</span>
            <a id="mobileVersionofPC">电脑版</a>
          </div>
    </div>
</div>
  <!-- 快捷导航开始 -->
<div class="kuaiJie">
	<div class="kuaiJie_cont">
		<div class="container">
			<span title="关闭" id="kuaiJie_close"><img src="{up}material/images/kuaijie_2.png" /></span>
			<div class="cont">
				<div class="cont_bd clearfix">
					<div class="kuai1 hvr-float">
						<h3><a href="{up}zwyw/" target="_blank">要闻动态</a></h3>
						<ul class="clearfix">
							<li><a href="{up}zwyw/jrgz/" target="_blank">今日关注</a></li>
							<li><a href="{up}zwyw/gzdt/bmdt/" target="_blank">部门动态</a></li>
							<li><a href="{up}zwyw/gzdt/msdt/" target="_blank">盟市动态</a></li>
							<li><a href="{up}zwyw/tzgg/" target="_blank">通知公告</a></li>
						</ul>
					</div>
					<div class="kuai2 hvr-float">
						<h3><a href="{up}zwgk/" target="_blank">政务公开</a></h3>
						<ul class="clearfix">
							<li><a href="{up}zwgk/zcjd/" target="_blank">政策解读</a></li>
							<li><a href="{up}zwgk/zfgb/" target="_blank">政府公报</a></li>
						</ul>
					</div>
				</div>
			</div>
		</div>
	</div>
	<div class="kuaiJie_bg"></div>
</div>
    <div class="right_bar">
        <ul>
            <li>
                <a href="{up}zmhd/" target='_blank' style="display:block;"><img src="{up}material/images/right_bar_fwrx.png" alt="" /></a>
                <span><a href="{up}zmhd/" target='_blank'>政民互动</a></span>
            </li>
            <li>
                <a id="right_bar_top" href="#" title="返回顶部"><img src="{up}material/images/right_bar_top.png" /></a>
            </li>
        </ul>
    </div>
"""


def body_html(article: dict, indent: str = "") -> str:
    parts = []
    if article.get("image"):
        parts.append(
            '<p style="text-align: center;"><img src="./{0}" oldsrc="{0}" style="width: 600px;"'
            ' alt="" /></p>'.format(article["image"])
        )
    parts.extend(f'<p style="{P_STYLE}">{escape(text)}</p>' for text in article["paragraphs"])
    parts.extend(
        f'<p style="text-align: right;">{escape(text)}</p>' for text in article.get("signature", ())
    )
    return (
        indent
        + '<div class="view TRS_UEDITOR trs_paper_default trs_web">'
        + "".join(parts)
        + "</div>"
    )


# Related-content boxes the page fills by script (empty and hidden in the saved page).
RELATED = (
    ("政策原文", "zcyw"),
    ("政务服务", "zwfw"),
    ("新闻发布会", "xwfbh"),
    ("政策解读", "zcjd"),
    ("媒体解读", "mtjd"),
)


def related_boxes(elder: bool = False) -> str:
    if elder:
        return "".join(
            f"""                <div class="list_cont" style="display: none;">
                    <div class="hd tong_titlt">
                        <span>{label}</span>
                    </div>
                    <div class="bd">
                        <ul class="gl_{key}1">
                        </ul>
                    </div>
                </div>
"""
            for label, key in RELATED
        )
    return "".join(
        f"""              <h2 class="ql_detailbro_right_title" style="display: none;"><a>{label}</a></h2>
              <ul class="ql_detailbro_right_list gl_{key}" style="display: none;">
              </ul>
"""
        for label, key in RELATED
    )


def headline(article: dict) -> str:
    sub = f"<div>{escape(article['subtitle'])}</div>" if article.get("subtitle") else ""
    return escape(article["title"]) + sub


def render_article(
    spec: SectionSpec, article: dict, path: str, prev: tuple | None, nxt: tuple | None
) -> str:
    up = "../../../"
    shown = article["published"][:16]
    meta = f"""<meta name="ColumnName"  content="{spec.label}">
<meta name="ColumnDescription"  content="{spec.label}">
<meta name="ColumnKeywords"  content="{spec.label}">
<meta name="ColumnType"  content="{spec.label}">
<meta name="ArticleTitle" content="{escape(full_title(article))}">
<meta name="PubDate" content="{article["published"]}">
<meta name="ContentSource" content="{escape(article["source"])}">
<meta name="Url" content="{HOST}{path}">
"""
    plain = "".join(f"<br/>\u3000\u3000{escape(text)}" for text in article["paragraphs"])
    neighbours = []
    for label, other in (("上一篇：", prev), ("下一篇：", nxt)):
        if other is None:
            continue
        title, other_path = other
        href = relative_to(path, other_path)
        neighbours.append(
            f"""                    <p>
                        <span>{label}</span>
                        <a href="{href}?slb=true" title="{escape(title)}">{escape(title)}</a>
                    </p>
"""
        )
    docid = article["id"]
    return (
        head(full_title(article), up, meta)
        + page_top(up)
        + f"""    <div class="container">
      <div class="tong_VisualArea">
{location(spec, (up, "../../", "../"))}        <!-- 如果右侧没有，给ql_detailbro加一下class【ql_detailbro_no_right】 -->
        <div class="ql_detailbro clearfix" style="margin-top:20px;">
          <div class="ql_detailbro_left">
            <h1 class="ql_detailbro_title">
              {headline(article)}
            </h1>
            <div class="ql_detailbro_info clearfix">
              <div class="ql_detailbro_date_source">
                <span>发布日期：{shown}</span>
                <!-- <span>来源：{escape(article["source"])}</span> -->
                <span id="pageview">
                  <!--浏览次数：0-->
                </span>
              </div>
              <div class="ql_detailbro_bshare">
                <div>分享到：</div>
                <div class="bshare-custom">
                  <a title="分享到微信" class="bshare-weixin"></a>
                  <a title="分享到新浪微博" class="bshare-sinaminiblog"></a>
                  <a title="分享到QQ空间" class="bshare-qzone"></a>
                </div>
              </div>
              <div class="ql_font_size">
                【字体：<a href="javascript:;" onclick="fontsize(20)">大</a>　<a href="javascript:;"
                  onclick="fontsize(18)">中</a>　<a href="javascript:;" onclick="fontsize(16)">小</a>】
              </div>
            </div>
            <div class="ql_detailbro_content qgl_fontsize_box" id="pare">
             <div class="fly_content"> {body_html(article)}</div>
<br />
              <div class="clearfix">
                <div class="xy_tyxl_closePrint">
                  <a href="javascript:print();">打印</a>
                  <a href="javascript:closePage();">关闭</a>
                  <a href="javascript:;" id="collection">
                    收藏
                    <div class="tag">
                      <img src="{up}material/images/xy_zsk_img15.png" alt="" />
                      <p>已收藏</p>
                    </div>
                  </a>
                </div>
                <p style="text-align: right !important;font-family: '微软雅黑' !important;" id="infoSource">信息来源：
                  {escape(article["source"])}
                </p>
              </div>
            </div>
            <div class="picView">
                <div>轮播图预览:</div>
                <center>
                    <img src="" alt="" />
                </center>
            </div>
            <style>
                .picView {{ display: none; }}
            </style>
          </div>
          <div class="ql_detailbro_right">
            <div class="ql_detailbro_periodical">
{related_boxes()}            </div>
          </div>
        </div>
      </div>
    </div>
  </div>

<script>
  getGL()
  function getGL() {{
    var glcode = '';
    var docid = '{docid}'
    var url = '/nmsearch/openSearch/getRelatedPolicy?glcode=' + glcode + '&docid=' + docid
    $.ajax({{ url: url, async: false, success: function (data) {{ console.log(data); }} }})
  }}
</script>
"""
        + footer(up)
        + f"""<script>
    var currChannelName = "{spec.label}";
    var currSiteName = "内蒙古自治区政府门户"
</script>
<script>
    $('.cc_location span.c_jiange a').each(function(){{
        if($(this).text() == '法定主动公开内容'){{
            $(this).attr('href','http://www.nmg.gov.cn/zwgk/zfxxgk/zfxxgkml/?gk=3')
        }}
    }})
</script>

  <!-- 适老版 开始 -->
    <div id="slb_content" style="display: none;">
        <!-- 通用头部开始 -->
        <div class="header">
    <div class="slb_top">
      <div class="container clearfix">
        <div class="function">
          <a href="http://www.nmg.gov.cn/index_1937.html" id="toolbar_home">返回首页</a>
          <a href="javascript:;" id="toolbar_pageZoomIc">页面放大</a>
          <a href="javascript:;" id="toolbar_pageZoomDc">页面缩小</a>
          <a href="javascript:;" id="toolbar_batchRead">语音播报</a>
        </div>
      </div>
    </div>
    <div class="slb_logo container">
      <a href="javascript:;" class='startReading'><img src="{up}material/slb/images/slb_logo.png" alt="" /></a>
    </div>
  </div>
        <!-- 通用头部结束 -->
        <div class="cont_cont">
            <div class="container clearfix">
                <div class="hd tong_titlt">
                    <span>{spec.label}</span>
                </div>
                <div class="cont_cont_top">
                    <h3>{headline(article)}</h3>
                    <div class="sourceDate clearfix">
                        <div class="left">
                            <span>发布日期：{shown}</span>
                            <span>{escape(article["source"])}&emsp;<i id="pageview1"></i></span>
                        </div>
                        <div class="right">
                            <a href="javascript:;" class="initRead">朗读</a>
                            <em></em>
                        </div>
                    </div>
                </div>
                <div id="pare">
                    {body_html(article)}
                    <em class="hideBr" id="pareContent" style="display: none;">{plain}</em>
                    <br/>
                    <div class="ea-fjxz">
                        <script language="javascript">
                            var str='';
                            var strResult=str.split("|");
                            if(str!=""){{
                               for(var i=0;i<strResult.length;i++){{
                                   document.write('附件下载'+(i+1)+'：'+strResult[i]+'<br/>');
                                }}
                            }}
                        </script>
                    </div>
                </div>

{related_boxes(elder=True)}
                <div class="shangXia">
{"".join(neighbours)}                </div>
            </div>
        </div>
        <!-- 通用底部 开始 -->
        <div class="slb_footer" id="footer_pc">
		<div class="container clearfix">
			<div class="left">
				<div class="sanLink">
					<a href="{up}qt/wzsm/">网站声明</a>
					<a href="{up}qt/wzdt/" target='_blank'>网站地图</a>
					<a href="{up}qt/lxwm/">联系我们</a>
				</div>
			</div>
			<div class="right">
				<p>本网站由自治区人民政府办公厅负责内容保障</p>
			</div>
		</div>
	</div>
        <!-- 通用底部 结束 -->
    </div>
    <!-- 适老版 结束 -->

<a class="bshareDiv" onclick="javascript:return false;"></a>
</body>
</html>
"""
    )


def relative_to(page: str, target: str) -> str:
    """TARGET as the site links it from PAGE: both are article paths of one channel."""
    page_dir, _, _ = page.rpartition("/")
    target_dir, _, name = target.rpartition("/")
    if page_dir == target_dir:
        return "./" + name
    return f"../{target_dir.rsplit('/', 1)[1]}/{name}"


ON = ' class="on"'


def listing_page_path(spec: SectionSpec, index: int) -> str:
    name = "index.html" if index == 0 else f"index_{index}.html"
    return f"/{PARENT[1]}/{spec.key}/{name}"


def render_listing(spec: SectionSpec, index: int, pages: int, items: list[tuple]) -> str:
    up = "../../"
    meta = f"""<meta name="ColumnName"  content="{spec.label}">
<meta name="ColumnDescription"  content="{spec.label}">
<meta name="ColumnKeywords"  content="{spec.label}">
<meta name="ColumnType"  content="{spec.label}">
"""
    side = "\n".join(
        f'            <li{ON if key == spec.key else ""}><a href="../{key}/">{label}</a></li>'
        for label, key in SIDE_CHANNELS
    )
    rows = "\n".join(
        f'            <li><a href=".{path[len(f"/{PARENT[1]}/{spec.key}") :]}" target="_blank"'
        f' title="{escape(title)}">{escape(title)}</a><span>{date}</span></li>'
        for title, path, date in items
    )
    return (
        head(spec.label, up, meta)
        + page_top(up)
        + f"""    <div class="container">
      <div class="tong_VisualArea">
{location(spec, (up, "../", "./"))}        <div class="qgl_list clearfix" style="margin-top:20px;">
          <div class="qgl_list_left">
            <h2 class="qgl_list_left_title">{PARENT[0]}</h2>
            <ul>
{side}
            </ul>
          </div>
          <div class="qgl_list_right">
            <div class="hd tong_titlt"><span>{spec.label}</span></div>
            <ul class="qgl_list_ul">
{rows}
            </ul>
            <div class="page" id="page">
              <script type="text/javascript">
                createPageHTML({pages}, {index}, "index", "html");
              </script>
            </div>
          </div>
        </div>
      </div>
    </div>
  </div>
"""
        + footer(up)
        + "</body>\n</html>\n"
    )


def main(output: Path = OUTPUT) -> None:
    content = load_sections(CONTENT)
    start_afresh(output)
    written = 0
    for spec in SECTIONS:
        entries = [(article, article_path(spec, article)) for article in content[spec.key]]
        for index, (article, path) in enumerate(entries):
            # 上一篇 is the newer neighbour, 下一篇 the older one, as on the site.
            prev = (full_title(entries[index - 1][0]), entries[index - 1][1]) if index else None
            nxt = (
                (full_title(entries[index + 1][0]), entries[index + 1][1])
                if index + 1 < len(entries)
                else None
            )
            write(output, path, render_article(spec, article, path, prev, nxt))
            written += 1
        pages = -(-len(entries) // spec.per_page)
        for index in range(pages):
            chunk = entries[index * spec.per_page : (index + 1) * spec.per_page]
            items = [(full_title(a), path, a["published"][:10]) for a, path in chunk]
            write(output, listing_page_path(spec, index), render_listing(spec, index, pages, items))
    links = "\n".join(
        f'    <li><a href="/{PARENT[1]}/{spec.key}/">{spec.label}</a></li>' for spec in SECTIONS
    )
    write(
        output,
        "/index.html",
        head("首页", "./", "")
        + page_top("./")
        + f'    <ul class="channels">\n{links}\n    </ul>\n  </div>\n'
        + footer("./")
        + "</body>\n</html>\n",
    )
    write(output, "/robots.txt", "User-agent: *\nDisallow: /nmg_search/\n")
    print(f"wrote {written} articles under {output}")


if __name__ == "__main__":
    main()
