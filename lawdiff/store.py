"""A local, searchable store of provisions: SQLite with FTS5, from the standard library.

``lawdiff index REF...`` parses documents and stores every provision (citation,
heading, words, topics); ``lawdiff search QUERY`` ranks them by BM25 across every
indexed document, with highlighted snippets. The store is safe to share between
processes: WAL journal, a busy timeout, and one transaction per document, so two
indexers at once take turns rather than corrupt it. A store from another schema
version, or a damaged one, gives a clear error; ``--rebuild`` starts afresh.

    >>> import lawdiff, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "index.sqlite3")
    >>> with Store(path) as store:
    ...     _ = store.add("example:surveillance-act", lawdiff.load("example:surveillance-act"))
    ...     [(hit.citation, hit.snippet) for hit in store.search("retention notice")][:1]
    [('s. 1', '[Retention] [notices]')]
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, replace
from urllib.parse import quote

from .errors import LawdiffError, displayable
from .model import Document, Provision

SCHEMA_VERSION = 2  # 2: each provision's legislation.gov.uk url
_SCHEMA = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,      -- as the user gave it: a path, an identifier, an alias
    work TEXT,                     -- legislation.gov.uk work id, when known: ukpga/2016/25
    title TEXT NOT NULL,
    version TEXT,
    format TEXT,
    provisions INTEGER NOT NULL
);
CREATE TABLE provisions (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    citation TEXT NOT NULL,
    path TEXT NOT NULL,
    kind TEXT,
    heading TEXT,
    text TEXT,
    topics TEXT NOT NULL DEFAULT '',  -- space-separated topic ids of its section
    url TEXT                       -- its page on legislation.gov.uk, when the document is from there
);
CREATE INDEX provisions_doc ON provisions(doc);
CREATE INDEX provisions_path ON provisions(path);
CREATE VIRTUAL TABLE provisions_fts USING fts5(citation, heading, text, tokenize = 'porter unicode61');
"""


def default_path() -> str:
    env = os.environ.get("LAWDIFF_STORE")
    if env:
        return env
    import platformdirs

    return os.path.join(platformdirs.user_data_dir("lawdiff"), "index.sqlite3")


@dataclass(frozen=True)
class Hit:
    document: str  # title
    ref: str  # the best-ranked copy's ref, as indexed
    citation: str
    heading: str | None
    snippet: str
    score: float  # BM25: lower is better, as SQLite gives it
    topics: tuple[str, ...]
    sources: tuple[str, ...] = ()  # every copy indexed (its CLML and its Akoma Ntoso): refs as indexed
    url: str | None = None  # its page on legislation.gov.uk


_SQLITE = b"SQLite format 3\x00"


def _foreign(path: str) -> str | None:
    """Why the file at ``path`` cannot be a store lawdiff may open or remove, if it cannot: a
    folder, or a file with something else in it (someone's notes given as --store by mistake)."""
    if os.path.isdir(path):
        return f"{path} is a folder, not a search store: give a file path with --store or LAWDIFF_STORE"
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(_SQLITE))
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror}"
    if head and head != _SQLITE:
        return (f"{path} is not a search store (it is not an SQLite file), and lawdiff will not change or "
                "delete it: give another path with --store or LAWDIFF_STORE")
    if head:  # an SQLite file: lawdiff's (of any schema version), damaged, or another program's
        try:
            # (the path's own bytes, quoted: a name that is not UTF-8 is still a name)
            db = sqlite3.connect(f"file:{quote(os.fsencode(os.path.abspath(path)))}?mode=ro", uri=True)
            try:
                names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            finally:
                db.close()
        except sqlite3.DatabaseError:
            return None  # damaged: --rebuild may make it afresh
        if names and "provisions" not in names:
            return (f"{path} is another program's SQLite database, not a search store, and lawdiff will not "
                    "change or delete it: give another path with --store or LAWDIFF_STORE")
    return None


