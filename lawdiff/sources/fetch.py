"""Fetching legislation from legislation.gov.uk (or a mirror), with an offline cache.

The CLML form of a document is ``{base}/{type}/{year}/{number}[/{fragment}][/{version}]/data.xml``.
Fetches go over HTTPS with a timeout, a User-Agent naming lawdiff, and retries with
backoff on server errors (5xx) and failed connections; 404 and network failure are
one clear error each.

The cache (``LAWDIFF_CACHE``, else the user cache folder) is laid out like the site:
``{cache}/ukpga/2016/25/enacted/data.xml``. A version that cannot change (enacted,
made, a point-in-time date) is never fetched twice; the current text (no version) is
fetched afresh each time unless ``offline``. A mirror folder (``--mirror`` or
``LAWDIFF_MIRROR``) laid out the same way is read instead of the network.
"""

from __future__ import annotations

import datetime
import email.utils
import http
import http.client
import math
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from ..errors import LawdiffError
from ..files import replace_atomically
from ..version import __version__
from ..formats.xmlsafe import Limits, parse_xml
from .identifiers import _DATE, Reference, parse_reference

DEFAULT_BASE = "https://www.legislation.gov.uk"


def _env_float(name: str, default: float) -> float:
    """A number of seconds from the environment; nan when it is not a number (refused when a
    fetch needs it, so that a bad setting never stops the commands that read files)."""
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return math.nan


@dataclass(frozen=True)
class SourceOptions:
    """Where documents named by identifier come from. Defaults come from the environment."""

    base_url: str = field(default_factory=lambda: os.environ.get("LAWDIFF_BASE_URL") or DEFAULT_BASE)
    cache_dir: str | None = field(default_factory=lambda: os.environ.get("LAWDIFF_CACHE") or None)
    mirror: str | None = field(default_factory=lambda: os.environ.get("LAWDIFF_MIRROR") or None)
    offline: bool = False
    timeout: float = field(default_factory=lambda: _env_float("LAWDIFF_TIMEOUT", 30.0))  # each read, seconds
    retries: int = 3
    backoff: float = field(default_factory=lambda: _env_float("LAWDIFF_BACKOFF", 1.0))  # seconds, doubling
    # the whole fetch (connect, headers, body, retries and waits): by default four reads' worth
    deadline: float | None = field(default_factory=lambda: _env_float("LAWDIFF_DEADLINE", 0.0) or None)

    def whole(self) -> float:
        """Seconds the whole fetch may take."""
        return self.deadline if self.deadline is not None else 4 * self.timeout

    def cache_root(self) -> str:
        if self.cache_dir:
            return self.cache_dir
        import platformdirs

        return platformdirs.user_cache_dir("lawdiff")


def user_agent() -> str:
    return f"lawdiff/{__version__} (+https://github.com/lawdiff/lawdiff)"


def fetch(ref: Reference, options: SourceOptions = SourceOptions(), limits: Limits = Limits()) -> tuple[str, bytes]:
    """(display name, bytes) of the CLML for ``ref``: from the mirror, the cache or the network.

    An answer from the network is kept (and returned) only when it reads as legislation in a
    format lawdiff reads and names itself as the item asked for: an error page served as
    "200 OK", or another document, would otherwise be served from the cache for ever."""
    name = ref.path
    if options.mirror:
        path = os.path.join(options.mirror, *ref.path.split("/"), "data.xml")
        if not os.path.isfile(path):
            raise LawdiffError(f"{ref.path} is not in the mirror (expected {path})", name)
        return path, _read(path, limits)
    served = cached_copy(ref, options)
    if served is not None:
        return name, _read(served, limits)
    cached = _cache_path(ref, options)
    if options.offline:
        raise LawdiffError(f"{ref.path} is not in the cache ({cached}) and --offline forbids fetching it; "
                           "fetch it once online, or use --mirror", name)
    check_settings(options)  # (only now: a bad setting never stops reading the mirror or the cache)
    url = ref.data_url(options.base_url)
    data = _download(url, options, limits, name)
    _is_the_item(ref, url, data, name, limits)
    _store(cached, data)
    return name, data


def _is_the_item(ref: Reference, url: str, data: bytes, name: str, limits: Limits) -> None:
    """Refuse an answer that is not legislation lawdiff reads, or is another item than ``ref``."""
    parse_xml(data, name, limits)  # malformed, hostile or truncated: the parser's own one line
    from ..formats import parse_bytes  # (the formats know what legislation looks like)

    try:
        doc = parse_bytes(data, name, "auto", limits)
    except LawdiffError as exc:
        raise LawdiffError(f"{_brief(url)} did not answer with legislation ({exc.message}); nothing was cached",
                           name) from None
    own = parse_reference(doc.meta.uri) if doc.meta.uri else None
    if own is None:
        raise LawdiffError(f"{_brief(url)} answered with a document that does not say what it is (no "
                           f"legislation.gov.uk identifier), so it cannot be {ref.path}; nothing was cached", name)
    if own.work != ref.work or not _same_version(ref.version, doc.meta.version or own.version):
        said = own.work + (f" ({doc.meta.version})" if doc.meta.version else "")
        raise LawdiffError(f"{_brief(url)} answered with {said}, not {ref.path}; nothing was cached", name)


