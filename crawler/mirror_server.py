"""A static HTTP server for the bundled offline mirrors, on 127.0.0.1 only.

The mirrors live in crawler/mirrors/<host>/<path>; the server answers
GET /<host>/<path> with that file, which is the layout crawler.mirror maps live
URLs to.  It is a test and demo tool: bound to loopback, read-only, and
confined to its directory.

A mirror may say how its pages are served, to reproduce a site's headers, in
crawler/mirrors/<host>/mirror.toml:

    [[headers]]
    path = "/chinacopyright/*"              # fnmatch pattern on the URL path
    content_type = "text/html; charset=GBK" # sent instead of the default

    [[redirects]]
    path = "/old/page.html"                 # fnmatch pattern on the URL path
    location = "/index.html"                # a path on the same site
    status = 301

The default Content-Type of an HTML page is "text/html; charset=utf-8".
"""

from __future__ import annotations

import fnmatch
import hashlib
import mimetypes
import threading
import tomllib
from email.utils import formatdate, parsedate_to_datetime
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

CONTENT_TYPES = {".html": "text/html", ".htm": "text/html", ".shtml": "text/html"}


MIRROR_CONFIG = "mirror.toml"


def mirror_config(host_dir: Path) -> dict:
    """A mirror's mirror.toml, or {} when it has none."""
    path = host_dir / MIRROR_CONFIG
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def bundled_mirrors_dir() -> Path:
    return Path(str(resources.files("crawler") / "mirrors"))


class MirrorRequestHandler(BaseHTTPRequestHandler):
    server_version = "newsarchive-mirror/1"

    def __init__(self, *args, root: Path, **kwargs):
        self.root = root
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._serve(include_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(include_body=False)

    def _serve(self, include_body: bool) -> None:
        redirect = self._configured_redirect(urlsplit(self.path).path)
        if redirect is not None:
            status, location = redirect
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        path = self._resolve(urlsplit(self.path).path)
        if path is None:
            self.send_error(HTTPStatus.NOT_FOUND, "Not in the mirror")
            return
        body = path.read_bytes()
        content_type = self._configured_content_type(urlsplit(self.path).path)
        if content_type is None:
            content_type = CONTENT_TYPES.get(path.suffix) or (
                mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            )
            if content_type.startswith("text/"):
                content_type += "; charset=utf-8"
        # Validators, as a real web server sends them, so that conditional
        # requests (If-None-Match, If-Modified-Since) can be answered with 304.
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        modified = int(path.stat().st_mtime)
        if self._not_modified(etag, modified):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", formatdate(modified, usegmt=True))
        self.end_headers()
        if include_body:
            self.wfile.write(body)

    def _not_modified(self, etag: str, modified: int) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return etag in [tag.strip() for tag in if_none_match.split(",")]
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                return modified <= int(parsedate_to_datetime(if_modified_since).timestamp())
            except (TypeError, ValueError):
                return False
        return False

    def _configured_redirect(self, url_path: str) -> tuple[int, str] | None:
        """(status, Location) when the host's mirror.toml redirects URL_PATH."""
        host, _, path = unquote(url_path).lstrip("/").partition("/")
        for rule in mirror_config(self.root / host).get("redirects", []):
            if fnmatch.fnmatch("/" + path, rule.get("path", "")):
                # Locations are site paths; on the mirror they live under /<host>, and
                # they are absolute so that the crawler maps them back to the live site.
                server = self.headers.get("Host") or "127.0.0.1"
                return int(rule.get("status", 301)), f"http://{server}/{host}{rule['location']}"
        return None

    def _configured_content_type(self, url_path: str) -> str | None:
        """The Content-Type the host's mirror.toml sets for URL_PATH, if any."""
        host, _, path = unquote(url_path).lstrip("/").partition("/")
        for rule in mirror_config(self.root / host).get("headers", []):
            if fnmatch.fnmatch("/" + path, rule.get("path", "")) and "content_type" in rule:
                return rule["content_type"]
        return None

    def _resolve(self, url_path: str) -> Path | None:
        relative = unquote(url_path).lstrip("/")
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        if candidate.name == MIRROR_CONFIG:
            return None
        return candidate if candidate.is_file() else None

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (signature is http.server's)
        pass  # the crawler logs every request already


class _MirrorHTTPServer(ThreadingHTTPServer):
    # socketserver listens with a backlog of 5: a crawl opening a dozen connections
    # at once then has SYNs dropped and waits a second for the retransmit.
    request_queue_size = 128
    daemon_threads = True


class MirrorServer:
    """The mirror server running in a background thread; use as a context manager."""

    def __init__(self, root: Path | None = None, host: str = "127.0.0.1", port: int = 0):
        self.root = (root or bundled_mirrors_dir()).resolve()
        handler = partial(MirrorRequestHandler, root=self.root)
        self.httpd = _MirrorHTTPServer((host, port), handler)
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> MirrorServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
