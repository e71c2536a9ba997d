"""Shared test fixtures. Real legislation lives in ../shared beside the repository."""

from __future__ import annotations

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
STATUTES = SHARED / "statutes"
KEELING = SHARED / "keeling"


def shared(*parts: str) -> pathlib.Path:
    """A file under ../shared, or skip the test with a reason when ../shared is absent."""
    path = SHARED.joinpath(*parts)
    if not SHARED.is_dir():
        pytest.skip(f"real legislation folder {SHARED} is absent")
    if not path.exists():
        pytest.skip(f"{path} is absent from ../shared")
    return path


# Documents legislation.gov.uk serves in both CLML and Akoma Ntoso (see ../shared/statutes/*PROVENANCE*).
UK_PAIRS = [
    "ukpga-2024-9",
    "ukpga-2000-8-section-91@2024-11-22",
    "ukla-2017-1@enacted",
    "uksi-2025-3@made",
    "ukdsi-2023-cts-2015-risk-revised-guidance",
]
