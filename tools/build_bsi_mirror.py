# ruff: noqa: E501 (HTML templates of the mirror generator are easier to read unwrapped)
"""Write the offline mirror of www.bsi.bund.de's press releases from tools/bsi_articles.json.

The article pages reproduce the Government Site Builder markup of the real
press release saved in ../shared/realpages/gov/www.bsi.bund.de/: <base href>,
meta tags, the header with service menu, logo, main menu and search banner,
the trail nav.c-breadcrumb (h2.aural "Sie sind hier:", "Zur Startseite" home
link, "Service" as plain text, "Presse", the headline in <strong>), the
c-intro headline with <abbr> elements, p.docData with Ort and Datum
(28.01.2022), paragraphs with <abbr>, <span lang="en-GB"> and „<q>…</q>“
quotes, the "Pressekontakt:" block, the footer with soft-hyphenated menus, the
cookie banner.  Menus are shortened and every text is written for the mirror.

Listing pages are assumed (no real one was saved): one page per year,
/DE/Service-Navi/Presse/Pressemitteilungen/Presse<YYYY>/presse<YYYY>_node.html,
with GSB teasers linking to the articles with GSB's ?nn= parameter, and a
pagination list.  The live site paginates with query strings (?gtp=...), which
the mirror server cannot serve, so the mirror's further pages are
presse<YYYY>_node_2.html.  Links are written root-relative (/DE/...): GSB
writes them relative to <base href="https://www.bsi.bund.de/">, which the
crawler's link resolution does not apply (see the profile's notes).

Run `python tools/build_bsi_mirror.py` after editing the JSON; the output
under crawler/mirrors/www.bsi.bund.de/ is committed.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from mirror_pages import load_sections, start_afresh, write

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "tools" / "bsi_articles.json"
OUTPUT = ROOT / "crawler" / "mirrors" / "www.bsi.bund.de"
HOST = "www.bsi.bund.de"
SITE = f"https://{HOST}"
PRESS = "/DE/Service-Navi/Presse/Pressemitteilungen"
NN = "520690"
PER_PAGE = 2
ABBREVIATIONS = {
    "BSI": "Bundesamt für Sicherheit in der Informationstechnik",
    "IT": "Informationstechnik",
    "KI": "Künstliche Intelligenz",
    "Dr.": "Doktor",
}
_ABBR = re.compile(r"(?<![\w-])(BSI|IT|KI|Dr\.)(?![\w])")
_ENGLISH = re.compile(r"\[\[(.+?)\]\]")
_QUOTE = re.compile(r"„(.+?)“")


def rich(text: str) -> str:
    """Plain text of the JSON to GSB rich text: abbr, English spans and q quotes."""
    html = escape(text, quote=False)
    html = _ABBR.sub(
        lambda m: f'<abbr title="{ABBREVIATIONS[m.group(1)]}">{m.group(1)}</abbr>', html
    )
    html = _ENGLISH.sub(r'<span lang="en-GB" xml:lang="en-GB">\1</span>', html)
    return _QUOTE.sub(r"„<q>\1</q>“", html)


def plain(text: str) -> str:
    return _ENGLISH.sub(r"\1", text)


def article_path(year: str, article: dict) -> str:
    return f"{PRESS}/Presse{year}/{article['name']}.html"


def listing_path(year: str, index: int) -> str:
    suffix = "" if index == 0 else f"_{index + 1}"
    return f"{PRESS}/Presse{year}/presse{year}_node{suffix}.html"


def head(title: str, page_title: str, description: str, keywords: str, path: str) -> str:
    return f"""<!doctype html>
<html lang="de">
  <head>
     <base href="{SITE}/"/>
     <meta charset="UTF-8"/>
     <title>BSI  -  {escape(page_title)}</title>
     <meta name="title" content="{escape(page_title)}"/>
     <meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=1.5, user-scalable=1"/>
     <meta name="generator" content="Government Site Builder"/>

    <meta name="description" content="{escape(description)}"/>
    <meta name="keywords" content="{escape(keywords)}"/>
    <meta name="author" content="publisher"/>
     <!--
        Realisiert mit dem Government Site Builder.
        Die Content Management Lösung der Bundesverwaltung.
        www.government-site-builder.de
      -->
     <link rel="canonical" href="{SITE}{path}"/>
