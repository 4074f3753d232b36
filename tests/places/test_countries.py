"""Country names, aliases and demonyms to ISO3 (pure lookups, no model)."""

from __future__ import annotations

import pytest

from eventwatch.countries import country_code, country_name, fold, iso2_to_iso3, match


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US", "USA"),
        ("U.S.", "USA"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("Russia", "RUS"),
        ("South Korea", "KOR"),
        ("Ivory Coast", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("LITHUANIA", "LTU"),
        ("the Netherlands", "NLD"),
        ("Lithuanian", "LTU"),
        ("Belarusian", "BLR"),
        ("Belarussian", "BLR"),
        ("Belarusians", "BLR"),
        ("Russian", "RUS"),
        ("Afghan", "AFG"),
        ("Filipinos", "PHL"),
        ("French", "FRA"),
        ("Indian", "IND"),
        ("American", "USA"),
        ("Chinese", "CHN"),
        ("Kurdish", None),
        ("Kurds", None),
        ("us", None),
        ("IT", None),
        ("Springfield", None),
    ],
)
def test_country_code(text: str, expected: str | None) -> None:
    assert country_code(text) == expected


def test_demonym_kind_is_reported() -> None:
    found = match("Lithuanian")
    assert found is not None and found.kind == "demonym"
    named = match("Lithuania")
    assert named is not None and named.kind == "name"


def test_names_and_codes() -> None:
    assert country_name("LTU") == "Lithuania"
    assert country_name("ltu") == "Lithuania"
    assert country_name("XXX") is None
    assert iso2_to_iso3("LT") == "LTU"
    assert iso2_to_iso3("uk") == "GBR"
    assert iso2_to_iso3("ZZ") is None


def test_fold() -> None:
    assert fold("  São  Tomé-and Príncipe ") == "sao tome and principe"
    assert fold("U.S.") == "us"
