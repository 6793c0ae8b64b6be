#!/usr/bin/env python3
"""Generate the golden expectations of the YAML conformance corpus from PyYAML.

cloud-init reads user-data with PyYAML's ``yaml.safe_load`` (the pure-Python
SafeLoader, YAML 1.1 rules). This script is the source of truth for what the
Swift YAML layer of cloudinit-sim must produce for every snippet in ``cases/``.

Usage (from the repository root)::

    python3 Tests/YAMLCorpus/generate.py                    # (re)write expected/
    python3 Tests/YAMLCorpus/generate.py --check            # exit 1 if expected/ is out of date
    python3 Tests/YAMLCorpus/generate.py --compare-libyaml  # also list where CSafeLoader differs

For every ``cases/*.yaml`` (sorted by name) the file is read as bytes, decoded
as strict UTF-8 (as cloud-init does; a case that is not valid UTF-8 is skipped
with a message on stderr), and loaded with ``yaml.load(text, Loader=yaml.SafeLoader)``
(identical to ``yaml.safe_load``; never the libyaml-backed CSafeLoader).

* Success writes ``expected/NAME.json``: the canonical JSON form of the value.
* Failure writes ``expected/NAME.error.json``: ``{"kind", "line", "column",
  "problem", "context"}``.

Both formats are defined in ``JSON-FORM.md`` next to this script. Where that
document leaves room for interpretation this script decides as follows:

* ReaderError has no problem/context attributes. ``problem`` is the first line
  of ``str(error)``, e.g. ``"unacceptable character #x0001: special characters
  are not allowed"``; ``context`` is null. Its line/column are computed from
  ``error.position`` (an index into the decoded text) by replaying
  ``Reader.forward``: a line break is '\\n', '\\x85', '\\u2028', '\\u2029' or a
  '\\r' not followed by '\\n'; a U+FEFF does not advance the column (exactly as
  the Reader does for marks of every other error).
* A MarkedYAMLError whose ``problem_mark`` is None gets line/column null.
* A circular structure gives ``{"kind": "recursive", "line": null,
  "column": null, "problem": "Circular reference detected", "context": null}``
  (the message ``json.dumps`` would raise). Cycles are detected while
  canonicalising (an object met again while it is still being walked); an
  object merely reached twice (an alias) is written twice.
* "python" errors: ``problem`` is ``type(exc).__name__ + ": " + str(exc)``.

Modes:

* default: write every expected file (only when its content changed), remove
  the expected file of the other kind for each case, and remove expected files
  whose case no longer exists.
* ``--check``: write nothing; list every expected file that would be created,
  changed or removed and exit 1 if there is any, else exit 0.
* ``--compare-libyaml``: after generating (or checking, when combined with
  ``--check``), load every case again with ``yaml.CSafeLoader`` (libyaml's
  scanner/parser/composer with the same Python resolver and SafeConstructor) and
  print every case whose result differs from the SafeLoader result: a different
  value, or an error with a different kind/line/column (problem texts are shown
  but not compared), or an error on one side only. libyaml reports a
  ReaderError position as a byte offset into the UTF-8 text; it is converted
  to a character index before computing line/column. The report goes to
  stdout (progress messages go to stderr), so it can be redirected to
  LIBYAML-DIVERGENCES.txt.

Output is deterministic: files are processed in sorted order and written as
UTF-8 with '\\n' line endings.
"""

import argparse
import base64
import datetime
import json
import math
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")
EXPECTED_DIR = os.path.join(HERE, "expected")

ERROR_KINDS = (
    # order matters only for readability; these classes are disjoint
    (yaml.reader.ReaderError, "reader"),
    (yaml.scanner.ScannerError, "scanner"),
    (yaml.parser.ParserError, "parser"),
    (yaml.composer.ComposerError, "composer"),
    (yaml.constructor.ConstructorError, "constructor"),
)


class CircularReference(Exception):
    pass


