"""Scrapy settings of newsarchive.

Defaults are for polite, unattended runs against live government sites:
robots.txt obeyed, an identifying user agent, adaptive throttling, and no
listening sockets (the telnet console and Scrapy 2.19's remote-control HTTP
server are both switched off, so a cron run opens no ports).
"""

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

USER_AGENT = "newsarchive/0.1 (+https://github.com/newsarchive/newsarchive; archiving public news)"
ROBOTSTXT_OBEY = True

# No listening ports.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# Politeness towards live sites.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
# Items per response processed in parallel: the archive pipeline is synchronous, so
# Scrapy's default of 100 only adds task overhead (about 10% of a crawl's CPU, bench/e2e.py).
CONCURRENT_ITEMS = 16
# Bytes of responses Scrapy holds for its callbacks before it stops downloading (its
# default is 5 MB).  With parse workers a fast crawl fetches ahead of the parsing, and each
# page waits as its body, its decoded text and its record: 5 MB of bodies grew the crawl's
# process from 100 to 122 MB (bench/e2e.py).  1 MB is still about forty pages of 27 KB waiting
# for them, or eighteen of the 54 KB of an average real page: four or more for each of
# up to four workers, which keeps them busy (crawler/parse_pool.py, _IN_FLIGHT).
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 1_000_000
# Scrapy reads the source of a callback on every response to warn about a generator
# that returns a value; the spider's callbacks never do, and the check cost 6% of a
# crawl's CPU (bench/e2e.py, profiled).
WARN_ON_GENERATOR_RETURN_VALUE = False
# A government article page is well under 2 MB; far more is a file or a broken server.
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
REDIRECT_MAX_TIMES = 10
# Transient faults (5xx, 429, timeouts, cut connections) are retried twice, waiting
# Retry-After or an exponential backoff in between (crawler.backoff).
RETRY_TIMES = 2
NEWSARCHIVE_RETRY_BACKOFF = 1.0  # seconds before the first retry; doubled for each next one
NEWSARCHIVE_RETRY_MAX_WAIT = 120.0  # longest wait, whatever Retry-After asks for
# The spider's errback logs a failed request once, with the reason; Scrapy's own
# "Gave up retrying" line would say it twice.
RETRY_GIVE_UP_LOG_LEVEL = "DEBUG"

DOWNLOADER_MIDDLEWARES = {
    # Raw capture: every request and response goes to WARC files beside the database
    # (DB-warc/SITE/SITE-RUN-NNNNN.warc.gz), a new file past NEWSARCHIVE_WARC_MAX_BYTES.
    # Next to the downloader, so that bodies are recorded as received.
    "crawler.warc.WarcWriterMiddleware": 950,
    # Scrapy's retries, made to wait (Retry-After, backoff) between attempts.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.backoff.BackoffRetryMiddleware": 550,
    # Redirect loops and redirects off the site: a logged fault, not a silent drop.
    "crawler.redirects.RedirectGuardMiddleware": 610,
}
NEWSARCHIVE_WARC = True
NEWSARCHIVE_WARC_MAX_BYTES = 100 * 1024 * 1024

# Every http(s) download goes through the mirror-aware handler; it is a plain
# pass-through unless NEWSARCHIVE_MIRROR is set.
DOWNLOAD_HANDLERS = {
    "http": "crawler.mirror.MirrorDownloadHandler",
    "https": "crawler.mirror.MirrorDownloadHandler",
}
# Base URL of an offline mirror server; when set, http(s)://HOST/PATH is
# fetched from NEWSARCHIVE_MIRROR/HOST/PATH while the spider sees the live URL.
NEWSARCHIVE_MIRROR = None

ITEM_PIPELINES = {"crawler.pipelines.ArchivePipeline": 300}
# True: read every listing page and refetch every known article (newsarchive crawl --full).
NEWSARCHIVE_FULL = False
# The SQLite archive the pipeline writes to (newsarchive crawl --db overrides it).
NEWSARCHIVE_DB = "archive.db"
# Processes that parse article and listing pages beside the crawl (crawl --parse-workers N);
# 0: the crawl's own process parses them; "auto": it parses its first 200 pages, then one
# process per core but one (at most 4) parses the rest (crawler/parse_pool.py).
NEWSARCHIVE_PARSE_WORKERS = "auto"

# A progress line per site (pages, articles, errors) every so many seconds; 0 turns it off.
# SharedFrontier only acts with NEWSARCHIVE_FRONTIER (crawl --frontier redis://HOST:PORT/N),
# which also switches the scheduler and duplicate filter to scrapy-redis's (crawler.frontier).
EXTENSIONS = {
    "crawler.progress.Progress": 500,
    "crawler.frontier.SharedFrontier": 510,
    # Fewer garbage collections while the crawl runs (crawler/collector.py says why).
    "crawler.collector.CollectorTuning": 520,
}
NEWSARCHIVE_FRONTIER = None
NEWSARCHIVE_PROGRESS_INTERVAL = 10

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
# Per-page lines that name an item instead of printing its body (crawler/logformatter.py).
LOG_FORMATTER = "crawler.logformatter.ArchiveLogFormatter"
