"""The Scrapy project of newsarchive: settings, item, spider, profiles, parsers, pipelines."""
