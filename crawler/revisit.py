"""Which known articles a run fetches again, and how.

An hourly cron run must not refetch a whole site: it reads each section's
newest listing pages, fetches the articles it has not seen, and revalidates
known articles on a schedule with conditional requests, so that an unchanged
page costs a 304 and no body.  Articles that went missing are checked on
every run until they are withdrawn, so a withdrawal is noticed quickly and a
return after it is noticed at all.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from crawler.profile import RevalidateRules


def _moment(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_due(known: dict[str, Any], rules: RevalidateRules, now: datetime, full: bool) -> bool:
    """Whether a known article should be fetched again on this run."""
    if full:
        return True
    if not rules.enabled:
        return False
    if known.get("missing_runs") and not known.get("withdrawn_at"):
        return True  # missing last time: look again until it is withdrawn or back
    age_reference = _moment(known.get("published")) or _moment(known.get("first_seen"))
    if age_reference is not None and now - age_reference <= timedelta(days=rules.recent_days):
        return True
    last_seen = _moment(known.get("last_seen"))
    return last_seen is None or now - last_seen >= timedelta(days=rules.every_days)


def conditional_headers(known: dict[str, Any]) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the validators stored with the article."""
    headers = {}
    if known.get("etag"):
        headers["If-None-Match"] = known["etag"]
    if known.get("last_modified"):
        headers["If-Modified-Since"] = known["last_modified"]
    return headers