@dataclass(frozen=True)
class Entry:
    """What the store keeps of one document: plain values, so that it can be made in one
    process and written in another."""

    ref: str
    work: str | None
    title: str
    version: str | None
    format: str | None
    rows: tuple[tuple, ...]  # (citation, path, kind, heading, words, topics, url) per provision


def entry(ref: str, doc: Document, topics: dict[int, list[str]] | None = None) -> Entry:
    """The :class:`Entry` of ``doc``, indexed as ``ref``, each provision with its topics
    (``topics`` by provision identity; a provision without its own has its parent's)."""
    ref = displayable(ref)  # (a file name that is not UTF-8 is stored as it is shown)
    topics = topics or {}
    rows: list[tuple] = []

    def visit(p: Provision, inherited: list[str]) -> None:
        own = topics.get(id(p), inherited)
        words = "\n".join(t for t in (p.text_with_quotes("chapeau"), p.text_with_quotes("continuation")) if t)
        rows.append((p.citation, p.path, p.kind, p.heading, words, " ".join(own), doc.url(p)))
        for child in p.children:
            visit(child, own)

    for top in doc.body + doc.schedules:
        visit(top, [])
    m = doc.meta
    work = f"{m.subtype}/{m.year}/{m.number}" if m.subtype and m.year and m.number else None
    return Entry(ref, work, displayable(doc.title), m.version, m.format, tuple(rows))