def _same_version(asked: str | None, got: str | None) -> bool:
    """Whether a document of version ``got`` answers a request for ``asked``: the same original
    (enacted, made), or for a point in time a version in force on that date (on or before it)."""
    if asked is None or got is None or asked == "prospective":
        return True
    if _DATE.match(asked):
        return bool(_DATE.match(got)) and got <= asked
    return got == asked or (asked in ("enacted", "made") and got in ("enacted", "made"))


def _cache_path(ref: Reference, options: SourceOptions) -> str:
    return os.path.join(options.cache_root(), *ref.path.split("/"), "data.xml")


def cached_copy(ref: Reference, options: SourceOptions) -> str | None:
    """The cached file :func:`fetch` serves ``ref`` from without asking the network, if any: a
    version that cannot change, or anything when offline (never with a mirror)."""
    if options.mirror:
        return None
    cached = _cache_path(ref, options)
    return cached if os.path.isfile(cached) and (ref.pinned or options.offline) else None


MAX_TIMEOUT = 3600.0  # seconds: an hour for one read is more than any server needs
MAX_BACKOFF = 300.0
MAX_DEADLINE = 24 * 3600.0
MAX_WAIT = 120.0  # the longest Retry-After lawdiff waits for
MAX_REDIRECTS = 5


def check_settings(options: SourceOptions) -> None:
    """Refuse settings a fetch cannot use, each in one line naming where it came from."""
    check_base_url(options.base_url)
    if not (math.isfinite(options.timeout) and 0 < options.timeout <= MAX_TIMEOUT):
        raise LawdiffError(f"the timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:.0f} "
                           f"(LAWDIFF_TIMEOUT is {_brief(os.environ.get('LAWDIFF_TIMEOUT', str(options.timeout)))!r})")
    if not (math.isfinite(options.backoff) and 0 <= options.backoff <= MAX_BACKOFF):
        raise LawdiffError(f"the backoff must be a number of seconds, 0 or more and at most {MAX_BACKOFF:.0f} "
                           f"(LAWDIFF_BACKOFF is {_brief(os.environ.get('LAWDIFF_BACKOFF', str(options.backoff)))!r})")
    if options.deadline is not None and not (math.isfinite(options.deadline) and 0 < options.deadline <= MAX_DEADLINE):
        raise LawdiffError(f"the deadline must be a number of seconds above 0 and at most {MAX_DEADLINE:.0f} "
                           f"(LAWDIFF_DEADLINE is {_brief(os.environ.get('LAWDIFF_DEADLINE', str(options.deadline)))!r})")


def check_base_url(base: str) -> None:
    """A base URL lawdiff can fetch from: http(s), a host, a port that is a number, and no
    spaces or control characters (which would go into the request line)."""
    where = "(--base-url or LAWDIFF_BASE_URL)"
    shown = _brief(base)
    if not base.lower().startswith(("https://", "http://")):
        raise LawdiffError(f"the base URL {shown!r} {where} must start with https:// or http:// "
                           "(a local copy is read with --mirror)")
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in base):
        raise LawdiffError(f"the base URL {shown!r} {where} has a space or a control character in it")
    try:
        parts = urlsplit(base)
        port = parts.port
    except ValueError as exc:
        raise LawdiffError(f"the base URL {shown!r} {where} is not a URL: {exc}") from None
    if not parts.hostname:
        raise LawdiffError(f"the base URL {shown!r} {where} names no host")
    try:
        parts.hostname.encode("idna")  # labels of 1 to 63 characters, as DNS allows
    except UnicodeError:
        raise LawdiffError(f"the base URL {shown!r} {where} names a host that cannot exist "
                           f"({_brief(parts.hostname, 60)!r})") from None
    if port == 0:
        raise LawdiffError(f"the base URL {shown!r} {where} names port 0")


def _brief(value: str, most: int = 200) -> str:
    """A value as an error line may echo it: at most ``most`` characters."""
    return value if len(value) <= most else value[: most - 1] + "…"


class _Late(Exception):
    """The whole fetch has run out of time."""


class _Answer:
    def __init__(self, status: int, reason: str, headers, body: bytes) -> None:
        self.status, self.reason, self.headers, self.body = status, reason, headers, body


