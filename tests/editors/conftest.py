"""Shared fixtures for the editor tests: the repository root and the outreach-lint binary."""

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def binary_path() -> Path:
    """OUTREACH_LINT_BIN (relative to the repository root), else target/debug/outreach-lint."""
    raw = os.environ.get("OUTREACH_LINT_BIN", "target/debug/outreach-lint")
    path = Path(raw)
    return path if path.is_absolute() else REPO_ROOT / path


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def outreach_lint_bin() -> Path:
    path = binary_path()
    if not path.is_file() or not os.access(path, os.X_OK):
        pytest.fail(f"the outreach-lint binary is missing at {path}: run `cargo build` or set OUTREACH_LINT_BIN")
    return path


@pytest.fixture()
def bin_on_path(tmp_path: Path, outreach_lint_bin: Path) -> dict:
    """An environment whose PATH starts with a folder holding `outreach-lint`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "outreach-lint").symlink_to(outreach_lint_bin)
    env = dict(os.environ)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return env
