"""The one item the spiders produce."""

import scrapy


class ArticleItem(scrapy.Item):
    """One article as parsed from its page; see crawler.parsers.ArticleRecord."""

    url = scrapy.Field()  # canonical URL, unique in the archive
    site = scrapy.Field()  # profile name
    breadcrumb = scrapy.Field()  # list of crumb labels as shown
    section = scrapy.Field()  # crumbs after "Home" joined with " > "
    title = scrapy.Field()
    published = scrapy.Field()  # ISO 8601 date or date-time, or None
    body_text = scrapy.Field()  # paragraphs separated by a blank line
    body_html = scrapy.Field()  # sanitised HTML of the body
    language = scrapy.Field()
    methods = scrapy.Field()  # how each field was found (not stored)
    etag = scrapy.Field()  # validators of the response, for the next conditional request
    last_modified = scrapy.Field()
    warc_file = scrapy.Field()  # where the response was captured (relative to the db's folder)
    warc_record_id = scrapy.Field()


class ArticleSeen(scrapy.Item):
    """A known article answered 304 Not Modified: still there, unchanged."""

    url = scrapy.Field()


class ArticleMissing(scrapy.Item):
    """A known article was not there: 404, 410, or a redirect to something else."""

    url = scrapy.Field()
    reason = scrapy.Field()


class FetchFailed(scrapy.Item):
    """A page that could not be fetched or was not a page at all: one fetch_errors row."""

    url = scrapy.Field()
    kind = scrapy.Field()  # http, timeout, connection, dns, robots, not_html, not_article, ...
    status = scrapy.Field()  # the HTTP status, when there was a response
    message = scrapy.Field()  # the plain reason, as logged