# ---------------------------------------------------------------------------
# canonical JSON form (JSON-FORM.md)
# ---------------------------------------------------------------------------

def canon(value, _active=None):
    if _active is None:
        _active = set()
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return {"!!float": ".nan"}
        if math.isinf(value):
            return {"!!float": ".inf" if value > 0 else "-.inf"}
        return value
    if isinstance(value, str):
        return value
    if isinstance(value, datetime.datetime):
        return {"!!timestamp": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"!!timestamp": value.isoformat()}
    if isinstance(value, bytes):
        return {"!!binary": base64.b64encode(value).decode("ascii")}

    if not isinstance(value, (set, frozenset, tuple, list, dict)):
        raise TypeError("no canonical form for %s" % type(value).__name__)

    ident = id(value)
    if ident in _active:
        raise CircularReference("Circular reference detected")
    _active.add(ident)
    try:
        if isinstance(value, (set, frozenset)):
            members = [canon(m, _active) for m in value]
            members.sort(key=lambda c: json.dumps(c, ensure_ascii=False, sort_keys=False))
            return {"!!set": members}
        if isinstance(value, (tuple, list)):
            return [canon(x, _active) for x in value]
        # dict
        if all(isinstance(k, str) for k in value) and not (
                len(value) == 1 and next(iter(value)).startswith("!!")):
            return {k: canon(v, _active) for k, v in value.items()}
        return {"!!map": [[canon(k, _active), canon(v, _active)] for k, v in value.items()]}
    finally:
        _active.discard(ident)


def dump_json(obj):
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------

def reader_line_column(text, position):
    """1-based (line, column) of text[position], replaying yaml.reader.Reader.forward."""
    line = 0
    column = 0
    for i in range(min(position, len(text))):
        ch = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else "\0"
        if ch in "\n\x85\u2028\u2029" or (ch == "\r" and nxt != "\n"):
            line += 1
            column = 0
        elif ch != "\ufeff":
            column += 1
    return line + 1, column + 1


def error_form(exc, text, byte_offsets=False):
    if isinstance(exc, CircularReference):
        return {"kind": "recursive", "line": None, "column": None,
                "problem": "Circular reference detected", "context": None}
    if isinstance(exc, yaml.YAMLError):
        kind = None
        for cls, name in ERROR_KINDS:
            if isinstance(exc, cls):
                kind = name
                break
        if kind is None:
            raise RuntimeError("unexpected YAMLError subclass %s" % type(exc).__name__) from exc
        if kind == "reader":
            position = exc.position
            if byte_offsets:
                # libyaml reports a byte offset into the UTF-8 encoded text
                position = len(text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))
            line, column = reader_line_column(text, position)
            problem = str(exc).split("\n", 1)[0]
            return {"kind": kind, "line": line, "column": column,
                    "problem": problem, "context": None}
        mark = exc.problem_mark
        return {"kind": kind,
                "line": mark.line + 1 if mark is not None else None,
                "column": mark.column + 1 if mark is not None else None,
                "problem": exc.problem,
                "context": exc.context}
    return {"kind": "python", "line": None, "column": None,
            "problem": "%s: %s" % (type(exc).__name__, exc), "context": None}


# ---------------------------------------------------------------------------
# loading
# ---------------------------------------------------------------------------

def load_result(text, loader):
    """Return ("value", canonical) or ("error", error_form)."""
    try:
        value = yaml.load(text, Loader=loader)
        return "value", canon(value)
    except Exception as exc:  # noqa: BLE001 - every failure is a golden
        return "error", error_form(exc, text, byte_offsets=loader is not yaml.SafeLoader)


