#!/usr/bin/env python3
"""Validate the labelled outreach corpus in this directory.

Checks every NNN-slug.md / NNN-slug.txt file (three or four digits):
  * first line is `%% kind=generic|mixed|personal missing_context=yes|no`
  * LF line endings only, valid UTF-8
  * span markers are balanced, never nested, never empty, and end in a valid `|category`
    (the category is whatever follows the LAST `|`, because merge tags like `*|FNAME|*`
    contain pipes themselves)
  * a span never crosses a blank line and never starts or ends with whitespace
  * no markers in the header, in YAML front matter, in fenced code or in inline code
  * kind is consistent with the markers (personal: none; mixed: some)

It also prints soft warnings for things that look like unmarked placeholders, so a
labeller can double-check them. Usage: python3 check_format.py [DIR]
Exit status is 1 if any error was found.
"""

import collections
import os
import re
import sys

OPEN, CLOSE = "\u27e6", "\u27e7"
CATEGORIES = {
    "platform_default", "generic_opener", "generic_closer", "vague_flattery", "collector",
    "vague_ask", "filler", "placeholder", "self_centred",
}
HEADER_RE = re.compile(r"^%% kind=(generic|mixed|personal) missing_context=(yes|no)$")
NAME_RE = re.compile(r"^(\d{3,4})-[a-z0-9]+(?:-[a-z0-9]+)*\.(md|txt)$")
FRONT_MATTER_KEYS = {
    "recipient", "company", "role", "channel", "met_at", "their_work", "mutual", "reason", "ask",
}
CHANNELS = {"linkedin-note", "linkedin-message", "inmail", "email"}
# Rough shapes of merge fields, for the "unmarked placeholder?" warning only.
PLACEHOLDER_HINT_RE = re.compile(
    r"\{\{[^}]*\}\}|%[A-Z_]{3,}%|\*\|[A-Z_]+\|\*|\[(?:INSERT[^\]]*|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\]"
)


def code_mask(body, is_markdown):
    """Return a list of booleans, True where body[i] is inside markdown code."""
    mask = [False] * len(body)
    if not is_markdown:
        return mask
    pos = 0
    fence = None
    lines = body.split("\n")
    for line in lines:
        start, end = pos, pos + len(line)
        stripped = line.lstrip()
        m = re.match(r"(`{3,}|~{3,})", stripped)
        if fence is None and m:
            fence = m.group(1)
            for i in range(start, end):
                mask[i] = True
        elif fence is not None:
            for i in range(start, end):
                mask[i] = True
            if stripped.startswith(fence) and stripped.strip() == fence[0] * len(stripped.strip()):
                fence = None
        pos = end + 1
    # Inline code: a run of N backticks up to the next run of exactly N backticks
    # within the same paragraph (a blank line ends the search).
    i = 0
    while i < len(body):
        if body[i] == "`" and not mask[i]:
            j = i
            while j < len(body) and body[j] == "`":
                j += 1
            run = body[i:j]
            k = j
            found = -1
            while k < len(body):
                if body.startswith("\n\n", k):
                    break
                if body[k] == "`":
                    m = k
                    while m < len(body) and body[m] == "`":
                        m += 1
                    if m - k == len(run):
                        found = k
                        break
                    k = m
                    continue
                k += 1
            if found >= 0:
                for p in range(i, found + len(run)):
                    mask[p] = True
                i = found + len(run)
            else:
                i = j
        else:
            i += 1
    return mask