<link rel="license" href="DE/Service/Impressum/impressum_node.html" type="text/html" title="Impressum" />
<link rel="start" href="DE/Home/home_node.html" type="text/html" title="Homepage" />
<link rel="search" href="DE/Service/Suche/suche_node.html" type="text/html" title="Suche" />
     <link rel="shortcut icon" href="/SiteGlobals/Frontend/Images/favicons/favicon.ico?__blob=normal&amp;v=3" type="image/ico"/>
     <meta name="application-name" content="BSIWEB">
<link rel="stylesheet"  href="SiteGlobals/Frontend/Styles/_libs.css?v=8" type="text/css"/>
<link rel="stylesheet"  href="SiteGlobals/Frontend/Styles/small.css?v=25" type="text/css"/>
<link rel="stylesheet"  href="SiteGlobals/Frontend/Styles/custom.css?v=70" type="text/css"/>
<link rel="stylesheet" href="SiteGlobals/Frontend/Styles/addon_print.css?v=8" type="text/css" media="print" />

<meta property="og:site_name" content="Bundesamt für Sicherheit in der Informationstechnik"/>
     <meta property="og:type" content="website"/>
     <meta property="og:title" content="{escape(title)}"/>
     <meta property="og:description" content="{escape(description)}"/>
     <meta property="og:url" content="{SITE}{path}?nn={NN}"/>
     <meta property="og:locale" content="de_DE"/>

     <meta name="twitter:card" content="summary"/>
     <meta name="twitter:title" content="{escape(title)}"/>
     <meta name="twitter:description" content="{escape(description)}"/>

  </head>
"""


def header(path: str, crumbs: str, level: int, trail_title: str) -> str:
    relative = path.lstrip("/")
    return f"""

  <body class="gsb js-off lang-de fixed" data-nn="{NN}-521010" data-matomo-site-id="35" >


