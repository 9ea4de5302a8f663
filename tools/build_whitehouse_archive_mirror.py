# ruff: noqa: E501 (HTML templates of the mirror generator are easier to read unwrapped)
"""Write the offline mirror of obamawhitehouse.archives.gov from tools/whitehouse_archive_articles.json.

The article pages reproduce the Drupal 7 markup of the real pages saved in
../shared/realpages/gov/obamawhitehouse.archives.gov/ (tags, classes, ids,
nesting, meta tags written with value= instead of content=, the breadcrumb
nav.breadcrumb with its visually hidden "You are here" heading, the panel
panes, share links and footer), with menus shortened and every text replaced
by text written for the mirror:

- Weekly Address pages (/the-press-office/YYYY/MM/DD/<slug>) in the two forms
  the archive uses: the 2015 form, whose intro sits in the forall-body field and
  whose transcript sits in a second pane (field-transcript) after the video and
  the MP4/MP3 links; and the 2016 form, with everything in the forall-body
  field and a release date ("Office of the Press Secretary") one day before the
  date in the URL.
- Blog posts (/blog/YYYY/MM/DD/<slug>) with the byline "Month D, YYYY at H:MM PM
  ET by <author>", share links, the "Summary:" field, the body, the author
  teaser and the promotional touts.

Every page is written as <path>/index.html, since the live addresses have no
file extension.  The listing pages are assumed (no real one was saved): Drupal
views rows and Drupal's pager.  The live pager links to ?page=1, ?page=2, ...,
but the mirror server ignores query strings, so the mirror's pager links to
<listing>/page/1, ... instead; the crawler follows numbered pager links
generically either way.

Run `python tools/build_whitehouse_archive_mirror.py` after editing the JSON;
the output under crawler/mirrors/obamawhitehouse.archives.gov/ is committed.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from html import escape
from pathlib import Path
from urllib.parse import quote

from mirror_pages import start_afresh, write

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "tools" / "whitehouse_archive_articles.json"
OUTPUT = ROOT / "crawler" / "mirrors" / "obamawhitehouse.archives.gov"
HOST = "obamawhitehouse.archives.gov"
SITE = f"https://{HOST}"
THEME = f"{SITE}/sites/obamawhitehouse.archives.gov/themes/custom/fortyfour"
WEEKLY_PER_PAGE = 3
BLOG_PER_PAGE = 4


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day:%Y}"


def head(title: str, url: str, description: str, og_type: str, times: list[tuple]) -> str:
    """The <head> of a Drupal page of the archive, meta tags with value= as the site writes them."""
    time_metas = "".join(f'<meta value="{value}" name="{name}">\n' for name, value in times)
    return f"""<!DOCTYPE html>
<!--[if IEMobile 7]><html class="iem7"  lang="en" dir="ltr"><![endif]-->
<!--[if lte IE 6]><html class="lt-ie9 lt-ie8 lt-ie7"  lang="en" dir="ltr"><![endif]-->
<!--[if (IE 7)&(!IEMobile)]><html class="lt-ie9 lt-ie8"  lang="en" dir="ltr"><![endif]-->
<!--[if IE 8]><html class="lt-ie9"  lang="en" dir="ltr"><![endif]-->
<!--[if (gte IE 9)|(gt IEMobile 7)]><!--><html lang="en" dir="ltr" prefix="og: http://ogp.me/ns# content: http://purl.org/rss/1.0/modules/content/ dc: http://purl.org/dc/terms/ foaf: http://xmlns.com/foaf/0.1/ rdfs: http://www.w3.org/2000/01/rdf-schema# sioc: http://rdfs.org/sioc/ns# sioct: http://rdfs.org/sioc/types# skos: http://www.w3.org/2004/02/skos/core# xsd: http://www.w3.org/2001/XMLSchema#">

<head>

