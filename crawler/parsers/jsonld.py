"""schema.org JSON-LD blocks of a page, flattened to a list of objects.

Many CMSs (Drupal, WordPress, news sites) state the headline, the publication
date and the breadcrumb trail in JSON-LD; broken blocks are common and ignored.
"""

from __future__ import annotations

import json
from typing import Any

from parsel import Selector


def json_ld_objects(page: Selector) -> list[dict[str, Any]]:
    """Every JSON object in the page's application/ld+json scripts, @graph members included."""
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
