"""The offline gazetteer: an SQLite index of GeoNames places, built once and cached.

The index lives in ``$EVENTWATCH_CACHE`` (or ``~/.cache/eventwatch``) as
``gazetteer-<key>.sqlite``, where the key hashes the schema version, the source package
versions and the places data file, so upgrading a source package means a rebuild. It is
written to a temporary file and renamed, so concurrent builders never see a half index.
Names are looked up by their ``fold``-ed form (case-, accent- and punctuation-insensitive).
Data: GeoNames (https://www.geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..countries import fold
from ..errors import EventwatchError
from .sources import PlaceRecord, load_places_data, package_records, source_versions

__all__ = ["Candidate", "Gazetteer", "build_index", "default_gazetteer", "default_path"]

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE place (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, country TEXT, admin1 TEXT,
    lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL, feature TEXT NOT NULL
);
CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, main INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_INDEXES = """
CREATE INDEX name_key ON name (key);
CREATE INDEX place_country ON place (country, feature);
"""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer entry a name may refer to; ``main`` says the name is its main name, not an alternate."""

    id: int
    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    feature: str
    geonameid: int | None
    main: bool


def _candidate(row: tuple[Any, ...]) -> Candidate:
    return Candidate(
        id=row[0],
        name=row[1],
        country=row[2],
        admin1=row[3],
        lat=row[4],
        lon=row[5],
        population=row[6],
        feature=row[7],
        geonameid=row[8],
        main=bool(row[9]),
    )


def default_path() -> Path:
    """Where the default index is cached (``$EVENTWATCH_CACHE`` or ``~/.cache/eventwatch``)."""
    root = os.environ.get("EVENTWATCH_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "eventwatch")
    # Only the parts of the data files the index is built from: editing the stage's word
    # lists must not make every user rebuild.
    places = load_places_data()
    built_from = {key: places.get(key) for key in ("regions", "country_points", "country_alias_skip")}
    data = json.dumps(built_from, sort_keys=True).encode()
    data += resources.files("eventwatch.data").joinpath("countries.yaml").read_bytes()
    # The builder's own code is part of the key too: changing how records are read rebuilds.
    data += Path(__file__).with_name("sources.py").read_bytes()
    data += Path(__file__).with_name("airports.py").read_bytes()
    data += Path(__file__).with_name("subdivisions.py").read_bytes()
    key = json.dumps([SCHEMA_VERSION, source_versions()], sort_keys=True).encode() + data
    return Path(root) / f"gazetteer-{hashlib.sha256(key).hexdigest()[:12]}.sqlite"


def build_index(path: Path, records: Iterable[PlaceRecord]) -> Path:
    """Write an index of ``records`` to ``path`` (atomically: a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with sqlite3.connect(tmp) as con:
            con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            names: list[tuple[str, int, int]] = []
            for number, record in enumerate(records, start=1):
                con.execute(
                    "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?)",
                    (
                        number,
                        record.geonameid,
                        record.name,
                        record.country,
                        record.admin1,
                        record.lat,
                        record.lon,
                        record.population,
                        record.feature,
                    ),
                )
                main = {fold(n) for n in record.names} - {""}
                names.extend((key, number, 1) for key in main)
                names.extend((key, number, 0) for key in {fold(n) for n in record.alternates} - main - {""})
            con.executemany("INSERT INTO name VALUES (?,?,?)", names)
            con.executescript(_INDEXES)
            con.execute("INSERT INTO meta VALUES ('sources', ?)", (json.dumps(source_versions()),))
        con.close()
        os.replace(tmp, path)
    except OSError as exc:
        raise EventwatchError("E501", path=str(path), reason=str(exc)) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


class Gazetteer:
    """Read-only lookups in a built index. Safe to share between threads."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise EventwatchError("E502", path=str(path))
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._con.execute("PRAGMA mmap_size=268435456")
        self._lock = threading.Lock()
        self._lookup = functools.lru_cache(maxsize=65536)(self._query)

    def _query(self, key: str) -> tuple[Candidate, ...]:
        sql = (
            "SELECT p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.population, p.feature, p.geonameid, "
            "n.main FROM name n JOIN place p ON p.id = n.place WHERE n.key = ?"
        )
        with self._lock:
            rows = self._con.execute(sql, (key,)).fetchall()
        return tuple(_candidate(row) for row in rows)

    def lookup(self, text: str) -> tuple[Candidate, ...]:
        """Every place ``text`` may name (case-, accent-insensitive), main names and alternates."""
        return self._lookup(fold(text))

    def country(self, iso3: str) -> Candidate | None:
        """The country entry for ``iso3``."""
        found = self._by_feature(iso3, "country")
        return found[0] if found else None

    def admin1s(self, iso3: str) -> tuple[Candidate, ...]:
        """The admin1 entries of country ``iso3``."""
        return self._by_feature(iso3, "admin1")

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one Gazetteer per index file, kept for the process
    def _by_feature(self, iso3: str, feature: str) -> tuple[Candidate, ...]:
        sql = (
            "SELECT id, name, country, admin1, lat, lon, population, feature, geonameid, 1 FROM place "
            "WHERE country = ? AND feature = ? ORDER BY population DESC"
        )
        with self._lock:
            rows = self._con.execute(sql, (iso3, feature)).fetchall()
        return tuple(_candidate(row) for row in rows)

    def stats(self) -> dict[str, int]:
        """Counts of places and names, and the file size in bytes."""
        with self._lock:
            places = self._con.execute("SELECT count(*) FROM place").fetchone()[0]
            names = self._con.execute("SELECT count(*) FROM name").fetchone()[0]
        return {"places": places, "names": names, "bytes": self.path.stat().st_size}


@functools.cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer from the installed packages, built on first use and cached on disk."""
    path = default_path()
    if not path.exists():
        build_index(path, package_records(min_city_population=500))
        _remove_stale(path)
    return Gazetteer(path)


def _remove_stale(current: Path) -> None:
    """Delete indexes built for other package versions (they are never read again)."""
    for old in current.parent.glob("gazetteer-*.sqlite"):
        if old != current:
            old.unlink(missing_ok=True)
