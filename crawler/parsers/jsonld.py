"""schema.org JSON-LD blocks of a page, flattened to a list of objects.

Many CMSs (Drupal, WordPress, news sites) state the headline, the publication
date and the breadcrumb trail in JSON-LD; broken blocks are common and ignored.
"""

from __future__ import annotations

import json
import weakref
from typing import Any

from parsel import Selector

# What title, breadcrumb and date extraction each look up on a page, found once per
# parsed page.  They all run before the body extraction takes elements out of the tree.
_JSON_LD: weakref.WeakKeyDictionary[Selector, list[dict[str, Any]]] = weakref.WeakKeyDictionary()
_METAS: weakref.WeakKeyDictionary[Selector, dict[tuple[str, str], list[str]]] = (
    weakref.WeakKeyDictionary()
)
_META_ATTRIBUTES = ("name", "property")


def meta_content(page: Selector, attribute: str, value: str) -> str | None:
    """page.css(f'meta[{ATTRIBUTE}="{VALUE}"]::attr(content)').get(), from one pass over
    the page's meta tags (ATTRIBUTE is "name" or "property")."""
    if page not in _METAS:
        contents: dict[tuple[str, str], list[str]] = {}
        for element in page.root.iter("meta"):
            content = element.get("content")
            if content is None:
                continue
            for name in _META_ATTRIBUTES:
                key = element.get(name)
                if key is not None:
                    contents.setdefault((name, key), []).append(content)
        _METAS[page] = contents
    found = _METAS[page].get((attribute, value))
    return found[0] if found else None


def json_ld_objects(page: Selector) -> list[dict[str, Any]]:
    """Every JSON object in the page's application/ld+json scripts, @graph members included."""
    if page not in _JSON_LD:
        _JSON_LD[page] = _read_json_ld(page)
    return _JSON_LD[page]


def _read_json_ld(page: Selector) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for block in page.css('script[type="application/ld+json"]::text').getall():
        try:
            data = json.loads(block.strip())
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                objects.append(item)
                if "@graph" in item:
                    stack.append(item["@graph"])
    return objects


def has_type(item: dict[str, Any], *names: str) -> bool:
    """Whether ITEM's @type is (or includes) one of NAMES."""
    types = item.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t in names for t in types)
