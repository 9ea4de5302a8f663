"""How fast does the published archive answer at a million articles?

What: generates an archive of N articles (default 1,000,000; half Chinese,
half English; 9 sites, 30 sections, dates over 15 years; bodies of a few
hundred to a few thousand characters drawn from a Zipf-like vocabulary, so
common and rare query terms both exist), created through ``archive.store``
so schema, indexes and search index are the real ones, but filled with
bulk inserts.  The file is cached in ``bench/.cache/`` (keyed by generator
version and size) and reused by later runs.  Then it starts the real
``newsarchive serve`` on a free port of 127.0.0.1 and, after a warm-up
pass, times sequential HTTP requests:

- ``search``: the articles table's search box (``/archive/articles?_search=``)
  and the ``search`` canned query (BM25 ranking with snippets), with common
  and rare English words, Chinese phrases (版权, 知识产权), rare Chinese words,
  single Chinese characters (的, 版, the first characters of common words) and
  two-word queries;
- ``section``: a section's list (``?site=&section__startswith=``, newest first,
  with the facets the page shows);
- ``article``: article pages (the row page with the plugin's reader view).

Prints its inputs, then one ``NAME value`` line per figure: median and 95th
percentile latency in milliseconds per kind of page and per kind of query,
and how many requests failed.  Issue 8's goal: ``search_p95_ms`` <= 100.

Usage: ``.venv/bin/python bench/search.py [--articles N] [--rounds R]
[--regenerate] [--profile FILE]`` (``--profile`` runs the server under
cProfile and writes its stats to FILE).
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import multiprocessing
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from archive.search import _IS_CJK, search_form  # noqa: E402
from archive.store import Archive, content_hash  # noqa: E402

# Bump when the generated data changes: cached databases of other versions are ignored.
GENERATOR_VERSION = 2
CACHE = REPO / "bench" / ".cache"
SEED = 8

# (site, language, share of the archive, [(section, share of the site), ...])
SITES = [
    ("gov_cn", "zh", 0.14, [("要闻", 0.45), ("国务院公报", 0.15), ("政策 > 最新", 0.25), ("政策 > 解读", 0.15)]),  # noqa: E501
    ("ncac_zh", "zh", 0.06, [("版权要闻", 0.6), ("地方动态", 0.4)]),
    ("shanxi", "zh", 0.10, [("政务 > 要闻动态", 0.5), ("政务 > 部门动态", 0.3), ("政务 > 市县动态", 0.2)]),  # noqa: E501
    ("zj_fgw", "zh", 0.08, [("工作动态 > 委内动态", 0.5), ("工作动态 > 地方动态", 0.3), ("通知公告", 0.2)]),  # noqa: E501
    ("nmg", "zh", 0.08, [("要闻动态 > 政务要闻", 0.4), ("要闻动态 > 部门动态", 0.35), ("要闻动态 > 盟市动态", 0.25)]),  # noqa: E501
    ("cmse", "zh", 0.04, [("新闻动态 > 任务动态", 0.6), ("新闻动态 > 综合新闻", 0.4)]),
    ("ncac_en", "en", 0.06, [("News > Top News", 0.4), ("News > International Cooperation", 0.2), ("News > Regional Updates", 0.3), ("Overview", 0.1)]),  # noqa: E501
    ("english_gov_cn", "en", 0.20, [("News > Top News", 0.35), ("Policies > Latest Releases", 0.25), ("News > Ministries", 0.2), ("News > Voices", 0.1), ("Premier", 0.1)]),  # noqa: E501
    ("whitehouse_archive", "en", 0.24, [("Briefing Room > Press Briefings", 0.2), ("Briefing Room > Statements and Releases", 0.35), ("Briefing Room > Speeches and Remarks", 0.2), ("Blog", 0.2), ("Weekly Address", 0.05)]),  # noqa: E501
]  # fmt: skip
FIRST_YEAR, YEARS = 2011, 15

# The most common words first; the rest of each vocabulary comes from the
# bundled mirror texts and then invented names, so the frequency tail is long.
_ZH_HEAD = (
    "的 在 和 是 了 对 要 为 工作 发展 建设 推进 加强 国家 经济 社会 我国 全面 企业 "
    "进一步 服务 管理 政府 部门 相关 实施 坚持 开展 提高 创新 提升 促进 落实 改革 "
    "推动 重要 制度 完善 体系 组织 会议 重点 领域 政策 地区 项目 市场 保障 安全 "
    "人民 群众 中国 全国 全省 我区 有关 情况 同志 指出 强调 表示 召开 部署 要求 "
    "积极 认真 深入 不断 持续 稳定 增长 产业 文化 科技 生态 环境 质量 高质量 农村 "
    "城市 基层 干部 党委 机制 规划 目标 任务 能力 水平 示范 试点 资金 投资 合作 "
    "交流 国际 地方 省委 主任 书记 省长 负责人 单位 机构 数字 平台 网络 信息 数据"
)
ZH_HEAD = _ZH_HEAD.split()
_EN_HEAD = (
    "the of and to in a for on that is with as by said will be at from it has "
    "are its this have an was which china chinese government development new "
    "also more year national economic country state we our not all been but "
    "cooperation people president support work public policy percent countries "
    "international first billion two would their other high measures efforts "
    "services trade including about local quality security reform such can"
)
EN_HEAD = _EN_HEAD.split()
# Where the query terms of the benchmark sit among the words, by frequency rank.
PLACED = {"知识产权": 160, "版权": 420, "著作权": 2500, "copyright": 450, "piracy": 4000}
_SYLLABLES = (
    "ka ri to mo na shi vel an dor ber lin gar tos me ul ra ven ko sa ti lo "
    "mar quin dell fen or ast wy pol zen hal bro"
)
SYLLABLES = _SYLLABLES.split()


def corpus_words() -> tuple[list[str], list[str], list[str]]:
    """Chinese word pairs, Chinese characters and English words of the mirror texts."""
    zh, chars, en = {}, {}, {}

    def walk(value):
        if isinstance(value, str):
            for run in re.findall("[\u4e00-\u9fff]+", value):
                for index, char in enumerate(run):
                    chars[char] = chars.get(char, 0) + 1
                    if index:
                        pair = run[index - 1 : index + 1]
                        zh[pair] = zh.get(pair, 0) + 1
            for word in re.findall("[A-Za-z]{2,}", value):
                en[word.lower()] = en.get(word.lower(), 0) + 1
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted((REPO / "tools").glob("*_articles.json")):
        if not path.name.startswith("bsi"):  # German
            walk(json.loads(path.read_text(encoding="utf-8")))

    def ranked(counts):
        return sorted(counts, key=lambda word: (-counts[word], word))

    return ranked(zh), ranked(chars), ranked(en)


def vocabularies(size: int = 80_000) -> dict[str, list[str]]:
    rng = random.Random(SEED)
    zh_pairs, chars, en_words = corpus_words()
    result = {}
    for language, head, corpus in (("zh", ZH_HEAD, zh_pairs), ("en", EN_HEAD, en_words)):
        words = list(dict.fromkeys([*head, *corpus]))
        seen = set(words)
        while len(words) < size:  # names and rare words
            if language == "zh":
                word = "".join(rng.choice(chars[:800]) for _ in range(rng.choice((2, 3, 3, 4))))
            else:
                word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            if word not in seen:
                seen.add(word)
                words.append(word)
        for word, rank in PLACED.items():
            if (language == "zh") == bool(_IS_CJK.match(word)):
                if word in words:
                    words.remove(word)
                words.insert(rank, word)
        result[language] = words[:size]
    return result


_WORDS: dict[str, list[str]] = {}
_WEIGHTS: dict[str, list[float]] = {}


def _init_worker() -> None:
    for language, words in vocabularies().items():
        total, cumulative = 0.0, []
        for rank in range(len(words)):
            total += 1.0 / (rank + 2.7) ** 1.0  # Zipf-Mandelbrot
            cumulative.append(total)
        _WORDS[language], _WEIGHTS[language] = words, cumulative


def _sentence(rng: random.Random, language: str, words: int) -> str:
    picked = rng.choices(_WORDS[language], cum_weights=_WEIGHTS[language], k=words)
    if language == "zh":
        clauses = [
            "".join(picked[i : i + 7]) for i in range(0, len(picked), 7)
        ]  # about 15 characters a clause
        return "，".join(clauses) + "。"
    text = " ".join(picked)
    return text[:1].upper() + text[1:] + "."


def _article(number: int) -> tuple:
    """One article's row values (deterministic in NUMBER)."""
    rng = random.Random(SEED * 1_000_003 + number)
    site, language, _, sections = _pick_site(rng)
    section = rng.choices([s for s, _ in sections], weights=[w for _, w in sections])[0]
    home = "首页" if language == "zh" else "Home"
    breadcrumb = json.dumps([home, *section.split(" > ")], ensure_ascii=False)
    # Later years publish more: about twice as much in the last year as in the first.
    share = rng.random() if rng.random() < 0.5 else math.sqrt(rng.random())
    year = FIRST_YEAR + min(YEARS - 1, int(YEARS * share))
    day = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if rng.random() < 0.5:
        published = f"{day}T{rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}:00+08:00"
    else:
        published = day
    # Body length: log-normal, median about 1,000 characters, a few hundred to a few thousand.
    target = int(min(8000, max(200, rng.lognormvariate(math.log(1000), 0.6))))
    paragraphs, length = [], 0
    while length < target:
        sentences = [_sentence(rng, language, rng.randint(8, 30)) for _ in range(rng.randint(1, 4))]
        paragraph = ("" if language == "zh" else " ").join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph)
    title = _sentence(rng, language, rng.randint(5, 12) if language == "zh" else rng.randint(6, 14))
    title = title.rstrip("。.")
    if language == "en":
        title = " ".join(word[:1].upper() + word[1:] for word in title.split())
    body_text = "\n\n".join(paragraphs)
    body_html = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    host = site.replace("_", "-") + ".example.gov"
    url = f"https://{host}/{day[:7].replace('-', '')}/t{number:08d}.html"
    row = {
        "url": url, "site": site, "breadcrumb": breadcrumb, "section": section,
        "title": title, "published": published, "body_text": body_text,
        "body_html": body_html, "language": language,
    }  # fmt: skip
    seen = f"{min(2025, year + 1)}-01-0{1 + number % 9}T03:00:00+00:00"
    return (
        number + 1, url, site, breadcrumb, section, title, published, body_text, body_html,
        language, seen, seen, content_hash(row), seen, 0,
        search_form(title), search_form(body_text),  # the search index's form
    )  # fmt: skip


