"""ACLED-style actor names for export: "Military Forces of Russia (2000-)", "Protesters (Belarus)".

State actors (government, military, police, legislature, judiciary) are named after their
country with the start year of the current regime where the dictionary knows it
(``acled_since``); named actors use their dictionary ACLED name; other groups are named
by kind and country ("Civilians (Belarus)", "Unidentified Armed Group (Syria)").
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..countries import country_name
from ..document import Actor
from .dictionary import load_dictionary

__all__ = ["acled_actor_name"]

_STATE = {
    "MIL": "Military Forces of {country}",
    "COP": "Police Forces of {country}",
    "GOV": "Government of {country}",
    "LEG": "Government of {country}",
    "JUD": "Government of {country}",
    "SPY": "Military Forces of {country}",
}
_GROUPS = {
    "REB": "Unidentified Armed Group ({country})",
    "CVL": "Civilians ({country})",
    "REF": "Refugees/IDPs ({country})",
    "OPP": "Protesters ({country})",
    "LAB": "Labour Group ({country})",
    "MED": "Journalists ({country})",
    "EDU": "Students ({country})",
    "REL": "Religious Group ({country})",
    "BUS": "Private Security Forces ({country})",
    "CRM": "Unidentified Armed Group ({country})",
}
_KEEP_PREFIXES = ("Protesters", "Rioters", "Civilians", "Refugees", "Journalists", "Labour", "Students")


def acled_actor_name(actor: Actor, *, dictionaries: Iterable[str | Path] = ()) -> str:
    """The name ACLED would give ``actor`` in an export (actor1/actor2 columns).

    >>> acled_actor_name(Actor(text="Russian forces", role="agent", country="RUS", sector="MIL"))
    'Military Forces of Russia (2000-)'
    """
    dictionary = load_dictionary(dictionaries)
    entry = dictionary.by_name(actor.name) if actor.name else None
    if entry is not None and entry.acled:
        return entry.acled
    country = country_name(actor.country) if actor.country else None
    if actor.sector in _STATE and country:
        since = dictionary.acled_since.get(actor.country or "")
        name = _STATE[actor.sector].format(country=country)
        return f"{name} ({since}-)" if since else name
    if entry is not None:
        return entry.name
    if actor.name and actor.name.startswith(_KEEP_PREFIXES):
        return actor.name
    if actor.sector in _GROUPS:
        template = _GROUPS[actor.sector]
        return template.format(country=country) if country else template.split(" (")[0]
    if actor.name:
        return actor.name
    return f"Unidentified Actor ({country})" if country else actor.text