def _download(url: str, options: SourceOptions, limits: Limits, name: str) -> bytes:
    """The body at ``url``: retried with backoff on server errors and failed connections, waiting
    as a 429 or 503 asks (Retry-After, up to MAX_WAIT), all within the deadline."""
    deadline = time.monotonic() + options.whole()
    delay = options.backoff
    shown = _brief(url)
    for attempt in range(options.retries + 1):
        last = attempt == options.retries
        tries = f" after {attempt + 1} tries" if attempt else ""
        wait = delay
        try:
            answer = _get(url, options, limits, deadline, name)
        except _Late:
            raise LawdiffError(f"cannot fetch {shown}: no complete answer within {options.whole():g} s "
                               f"(LAWDIFF_DEADLINE){tries}; --offline uses the cache only", name) from None
        except (OSError, http.client.HTTPException, UnicodeError) as exc:
            if last:
                raise LawdiffError(f"cannot fetch {shown}: {_reason(exc)} (after {attempt + 1} tries; "
                                   "--offline uses the cache only)", name) from None
        else:
            if answer.status == 200:
                return answer.body
            reason = answer.reason or _phrase(answer.status)
            if answer.status == 404:
                raise LawdiffError(f"not found: {shown} (HTTP 404): check the identifier and version", name)
            if answer.status in (429, 503) and answer.headers.get("Retry-After") is not None:
                asked = _retry_after(answer.headers.get("Retry-After"))
                if asked is None or asked > MAX_WAIT:
                    said = "a time it cannot read" if asked is None else f"{asked:.0f} s"
                    raise LawdiffError(f"{shown} answered HTTP {answer.status} {reason} and asks lawdiff to wait "
                                       f"{said} before trying again (it waits at most {MAX_WAIT:.0f} s); try later",
                                       name)
                wait = asked
            retryable = answer.status == 429 or (answer.status >= 500 and answer.status != 501)
            if not retryable or last:
                raise LawdiffError(f"{shown} answered HTTP {answer.status} {reason}{tries}", name)
        if time.monotonic() + wait >= deadline:
            raise LawdiffError(f"cannot fetch {shown}: no complete answer within {options.whole():g} s "
                               f"(LAWDIFF_DEADLINE) after {attempt + 1} tries; --offline uses the cache only", name)
        time.sleep(wait)
        delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def _get(url: str, options: SourceOptions, limits: Limits, deadline: float, name: str) -> _Answer:
    """One GET, following redirects (to http and https only, MAX_REDIRECTS at most), with every
    read bounded by the timeout and the whole answer by ``deadline``."""
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise LawdiffError(f"{_brief(url)}: lawdiff follows redirects only to http:// and https://, "
                               f"not {scheme or 'a relative'}:", name)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _Late()
        kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
        connection = kind(parts.hostname, parts.port, timeout=min(options.timeout, remaining))
        # the timeout bounds each read; this bounds them all (a server sending a byte a second)
        watchdog = threading.Timer(remaining, _cut, (connection,))
        watchdog.daemon = True
        watchdog.start()
        try:
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("GET", target, headers={"User-Agent": user_agent(), "Accept": "application/xml"})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            body = _body(response, connection, options, limits, deadline, url, name)
            return _Answer(response.status, response.reason, response.headers, body)
        except (OSError, http.client.HTTPException, UnicodeError):
            if time.monotonic() >= deadline - 0.05:
                raise _Late() from None
            raise
        finally:
            watchdog.cancel()
            connection.close()
    raise LawdiffError(f"{_brief(url)} redirects more than {MAX_REDIRECTS} times", name)


def _body(response, connection, options: SourceOptions, limits: Limits, deadline: float, url: str,
          name: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _Late()
        if connection.sock is not None:
            connection.sock.settimeout(min(options.timeout, remaining))
        chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limits.max_bytes:
            raise LawdiffError(f"{_brief(url)} is over the limit of {limits.max_bytes:,} bytes "
                               "(raise it with --max-bytes)", name)
        chunks.append(chunk)


def _cut(connection) -> None:
    """Wake a read blocked on a server that has run out of time."""
    sock = getattr(connection, "sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _retry_after(value: str) -> float | None:
    """Seconds a Retry-After header asks for: a number of seconds, or an HTTP date."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return max(0.0, (when - datetime.datetime.now(datetime.timezone.utc)).total_seconds())


def _phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "(no reason given)"


def _reason(exc: BaseException) -> str:
    """What went wrong, never empty."""
    reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or str(exc)
    return _brief(str(reason)) or type(exc).__name__


def _read(path: str, limits: Limits) -> bytes:
    try:
        with open(path, "rb") as fh:
            data = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        raise LawdiffError(f"cannot read: {exc.strerror}", path) from None
    if len(data) > limits.max_bytes:
        raise LawdiffError(f"file is over the limit of {limits.max_bytes:,} bytes (raise it with --max-bytes)", path)
    return data


def _store(path: str, data: bytes) -> None:
    """Into the cache atomically: two processes fetching the same document never see half a file."""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        replace_atomically(path, data)
    except OSError:
        pass  # a cache that cannot be written is only a slower lawdiff
