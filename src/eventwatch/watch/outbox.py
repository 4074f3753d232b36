"""Delivering alert notifications: a webhook POST or a line appended to a JSONL file.

A notification stays in the outbox until its destination took it; a failed delivery is tried
again later with the pause doubling each time, so a receiver that is down loses nothing.
Delivery is at least once: a crash between delivering and marking it delivered repeats it, so
each notification carries a ``delivery_id`` (also the ``X-Eventwatch-Delivery`` header) by which
a receiver can drop a repeat. With a secret, a webhook body is signed with HMAC-SHA256 in
``X-Eventwatch-Signature: sha256=<hex>``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import func, select, update

from ..errors import EventwatchError
from ..readers import check_public_url
from ..store import Store
from .clock import iso, later
from .fetch import DEFAULT_USER_AGENT
from .schema import alerts, outbox

__all__ = ["DeliverySettings", "deliver_due", "next_attempt", "pending", "signature"]


@dataclass(frozen=True, slots=True, kw_only=True)
class DeliverySettings:
    """Timeout and retry pauses for delivering notifications."""

    timeout: float = 10.0
    base_delay: float = 30.0
    max_delay: float = 3600.0
    user_agent: str = DEFAULT_USER_AGENT
    secret: str | None = None


def signature(body: bytes, secret: str) -> str:
    """The ``X-Eventwatch-Signature`` value of ``body``: ``sha256=`` and the hex HMAC-SHA256."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _post(
    client: httpx.Client, url: str, payload: dict[str, Any], *, allow_private: bool, secret: str | None
) -> None:
    if not allow_private:
        check_public_url(url)
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json", "X-Eventwatch-Delivery": str(payload["delivery_id"])}
    if secret:
        headers["X-Eventwatch-Signature"] = signature(body, secret)
    try:
        response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        raise EventwatchError("E1101", url=url, reason=str(exc) or type(exc).__name__) from None
    if not 200 <= response.status_code < 300:
        raise EventwatchError("E1102", url=url, status=response.status_code)


def _append(path: str, payload: dict[str, Any]) -> None:
    line = json.dumps(payload, ensure_ascii=False) + "\n"
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise EventwatchError("E101", source=path, reason=exc.strerror or str(exc)) from None


def _claim(store: Store, outbox_id: int, due: str, *, now: dt.datetime, lease: float) -> bool:
    # Another watcher on the same database may be delivering this one: take it only if unchanged.
    with store.engine.begin() as connection:
        taken = connection.execute(
            update(outbox)
            .where(outbox.c.id == outbox_id, outbox.c.next_attempt_at == due, outbox.c.delivered_at.is_(None))
            .values(next_attempt_at=later(now, lease))
        ).rowcount
    return bool(taken)


def deliver_due(
    store: Store,
    *,
    now: dt.datetime,
    settings: DeliverySettings | None = None,
    transport: httpx.BaseTransport | None = None,
) -> tuple[int, int]:
    """Deliver every notification whose time has come; returns (delivered, failed)."""
    settings = settings or DeliverySettings()
    query = (
        select(
            outbox.c.id,
            outbox.c.payload,
            outbox.c.attempts,
            outbox.c.next_attempt_at,
            alerts.c.destination,
            alerts.c.target,
            alerts.c.allow_private,
        )
        .join(alerts, alerts.c.id == outbox.c.alert_id)
        .where(outbox.c.delivered_at.is_(None), outbox.c.next_attempt_at <= iso(now))
        .order_by(outbox.c.id)
    )
    with store.engine.connect() as connection:
        rows = connection.execute(query).all()
    delivered = failed = 0
    headers = {"User-Agent": settings.user_agent}
    with httpx.Client(
        transport=transport, timeout=settings.timeout, headers=headers, follow_redirects=False
    ) as client:
        for row in rows:
            if not _claim(store, row.id, row.next_attempt_at, now=now, lease=settings.timeout * 3):
                continue
            try:
                payload = {**row.payload, "delivery_id": row.id}
                if row.destination == "webhook":
                    _post(
                        client,
                        row.target,
                        payload,
                        allow_private=bool(row.allow_private),
                        secret=settings.secret,
                    )
                else:
                    _append(row.target, payload)
            except EventwatchError as exc:
                pause = min(settings.base_delay * 2**row.attempts, settings.max_delay)
                values: dict[str, Any] = {"last_error": str(exc), "next_attempt_at": later(now, pause)}
                failed += 1
            else:
                values = {"delivered_at": iso(now), "last_error": None}
                delivered += 1
            with store.engine.begin() as connection:
                connection.execute(
                    update(outbox).where(outbox.c.id == row.id).values(attempts=row.attempts + 1, **values)
                )
    return delivered, failed


def pending(store: Store) -> int:
    """How many notifications wait for delivery."""
    query = select(func.count()).select_from(outbox).where(outbox.c.delivered_at.is_(None))
    with store.engine.connect() as connection:
        return int(connection.execute(query).scalar() or 0)


def next_attempt(store: Store) -> str | None:
    """When the earliest waiting notification is due, if any wait."""
    query = select(func.min(outbox.c.next_attempt_at)).where(outbox.c.delivered_at.is_(None))
    with store.engine.connect() as connection:
        found = connection.execute(query).scalar()
    return str(found) if found is not None else None