_SITE_CUMULATIVE: list[float] = []


def _pick_site(rng: random.Random):
    if not _SITE_CUMULATIVE:
        total = 0.0
        for site in SITES:
            total += site[2]
            _SITE_CUMULATIVE.append(total)
    return rng.choices(SITES, cum_weights=_SITE_CUMULATIVE)[0]


def _chunk(bounds: tuple[int, int]) -> list[tuple]:
    return [_article(number) for number in range(*bounds)]


ARTICLE_COLUMNS = (
    "id", "url", "site", "breadcrumb", "section", "title", "published", "body_text",
    "body_html", "language", "first_seen", "last_seen", "content_hash", "version_seen",
    "missing_runs",
)  # fmt: skip


def _bounded_imap(pool, function, items: list, ahead: int):
    """pool.imap(FUNCTION, ITEMS) with at most AHEAD results waiting.

    pool.imap computes as fast as the workers can, and when writing is the
    slower side the waiting rows of a million articles filled 8 GB, which
    the garbage collector then went over again and again: the generation ran
    five times slower.
    """
    waiting: collections.deque = collections.deque()
    for item in items:
        waiting.append(pool.apply_async(function, (item,)))
        if len(waiting) > ahead:
            yield waiting.popleft().get()
    while waiting:
        yield waiting.popleft().get()