<div id="wrapperInner">
  <a id="Start"></a>
  <div id="wrapperDivisions" class="wrapperDivisions">
    <header class="header c-header l-masthead js-search-wrapper inactive-control" aria-labelledby="headerhead">
      <h1 class="aural" id="headerhead">Navigation und Service</h1>
      <nav role="navigation" aria-labelledby="navskiphead">
        <p id="navskiphead" class="c-nav-skip">
          <em>Springe direkt zu:</em>
       </p>
        <ul class="c-nav-skip">
          <li><a href="{relative}?nn={NN}#content">Inhalt</a></li>
          <li class="show-for-large"><a href="{relative}?nn={NN}# ">Hauptmenü</a></li>
          <li><a class="js-nav-skip-search" href="{relative}?nn={NN}#search">Suche</a></li>
       </ul>
     </nav>

      <div class="l-full-width l-full-width--white l-full-width--border-top-primary l-full-width--shadow">
        <div class="row">
          <div class="c-header__nav-service-meta small-12 show-for-large large-order-1 column">
            <nav role="navigation" id="navServiceMeta" class="c-nav-service-meta" aria-labelledby="serviceMenu">
              <h2 class="aural" id="serviceMenu">Servicemenü</h2>
    <ul class="c-nav-service-meta__list no-bullet">
      <li class="c-nav-service-meta__list-item ">
            <a href="DE/Service-Navi/Kontakt/kontakt_node.html" title="Kontakt" class="c-nav-service-meta__link">
        Kon\u00adtakt</a>
    </li>
        <li class="c-nav-service-meta__list-item ">
            <a title="Switch to english website" class="c-nav-service-meta__link languageLink lang_en" href="EN/Home/home_node.html" xml:lang="en" hreflang="en" lang="en">English</a></li>
        <li class="c-nav-service-meta__list-item navServiceLS">
            <a href="DE/Service/LeichteSprache/leichtesprache_node.html" class="c-nav-service-meta__link">
        Leich\u00adte Spra\u00adche</a>
    </li>
        </ul>

            </nav>
         </div>
          <div class="c-header__branding small-12 large-order-2 column">
            <div class="c-branding  row">
              <div class="c-branding__logo large-6 column">
               <p>
                  <a href="DE/Home/home_node.html" title="Zur Startseite">
      <img src="/SiteGlobals/Frontend/Images/logo.svg?__blob=normal&amp;v=3" alt="BSI - Bundesamt für Sicherheit in der Informationstechnik (Link zur Startseite)" />
    </a>

                </p>
             </div>
            </div>
         </div>
          <div class="c-header__nav-primary large-12 show-for-large large-order-4 column">
            <nav id="nav" role="navigation" class="c-nav-primary" aria-labelledby="navPrimaryHead">
              <h2 id="navPrimaryHead" class="aural">Hauptmenü</h2>
              <ul class="c-nav-primary__list no-bullet">
  <li class="c-nav-primary__list-item js-nav-primary-toggle">
              <a href="DE/Das-BSI/das-bsi_node.html" title="Das BSI" class="c-nav-primary__link js-simple-toggle-opener inactive-control">
          Das BSI</a>
        </li>
      <li class="c-nav-primary__list-item js-nav-primary-toggle">
              <a href="DE/Themen/themen_node.html" title="Themen" class="c-nav-primary__link js-simple-toggle-opener inactive-control">
          The\u00admen</a>
        </li>
      <li class="c-nav-primary__list-item js-nav-primary-toggle">
              <a href="DE/IT-Sicherheitsvorfall/it-sicherheitsvorfall_node.html" title="IT-Sicherheitsvorfall" class="c-nav-primary__link js-simple-toggle-opener inactive-control">
          IT-Si\u00adcher\u00adheits\u00advor\u00adfall</a>
        </li>
      <li class="c-nav-primary__list-item js-nav-primary-toggle">
              <a href="DE/Service-Navi/service-navi_node.html" title="Service" class="c-nav-primary__link js-simple-toggle-opener inactive-control">
          Ser\u00advice</a>
      <div class="c-nav-overlay js-simple-toggle-item is-hidden h-hide-toggle">
            <button class="c-nav-overlay__close js-simple-toggle-button" aria-label="Schlie&szlig;en">
              <img src="/SiteGlobals/Frontend/Images/icons/close.svg?__blob=normal&amp;v=3" alt="NavigationSchliessen" />
            </button>
            <h3 class="c-nav-overlay__headline">
              Ser\u00advice</h3>
            <ul class="c-nav-overlay__list no-bullet">
              <li class="c-nav-overlay__list-item">
                    <a href="DE/Service-Navi/Presse/presse_node.html" title="Presse">
          Pres\u00adse</a>
      </li>
                <li class="c-nav-overlay__list-item">
                    <a href="DE/Service-Navi/Publikationen/publikationen_node.html" title="Publikationen">
          Pu\u00adbli\u00adka\u00adtio\u00adnen</a>
      </li>
                </ul>
          </div>
        </li>
    <li class="c-nav-primary__list-item c-nav-primary__list-item--search">
      <a href="{relative}?nn={NN}#search" class="c-nav-primary__search-link js-search-opener-button">
        <img class="c-nav-primary__search-icon c-nav-primary__search-icon--closed" src="/SiteGlobals/Frontend/Images/icons/search.svg?__blob=normal&amp;v=3" alt="SucheOeffnen">
        <span class="aural">SucheOeffnen</span>
      </a>
    </li>
  </ul>


            </nav>
         </div>
       </div>
        <div class="c-search-banner is-hidden h-hide-toggle" id="search">
  <h2 class="aural">Suche</h2>
  <div class="row">
    <div class="column small-12">
      <div class="c-search-banner__wrapper">
        <form role="search" name="searchService" action="SiteGlobals/Forms/Suche/Servicesuche_Formular.html" method="post" enctype="application/x-www-form-urlencoded">
  <input type="hidden" name="nn" value="{NN}"/>
  <div class="c-search-banner__input">
            <div class="formLabel">
  <label for="f149144d146388">
    Suche </label>
</div>
<div class="formField">
              <input id="f149144d146388" name="templateQueryString" value="" type="text" placeholder="Suchbegriff eingeben" size="26" maxlength="100"/>
              </div>
</div>
<div class="c-search-banner__submit">
            <input class="image" type="image" src="/SiteGlobals/Forms/_components/Buttons/Servicesuche_Submit.svg?__blob=image&amp;v=3" name="submit" alt="Suchen" title="Suchen" />
