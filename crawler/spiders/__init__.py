"""Spiders: one per bundled site profile, all instances of the generic SiteSpider.

`scrapy list` shows a spider for every profile in crawler/profiles/, and
`scrapy crawl NAME` runs it; the classes below are generated from the profile
files so that adding a site never means adding spider code.
"""

from crawler.profile import bundled_profile_paths
from crawler.spiders.site import SiteSpider


def _spider_class_for(profile_name: str) -> type[SiteSpider]:
    class_name = "".join(part.capitalize() for part in profile_name.split("_")) + "Spider"
    return type(class_name, (SiteSpider,), {"name": profile_name, "__module__": __name__})


for _path in bundled_profile_paths():
    _spider = _spider_class_for(_path.stem)
    globals()[_spider.__name__] = _spider
# Scrapy's loader lists every spider class in this namespace: leave one name per class.
del _path, _spider

__all__ = ["SiteSpider"]
