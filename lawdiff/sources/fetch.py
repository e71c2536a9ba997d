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

import math
import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from ..errors import LawdiffError
from ..formats.xmlsafe import Limits, parse_xml
from .identifiers import Reference

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
    timeout: float = field(default_factory=lambda: _env_float("LAWDIFF_TIMEOUT", 30.0))
    retries: int = 3
    backoff: float = field(default_factory=lambda: _env_float("LAWDIFF_BACKOFF", 1.0))  # seconds, doubling

    def cache_root(self) -> str:
        if self.cache_dir:
            return self.cache_dir
        import platformdirs

        return platformdirs.user_cache_dir("lawdiff")


def user_agent() -> str:
    from .. import __version__

    return f"lawdiff/{__version__} (+https://github.com/lawdiff/lawdiff)"


def fetch(ref: Reference, options: SourceOptions = SourceOptions(), limits: Limits = Limits()) -> tuple[str, bytes]:
    """(display name, bytes) of the CLML for ``ref``: from the mirror, the cache or the network."""
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
    _check(options)  # (only now: a bad setting never stops reading the mirror or the cache)
    data = _download(ref.data_url(options.base_url), options, limits, name)
    # Only a document that reads as safe XML is kept: an error page or a truncated answer,
    # cached, would be served for ever for a version that never changes.
    parse_xml(data, name, limits)
    _store(cached, data)
    return name, data


def _cache_path(ref: Reference, options: SourceOptions) -> str:
    return os.path.join(options.cache_root(), *ref.path.split("/"), "data.xml")


def cached_copy(ref: Reference, options: SourceOptions) -> str | None:
    """The cached file :func:`fetch` serves ``ref`` from without asking the network, if any: a
    version that cannot change, or anything when offline (never with a mirror)."""
    if options.mirror:
        return None
    cached = _cache_path(ref, options)
    return cached if os.path.isfile(cached) and (ref.pinned or options.offline) else None


def _check(options: SourceOptions) -> None:
    """Refuse settings a fetch cannot use, each in one line naming where it came from."""
    if not options.base_url.lower().startswith(("https://", "http://")):
        raise LawdiffError(f"the base URL {options.base_url!r} (--base-url or LAWDIFF_BASE_URL) must start with "
                           "https:// or http:// (a local copy is read with --mirror)")
    if not (math.isfinite(options.timeout) and options.timeout > 0):
        raise LawdiffError(f"the timeout must be a number of seconds above 0 (LAWDIFF_TIMEOUT is "
                           f"{os.environ.get('LAWDIFF_TIMEOUT', str(options.timeout))!r})")
    if not (math.isfinite(options.backoff) and options.backoff >= 0):
        raise LawdiffError(f"the backoff must be a number of seconds, 0 or more (LAWDIFF_BACKOFF is "
                           f"{os.environ.get('LAWDIFF_BACKOFF', str(options.backoff))!r})")


def _download(url: str, options: SourceOptions, limits: Limits, name: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": user_agent(), "Accept": "application/xml"})
    delay = options.backoff
    for attempt in range(options.retries + 1):
        last = attempt == options.retries
        try:
            with urllib.request.urlopen(request, timeout=options.timeout) as response:
                data = response.read(limits.max_bytes + 1)
            if len(data) > limits.max_bytes:
                raise LawdiffError(f"{url} is over the limit of {limits.max_bytes:,} bytes "
                                   "(raise it with --max-bytes)", name)
            return data
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                raise LawdiffError(f"not found: {url} (HTTP 404): check the identifier and version", name) from None
            if exc.code < 500 or last:
                raise LawdiffError(f"{url} answered HTTP {exc.code} {exc.reason}"
                                   + (f" after {attempt + 1} tries" if attempt else ""), name) from None
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as exc:
            if last:
                reason = getattr(exc, "reason", exc)
                raise LawdiffError(f"cannot fetch {url}: {reason} (after {attempt + 1} tries; "
                                   "--offline uses the cache only)", name) from None
        time.sleep(delay)
        delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


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
        tmp = f"{path}.{os.getpid()}.part"
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written is only a slower lawdiff
