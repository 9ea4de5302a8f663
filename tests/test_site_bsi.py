"""www.bsi.bund.de press releases: the offline mirror crawled by the real CLI into SQLite.

Every press release of the mirror is archived and one is checked field by field.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from tests.conftest import crawl_mirror, mirror_pages
from tests.conftest import db_rows as rows

pytestmark = pytest.mark.e2e

SITE = "bsi"
HOST = "www.bsi.bund.de"
ARTICLE_FILE = re.compile(r"/Presse\d{4}/\d{6}_[^/]+\.html$")
SAMPLE_PATH = (
    "/DE/Service-Navi/Presse/Pressemitteilungen/Presse2023/231107_Lagebericht-Kommunen.html"
)


def mirror_articles() -> dict[str, object]:
    """Live URL (without query) -> file of every press release in the mirror."""
    return mirror_pages(HOST, ARTICLE_FILE)


def without_query(url: str) -> str:
    # GSB links carry a navigation parameter (?nn=520690) that the archive keeps.
    return urlsplit(url)._replace(query="").geturl()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    db = tmp_path_factory.mktemp(SITE) / "a.db"
    return crawl_mirror(SITE, db), db


@pytest.fixture(scope="module")
def sample(crawled):
    _, db = crawled
    (found,) = [a for a in rows(db) if without_query(a["url"]) == f"https://{HOST}{SAMPLE_PATH}"]
    return found


def test_crawl_archives_every_press_release_of_the_mirror(crawled):
    result, db = crawled
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"{SITE}: ok" in result.stdout
    pages = mirror_articles()
    assert 8 <= len(pages) <= 14
    articles = rows(db)
    assert len(articles) == len(pages)
    assert sorted(without_query(a["url"]) for a in articles) == sorted(pages)
    assert {a["published"][:4] for a in articles} == {"2021", "2022", "2023"}
    assert all(a["language"] == "de" for a in articles)
    (crawl,) = rows(db, "SELECT * FROM crawls")
    assert crawl["status"] == "ok" and crawl["errors"] == 0


def test_sample_press_release_field_by_field(sample):
    assert json.loads(sample["breadcrumb"]) == ["Zur Startseite", "Service", "Presse"]
    assert sample["section"] == "Service > Presse"
    assert sample["title"] == (
        "Lagebericht zur IT-Sicherheit: Kommunen bleiben ein bevorzugtes Ziel von Angreifern"
    )
    assert sample["published"] == "2023-11-07"  # "Datum 07.11.2023", no time of day
    assert sample["language"] == "de"
    paragraphs = sample["body_text"].split("\n\n")
    assert paragraphs[0] == (
        "Städte, Gemeinden und Landkreise sind im vergangenen Jahr häufiger Ziel von"
        " Cyberangriffen geworden als je zuvor. Das geht aus dem Bericht zur Lage der"
        " IT-Sicherheit in Deutschland hervor, den das BSI heute in Berlin vorgestellt hat."
        " Besonders folgenreich waren Angriffe mit Ransomware, bei denen Daten verschlüsselt und"
        " erst gegen Lösegeld wieder freigegeben werden sollen."
    )
    assert paragraphs[-1] == (
        "Der Bericht empfiehlt Kommunen unter anderem, regelmäßig getrennte Sicherungskopien"
        " anzulegen, Zugänge mit einem zweiten Faktor abzusichern und Notfallübungen"
        " durchzuführen. Das BSI unterstützt die Länder dabei mit Handreichungen und"
        " Schulungsangeboten, die sich gezielt an kleinere Verwaltungen richten."
    )
    # The quotes („<q>…</q>“) stay inside their paragraph.
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("„Wenn eine Kommunalverwaltung tagelang keine Ausweise")
    assert "<q>" in sample["body_html"] and "<abbr" in sample["body_html"]
    for furniture in (
        "Pressekontakt",
        "Pressestelle",
        "Ort Berlin",
        "Datum 07.11.2023",
        "Sie sind hier",
        "Folgen Sie uns",
        "Seitenanfang",
        "Cookies",
        "Bundesamt für Sicherheit in der Informationstechnik Pressestelle",
    ):
        assert furniture not in sample["body_text"], furniture


def test_section_leaves_out_the_home_crumb(sample):
    """'Zur Startseite' is the home crumb of Government Site Builder trails."""
    assert sample["section"] == "Service > Presse"