<link rel="dns-prefetch" href="//platform.twitter.com">
<meta charset="utf-8">
<link rel="shortcut icon" href="{THEME}/favicon.ico" type="image/vnd.microsoft.icon">
<link rel="apple-touch-icon" sizes="180x180" href="{THEME}/images/fortyfour/favicons/iOS_180x180.png">
<meta name="application-name" value="Whitehouse">
<meta name="msapplication-TileColor" value="#003C80">
<meta name="generator" value="Drupal 7 (http://drupal.org)">
<link rel="canonical" href="{url}">
<link rel="shortlink" href="{url}">
<meta value="whitehouse.gov" name="og:site_name">
<meta value="{og_type}" name="og:type">
<meta value="{escape(title)}" name="og:title">
<meta value="{url}" name="og:url">
<meta value="{escape(description)}" name="og:description">
<meta value="https://{HOST}/sites/whitehouse.gov/files/images/twitter_cards_default.jpg" name="og:image">
<meta name="twitter:card" value="summary">
<meta name="twitter:site" value="@WhiteHouse">
<meta name="twitter:url" value="{url}">
<meta name="twitter:title" value="{escape(title)}">
{time_metas}  <title>{escape(title)} | whitehouse.gov</title>

      <meta name="MobileOptimized" value="width">
    <meta name="HandheldFriendly" value="true">
    <meta name="viewport" value="width=device-width">
    <meta http-equiv="cleartype" value="on">

  <link type="text/css" rel="stylesheet" href="https://{HOST}/sites/obamawhitehouse.archives.gov/files/advagg_css/css__fortyfour-mirror.css" media="all">
  </head>
"""


def body_open(body_class: str, wrapper: str, display: str) -> str:
    """<body> up to the panel display; WRAPPER and DISPLAY are the two divs' attributes."""
    return f"""<body class="{body_class}">

<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-WLMC86" height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>

      <p class="skip-link">
      <a href="#content-start" class="element-invisible element-focusable">Jump to main content</a>
    </p>
        <p id="skip-link">
      <a href="#block-menu-block-sixteenhundrednav-main" class="element-invisible element-focusable">Jump to navigation</a>
    </p>

<section id="page">

<div {wrapper}>
        <div {display}>
"""


MAIN_MENU = f"""<div id="block-menu-block-sixteenhundrednav-main" class="" tabindex="-1">
  <div id="main-menu-header" class="clearfix">
    <div id="icon-wrapper">
      <a href="#" role="tab" id="main-menu-toggle"><i class="fa fa-bars"></i></a>
    </div>
  </div>
  <div id="main-menu-content">
    <div class="menu-block-wrapper menu-block-ctools-sixteenhundred-main-nav-2 menu-name-sixteenhundred-main-nav parent-mlid-0 menu-level-1">
  <ul class="menu"><li class="first leaf menu-mlid-5816 main-nav--menu-item --main-nav--menu-item odd depth-1 no-children" data-position="1"><a href="{SITE}" class="no-header">Home<i class="fa fa-angle-down"></i></a></li>
<li class="expanded menu-mlid-5821 main-nav--menu-item --main-nav--menu-item even depth-1 children children-2" data-position="2"><a href="{SITE}/briefing-room">Briefing Room<i class="fa fa-angle-down"></i></a><ul class="menu"><div class="depth-2-wrapper"><li class="menu__item is-expanded last expanded menu-mlid-77741 main-nav--menu-item --main-nav--menu-item even depth-2 children children-4" data-position="2"><span class="menu__link nolink" tabindex="0">From the Press Office</span><ul class="menu"><li class="menu__item is-leaf first leaf menu-mlid-5886 main-nav--menu-item --main-nav--menu-item odd depth-3 no-children" data-position="1"><a href="/briefing-room/weekly-address" class="menu__link">Your Weekly Address</a></li>
<li class="menu__item is-leaf leaf menu-mlid-5891 main-nav--menu-item --main-nav--menu-item even depth-3 no-children" data-position="2"><a href="/briefing-room/speeches-and-remarks" class="menu__link">Speeches &amp; Remarks</a></li>
<li class="menu__item is-leaf leaf menu-mlid-5896 main-nav--menu-item --main-nav--menu-item odd depth-3 no-children" data-position="3"><a href="/briefing-room/press-briefings" class="menu__link">Press Briefings</a></li>
<li class="menu__item is-leaf last leaf menu-mlid-5901 main-nav--menu-item --main-nav--menu-item even depth-3 no-children" data-position="4"><a href="/briefing-room/statements-and-releases" class="menu__link">Statements &amp; Releases</a></li>
</ul></li>
</div></ul></li>
<li class="leaf menu-mlid-5826 main-nav--menu-item --main-nav--menu-item odd depth-1 no-children" data-position="3"><a href="{SITE}/issues">Issues<i class="fa fa-angle-down"></i></a></li>
<li class="leaf menu-mlid-5831 main-nav--menu-item --main-nav--menu-item even depth-1 no-children" data-position="4"><a href="{SITE}/administration">The Administration<i class="fa fa-angle-down"></i></a></li>
<li class="leaf menu-mlid-5836 main-nav--menu-item --main-nav--menu-item odd depth-1 no-children" data-position="5"><a href="{SITE}/participate">Participate<i class="fa fa-angle-down"></i></a></li>
<li class="last leaf menu-mlid-5841 main-nav--menu-item --main-nav--menu-item even depth-1 no-children" data-position="6"><a href="{SITE}/1600">1600 Penn<i class="fa fa-angle-down"></i></a></li>
</ul></div>
  </div>
</div>
<div class="panel-pane pane-block pane-search-form sitewide-header--search-form">

  </div>
"""