</div></form>
      </div>
    </div>
  </div>
</div>


      </div>
      <div class="c-header__breadcrumb row">
        <div class="columns">
          <div class="l-full-width l-full-width--gray">
            <nav id="navBreadcrumbs" class="c-breadcrumb" aria-labelledby="navbreadcrumbshead">
              <h2 class="aural" id="navbreadcrumbshead">Sie sind hier:</h2>

<ol class="c-breadcrumb__list c-breadcrumb__list--lvl-{level} no-bullet" title="{escape(trail_title)}">
  <li class="c-breadcrumb__list-item c-breadcrumb__list-item--home" title="Zur Startseite">
    <a href="DE/Home/home_node.html" title="Zur Startseite">
      <span class="c-breadcrumb__home-icon-spacer"></span>
      <span class="c-breadcrumb__home-text-spacer">Zur Startseite</span>
    </a>
  </li>
  <li class="c-breadcrumb__list-item"><span>
          Service</span>
      </li>
  <li class="c-breadcrumb__list-item"><a href="DE/Service-Navi/Presse/presse_node.html" title="Presse">
          Presse</a>
      </li>
{crumbs}</ol>
            </nav>
         </div>
       </div>
     </div>
   </header>
"""


def footer(path: str) -> str:
    return f"""
    <footer class="footer" role="contentinfo" aria-labelledby="footerhead">
      <h1 id="footerhead" class="aural">Fußbereich</h1>
  <div class="l-full-width l-full-width--primary">
    <div id="siteInfo" class="siteInfo row">
      <h2 class="aural">Unternavigation aller Website-Bereiche</h2>
          <div class="smallAccordion small-12 medium-6 large-3 columns">
          <div class="tabs-container">
          <h3 class="heading">
            Themen
          </h3>
          <ul class="no-bullet">
<li ><a href="DE/Themen/Verbraucherinnen-und-Verbraucher/verbraucherinnen-und-verbraucher_node.html" title="Verbraucherinnen und Verbraucher">
        Ver\u00adbrau\u00adche\u00adrin\u00adnen und Ver\u00adbrau\u00adcher</a>
    </li>
<li ><a href="DE/Themen/Unternehmen-und-Organisationen/unternehmen-und-organisationen_node.html" title="Unternehmen und Organisationen">
        Un\u00adter\u00adneh\u00admen und Or\u00adga\u00adni\u00adsa\u00adtio\u00adnen</a>
    </li>
          </ul>
          </div>
          </div>
      <div class="c-follow smallAccordion small-12 medium-6 large-3 columns">
        <div class="c-follow__container tabs-container">
          <h3 class="c-follow__headline heading">Folgen Sie uns</h3>
          <ul class="c-follow__linklist no-bullet">
                <li class="c-follow__linklist-item">
                    <a href="DE/Service-Navi/Abonnements/Newsletter/newsletter_node.html" class="c-follow__link c-follow__link--newsletter" title="Newsletterverwaltung" rel="noopener noreferrer">
                      <span>Newsletterverwaltung</span>
                    </a>
                </li>
                <li class="c-follow__linklist-item">
                    <a href="DE/Service-Navi/Abonnements/RSS/rss_node.html" class="c-follow__link c-follow__link--rss" title="RSS" rel="noopener noreferrer">
                      <span>RSS</span>
                    </a>
                </li>
          </ul>
        </div>
      </div>
    </div>
  </div>      <div class="l-full-width l-full-width--white">
        <div class="c-copyright row">
          <div class="c-copyright__linklist-container columns small-12 large-7">
            <ul class="c-copyright__linklist no-bullet">
              <li class="c-copyright__linklist-item">
<a href="DE/Service/Impressum/impressum_node.html" class="c-copyright__link">
          Im\u00adpres\u00ads\u00adum</a>
                    </li>
              <li class="c-copyright__linklist-item">
