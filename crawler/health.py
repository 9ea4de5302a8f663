"""Is a site still yielding what it used to?  Redesign detection from a run's stats.

A redesigned government site rarely fails loudly: its pages still answer 200,
but the links, the headline or the body are no longer where the profile or
the generic extractor looks.  The spider counts, per section, the article
links its listing pages gave and the articles its article pages yielded; a
run whose section yielded nothing, or whose article pages lacked a headline
or body too often, is degraded, and says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# More than this share of article pages without a headline or body is a problem.
MAX_NOT_ARTICLE_SHARE = 0.1


def section_stat(kind: str, label: str) -> str:
    """The stats key counting KIND ("listing_pages", "links", "fetched", "articles")."""
    return f"newsarchive/section/{label}/{kind}"


def problems(
    stats: Mapping[str, Any], section_labels: Iterable[str], shared: bool = False
) -> list[str]:
    """Plain-language problems of a finished run; [] when it looks healthy.

    In a SHARED crawl (several processes, one frontier) a process judges only
    the sections whose listing pages it read itself: the others were read by
    another process, which judges them.
    """
    found = []
    for label in section_labels:
        if shared and not stats.get(section_stat("listing_pages", label), 0):
            continue
        links = stats.get(section_stat("links", label), 0)
        fetched = stats.get(section_stat("fetched", label), 0)
        articles = stats.get(section_stat("articles", label), 0)
        if not links:
            found.append(f"section {label!r}: no article links on its listing pages")
        elif fetched and not articles:
            found.append(f"section {label!r}: none of its {fetched} article pages gave an article")
    pages = stats.get("newsarchive/article_pages", 0)
    failed = stats.get("newsarchive/not_an_article", 0)
    if pages and failed / pages > MAX_NOT_ARTICLE_SHARE:
        found.append(f"no headline or body on {failed} of {pages} article pages")
    return found
