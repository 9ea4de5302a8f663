"""Profiles are validated data: errors name the file, the key and the problem."""

from __future__ import annotations

import pytest

from crawler.profile import (
    ProfileError,
    bundled_profile_paths,
    find_bundled_profile,
    load_bundled_profiles,
    load_profile,
)

VALID = """
name = "demo_site"
title = "Demo"
language = "en"
base_url = "https://news.example.gov"

[[sections]]
label = "News"
url = "https://news.example.gov/news/"
"""


def write(tmp_path, text):
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_ncac_profile_has_three_news_sections_and_live_urls():
    profile = find_bundled_profile("ncac_en")
    assert profile.base_url == "https://en.ncac.gov.cn"
    news = [s for s in profile.sections if s.label.startswith("News > ")]
    assert len(news) >= 3
    assert news[0].label == "News > Top News"
    assert all(s.url.startswith("https://en.ncac.gov.cn/") for s in profile.sections)
    assert profile.allowed_domains == ("en.ncac.gov.cn",)


def test_every_bundled_profile_loads():
    assert set(load_bundled_profiles()) == {path.stem for path in bundled_profile_paths()}


def test_minimal_profile_gets_defaults(tmp_path):
    profile = load_profile(write(tmp_path, VALID))
    assert profile.allowed_domains == ("news.example.gov",)
    assert profile.article.body is None


@pytest.mark.parametrize(
    ("change", "key", "problem"),
    [
        (lambda t: t.replace('name = "demo_site"\n', ""), "name", "is required"),
        (lambda t: t.replace('"demo_site"', '"Demo Site"'), "name", "lower-case"),
        (
            lambda t: t.replace('base_url = "https://news.example.gov"', 'base_url = "ftp://x"'),
            "base_url",
            "not an http(s) URL",
        ),
        (lambda t: t[: t.index("[[sections]]")], "sections", "at least one"),
        (lambda t: t + '\n[article]\nbody = "div[["\n', "article.body", "bad CSS selector"),
        (
            lambda t: t + '\n[listing]\narticle_url_pattern = "(["\n',
            "listing.article_url_pattern",
            "bad regular expression",
        ),
        (lambda t: "sectoins = 1\n" + t, "sectoins", "unknown key"),
        (lambda t: t + 'lable = "x"\n', "sections[0].lable", "unknown key"),
        (lambda t: t + '\n[article]\nbdy = "div"\n', "article.bdy", "unknown key"),
        (lambda t: t.replace('label = "News"\n', ""), "sections[0].label", "is required"),
    ],
)
def test_invalid_profiles_name_key_and_problem(tmp_path, change, key, problem):
    path = write(tmp_path, change(VALID))
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.key == key
    assert problem in caught.value.problem
    assert str(path) in str(caught.value)


def test_broken_toml_and_missing_file(tmp_path):
    with pytest.raises(ProfileError, match="not valid TOML"):
        load_profile(write(tmp_path, "name = "))
    with pytest.raises(ProfileError, match="cannot read file"):
        load_profile(tmp_path / "absent.toml")


def test_unknown_bundled_site_lists_known_ones():
    with pytest.raises(KeyError, match="ncac_en"):
        find_bundled_profile("nope")
    with pytest.raises(KeyError):
        find_bundled_profile("../profiles/ncac_en")


def test_bundled_profiles_load_from_a_zipped_egg(tmp_path, monkeypatch):
    """Scrapyd runs the project from a zipped egg: the profiles are read from inside the zip."""
    import zipfile

    from crawler import profile as profile_module

    egg = tmp_path / "newsarchive.egg"
    with zipfile.ZipFile(egg, "w") as archive:
        for path in profile_module.bundled_profile_paths():
            archive.write(path, f"crawler/profiles/{path.name}")
    monkeypatch.setattr(
        profile_module.resources, "files", lambda package: zipfile.Path(egg, f"{package}/")
    )

    names = [path.stem for path in profile_module.bundled_profile_paths()]
    assert "ncac_en" in names and len(names) >= 10
    assert profile_module.find_bundled_profile("ncac_en").name == "ncac_en"
    assert set(profile_module.load_bundled_profiles()) == set(names)