<a href="DE/Service/Datenschutz/datenschutz_node.html" class="c-copyright__link">
          Da\u00adten\u00adschutz</a>
                    </li>
           </ul>
         </div>
          <div class="c-copyright__copyright-container columns small-12 large-5">
           <p>
              &#169; Bundesamt für Sicherheit in der Informationstechnik
            </p>
         </div>
       </div>
     </div>
      <div class="l-full-width l-full-width--primary">
        <div class="to-top-container row">
          <div class="to-top columns small-12">
           <p>
              Seitenanfang
              <a class="to-top-button" title="Zum Seitenanfang" href="{path.lstrip("/")}?nn={NN}#Start"><span class="aural">Zum Seitenanfang</span></a>
           </p>
         </div>
       </div>
     </div>
   </footer>
<div class="c-banner c-banner--cookie js-banner"
  data-animation="true"
 role="dialog"
 aria-modal="true"
 aria-labelledby="cookiebannerhead"
 id="cookiebanner"
 data-cookie="cookiebanner"
 data-position="top">
  <div class="cookiebanner__outer">
    <div class="cookiebanner__inner">
      <div class="row">
        <h2 class="cookiebanner__headline columns small-12" id="cookiebannerhead">
            Cookies auf dieser Website
        </h2>
        <div class="cookiebanner__text-container columns small-12 large-7">
          <p>Diese Website setzt nur technisch notwendige Cookies. Mehr dazu steht in der <a class="RichTextIntLink NavNode" href="DE/Service/Datenschutz/datenschutz_node.html" title="Datenschutz">Datenschutzerklärung</a>.</p>
        </div>
        <div class="c-banner__controls columns small-12 large-5">
          <button class="c-banner__button js-close-banner">OK</button>
        </div>
      </div>
    </div>
  </div>
</div>
  </div>
</div>
    <script src="SiteGlobals/Frontend/JavaScript/init/global.js?v=10"></script>
  </body>
</html>
"""


# The press office's address block; "&#...;" hides the address from harvesters, as on the site.
_MAIL = "".join(f"&#{ord(c)};" for c in "presse@bsi.bund.de")
PRESS_CONTACT = f"""<p><h1>Pressekontakt:</h1>



<p>Bundesamt für Sicherheit in der Informationstechnik Pressestelle<br/>

Tel.: 0228 99 9582-0<br/>

<span lang="en-GB" xml:lang="en-GB">E-Mail:</span> <a href="{"".join(f"&#{ord(c)};" for c in "mailto:")}{_MAIL}" class="ContactData" title="E-Mail an: {_MAIL}"><span>{_MAIL}</span></a><br/>

Internet: <a class="RichTextIntLink NavNode" href="DE/Home/home_node.html" title="Bundesamt für Sicherheit in der Informationstechnik">www.bsi.bund.de</a></p>



<p>Twitter: @BSI_Bund<br/>

</p>
</p>
"""


def render_article(year: str, article: dict) -> str:
    path = article_path(year, article)
    title = plain(article["title"])
    page_title = f"Presse - {title}"
    description = plain(article["paragraphs"][0])
    crumb = f'  <li class="c-breadcrumb__list-item"><strong>{escape(title)}</strong></li>\n'
    paragraphs = [rich(text) for text in article["paragraphs"]]
    body = "\n\n".join(f"<p>{text} </p>" for text in paragraphs[:-1])
    body += f"\n\n<p>{paragraphs[-1]} <br/>\n<br/>\n</p>"
    return (
        head(title, page_title, description, article["keywords"], path)
        + header(
            path, crumb, 2, "Bundesamt für Sicherheit in der Informationstechnik > Service > Presse"
        )
        + f"""
    <main class="main row">
  <div id="content" class="content column small-12">
     <div class="row">
        <div class="column small-12 large-8 large-offset-2 s-richtext l-content-wrapper">
          <div class="l-content-wrapper">
    <div class="c-intro">
      <div class="c-intro__content">
        <h1 class="c-intro__headline">{rich(article["title"])}</h1></div>
      <div class="c-intro__image-container" aria-hidden="true">

<img src="/SiteGlobals/Frontend/Images/kopfbereich.png?__blob=normal&amp;v=9" title="Bild-Dokument für das Frontend" alt="Bild-Dokument für das Frontend" /></div>
    </div>
  </div>

        <p class="docData pressrelease">
          <strong class="label">Ort</strong> <span class="value">{escape(article["ort"])}</span><br/>
          <strong class="label">Datum</strong> <span class="value">{article["date"]}</span><br/>
        </p>{body}