SLOGAN = """<div class="whr-header-bg">
  <div class="whr-wrapper">
    <div class="whr-contact-slogan">
      <div class="panel-pane pane-page-slogan">

  This page belongs to an archived website that is no longer updated: it stays as it was, and some links to other sites or to internal pages may no longer work.

  </div>
    </div>
  </div>
"""

LOGO = f"""<div class="panel-pane pane-page-logo">

  <a href="/" rel="home" id="logo" title="Home"><img typeof="foaf:Image" src="{SITE}/profiles/forall/modules/custom/gov_whitehouse_www/images/icons/wh_logo_seal.png" alt="Home"></a>

  </div>
"""


def breadcrumb(crumbs: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{href}">{escape(label)}</a></li>' for label, href in crumbs)
    return f"""<div class="panel-pane pane-page-breadcrumb">

  <nav class="breadcrumb" role="navigation"><h2 class="element-invisible">You are here</h2><ol>{items}</ol></nav>

  </div>
"""


def default_header(crumbs: list[tuple[str, str]]) -> str:
    """The header of press-office and listing pages: slogan, navbar, then the breadcrumb."""
    return (
        """  <header class="panel-panel panel-header">
   <div class="panel-pane pane-panels-mini pane-default-header clearfix">

  <div class="whr-takeover" id="whr-takeover" style="display:none;"></div>

"""
        + SLOGAN
        + """  <div class="whr-navbar">
    <div class="whr-wrapper">
      """
        + LOGO
        + MAIN_MENU
        + """    </div>
  </div>
</div>
<div class="whr-wrapper">
  """
        + breadcrumb(crumbs)
        + """</div>


</div>
  </header>
"""
    )


def thin_header() -> str:
    """The header of blog posts: slogan and navbar; the breadcrumb sits in the content column."""
    return (
        """  <header class="panel-panel panel-header">
    <div class="panel-pane pane-panels-mini pane-thin-header">

  <div class="whr-takeover" id="whr-takeover" style="display:none;"></div>

"""
        + SLOGAN
        + """  <div class="whr-navbar">
    <div class="whr-wrapper">
      <div class="panel-pane pane-wh-mobile-logo">

  <a href="/" rel="home" id="logo-mobile" title="Home"><img src="/profiles/forall/modules/custom/gov_whitehouse_www/images/icons/wh_logo_seal_mobile.png" alt="Home">
</a>

  </div>
"""
        + LOGO
        + MAIN_MENU
        + """    </div>
  </div>
</div>
<div class="whr-wrapper">
  </div>

  </div>
  </header>
"""
    )


SECONDARY_NAV = """      <div class="panel-panel panel-col panel-col-section-menu">
       <div class="panel-pane pane-block pane-menu-block-forall-secondary-nav">

        <h2 class="pane-title">
      Briefing Room    </h2>

  <div class="menu-block-wrapper menu-block-forall_secondary_nav menu-name-sixteenhundred-main-nav parent-mlid-0 menu-level-3">
  <ul class="menu"><li class="menu__item is-leaf is-active-trail first leaf active-trail odd depth-3 no-children" data-position="1"><a href="/briefing-room/weekly-address" class="menu__link is-active is-active-trail active active-trail">Your Weekly Address</a></li>
<li class="menu__item is-leaf leaf even depth-3 no-children" data-position="2"><a href="/briefing-room/speeches-and-remarks" class="menu__link">Speeches &amp; Remarks</a></li>
<li class="menu__item is-leaf leaf odd depth-3 no-children" data-position="3"><a href="/briefing-room/press-briefings" class="menu__link">Press Briefings</a></li>
<li class="menu__item is-leaf last leaf even depth-3 no-children" data-position="4"><a href="/briefing-room/statements-and-releases" class="menu__link">Statements &amp; Releases</a></li>
</ul></div>


  </div>
      </div>

"""

FOOTER = f"""  <footer class="panel-panel panel-footer">

  <footer class="panel-pane pane-panels-mini pane-default-sitewide-footer sitewide-footer">
    <div class="sitewide-footer__wrapper">

  <nav class="sitewide-footer--social-nav">
    <div class="menu-block-wrapper menu-block-ctools-sixteenhundred-social-nav-1 menu-name-sixteenhundred-social-nav parent-mlid-0 menu-level-1">
  <ul class="menu"><li class="menu__item is-leaf first leaf menu-mlid-6411 horizontal-social-menu--menu-item odd depth-1 no-children" data-position="1"><a href="http://twitter.com/ObamaWhiteHouse" class="menu__link" title="Twitter"><span class="fa fa-twitter"></span><span class="element-invisible">Twitter</span></a></li>
<li class="menu__item is-leaf leaf menu-mlid-6421 horizontal-social-menu--menu-item even depth-1 no-children" data-position="2"><a href="http://facebook.com/ObamaWhiteHouse" class="menu__link" title="Facebook"><span class="fa fa-facebook"></span><span class="element-invisible">Facebook</span></a></li>
<li class="menu__item is-leaf last leaf menu-mlid-6431 horizontal-social-menu--menu-item odd depth-1 no-children" data-position="3"><a href="http://www.youtube.com/ObamaWhiteHouse" class="menu__link" title="YouTube"><span class="fa fa-youtube"></span><span class="element-invisible">YouTube</span></a></li>
</ul></div>
  </nav>

  <nav class="panel-pane pane-menu-tree pane-sixteenhundred-main-nav sitewide-footer--main-nav horizontal-3-level-menu">
    <div class="menu-block-wrapper menu-block-ctools-sixteenhundred-main-nav-1 menu-name-sixteenhundred-main-nav parent-mlid-0 menu-level-1">
  <ul class="menu"><li class="menu__item is-leaf first leaf menu-mlid-5816 horizontal-3-level-menu--menu-item odd depth-1 no-children" data-position="1"><a href="{SITE}" class="menu__link">Home</a></li>
<li class="menu__item is-leaf leaf menu-mlid-5821 horizontal-3-level-menu--menu-item even depth-1 no-children" data-position="2"><a href="{SITE}/briefing-room" class="menu__link">Briefing Room</a></li>
<li class="menu__item is-leaf leaf menu-mlid-5826 horizontal-3-level-menu--menu-item odd depth-1 no-children" data-position="3"><a href="{SITE}/issues" class="menu__link">Issues</a></li>
<li class="menu__item is-leaf last leaf menu-mlid-5841 horizontal-3-level-menu--menu-item even depth-1 no-children" data-position="4"><a href="{SITE}/1600" class="menu__link">1600 Penn</a></li>
</ul></div>
  </nav>

  <nav class="sitewide-footer--utility-nav">
    <div class="menu-block-wrapper menu-block-ctools-sixteenhundred-nav-utility-1 menu-name-sixteenhundred-nav-utility parent-mlid-0 menu-level-1">
  <ul class="menu"><li class="menu__item is-leaf first leaf menu-mlid-6451 horizontal-1-level-menu--menu-item odd depth-1 no-children" data-position="1"><a href="http://{HOST}/espanol" class="menu__link">En Espa&#xF1;ol</a></li>
<li class="menu__item is-leaf leaf menu-mlid-6456 horizontal-1-level-menu--menu-item even depth-1 no-children" data-position="2"><a href="http://{HOST}/accessibility" class="menu__link">Accessibility</a></li>
<li class="menu__item is-leaf leaf menu-mlid-6461 horizontal-1-level-menu--menu-item odd depth-1 no-children" data-position="3"><a href="http://{HOST}/copyright" class="menu__link">Copyright Information</a></li>
<li class="menu__item is-leaf leaf menu-mlid-6466 horizontal-1-level-menu--menu-item even depth-1 no-children" data-position="4"><a href="http://{HOST}/privacy" class="menu__link">Privacy Policy</a></li>
<li class="menu__item is-leaf last leaf menu-mlid-6471 horizontal-1-level-menu--menu-item odd depth-1 no-children" data-position="5"><a href="http://www.usa.gov" class="menu__link">USA.gov</a></li>
</ul></div>
  </nav>
    </div>
  </footer>
  </footer>
</div>
</div>
</section>

</body>
</html>
"""


def paragraphs(texts: list[str]) -> str:
    return "\n\n".join(f"<p>\n\t{escape(text, quote=False)}</p>" for text in texts)


def share_links(url: str, title: str, text: str) -> str:
    return (
        f'<a href="http://twitter.com/intent/tweet?url={quote(url, safe="")}&amp;text={quote(title)}"'
        ' class="social-share-twitter" title="Twitter" target="_blank">Twitter</a>&#xA0;'
        f'<a href="http://facebook.com/sharer.php?u={quote(url, safe="")}" class="social-share-facebook"'
        ' title="Facebook" target="_blank">Facebook</a>&#xA0;'
        f'<a href="mailto:?to=&amp;subject=&amp;body={quote(text[:120])}" class="social-share-email"'
        ' title="Email" target="_blank">Email</a>'
    )


def press_path(article: dict) -> str:
    return f"/the-press-office/{article['date'].replace('-', '/')}/{article['slug']}"


def blog_path(article: dict) -> str:
    return f"/blog/{article['date'].replace('-', '/')}/{article['slug']}"


def render_press(article: dict, nid: int) -> str:
    url = SITE + press_path(article)
    release = date.fromisoformat(article["release_date"])
    one_pane = article["layout"] == "one-pane"
    subtitle = "Office of the Press Secretary" if one_pane else ""
    immediate = "" if one_pane else "For Immediate Release"
    title = article["title"]
    aired = long_date(date.fromisoformat(article["date"]))
    video = (
        '<div class="youtube-shortcode-container--responsive youtube-shortcode-lg ">'
        '<iframe width="100%" height="100%" src="//www.youtube-nocookie.com/embed/'
        f'mirror{nid}?version=3" frameborder="0" allowfullscreen></iframe></div>'
    )
    media = (
        f'<a class="link-weekly-address link-mp4" href="{SITE}/videos/{article["media"]}_HD.mp4"'
        ' target="_blank">MP4</a><a class="link-weekly-address link-mp3"'
        f' href="{SITE}/videos/{article["media"]}.mp3" target="_blank">MP3</a>'
    )
    if one_pane:
        header_lines = [article["speaker_line"], "Weekly Address", "The White House", aired]
        body = (
            paragraphs(article["intro"])
            + f"\n\n<p>\n\t{video}\n\n</p><p>\n\t{media}</p>\n\n"
            + "\n\n".join(f"<p>\n\t<strong>{escape(line)}</strong></p>" for line in header_lines)
            + "\n\n"
            + paragraphs(article["transcript"])
        )
        after_body = ""
        share = ""
    else:
        body = paragraphs(article["intro"]) + "\n\n<p>\n\t&#xA0;</p>"
        header = (
            f'<p>\n\t&#xA0;</p>\n\n<p class="rtecenter">\n\t<strong>{escape(article["speaker_line"])}'
            "</strong><br>\n\t<strong>Weekly Address</strong><br>\n\t<strong>The White House"
            f"</strong><br>\n\t<strong>{aired}</strong></p>\n\n"
        )
        after_body = f"""<div class="panel-pane pane-views-panes pane-press-office-listings-panel-pane-6">

  <div class="view view-press-office-listings view-id-press_office_listings view-display-id-panel_pane_6 view-dom-id-{nid:x}e5c0b1">
      <div class="view-content">
        <div class="views-row views-row-1 views-row-odd views-row-first views-row-last">

  <div class="views-field views-field-field-youtube-video">        <div class="field-content"><div class="youtube-container--responsive"><iframe id="youtube-field-player" class="youtube-field-player" width="100%" height="100%" src="https://www.youtube-nocookie.com/embed/mirror{nid}?wmode=opaque&amp;autohide=1&amp;iv_load_policy=3" title="Embedded video for {escape(title)}" frameborder="0" allowfullscreen allow="autoplay; fullscreen"><a href="https://www.youtube-nocookie.com/embed/mirror{nid}">Embedded video for {escape(title)}</a></iframe></div></div>  </div>  </div>
    </div>

</div>

  </div>
<div class="panel-pane pane-custom pane-2 press-article-media-links">

  {media}

  </div>
<div class="panel-pane pane-entity-field pane-node-field-transcript forall-body">

  <div class="field field-name-field-transcript field-type-text-long field-label-hidden"><div class="field-items"><div class="field-item even">{header}{paragraphs(article["transcript"])}</div></div></div>

  </div>
"""
        share = (
            f'<div class="social-share social-share-node-{nid} clearfix"><span class="share-label">'
            f"Share This: </span>{share_links(url, title, article['intro'][0])}</div>"
        )
    share_pane = (
        f"""          <div class="panel-pane pane-entity-field-extra pane-node-social-share">

  {share}

  </div>
"""
        if share
        else ""
    )
    times = [("article:published_time", article["published_time"])]
    return (
        head(title, url, article["intro"][0], "article", times)
        + body_open(
            f"html not-front not-logged-in no-sidebars page-node page-node- page-node-{nid}"
            " node-type-press-article section-the-press-office page-panels",
            f'class="panelizer-view-mode node node-full node-press-article node-{nid}"',
            'class="panel-display panel-basic-single-content-col"',
        )
        + default_header(
            [
                ("Home", "/"),
                ("Briefing Room", "/briefing-room"),
                ("Weekly Address", "/briefing-room/weekly-address"),
            ]
        )
        + """    <div class="panel-panel panel-wrapper panel-col-section-all">

"""
        + SECONDARY_NAV
        + f"""      <div id="content-start" class="panel-panel panel-col panel-col-section-content" tabindex="-1">
       <div class="panel-pane pane-custom pane-1 clearfix">
      <div class="videos-intro-field videos-intro-forall-body forall-body">
      <div class="whr-read-more-wrapper">
        <div class="press-article-header-wrapper">
  <div id="press_article_heading" class="press-article-heading">
    <div id="press_article_heading_title" class="heading-title">The White House</div>
    <div id="press_article_heading_subtitle" class="heading-subtitle">{subtitle}</div>
  </div>
  <div id="press_article_subheading" class="clearfix press-article-subheading">
    <div id="press_article_immediate_release" class="press-article-release">{immediate}</div>
    <div id="press_article_date_created" class="press-article-date">{long_date(release)}</div>
  </div>
</div>      </div>
    </div>
  </div>
<div class="panel-pane pane-node-title">

  <h1>{escape(title)}{"" if one_pane else "  "}</h1>


  </div>
<div class="panel-pane pane-entity-field pane-node-field-forall-body">


  <div class="field field-name-field-forall-body field-type-text-long field-label-hidden forall-body">
        <div class="field-items">
              <div class="field-item even">{body}</div>
          </div>
  </div>


  </div>
{after_body}      </div>

      <div class="panel-panel panel-col panel-col-section-share">
        <div id="section-share-wrapper">
{share_pane}        </div>
      </div>

    </div>
"""
        + FOOTER
    )


def byline_time(article: dict) -> str:
    moment = datetime.fromisoformat(f"{article['date']}T{article['time']}")
    hour = moment.hour % 12 or 12
    return (
        f"{long_date(moment.date())} at {hour}:{moment:%M} {'AM' if moment.hour < 12 else 'PM'} ET"
    )


def author_slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def render_touts(touts: list[dict], nid: int) -> str:
    items = []
    for index, tout in enumerate(touts):
        parity = "even" if index % 2 == 0 else "odd"
        items.append(
            f"""<div class="field-item {parity}">
<article class="node-{nid + 17 + index} node node-tout view-mode-full clearfix" about="/node/{nid + 17 + index}" typeof="sioc:Item foaf:Document">

      <a class="tout-wrapper clearfix" href="{tout["href"]}">

      <div class="tout-image">
        <div class="field field-name-field-tout-image field-type-image field-label-hidden"><div class="field-items"><div class="field-item even"><img typeof="foaf:Image" src="{SITE}/sites/obamawhitehouse.archives.gov/files/tout_images/mirror_tout_{index + 1}.jpg" width="860" height="484" alt=""></div></div></div>      </div>

      <div class="tout-text">
        <div class="field field-name-field-super-header field-type-text field-label-hidden"><div class="field-items"><div class="field-item even">{escape(tout["super"])}</div></div></div>
                  <h2 class="node__title node-title">{escape(tout["headline"])}</h2>
              </div>

      </a>

  <span property="dc:title" content="{escape(tout["headline"])}" class="rdf-meta element-hidden"></span>
</article>
</div>"""
        )
    return "".join(items)


def render_blog(article: dict, nid: int, touts: list[dict]) -> str:
    path = blog_path(article)
    url = SITE + path
    title = article["title"]
    author = article["author"]
    published = f"{article['date']}T{article['time']}:{article['seconds']}{article['offset']}"
    times = [("article:published_time", published), ("article:modified_time", published)]
    body_html = paragraphs(article["paragraphs"])
    return (
        head(title, url, article["summary"], "article", times)
        + body_open(
            f"html not-front not-logged-in no-sidebars page-node page-node- page-node-{nid}"
            " node-type-blog-post section-blog page-panels",
            f'class="panelizer-view-mode node node-full node-blog-post node-{nid} panel-whr-blog"',
            'class="panel-display panel-single-col-grid" id=""',
        )
        + thin_header()
        + f"""    <div class="panel-panel panel-wrapper panel-col-section-all single-col-grid-content">
      <div class="panel-panel panel-col panel-col-section-content-first">
        {breadcrumb([("Home", "/"), ("Blog", "/blog")])}<div class="panel-pane pane-content-anchor-pane">

  <a id="content-start" name="content-start" tabindex="-1"></a>

  </div>
<div class="panel-pane pane-node-title">

  <h1>{escape(title)}</h1>


  </div>
<div class="panel-pane pane-forall-blog-post-author-pane author-pane-links">

  {byline_time(article)} by <a class="blog-author-link" href="/blog/author/{author_slug(author)}">{escape(author)}</a>

  </div>
<div class="panel-pane pane-entity-field-extra pane-node-social-share">

  <div class="share-links social-share social-share-node-{nid} clearfix">{share_links(url, title, article["summary"])}</div>

  </div>
      </div>

              <div class="panel-panel panel-col panel-col-section-content-second">
          <div class="panel-pane pane-entity-field pane-node-field-forall-summary">

  <div class="field field-name-field-forall-summary field-type-text-long field-label-inline clearfix"><div class="field-label">Summary:&#xA0;</div><div class="field-items"><div class="field-item even">{escape(article["summary"], quote=False)}</div></div></div>

  </div>
        </div>

              <div class="panel-panel panel-col panel-col-section-content-third">
          <div class="panel-pane pane-entity-field pane-node-field-forall-body">

  <div class="field field-name-field-forall-body field-type-text-long field-label-hidden forall-body"><div class="field-items"><div class="field-item even">{body_html}
</div></div></div>

  </div>
<div class="panel-pane pane-forall-blog-post-author-pane author-pane-teasers">

  <div class="node-{nid + 5} node-person-teaser node node-person node-teaser clearfix" about="/blog/author/{author_slug(author)}" typeof="sioc:Item foaf:Document">

  <div class="node-person-teaser-left">
    <div class="node-person-teaser-image">
      <div class="field field-name-field-forall-image field-type-image field-label-hidden"><div class="field-items"><div class="field-item even"><a href="/blog/author/{author_slug(author)}"><img typeof="foaf:Image" src="{SITE}/sites/obamawhitehouse.archives.gov/files/styles/person_teaser_photo/public/person-photo/{author_slug(author)}.jpg" width="132" height="132" alt=""></a></div></div></div>    </div>
  </div>
  <div class="node-person-teaser-right">
    <h3 class="node__title node-title"><a class="node-person-name-link" href="/blog/author/{author_slug(author)}">{escape(author)}</a></h3>
    <div class="person-title"><div class="field field-name-field-person-title field-type-text field-label-hidden"><div class="field-items"><div class="field-item even">{escape(article["author_title"])}</div></div></div></div>
  </div>
</div>


  </div>
<div class="panel-pane pane-entity-field pane-node-field-evergreen-content prominence-secondary pane-bundle-evergreen-content-pane prominence-secondary">

  <div class="field field-name-field-evergreen-content field-type-entityreference field-label-hidden"><div class="field-items">{render_touts(touts, nid)}</div></div>

  </div>
        </div>
          </div>
"""
        + FOOTER
    )


def listing_path(base: str, index: int) -> str:
    return base if index == 0 else f"{base}/page/{index}"


def pager(base: str, index: int, pages: int) -> str:
    """Drupal 7's pager; links go to <base>/page/N where the live site has <base>?page=N."""
    items = []
    if index > 0:
        items.append(
            f'<li class="pager-first first"><a title="Go to first page" href="{base}">« first</a></li>'
        )
        items.append(
            f'<li class="pager-previous"><a title="Go to previous page" href="'
            f'{listing_path(base, index - 1)}">‹ previous</a></li>'
        )
    for number in range(pages):
        if number == index:
            first = " first" if not items else ""
            last = " last" if number == pages - 1 else ""
            items.append(f'<li class="pager-current{first}{last}">{number + 1}</li>')
        else:
            items.append(
                f'<li class="pager-item"><a title="Go to page {number + 1}" href="'
                f'{listing_path(base, number)}">{number + 1}</a></li>'
            )
    if index + 1 < pages:
        items.append(
            f'<li class="pager-next"><a title="Go to next page" href="'
            f'{listing_path(base, index + 1)}">next ›</a></li>'
        )
        items.append(
            f'<li class="pager-last last"><a title="Go to last page" href="'
            f'{listing_path(base, pages - 1)}">last »</a></li>'
        )
    return (
        '<h2 class="element-invisible">Pages</h2><div class="item-list"><ul class="pager">'
        + "\n".join(items)
        + "</ul></div>"
    )


def render_listing(kind: str, index: int, pages: int, rows: list[str]) -> str:
    if kind == "weekly":
        base, heading, view = (
            "/briefing-room/weekly-address",
            "Your Weekly Address",
            "press_office_listings",
        )
        crumbs = [("Home", "/"), ("Briefing Room", "/briefing-room")]
        body_class = "page-briefing-room page-briefing-room-weekly-address section-briefing-room"
    else:
        base, heading, view = "/blog", "The White House Blog", "blog_listing"
        crumbs = [("Home", "/")]
        body_class = "page-blog section-blog"
    url = SITE + listing_path(base, index)
    view_class = view.replace("_", "-")
    return (
        head(heading, url, heading, "website", [])
        + body_open(
            f"html not-front not-logged-in no-sidebars {body_class} page-panels",
            'class="panel-page-view"',
            'class="panel-display panel-basic-single-content-col"',
        )
        + default_header(crumbs)
        + """    <div class="panel-panel panel-wrapper panel-col-section-all">

"""
        + (SECONDARY_NAV if kind == "weekly" else "")
        + f"""      <div id="content-start" class="panel-panel panel-col panel-col-section-content" tabindex="-1">
       <div class="panel-pane pane-page-title">

  <h1>{heading}</h1>

  </div>
<div class="panel-pane pane-views-panes pane-{view_class}-panel-pane-1">

  <div class="view view-{view_class} view-id-{view} view-display-id-panel_pane_1 view-dom-id-{index}a7f3c2">
      <div class="view-content">
{"".join(rows)}    </div>

  {pager(base, index, pages)}
</div>

  </div>
      </div>

    </div>
"""
        + FOOTER
    )


def row_class(position: int, count: int) -> str:
    names = [
        f"views-row views-row-{position + 1}",
        "views-row-odd" if position % 2 == 0 else "views-row-even",
    ]
    if position == 0:
        names.append("views-row-first")
    if position == count - 1:
        names.append("views-row-last")
    return " ".join(names)


def weekly_row(article: dict, position: int, count: int) -> str:
    return f"""        <div class="{row_class(position, count)}">

  <div class="views-field views-field-field-forall-date">        <span class="field-content">{long_date(date.fromisoformat(article["release_date"]))}</span>  </div>
  <h3 class="field-content"><a href="{press_path(article)}">{escape(article["title"])}</a></h3>
  <div class="views-field views-field-field-forall-body">        <div class="field-content">{escape(article["intro"][0], quote=False)}</div>  </div>  </div>
"""


def blog_row(article: dict, position: int, count: int) -> str:
    return f"""        <div class="{row_class(position, count)}">

  <h3 class="field-content"><a href="{blog_path(article)}">{escape(article["title"])}</a></h3>
  <div class="views-field views-field-created">        <span class="field-content">{byline_time(article)} by {escape(article["author"])}</span>  </div>
  <div class="views-field views-field-field-forall-summary">        <div class="field-content">{escape(article["summary"], quote=False)}</div>  </div>  </div>
"""


def main(output: Path = OUTPUT) -> None:
    content = json.loads(CONTENT.read_text(encoding="utf-8"))
    start_afresh(output)
    written = 0
    weekly = content["weekly_address"]
    blog = content["blog"]
    for serial, article in enumerate(weekly):
        write(output, press_path(article), render_press(article, 316000 + serial * 4127))
        written += 1
    for serial, article in enumerate(blog):
        write(
            output,
            blog_path(article),
            render_blog(article, 197000 + serial * 5311, content["touts"]),
        )
        written += 1
    for kind, articles, per_page, render_row, base in (
        ("weekly", weekly, WEEKLY_PER_PAGE, weekly_row, "/briefing-room/weekly-address"),
        ("blog", blog, BLOG_PER_PAGE, blog_row, "/blog"),
    ):
        pages = -(-len(articles) // per_page)
        for index in range(pages):
            chunk = articles[index * per_page : (index + 1) * per_page]
            rows = [
                render_row(article, position, len(chunk)) for position, article in enumerate(chunk)
            ]
            write(output, listing_path(base, index), render_listing(kind, index, pages, rows))
    write(output, "/robots.txt", "User-agent: *\nDisallow: /search/\n")
    print(f"wrote {written} articles under {output}")


if __name__ == "__main__":
    main()