def generate(path: Path, count: int) -> None:
    """Write COUNT articles into a new archive at PATH (through a temporary file)."""
    tmp = path.with_name(path.name + ".tmp")
    for leftover in path.parent.glob(tmp.name + "*"):
        leftover.unlink()
    Archive(tmp).close()  # the real schema, indexes and search index
    _init_worker()
    conn = sqlite3.connect(tmp)
    conn.execute("PRAGMA journal_mode = OFF")  # a failed generation is thrown away
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    insert_article = (
        f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in ARTICLE_COLUMNS)})"
    )
    insert_fts = "INSERT INTO articles_fts (rowid, title, body_text) VALUES (?, ?, ?)"
    step = 5000
    chunks = [(start, min(count, start + step)) for start in range(0, count, step)]
    start_time = time.perf_counter()
    workers = max(1, min(2, (os.cpu_count() or 2)))
    with multiprocessing.get_context("fork").Pool(workers, initializer=_init_worker) as pool:
        for done, rows in enumerate(_bounded_imap(pool, _chunk, chunks, 2 * workers), 1):
            with conn:
                conn.executemany(insert_article, [row[:15] for row in rows])
                conn.executemany(insert_fts, [(row[0], row[15], row[16]) for row in rows])
            if done % 20 == 0 or done == len(chunks):
                elapsed = time.perf_counter() - start_time
                print(
                    f"  generated {chunks[done - 1][1]:,} articles in {elapsed:.0f}s",
                    file=sys.stderr,
                    flush=True,
                )
    rng = random.Random(SEED)
    with conn:
        # A few earlier versions, changes and withdrawals, as a long-lived archive has.
        for article_id in rng.sample(range(1, count + 1), max(1, count // 200)):
            url, site, breadcrumb, section, title, published, body, html, language, digest, seen = (
                conn.execute(
                    "SELECT url, site, breadcrumb, section, title, published, body_text, "
                    "body_html, language, content_hash, first_seen FROM articles WHERE id = ?",
                    [article_id],
                ).fetchone()
            )
            conn.execute(
                "INSERT INTO article_versions (article_id, url, site, breadcrumb, section, "
                "title, published, body_text, body_html, language, content_hash, first_seen, "
                "last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [article_id, url, site, breadcrumb, section, title, published,
                 body + "\n\nCorrection.", html, language, digest, seen, seen],
            )  # fmt: skip
            conn.execute(
                "INSERT INTO article_events (article_id, url, at, event, detail) "
                "VALUES (?, ?, ?, 'changed', 'changed: body_text')",
                [article_id, url, seen],
            )
        for site, *_ in SITES:
            for day in range(1, 29):
                conn.execute(
                    "INSERT INTO crawls (site, started, finished, status, finish_reason, "
                    "requests, articles_new) VALUES (?, ?, ?, 'ok', 'finished', 120, 30)",
                    [site, f"2025-06-{day:02d}T03:00:00Z", f"2025-06-{day:02d}T03:20:00Z"],
                )  # fmt: skip
    conn.execute("PRAGMA journal_mode = WAL")  # as the archive is
    conn.execute("ANALYZE")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    tmp.rename(path)


def cached_database(count: int, regenerate: bool) -> tuple[Path, float | None]:
    """The generated archive of COUNT articles, generating it when not cached."""
    folder = CACHE / f"search-v{GENERATOR_VERSION}-{count}"
    path = folder / "archive.db"  # Datasette names the database "archive", as metadata.json
    if path.exists() and not regenerate:
        return path, None
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("archive.db*"):
        old.unlink()
    start = time.perf_counter()
    generate(path, count)
    return path, time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, profile: str | None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    if profile:
        command = [
            sys.executable, "-m", "cProfile", "-o", profile, "-m", "archive",
        ]  # fmt: skip
    else:
        command = [str(Path(sys.executable).with_name("newsarchive"))]
    server = subprocess.Popen(
        [*command, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 1800  # an upgrade may build indexes first
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=30).close()
            return server, base
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                message = server.stderr.read().decode()
                raise SystemExit(f"newsarchive serve did not start: {message}") from None
            time.sleep(0.3)


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(2)  # SIGINT, so cProfile writes its stats
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def fetch(base: str, path: str) -> tuple[float, int]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    return (time.perf_counter() - start) * 1000, status


def workload(db: Path, rounds: int) -> list[tuple[str, str, str]]:
    """(page kind, query kind, path) of every request, in the order they are made."""
    rng = random.Random(SEED)
    words = vocabularies()
    conn = sqlite3.connect(db)
    count = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    sections = conn.execute("SELECT DISTINCT site, section FROM articles").fetchall()
    conn.close()
    zh, en = words["zh"], words["en"]
    # One character: 的 is in most Chinese articles, 版 starts hundreds of pairs.
    characters = ["的", "版", *dict.fromkeys(word[0] for word in zh[8:2000])]
    queries = {
        "en_common": lambda: rng.choice(en[30:200]),
        "en_rare": lambda: rng.choice(en[30_000:70_000]),
        "en_two_words": lambda: f"{rng.choice(en[100:1000])} {rng.choice(en[100:3000])}",
        "zh_common": lambda: rng.choice(["版权", "知识产权", *zh[20:200]]),
        "zh_rare": lambda: rng.choice(zh[30_000:70_000]),
        "zh_one_char": lambda: rng.choice(characters),
    }
    requests = []
    for _ in range(rounds):
        for kind, make in queries.items():
            query = urllib.parse.quote(make())
            requests.append(("search", f"box_{kind}", f"/archive/articles?_search={query}"))
            requests.append(("search", f"ranked_{kind}", f"/archive/search?q={query}"))
        for _ in range(4):
            site, section = rng.choice(sections)
            top = section.split(" > ")[0]
            params = urllib.parse.urlencode({"site": site, "section__startswith": top})
            requests.append(("section", "section", f"/archive/articles?{params}"))
        for _ in range(4):
            requests.append(("article", "article", f"/archive/articles/{rng.randint(1, count)}"))
    return requests


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000, help="articles in the database")
    parser.add_argument("--rounds", type=int, default=20, help="rounds of the request mix")
    parser.add_argument("--regenerate", action="store_true", help="ignore the cached database")
    parser.add_argument("--profile", metavar="FILE", help="run the server under cProfile")
    args = parser.parse_args()
    db, generation = cached_database(args.articles, args.regenerate)
    size = sum(f.stat().st_size for f in db.parent.glob("archive.db*"))
    conn = sqlite3.connect(db)
    languages = dict(conn.execute("SELECT language, count(*) FROM articles GROUP BY 1"))
    sections = conn.execute("SELECT count(DISTINCT site || section) FROM articles").fetchone()[0]
    mean_body = conn.execute(
        "SELECT avg(length(body_text)) FROM articles WHERE id % 100 = 0"
    ).fetchone()[0]
    conn.close()
    print(
        f"inputs: {args.articles:,} articles ({languages.get('zh', 0):,} Chinese, "
        f"{languages.get('en', 0):,} English), {len(SITES)} sites, {sections} sections, "
        f"mean body {mean_body:.0f} characters, {size / 1e9:.2f} GB "
        f"({db.relative_to(REPO)}, generator v{GENERATOR_VERSION}"
        + (f", generated in {generation:.0f}s" if generation is not None else ", cached")
        + ")"
    )
    requests = workload(db, args.rounds)
    print(
        f"inputs: {len(requests)} sequential requests over HTTP on 127.0.0.1 to newsarchive "
        f"serve, after a warm-up pass of {min(len(requests), 60)}"
    )
    server, base = start_server(db, args.profile)
    try:
        for _, _, path in requests[:60]:
            fetch(base, path)
        timings: dict[str, list[float]] = {}
        errors: dict[str, int] = {}
        slowest: list[tuple[float, str]] = []
        for page, query, path in requests:
            ms, status = fetch(base, path)
            for key in {page, query}:
                timings.setdefault(key, []).append(ms)
                errors.setdefault(key, 0)
                errors[key] += status != 200
            slowest.append((ms, f"{status} {urllib.parse.unquote(path)}"))
    finally:
        stop_server(server)
    for key in ["search", "section", "article", *sorted(k for k in timings if "_" in k)]:
        values = timings[key]
        print(f"{key}_p50_ms {statistics.median(values):.0f}")
        print(f"{key}_p95_ms {percentile(values, 0.95):.0f}")
        if key in ("search", "section", "article"):
            print(f"{key}_errors {errors[key]}")
    for ms, what in sorted(slowest, reverse=True)[:8]:
        print(f"# slow: {ms:.0f} ms {what}", file=sys.stderr)


if __name__ == "__main__":
    main()
