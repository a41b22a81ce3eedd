"""End-to-end test of editors/emacs/outreach-lint.el with real Emacs and Eglot
(Debian's emacs-nox, elpa-eglot and elpa-markdown-mode, which .ci/editors.sh installs)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
E2E = HERE / "emacs" / "e2e.el"

DRAFT = """---
recipient: Ana Souza
met_at: RustConf 2025 in Montréal
---
Hi Ana,

Olá from Lisboa 🎉! I hope this finds you well. I am reaching out to connect with professionals in the Rust space.

Best,
Sam
"""
FACT = "RustConf 2025 in Montréal"


def test_eglot_diagnostics_hover_actions_and_settings(tmp_path, outreach_lint_bin, repo_root):
    emacs = shutil.which("emacs")
    if emacs is None:
        pytest.fail("emacs is not installed: run .ci/editors.sh (apt-get install emacs-nox elpa-eglot elpa-markdown-mode)")
    draft = tmp_path / "ana.md"
    draft.write_text(DRAFT, encoding="utf-8")
    expected = tmp_path / "expected.md"
    # The inserted line's wording is the server's; the e2e script puts it where {line} is.
    expected.write_text(DRAFT.replace("Hi Ana,\n", "Hi Ana,\n\n{line}\n", 1), encoding="utf-8")
    env = dict(
        os.environ,
        HOME=str(tmp_path),  # no user config, no stray state
        OL_EMACS_DIR=str(repo_root / "editors" / "emacs"),
        OL_BIN=str(outreach_lint_bin),
        OL_DRAFT=str(draft),
        OL_EXPECTED=str(expected),
        OL_FACT=FACT,
        OL_TIMEOUT="15",
    )
    try:
        proc = subprocess.run(
            [emacs, "--batch", "-l", str(E2E)],
            cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
        )
    except subprocess.TimeoutExpired as err:
        pytest.fail(f"Emacs did not finish within 120 s:\n{err.stdout}\n{err.stderr}")
    report = f"exit {proc.returncode}\n--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
    assert proc.returncode == 0, report
    for step in ("major mode markdown-mode", "PASS diagnostics", "PASS hover", "PASS code action", "PASS fix-all command", "PASS settings", "E2E COMPLETE"):
        assert step in proc.stdout, report