def check_file(path, errors, warnings):
    name = os.path.basename(path)

    def err(msg):
        errors.append(f"{name}: {msg}")

    def warn(msg):
        warnings.append(f"{name}: {msg}")

    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        err(f"not valid UTF-8 ({e})")
        return None
    if "\r" in text:
        err("contains CR characters; the corpus is LF only")
    if text.startswith("\ufeff"):
        err("starts with a byte-order mark")
    if not text.endswith("\n"):
        warn("no trailing newline")

    header, sep, body = text.partition("\n")
    m = HEADER_RE.match(header)
    if not m:
        err(f"bad header line: {header!r}")
        return None
    kind, missing = m.group(1), m.group(2)
    if OPEN in header or CLOSE in header:
        err("markers in header")
    if not body.strip():
        err("empty draft")

    # Markers: balanced, not nested, valid category.
    spans = []  # (category, inner_text, open_index_in_body, close_index_in_body)
    depth_open = None
    for i, ch in enumerate(body):
        if ch == OPEN:
            if depth_open is not None:
                err(f"nested or unclosed marker at body offset {depth_open}")
            depth_open = i
        elif ch == CLOSE:
            if depth_open is None:
                err(f"closing marker without opening at body offset {i}")
                continue
            content = body[depth_open + 1:i]
            if "|" not in content:
                err(f"marker without |category: {content!r}")
            else:
                inner, _, cat = content.rpartition("|")
                if cat not in CATEGORIES:
                    err(f"unknown category {cat!r} in {content!r}")
                if not inner:
                    err(f"empty span: {content!r}")
                elif inner != inner.strip():
                    err(f"span starts or ends with whitespace: {inner!r}")
                if re.search(r"\n[ \t]*\n", inner):
                    err(f"span crosses a blank line: {inner!r}")
                spans.append((cat, inner, depth_open, i))
            depth_open = None
    if depth_open is not None:
        err(f"unclosed marker at body offset {depth_open}")

    # Front matter (markdown only, must be the first line of the draft).
    is_md = name.endswith(".md")
    fm_end = 0
    if body.startswith("---\n"):
        if not is_md:
            err("front matter in a .txt file")
        close = body.find("\n---\n", 3)
        if close < 0:
            err("front matter not closed")
        else:
            fm = body[4:close]
            fm_end = close + 5
            for line in fm.split("\n"):
                if not line.strip():
                    continue
                km = re.match(r"^([a-z_]+):\s*(.*)$", line)
                if not km:
                    err(f"front matter line not `key: value`: {line!r}")
                    continue
                if km.group(1) not in FRONT_MATTER_KEYS:
                    warn(f"unusual front matter key {km.group(1)!r}")
                if km.group(1) == "channel" and km.group(2).strip() not in CHANNELS:
                    err(f"unknown channel {km.group(2)!r}")
            if OPEN in fm or CLOSE in fm:
                err("markers inside front matter")

    # No markers inside code.
    mask = code_mask(body, is_md)
    for cat, inner, a, b in spans:
        if any(mask[a:b + 1]):
            err(f"marker inside code: {inner!r}")

    # Kind consistency.
    if kind == "personal":
        if spans:
            err("kind=personal but has marked spans")
        if missing == "yes":
            err("kind=personal but missing_context=yes")
    elif kind == "mixed" and not spans:
        err("kind=mixed but no marked spans")
    elif kind == "generic" and not spans:
        warn("kind=generic with no marked spans")
    if kind == "generic" and missing == "no":
        warn("kind=generic with missing_context=no")

    # Soft check: placeholder-looking text outside markers and code.
    plain = list(body)
    for _, _, a, b in spans:
        for p in range(a, b + 1):
            plain[p] = " "
    for p in range(len(plain)):
        if mask[p] or p < fm_end:
            plain[p] = " "
    plain = "".join(plain)
    for pm in PLACEHOLDER_HINT_RE.finditer(plain):
        warn(f"unmarked text that looks like a placeholder: {pm.group(0)!r}")

    return kind, missing, [c for c, _, _, _ in spans], name.rsplit(".", 1)[1], int(NAME_RE.match(name).group(1)) if NAME_RE.match(name) else None


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    errors, warnings = [], []
    files = sorted(f for f in os.listdir(root) if f.endswith((".md", ".txt")) and f != "README.md")
    by_kind = collections.Counter()
    by_kind_missing = collections.Counter()
    by_cat = collections.Counter()
    by_ext = collections.Counter()
    numbers = collections.Counter()
    for f in files:
        if not NAME_RE.match(f):
            errors.append(f"{f}: file name is not NNN-short-slug.md|txt (3 or 4 digits)")
        res = check_file(os.path.join(root, f), errors, warnings)
        if res is None:
            continue
        kind, missing, cats, ext, num = res
        by_kind[kind] += 1
        by_kind_missing[(kind, missing)] += 1
        by_cat.update(cats)
        by_ext[ext] += 1
        if num is not None:
            numbers[num] += 1
    for n, c in numbers.items():
        if c > 1:
            errors.append(f"number {n:03d} used by {c} files")

    print(f"files: {len(files)}")
    print("by kind:")
    for k in ("generic", "mixed", "personal"):
        print(f"  {k:9} {by_kind[k]:4}   (missing_context yes={by_kind_missing[(k, 'yes')]}, "
              f"no={by_kind_missing[(k, 'no')]})")
    print("by extension: " + ", ".join(f"{e}={n}" for e, n in sorted(by_ext.items())))
    print(f"spans by category ({sum(by_cat.values())} total):")
    for cat in sorted(CATEGORIES):
        print(f"  {cat:17} {by_cat[cat]:4}")
    for w in warnings:
        print("warning: " + w)
    for e in errors:
        print("ERROR: " + e)
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
