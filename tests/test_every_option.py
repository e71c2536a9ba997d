"""Every option of every command, fed random strings, numbers and bytes: exit status 0, 1 or 2,
and never a traceback.

The commands run in this process through click's test runner (a subprocess each would take
hours), in an empty folder, with fetching pointed at a closed port on 127.0.0.1 so that an
argument that happens to look like an identifier fails fast instead of reaching the network.
"""

from __future__ import annotations

import os
import signal

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawdiff.cli import main

DOCUMENTS = ["example:surveillance-act", "example:surveillance-act-amended"]

# text as people (and scripts) give it: plain words, control characters, very long values,
# and file names that are not UTF-8 (their odd bytes reach Python as lone surrogates)
_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2FF), max_size=40),
    st.binary(min_size=1, max_size=12).map(lambda b: os.fsdecode(b.replace(b"\0", b"_").replace(b"/", b"_"))),
    st.just("x" * 5000),
)
_number = st.one_of(
    st.integers(min_value=-(10 ** 30), max_value=10 ** 30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["nan", "inf", "-inf", "1e308", "0", "-1", "1e-400", "0x10", "99999999999999999999"]),
)


def _value(option: click.Option) -> st.SearchStrategy[str]:
    kind = option.type
    if isinstance(kind, click.Choice):
        valid = st.sampled_from(list(kind.choices))
        return st.one_of(valid, valid, valid, _text)
    if isinstance(kind, (click.IntRange, click.FloatRange, click.types.IntParamType, click.types.FloatParamType)):
        return st.one_of(st.sampled_from(["0", "1", "3", "0.5", "0.9"]), _number, _text)
    if isinstance(kind, click.Path):
        return st.one_of(_text, st.sampled_from(["out.pdf", "out.xml", "out.json", ".", "/", "/dev/null",
                                                 "missing/out.pdf", DOCUMENTS[0]]))
    return st.one_of(_text, _number, st.sampled_from(DOCUMENTS + ["s. 1", "2026-12-01", "Part 1"]))


_CITATIONS = ["s. 1", "s. 1(1)", "s. 2(1)(a)", "Part 1", "Sch. 1", "section 3"]


def _argument(name: str) -> st.SearchStrategy[str]:
    """Mostly a value the argument takes (so that the options are read by commands that then do
    their work), sometimes anything at all."""
    if name in ("document", "old", "new", "target", "amending", "refs"):
        good = st.sampled_from(DOCUMENTS)
    elif name == "citation":
        good = st.sampled_from(_CITATIONS)
    else:  # a term, a search query
        good = st.sampled_from(["retention", "provider", "notice", "warrant"])
    return st.one_of(good, good, good, _text)


def _invocation(name: str, command: click.Command) -> st.SearchStrategy[list[str]]:
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    options = [p for p in command.params if isinstance(p, click.Option) and p.name != "help"]

    @st.composite
    def build(draw) -> list[str]:
        args = [name]
        for arg in arguments:
            count = draw(st.integers(1, 2)) if arg.nargs == -1 else 1
            for _ in range(count):
                args.append(draw(_argument(arg.name)))
        for option in draw(st.lists(st.sampled_from(options), max_size=4, unique_by=lambda o: o.name)) if options \
                else []:
            flag = max(option.opts, key=len)
            args.append(flag)
            if not option.is_flag:
                args.append(draw(_value(option)))
        return args

    return build()


COMMANDS = sorted(main.commands.items())


@pytest.fixture
def quiet_environment(tmp_path, monkeypatch):
    for name, value in {"LAWDIFF_BASE_URL": "http://127.0.0.1:9", "LAWDIFF_CACHE": str(tmp_path / "cache"),
                        "LAWDIFF_TIMEOUT": "0.5", "LAWDIFF_BACKOFF": "0", "LAWDIFF_STORE": str(tmp_path / "st.db"),
                        "LAWDIFF_MIRROR": ""}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    held = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    yield tmp_path
    for s, handler in held.items():  # (the commands install their own; this process keeps pytest's)
        signal.signal(s, handler)


@pytest.mark.parametrize("name, command", COMMANDS, ids=[n for n, _ in COMMANDS])
def test_random_values_in_every_option_end_in_an_exit_status_never_a_traceback(quiet_environment, name, command):
    runner = CliRunner()

    @settings(max_examples=15 if name in ("compare", "amend") else 40, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(_invocation(name, command))
    def check(args: list[str]) -> None:
        result = runner.invoke(main, args, catch_exceptions=True)
        shown = [a if len(a) < 60 else a[:60] + "…" for a in args]
        assert result.exception is None or isinstance(result.exception, SystemExit), (shown, result.exception)
        assert result.exit_code in (0, 1, 2), (shown, result.exit_code, result.output[-300:])
        assert "Traceback" not in result.output, (shown, result.output[-500:])
        if result.exit_code == 2:
            last = result.output.rstrip("\n").split("\n")[-1]
            assert last.startswith("lawdiff: error: ") and len(last) < 700, (shown, last[:300])

    check()