{PRESS_CONTACT}
        </div>
     </div>
  </div>
</main>
"""
        + footer(path)
    )


def render_listing(year: str, index: int, pages: int, items: list[dict]) -> str:
    path = listing_path(year, index)
    label = f"Pressemitteilungen {year}"
    crumb = (
        '  <li class="c-breadcrumb__list-item"><a href="DE/Service-Navi/Presse/Pressemitteilungen/'
        'pressemitteilungen_node.html" title="Pressemitteilungen">\n          Pressemitteilungen</a>\n'
        f'      </li>\n  <li class="c-breadcrumb__list-item"><strong>{label}</strong></li>\n'
    )
    teasers = "\n".join(
        f"""          <div class="c-teaser-list__item">
            <div class="c-teaser c-teaser--text">
              <a class="c-teaser__link" href="{article_path(year, article)}?nn={NN}">
                <div class="c-teaser__content">
                  <p class="c-teaser__meta"><span class="c-teaser__type">Pressemitteilung</span> <span class="c-teaser__date">{article["date"]}</span></p>
                  <h2 class="c-teaser__headline">{escape(plain(article["title"]))}</h2>
                  <p class="c-teaser__text">{escape(plain(article["paragraphs"][0]))[:160]} …</p>
                </div>
              </a>
            </div>
          </div>"""
        for article in items
    )
    links = []
    if index > 0:
        links.append(
            f'<li class="c-pagination__item c-pagination__item--prev"><a class="c-pagination__link" '
            f'href="{listing_path(year, index - 1)}" title="Zur vorherigen Seite">zurück</a></li>'
        )
    for number in range(pages):
        if number == index:
            links.append(
                '<li class="c-pagination__item c-pagination__item--active"><strong>'
                f'<span class="aural">Aktuelle Seite </span>{number + 1}</strong></li>'
            )
        else:
            links.append(
                f'<li class="c-pagination__item"><a class="c-pagination__link" href="'
                f'{listing_path(year, number)}" title="Seite {number + 1}"><span class="aural">Seite '
                f"</span>{number + 1}</a></li>"
            )
    if index + 1 < pages:
        links.append(
            f'<li class="c-pagination__item c-pagination__item--next"><a class="c-pagination__link" '
            f'href="{listing_path(year, index + 1)}" title="Zur nächsten Seite">weiter</a></li>'
        )
    return (
        head(
            label,
            f"Presse - {label}",
            f"Pressemitteilungen des BSI aus dem Jahr {year}",
            "Presse",
            path,
        )
        + header(
            path,
            crumb,
            3,
            "Bundesamt für Sicherheit in der Informationstechnik > Service > Presse > Pressemitteilungen",
        )
        + f"""
    <main class="main row">
  <div id="content" class="content column small-12">
     <div class="row">
        <div class="column small-12 large-8 large-offset-2 s-richtext l-content-wrapper">
    <div class="c-intro">
      <div class="c-intro__content">
        <h1 class="c-intro__headline">{label}</h1></div>
    </div>
        <div class="c-teaser-list">
{teasers}
        </div>
        <div class="c-pagination">
          <h2 class="aural">Seitennavigation</h2>
          <ul class="c-pagination__list no-bullet">
            {(chr(10) + "            ").join(links)}
          </ul>
        </div>
        </div>
     </div>
  </div>
</main>
"""
        + footer(path)
    )


def main(output: Path = OUTPUT) -> None:
    content = load_sections(CONTENT)
    start_afresh(output)
    written = 0
    for year, articles in content.items():
        for article in articles:
            write(output, article_path(year, article), render_article(year, article))
            written += 1
        pages = -(-len(articles) // PER_PAGE)
        for index in range(pages):
            chunk = articles[index * PER_PAGE : (index + 1) * PER_PAGE]
            write(output, listing_path(year, index), render_listing(year, index, pages, chunk))
    write(output, "/robots.txt", "User-agent: *\nDisallow: /SiteGlobals/Forms/\n")
    print(f"wrote {written} articles under {output}")


if __name__ == "__main__":
    main()
