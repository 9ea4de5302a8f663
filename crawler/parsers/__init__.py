"""Pure functions from HTML (and its URL) to archive records.

Nothing here imports Scrapy: every parser can be tested, benchmarked and reused
(re-parsing stored pages, `newsarchive extract`) on a string of HTML alone.
"""

from crawler.parsers.article import ArticleRecord, NotAnArticle, parse_article
from crawler.parsers.listing import ListingLinks, parse_listing

__all__ = ["ArticleRecord", "ListingLinks", "NotAnArticle", "parse_article", "parse_listing"]