class Store:
    def __init__(self, path: str | None = None, rebuild: bool = False, create: bool = True) -> None:
        self.path = path or default_path()
        refused = _foreign(self.path)
        if refused:
            raise LawdiffError(refused)
        if rebuild:
            for suffix in ("", "-wal", "-shm"):
                try:
                    os.remove(self.path + suffix)
                except FileNotFoundError:
                    pass
                except OSError as exc:
                    raise LawdiffError(f"cannot remove {self.path + suffix}: {exc.strerror}") from None
        if not create and not os.path.exists(self.path):
            raise LawdiffError(f"no search store at {self.path}: index documents first (lawdiff index REF...)")
        folder = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(folder, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self.db.execute("PRAGMA busy_timeout = 60000")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._check_schema()
        except sqlite3.DatabaseError as exc:
            raise LawdiffError(f"{self.path} is not a lawdiff search store, or is damaged ({exc}): "
                               "run lawdiff index --rebuild REF... to make it afresh") from None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _check_schema(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        tables = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if version == 0 and tables == 0:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                if self.db.execute("PRAGMA user_version").fetchone()[0] == 0:  # another process may have won
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            return
        raise LawdiffError(f"the search store {self.path} has schema version {version}; this lawdiff needs "
                           f"{SCHEMA_VERSION}: run lawdiff index --rebuild REF... to make it afresh")

    def add(self, ref: str, doc: Document, topics: dict[int, list[str]] | None = None) -> int:
        """Store ``doc``'s provisions under ``ref`` (replacing an earlier copy); returns how many."""
        return self.add_entry(entry(ref, doc, topics))

    def add_entry(self, e: "Entry") -> int:
        """Store an :class:`Entry` made anywhere (a batch's workers make them; only the one
        process that holds the store writes it). Returns how many provisions it has."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            old = self.db.execute("SELECT id FROM documents WHERE ref = ?", (e.ref,)).fetchone()
            if old:
                self.db.execute("DELETE FROM provisions_fts WHERE rowid IN (SELECT id FROM provisions WHERE doc = ?)",
                                old)
                self.db.execute("DELETE FROM provisions WHERE doc = ?", old)
                self.db.execute("DELETE FROM documents WHERE id = ?", old)
            cur = self.db.execute("INSERT INTO documents (ref, work, title, version, format, provisions) "
                                  "VALUES (?, ?, ?, ?, ?, ?)", (e.ref, e.work, e.title, e.version, e.format,
                                                                len(e.rows)))
            doc_id = cur.lastrowid
            for row in e.rows:
                pid = self.db.execute("INSERT INTO provisions (doc, citation, path, kind, heading, text, topics, url) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (doc_id, *row)).lastrowid
                self.db.execute("INSERT INTO provisions_fts (rowid, citation, heading, text) VALUES (?, ?, ?, ?)",
                                (pid, row[0], row[3] or "", row[4]))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return len(e.rows)

    def documents(self) -> list[tuple[str, str, int]]:
        return self.db.execute("SELECT ref, title, provisions FROM documents ORDER BY ref").fetchall()

    def search(self, query: str, topic: str | None = None, within: list[str] | None = None, limit: int = 20,
               mark: tuple[str, str] = ("[", "]")) -> list[Hit]:
        """Provisions matching ``query`` (FTS5 syntax: words, "phrases", AND/OR/NOT, prefix*), best first.

        The same provision of the same version of one Act, indexed from more than one file (the
        CLML and the Akoma Ntoso legislation.gov.uk serves), is one hit: ``sources`` names each file."""
        sql = ["SELECT d.title, d.ref, p.citation, p.heading, "
               "snippet(provisions_fts, -1, ?, ?, '…', 16), bm25(provisions_fts, 2.0, 6.0, 1.0), p.topics, "
               "coalesce(d.work, 'title:' || d.title), coalesce(d.version, ''), p.path, p.url "
               "FROM provisions_fts JOIN provisions p ON p.id = provisions_fts.rowid "
               "JOIN documents d ON d.id = p.doc WHERE provisions_fts MATCH ?"]
        args: list = [mark[0], mark[1], _fts_query(displayable(query))]
        if topic:
            sql.append("AND (instr(' ' || p.topics || ' ', ' ' || ? || ' ') > 0 "
                       "OR instr(' ' || p.topics, ' ' || ? || '.') > 0)")
            args += [topic, topic]
        if within:
            within = [displayable(w) for w in within]
            marks = ", ".join("?" for _ in within)
            sql.append(f"AND (d.ref IN ({marks}) OR d.work IN ({marks}) OR d.title IN ({marks}))")
            args += within * 3
        sql.append("ORDER BY 6, d.ref, p.id")
        hits: dict[tuple, Hit] = {}
        try:
            # best first, until ``limit`` provisions are found; a copy of one found already is skipped
            for title, ref, citation, heading, snippet, score, topics, work, version, path, url in \
                    self.db.execute(" ".join(sql), args):
                key = (work, version, path)
                if key in hits:
                    continue
                if len(hits) >= limit:
                    break
                hits[key] = Hit(title, ref, citation, heading, snippet, round(score, 4), tuple(topics.split()),
                                (ref,), url)
        except sqlite3.OperationalError as exc:
            raise LawdiffError(f"cannot search for {query!r}: {exc}") from None
        return [self._with_copies(key, hit) for key, hit in hits.items()]

    def _with_copies(self, key: tuple, hit: Hit) -> Hit:
        """``hit`` naming every file its provision was indexed from, its own first."""
        rows = self.db.execute("SELECT d.ref, p.url FROM provisions p JOIN documents d ON d.id = p.doc "
                               "WHERE p.path = ? AND coalesce(d.work, 'title:' || d.title) = ? "
                               "AND coalesce(d.version, '') = ? ORDER BY d.ref", (key[2], key[0], key[1])).fetchall()
        others = tuple(ref for ref, _ in rows if ref != hit.ref)
        return replace(hit, sources=hit.sources + others, url=hit.url or next((u for _, u in rows if u), None))


def _fts_query(query: str) -> str:
    """Plain words are ANDed as FTS5 does; a query with no FTS5 syntax is quoted word by word, so
    "s. 22" or "Part 7A" cannot be a syntax error."""
    if any(ch in query for ch in '"*()') or any(w in query.split() for w in ("AND", "OR", "NOT", "NEAR")):
        return query
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in query).split() if w]
    return " ".join(f'"{w}"' for w in words) or '""'
