"""The `newsarchive` command: list sites, crawl them, serve the archive, run the demo.

User mistakes (an unknown site, a bad profile, a database that is not one)
end with a one-line error and exit code 2, never a traceback.  A crawl exits
0 only when every site it crawled finished with status "ok", and 1 otherwise,
so cron can mail the output of a bad night.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from archive.store import Archive, ArchiveError
from crawler.profile import (
    ProfileError,
    SiteProfile,
    bundled_profile_paths,
    find_bundled_profile,
    generic_profile,
    load_bundled_profiles,
    load_profile,
)

DEFAULT_DB = "archive.db"
EXIT_LOCKED = 3  # another crawl holds the archive's lock
DEFAULT_PORT = 8001


class UserError(click.ClickException):
    """A mistake in what the user asked for: one line on stderr, exit code 2."""

    exit_code = 2


class ParseWorkers(click.ParamType):
    """--parse-workers: a number of processes (0 to 64) or "auto"."""

    name = "N|auto"

    def convert(self, value, param, ctx):
        from crawler.parse_pool import parse_workers_setting

        try:
            return parse_workers_setting(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=True, path_type=Path),
    help="SQLite archive file (created if missing).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsarchive")
def main() -> None:
    """Archive government news sites into SQLite and publish them with Datasette.

    Typical use: `newsarchive crawl --all` from cron, `newsarchive serve` to browse.
    Try `newsarchive demo` to crawl the bundled offline mirror and serve the result.
    """


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the profiles as JSON.")
def sites(as_json: bool) -> None:
    """List the known site profiles."""
    profiles = _all_profiles()
    if as_json:
        rows = [
            {
                "name": p.name,
                "title": p.title,
                "language": p.language,
                "base_url": p.base_url,
                "sections": [{"label": s.label, "url": s.url} for s in p.sections],
            }
            for p in profiles.values()
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for profile in profiles.values():
        click.echo(
            f"{profile.name:<16} {profile.language:<4} {len(profile.sections)} sections  "
            f"{profile.title} <{profile.base_url}>"
        )


profile_option = click.option(
    "--profile",
    "profile_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="A site profile file (TOML) outside the package; may be repeated.",
)


@main.command()
@click.argument("site_names", metavar="SITE...", nargs=-1)
@click.option("--all", "crawl_all", is_flag=True, help="Crawl every known site.")
@profile_option
@db_option
@click.option(
    "--mirror",
    is_flag=True,
    help="Crawl the bundled offline mirror (served on 127.0.0.1) instead of the live sites.",
)
@click.option(
    "--mirror-url",
    metavar="URL",
    help="Crawl a mirror server already running at URL (see `newsarchive mirror`).",
)
@click.option(
    "--log-level",
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
    default="INFO",
    show_default=True,
    help="Scrapy's log level (the log goes to stderr; summaries to stdout).",
)
@click.option(
    "--quiet",
    is_flag=True,
    help="Print nothing when every site is ok, one summary line per site that is not.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the run's summary as JSON.")
@click.option(
    "--full",
    is_flag=True,
    help="Read every listing page and fetch every known article again (default: incremental).",
)
@click.option(
    "--log-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the full log to this file instead of stderr.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30,
    show_default=True,
    metavar="SECONDS",
    help="Give up on a page that has not arrived after this long (it is retried, then logged).",
)
@click.option(
    "--frontier",
    metavar="redis://HOST:PORT/N",
    help="Share the crawl with other processes through Redis (scrapy-redis): one request "
    "queue and one seen-set, each page fetched by one process; each process writes its "
    "own --db (a shard), which `newsarchive merge` combines.",
)
@click.option(
    "--parse-workers",
    type=ParseWorkers(),
    default="auto",
    show_default=True,
    metavar="N|auto",
    help="Parse article and listing pages in N processes beside the crawl (0: in the crawl's "
    "own process; auto: in its own process for its first 200 pages, then in one process per "
    "core but one, at most 4).",
)
def crawl(
    site_names: tuple[str, ...],
    crawl_all: bool,
    profile_files: tuple[Path, ...],
    db_path: Path,
    mirror: bool,
    mirror_url: str | None,
    log_level: str,
    quiet: bool,
    as_json: bool,
    full: bool,
    log_file: Path | None,
    timeout: float,
    frontier: str | None,
    parse_workers: int | str,
) -> None:
    """Crawl SITE... (or --all, or --profile FILE) into the archive.

    Runs are incremental: paging stops where a listing page lists only known
    articles, and known articles are revalidated on the profile's schedule
    with conditional requests.  Prints one summary line per site, and
    progress lines on stderr while it runs.

    Exit codes: 0 every site finished "ok"; 1 a site was degraded or failed;
    2 a usage error (unknown site, invalid profile, unusable database);
    3 another crawl of the same archive is running.
    """
    from archive.lock import ArchiveLocked

    profiles = _select_profiles(site_names, crawl_all, profile_files)
    _check_db(db_path)
    if quiet and as_json:
        raise UserError("use either --quiet or --json, not both")
    settings = {
        "LOG_LEVEL": "CRITICAL" if quiet and not log_file else log_level.upper(),
        "DOWNLOAD_TIMEOUT": timeout,
        "NEWSARCHIVE_PARSE_WORKERS": parse_workers,
    }
    if full:
        settings["NEWSARCHIVE_FULL"] = True
    if log_file:
        settings.update({"LOG_FILE": str(log_file), "LOG_FILE_APPEND": True})
    if frontier:
        settings.update(_frontier_settings(frontier))
    try:
        results = _run_crawl(profiles, db_path, mirror, mirror_url, settings, announce=not quiet)
    except ArchiveLocked as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    ok = all(result.ok for result in results)
    if as_json:
        summary = {"ok": ok, "db": str(db_path), "sites": [r.as_dict() for r in results]}
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        for result in results:
            if not quiet or not result.ok:
                click.echo(result.summary())
    if not ok:
        sys.exit(1)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int, help="Port.")
def serve(db_path: Path, host: str, port: int) -> None:
    """Serve the archive with Datasette (search, facets, JSON and CSV)."""
    if not db_path.exists():
        raise UserError(f"{db_path} does not exist; run `newsarchive crawl` first")
    _check_db(db_path, writing=False)
    _serve(db_path, host, port)


@main.command()
@db_option
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int, help="Datasette port.")
@click.option("--no-serve", is_flag=True, help="Crawl the mirror, then exit without serving.")
def demo(db_path: Path, port: int, no_serve: bool) -> None:
    """Crawl the bundled offline mirror of every site, then serve the archive.

    Needs no network: the mirror is served on 127.0.0.1 while the real spiders
    crawl it.  Ctrl-C stops the server.
    """
    profiles = list(_all_profiles().values())
    _check_db(db_path)
    from archive.lock import ArchiveLocked

    try:
        results = _run_crawl(profiles, db_path, True, None, {"LOG_LEVEL": "WARNING"})
    except ArchiveLocked as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    for result in results:
        click.echo(result.summary())
    if not all(result.ok for result in results):
        raise click.ClickException("the demo crawl did not complete; see the log above")
    if not no_serve:
        _serve(db_path, "127.0.0.1", port)


@main.command()
@click.argument("site_names", metavar="SITE...", nargs=-1)
@click.option("--all", "check_all", is_flag=True, help="Check every known site.")
@profile_option
@click.option("--mirror", is_flag=True, help="Check the bundled offline mirror instead.")
@click.option("--mirror-url", metavar="URL", help="Check a mirror server running at URL.")
def check(
    site_names: tuple[str, ...],
    check_all: bool,
    profile_files: tuple[Path, ...],
    mirror: bool,
    mirror_url: str | None,
) -> None:
    """Check that every section still yields links, breadcrumb, title, date and body.

    Fetches each section's first listing page and its newest article, and
    prints one line per section.  Exit code 1 when any section is broken (a
    redesign to look into), so cron can mail it; archives nothing.
    """
    from crawler.check import check_sites
    from crawler.mirror_server import MirrorServer

    profiles = _select_profiles(site_names, check_all, profile_files)
    if mirror and mirror_url:
        raise UserError("use either --mirror or --mirror-url, not both")
    if mirror:
        with MirrorServer() as server:
            results = check_sites(profiles, server.url)
    else:
        results = check_sites(profiles, mirror_url)
    for result in results:
        click.echo(result.line())
    broken = [result for result in results if result.broken]
    click.echo(f"{len(results) - len(broken)} of {len(results)} sections ok")
    if broken:
        sys.exit(1)


@main.command()
@click.argument(
    "warc_paths", metavar="[WARC...]", nargs=-1, type=click.Path(exists=True, path_type=Path)
)
@db_option
@profile_option
def reparse(warc_paths: tuple[Path, ...], db_path: Path, profile_files: tuple[Path, ...]) -> None:
    """Rebuild or update the archive from WARC files alone, with no network.

    Reads the article pages captured in WARC... (default: every file in the
    database's DB-warc/ folder, oldest first) with the current parsers, as a
    crawl would.  Use it after improving a parser, or to rebuild a lost
    database.  Pages of sites without a bundled profile need --profile FILE.
    """
    from archive.lock import ArchiveLocked, crawl_lock
    from crawler.reparse import reparse as run_reparse
    from crawler.reparse import warc_files

    extra = [_load_profile_file(path) for path in profile_files]
    files = warc_files(db_path, list(warc_paths))
    if not files:
        raise UserError(f"no WARC files given and none in the folder beside {db_path}")
    _check_db(db_path)
    try:
        with crawl_lock(db_path):
            result = run_reparse(db_path, files, extra)
    except ArchiveLocked as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    click.echo(result.summary())


@main.command()
@click.argument(
    "shard_paths",
    metavar="SHARD...",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@db_option
def merge(shard_paths: tuple[Path, ...], db_path: Path) -> None:
    """Merge shard archives (from `crawl --frontier` processes) into --db.

    Every version of every article is replayed in time order, so versions and
    change events come out as if one process had crawled everything; crawls,
    fetch errors and WARC files (copied to DB-warc/SHARD/) come along.
    Merging the same shard again changes nothing.
    """
    from archive.lock import ArchiveLocked, crawl_lock
    from archive.merge import merge_shards

    if any(shard.resolve() == db_path.resolve() for shard in shard_paths):
        raise UserError(f"{db_path} is the merge target; it cannot also be a shard")
    _check_db(db_path)
    for shard in shard_paths:
        _check_db(shard, writing=False)
    try:
        with crawl_lock(db_path):
            result = merge_shards(db_path, list(shard_paths))
    except ArchiveLocked as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    click.echo(result.summary())


@main.command("init-site")
@click.argument("name")
@click.argument("listing_urls", metavar="LISTING_URL...", nargs=-1, required=True)
@click.option("--mirror", is_flag=True, help="Read the pages from the bundled offline mirror.")
@click.option("--mirror-url", metavar="URL", help="Read the pages from a mirror server at URL.")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the profile (default: NAME.toml in the current directory).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing profile file.")
def init_site(
    name: str,
    listing_urls: tuple[str, ...],
    mirror: bool,
    mirror_url: str | None,
    output: Path | None,
    force: bool,
) -> None:
    """Write a profile for a new site from one or more of its listing pages.

    Finds the article links and pagination, extracts the newest article with
    the generic extractor, writes NAME.toml, and prints the sample record and
    what could not be found.  Then: `newsarchive crawl --profile NAME.toml`.
    """
    from crawler.init_site import InitSiteError
    from crawler.init_site import init_site as describe_site
    from crawler.mirror_server import MirrorServer

    output = output or Path(f"{name}.toml")
    if output.exists() and not force:
        raise UserError(f"{output} exists; use --force to overwrite it")
    if mirror and mirror_url:
        raise UserError("use either --mirror or --mirror-url, not both")
    try:
        if mirror:
            with MirrorServer() as server:
                finding = describe_site(name, list(listing_urls), server.url)
        else:
            finding = describe_site(name, list(listing_urls), mirror_url)
    except InitSiteError as exc:
        raise UserError(str(exc)) from None
    output.write_text(finding.profile_toml(), encoding="utf-8")
    for section in finding.sections:
        click.echo(
            f"{section.label}: {len(section.article_links)} article links, "
            f"{len(section.pages)} more listing pages"
        )
        if section.sample:
            sample = {
                key: section.sample.get(key)
                for key in ("url", "breadcrumb", "section", "title", "published", "language")
            }
            sample["body_text"] = (section.sample.get("body_text") or "")[:300]
            click.echo(json.dumps(sample, ensure_ascii=False, indent=2))
    missing = finding.missing()
    click.echo("Not found: " + ("; ".join(missing) if missing else "nothing, all fields found"))
    click.echo(f"Wrote {output}. Next: newsarchive crawl --profile {output}")


@main.command()
@click.argument("page", metavar="FILE|-", type=click.File("rb"))
@click.option("--url", help="The page's URL (dates and links may depend on it).")
@click.option("--site", "site_name", metavar="NAME", help="Parse with this bundled profile.")
@click.option(
    "--profile",
    "profile_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Parse with this profile file.",
)
@click.option("--content-type", help="The HTTP Content-Type header the page came with.")
@click.option("--html", "with_html", is_flag=True, help="Include the sanitised body HTML.")
def extract(
    page,
    url: str | None,
    site_name: str | None,
    profile_file: Path | None,
    content_type: str | None,
    with_html: bool,
) -> None:
    """Print the record a saved page yields, as JSON, and how each field was found.

    Without --site or --profile the generic extractor alone is used.  Exit code
    1 when the page is not an article (the JSON then shows what was found).
    """
    from crawler.parsers import NotAnArticle, parse_article
    from crawler.parsers.charset import decode_html

    if site_name and profile_file:
        raise UserError("use either --site or --profile, not both")
    if profile_file:
        profile = _load_profile_file(profile_file)
    elif site_name:
        profile = _select_profiles((site_name,), False)[0]
    else:
        profile = None
    if not url:
        name = Path(page.name).name if page.name not in ("<stdin>", "-") else "page.html"
        url = f"{profile.base_url}/{name}" if profile else f"https://unknown.invalid/{name}"
    profile = profile or generic_profile(url)
    decoded = decode_html(page.read(), content_type)
    try:
        record = parse_article(decoded.text, url, profile).as_dict()
        error = None
    except NotAnArticle as exc:
        record, error = exc.partial, str(exc)
    output = {
        key: record.get(key)
        for key in ("url", "breadcrumb", "section", "title", "published", "language", "body_text")
    }
    if with_html:
        output["body_html"] = record.get("body_html")
    output["methods"] = {
        **record.get("methods", {}),
        "charset": f"{decoded.encoding} ({decoded.method})",
    }
    if error:
        output["error"] = error
    click.echo(json.dumps(output, ensure_ascii=False, indent=2))
    if error:
        sys.exit(1)


@main.command()
@click.option("--port", default=8765, show_default=True, type=int, help="Port on 127.0.0.1.")
def mirror(port: int) -> None:
    """Serve the bundled offline mirrors on 127.0.0.1 until Ctrl-C.

    Point a crawl at it with `newsarchive crawl SITE --mirror-url URL`, or
    `scrapy crawl SITE -s NEWSARCHIVE_MIRROR=URL`.
    """
    from crawler.mirror_server import MirrorServer

    try:
        server = MirrorServer(port=port)
    except OSError as exc:
        raise UserError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror})") from None
    click.echo(f"Serving the offline mirror at {server.url}/<host>/<path> (Ctrl-C to stop)")
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()


# -- helpers --------------------------------------------------------------------


def _all_profiles() -> dict[str, SiteProfile]:
    try:
        return load_bundled_profiles()
    except ProfileError as exc:
        raise UserError(f"invalid profile: {exc}") from None


def _select_profiles(
    names: tuple[str, ...], crawl_all: bool, files: tuple[Path, ...] = ()
) -> list[SiteProfile]:
    if crawl_all and names:
        raise UserError("give site names or --all, not both")
    if crawl_all:
        return list(_all_profiles().values())
    if not names and not files:
        known = ", ".join(path.stem for path in bundled_profile_paths())
        raise UserError(
            f"name at least one site, use --all, or give --profile FILE (known sites: {known})"
        )
    profiles = [_load_profile_file(path) for path in files]
    for name in dict.fromkeys(names):
        try:
            profiles.append(find_bundled_profile(name))
        except KeyError as exc:
            raise UserError(exc.args[0]) from None
        except ProfileError as exc:
            raise UserError(f"invalid profile: {exc}") from None
    return profiles


def _load_profile_file(path: Path) -> SiteProfile:
    try:
        return load_profile(path)
    except ProfileError as exc:
        raise UserError(f"invalid profile: {exc}") from None


def _check_db(db_path: Path, writing: bool = True) -> None:
    """Refuse an unusable --db before anything starts (and create/upgrade a usable one)."""
    from archive.store import check_writable

    try:
        if writing:
            check_writable(db_path)
        Archive(db_path).close()
    except ArchiveError as exc:
        raise UserError(str(exc)) from None


def _frontier_settings(url: str) -> dict:
    """Settings for a shared crawl, after checking that the Redis server answers."""
    from redis import Redis
    from redis.exceptions import RedisError

    from crawler.frontier import FrontierError, parse_frontier_url

    try:
        settings = {"NEWSARCHIVE_FRONTIER": parse_frontier_url(url)}  # the spider does the rest
        Redis.from_url(url, socket_connect_timeout=5).ping()
    except FrontierError as exc:
        raise UserError(str(exc)) from None
    except (RedisError, ValueError) as exc:
        raise UserError(f"cannot reach the frontier at {url}: {exc}") from None
    return settings


def _run_crawl(
    profiles,
    db_path: Path,
    mirror: bool,
    mirror_url: str | None,
    overrides: dict,
    announce: bool = True,
):
    from crawler.mirror_server import MirrorServer
    from crawler.run import crawl_sites

    if mirror and mirror_url:
        raise UserError("use either --mirror or --mirror-url, not both")
    if mirror_url:
        return crawl_sites(profiles, db_path, mirror=mirror_url, overrides=overrides)
    if mirror:
        with MirrorServer() as server:
            if announce:
                click.echo(f"Offline mirror serving on {server.url}", err=True)
            return crawl_sites(profiles, db_path, mirror=server.url, overrides=overrides)
    return crawl_sites(profiles, db_path, overrides=overrides)


def _serve(db_path: Path, host: str, port: int) -> None:
    from archive.publish import serve

    click.echo(f"Serving {db_path} with Datasette at http://{host}:{port}/ (Ctrl-C to stop)")
    try:
        serve(db_path, host=host, port=port)
    except OSError as exc:
        raise UserError(f"cannot listen on {host}:{port} ({exc.strerror})") from None
