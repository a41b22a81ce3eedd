"""Checks of the editor configs that have no headless client here: Helix's languages.toml
and the Zed extension (its manifest, and `cargo check` of its Rust code for the host)."""

import os
import subprocess
import tomllib
from pathlib import Path

import pytest

SERVER_SETTINGS = ["rules", "limits", "templates", "maxFileBytes", "debounceMs", "scoreHint"]


@pytest.fixture(scope="module")
def editors(repo_root: Path) -> Path:
    return repo_root / "editors"


def test_helix_adds_outreach_lint_and_keeps_the_markdown_defaults(editors):
    config = tomllib.loads((editors / "helix" / "languages.toml").read_text(encoding="utf-8"))
    server = config["language-server"]["outreach-lint"]
    assert server["command"] == "outreach-lint"
    assert server["args"] == ["lsp"]
    assert "outreachLint" in server["config"], "settings must sit under the outreachLint section"

    languages = {lang["name"]: lang for lang in config["language"]}
    markdown = languages["markdown"]["language-servers"]
    # Helix's own markdown servers stay, ours comes after them.
    assert markdown[:2] == ["marksman", "markdown-oxide"]
    assert markdown[-1] == "outreach-lint"
    assert len(markdown) == len(set(markdown))
    # Only the server list is overridden; Helix keeps its file types, grammar and the rest.
    assert set(languages["markdown"]) == {"name", "language-servers"}

    text = languages["outreach-text"]
    assert text["language-servers"] == ["outreach-lint"]
    assert set(text["file-types"]) >= {"txt"}
    assert text["language-id"] == "plaintext"
    assert text["scope"]


def test_zed_manifest_registers_the_server_for_markdown_and_plain_text(editors):
    manifest = tomllib.loads((editors / "zed" / "extension.toml").read_text(encoding="utf-8"))
    for key in ("id", "name", "version", "schema_version", "authors", "description"):
        assert manifest.get(key), f"extension.toml lacks {key}"
    server = manifest["language_servers"]["outreach-lint"]
    assert server["languages"] == ["Markdown", "Plain Text"]
    assert server["language_ids"] == {"Markdown": "markdown", "Plain Text": "plaintext"}

    cargo = tomllib.loads((editors / "zed" / "Cargo.toml").read_text(encoding="utf-8"))
    assert cargo["lib"]["crate-type"] == ["cdylib"]
    assert "zed_extension_api" in cargo["dependencies"]
    source = (editors / "zed" / "src" / "lib.rs").read_text(encoding="utf-8")
    assert 'const SERVER: &str = "outreach-lint";' in source, "the Rust code must use the id from extension.toml"
    assert 'vec!["lsp".to_string()]' in source
    assert "cargo install --path ." in source


def test_zed_extension_compiles(editors, repo_root):
    """`cargo check` for the host: the same code Zed builds for wasm32-wasip2."""
    target = os.environ.get("OL_ZED_TARGET_DIR") or str(repo_root / "target" / "zed-extension")
    try:
        proc = subprocess.run(
            ["cargo", "check", "--quiet", "--locked", "--manifest-path", str(editors / "zed" / "Cargo.toml"), "--target-dir", target],
            capture_output=True, text=True, timeout=900,
        )
    except FileNotFoundError:
        pytest.fail("cargo is not installed")
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("readme", ["vscode/README.md", "nvim/README.md", "helix/README.md", "zed/README.md", "emacs/README.md"])
def test_each_editor_readme_gives_the_install_command(editors, readme):
    text = (editors / readme).read_text(encoding="utf-8")
    assert "cargo install --path ." in text


@pytest.mark.parametrize("readme", ["vscode/README.md", "nvim/README.md", "helix/README.md"])
def test_readmes_name_the_server_settings(editors, readme):
    text = (editors / readme).read_text(encoding="utf-8")
    for key in SERVER_SETTINGS:
        assert key in text, f"{readme} does not mention the {key} setting"