def read_case(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        return data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        print("skipping %s: not valid UTF-8 (%s)" % (os.path.basename(path), exc),
              file=sys.stderr)
        return None


def case_names():
    return sorted(n[:-len(".yaml")] for n in os.listdir(CASES_DIR)
                  if n.endswith(".yaml") and os.path.isfile(os.path.join(CASES_DIR, n)))


def expected_paths(name):
    return (os.path.join(EXPECTED_DIR, name + ".json"),
            os.path.join(EXPECTED_DIR, name + ".error.json"))


def read_text_or_none(path):
    try:
        with open(path, "r", encoding="utf-8", newline="") as f:
            return f.read()
    except FileNotFoundError:
        return None


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate PyYAML goldens for the YAML corpus.")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if any expected file would change")
    ap.add_argument("--compare-libyaml", action="store_true",
                    help="also load every case with yaml.CSafeLoader and print differences")
    args = ap.parse_args(argv)

    if args.compare_libyaml and not getattr(yaml, "__with_libyaml__", False):
        print("error: PyYAML was built without libyaml; CSafeLoader is unavailable",
              file=sys.stderr)
        return 2

    names = case_names()
    texts = {}
    wanted = {}          # expected file path -> content
    for name in names:
        text = read_case(os.path.join(CASES_DIR, name + ".yaml"))
        if text is None:
            continue
        texts[name] = text
        kind, payload = load_result(text, yaml.SafeLoader)
        value_path, error_path = expected_paths(name)
        wanted[value_path if kind == "value" else error_path] = dump_json(payload)

    existing = set()
    if os.path.isdir(EXPECTED_DIR):
        existing = {os.path.join(EXPECTED_DIR, n) for n in os.listdir(EXPECTED_DIR)
                    if n.endswith(".json")}

    changes = []         # (action, path)
    for path in sorted(wanted):
        old = read_text_or_none(path)
        if old is None:
            changes.append(("create", path))
        elif old != wanted[path]:
            changes.append(("update", path))
    for path in sorted(existing - set(wanted)):
        changes.append(("remove", path))

    if args.check:
        for action, path in changes:
            print("would %s %s" % (action, os.path.relpath(path, HERE)))
    else:
        os.makedirs(EXPECTED_DIR, exist_ok=True)
        for action, path in changes:
            if action == "remove":
                os.remove(path)
            else:
                with open(path, "w", encoding="utf-8", newline="\n") as f:
                    f.write(wanted[path])
        print("%d cases, %d expected files written, %d removed"
              % (len(texts), sum(1 for a, _ in changes if a != "remove"),
                 sum(1 for a, _ in changes if a == "remove")), file=sys.stderr)

    if args.compare_libyaml:
        compare_libyaml(texts)

    if args.check and changes:
        return 1
    return 0


def _one_line(kind, payload):
    return json.dumps({kind: payload}, ensure_ascii=False)


def compare_libyaml(texts):
    divergent = 0
    import platform
    from yaml import _yaml
    print("# Cases where yaml.CSafeLoader (libyaml parser) differs from yaml.SafeLoader.")
    print("# Errors are compared by kind/line/column only; problem texts are informational.")
    print("# Generated by: python3 Tests/YAMLCorpus/generate.py --compare-libyaml")
    print("# PyYAML %s, libyaml %s, Python %s"
          % (yaml.__version__, _yaml.get_version_string(), platform.python_version()))
    for name in sorted(texts):
        text = texts[name]
        py_kind, py = load_result(text, yaml.SafeLoader)
        c_kind, c = load_result(text, yaml.CSafeLoader)
        if py_kind == "error" and c_kind == "error":
            same = all(py[k] == c[k] for k in ("kind", "line", "column"))
        else:
            same = (py_kind == c_kind and
                    json.dumps(py, ensure_ascii=False) == json.dumps(c, ensure_ascii=False))
        if same:
            continue
        divergent += 1
        print()
        print(name)
        print("  PyYAML:      " + _one_line(py_kind, py))
        print("  CSafeLoader: " + _one_line(c_kind, c))
    print()
    print("# %d of %d cases diverge" % (divergent, len(texts)))


if __name__ == "__main__":
    sys.exit(main())
