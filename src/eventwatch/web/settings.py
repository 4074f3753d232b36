"""The web service's settings: where the data is, what it may do, and how big requests may be."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import EventwatchError
from ..export.redact import KEY_ENV
from ..store import DEFAULT_URL

__all__ = ["TOKEN_ENV", "Settings"]

TOKEN_ENV = "EVENTWATCH_TOKEN"
TILES_ENV = "EVENTWATCH_TILES"


@dataclass(slots=True, kw_only=True)
class Settings:
    """What ``create_app`` needs; ``from_env`` fills the secrets from the environment."""

    db: str = DEFAULT_URL
    read_only: bool = False
    token: str | None = None
    tiles: str | None = None
    tiles_attribution: str = ""
    allow_private: bool = False
    redact_key: str | None = None
    max_request_bytes: int = 5_000_000
    max_document_bytes: int = 1_000_000
    page_size: int = 50
    max_page_size: int = 500
    config: str | None = None

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings with the token, tiles and redaction key read from ``EVENTWATCH_*`` variables."""
        settings = cls(
            token=os.environ.get(TOKEN_ENV) or None,
            tiles=os.environ.get(TILES_ENV) or None,
            redact_key=os.environ.get(KEY_ENV) or None,
        )
        for key, value in overrides.items():
            if value is not None:
                setattr(settings, key, value)
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse a tiles URL that is not an http(s) template with {z}/{x}/{y} (E906)."""
        if self.tiles is None:
            return
        parts = urlsplit(self.tiles)
        if (
            parts.scheme not in ("http", "https")
            or not parts.netloc
            or not all(p in self.tiles for p in ("{z}", "{x}", "{y}"))
            or re.search(r"[\s\"'<>]", self.tiles)
        ):
            raise EventwatchError("E906", tiles=self.tiles)

    @property
    def tiles_origin(self) -> str | None:
        """``scheme://host`` of the tiles server, for the CSP; ``{s}`` subdomains widened to ``*.``."""
        if self.tiles is None:
            return None
        parts = urlsplit(self.tiles)
        return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"
