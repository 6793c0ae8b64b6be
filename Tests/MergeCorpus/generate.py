#!/usr/bin/env python3
"""Generate the golden expectations of the cloud-init merge corpus.

The expected results come from running cloud-init's *own* merge code
(``util.mergemanydict``, ``cloudinit/mergers/*`` and
``handlers/cloud_config.py:CloudConfigPartHandler``) from upstream source
trees, one tree per cloud-init version.  The goldens under ``expected/`` are
committed, so the Swift tests never need Python or cloud-init; this script is
only needed to (re)generate or check them.

Getting the source trees (nothing fetched is ever committed)
--------------------------------------------------------------
Take a bare git mirror of github.com/canonical/cloud-init (the session's
``fetch github:canonical/cloud-init`` prints its path, or use
``git clone --mirror``), then export the tags::

    MIRROR=/path/to/cloud-init.git
    for t in 19.3 22.2.2; do
      mkdir -p /tmp/mergecorpus/src/$t
      git -C "$MIRROR" archive $t | tar -x -C /tmp/mergecorpus/src/$t
    done

Usage (from the repository root)::

    python3 Tests/MergeCorpus/generate.py \\
        --cloudinit-src 19.3=/tmp/mergecorpus/src/19.3 \\
        --cloudinit-src 22.2.2=/tmp/mergecorpus/src/22.2.2      # (re)write expected/
    python3 Tests/MergeCorpus/generate.py --check ...            # exit 1 if out of date

``--cloudinit-src LABEL=DIR``: DIR contains the ``cloudinit`` package;
LABEL is the version used in the expected file names and must equal
``cloudinit.version.version_string()`` of that tree.  Each version runs in
its own Python subprocess (``--python``, default: this interpreter; Python
3.11 with PyYAML 6.0 and 6.0.3 was used and gives identical goldens).  Besides
PyYAML, importing cloud-init needs ``six`` for 19.3; ``jsonpatch`` and
``requests`` are imported by cloud-init but never used by the merge code, so
small stand-ins are put in place when they are missing.  ``--deps DIR``
appends a directory with real dependencies to ``sys.path``, e.g. the oracle's
``vendor-root/usr/lib/python3/dist-packages`` (see /work/shared/oracle).

Case files (``cases/NNN-kebab-name.yaml``, loaded with ``yaml.safe_load``)
---------------------------------------------------------------------------
``kind: mergemanydict``
    ``sources:`` list of config dicts, HIGHEST priority first, handed
    unchanged to ``util.mergemanydict(sources)`` (which pops ``merge_how`` /
    ``merge_type`` from each source itself).  The result is the returned
    dict.  If cloud-init raises, the golden is an error file.

``kind: parts``
    ``parts:`` list of user-data cloud-config parts in user-data order, each
    ``{payload: <value>, merge_type_header: <str, optional>,
    x_merge_type_header: <str, optional>}``.  The real
    ``CloudConfigPartHandler`` is driven exactly as
    ``handlers.walker_callback``/``run_part`` drive a handler of
    ``handler_version`` 3 for one user-data message:

    1. ``handle_part(data, "__begin__", None, None, "always",
       {"Content-Type": "__begin__"})`` (``call_begin``);
    2. for part i (0-based): ``handle_part(data, "text/cloud-config",
       "part-%03d" % i, text, "always", headers)`` where ``text`` is
       ``"#cloud-config\\n" + yaml.safe_dump(payload)`` and ``headers`` is
       ``{"Content-Type": "text/cloud-config"}`` plus ``"Merge-Type": v``
       and/or ``"X-Merge-Type": v`` when given (what ``dict(part)`` of a
       MIME part with those single-line headers yields);
    3. the handler's ``cloud_buf`` is taken as the result (``{}`` when it
       is None), then ``handle_part(..., "__end__", ...)`` (``call_end``)
       writes cloud-config.txt into a temp dir; the file is read back with
       cloud-init's ``util.load_yaml`` and must equal the buffer (a sanity
       check; a mismatch aborts generation).

    The handler catches every exception of a part itself (the part is
    skipped and a warning is logged), so ``parts`` cases never produce an
    error file.  ``--verbose`` prints cloud-init's WARNING log lines.

Optional ``description:`` (free text) is allowed in both kinds.

Goldens (``expected/``)
-----------------------
``NNN-kebab-name.<version>.json``: ``json.dumps(canon(result),
ensure_ascii=False, indent=2) + "\\n"``, ``canon`` being the canonical form
of ``../YAMLCorpus/JSON-FORM.md`` (imported from ``../YAMLCorpus/generate.py``).
``NNN-kebab-name.<version>.error.json``: ``{"exception": type name,
"message": str(exc)}`` in the same JSON style.

Default mode writes every golden whose content changed, removes the golden
of the other kind for each (case, version) and removes goldens of cases that
no longer exist.  ``--check`` writes nothing, lists every golden that would
be created, changed or removed and exits 1 if there is any.  Goldens of a
version not given on the command line are left alone.  Processing is in
sorted order; output is deterministic.
"""

import argparse
import importlib.util
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import types

sys.dont_write_bytecode = True  # never leave __pycache__ in the repository

import yaml  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")
EXPECTED_DIR = os.path.join(HERE, "expected")
YAMLCORPUS_GENERATE = os.path.join(HERE, "..", "YAMLCorpus", "generate.py")

CASE_NAME = re.compile(r"^(\d{3}-[a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$")
PART_KEYS = {"payload", "merge_type_header", "x_merge_type_header"}
CONTENT_TYPE = "text/cloud-config"


def _load_canon():
    spec = importlib.util.spec_from_file_location(
        "yamlcorpus_generate", YAMLCORPUS_GENERATE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.canon


def dump_json(obj):
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------
# cases
# ---------------------------------------------------------------------------

def list_cases():
    names = []
    for fn in sorted(os.listdir(CASES_DIR)):
        if not fn.endswith(".yaml"):
            continue
        m = CASE_NAME.match(fn)
        if not m:
            raise SystemExit("bad case file name (want NNN-kebab-name.yaml): %s" % fn)
        names.append(m.group(1))
    return names


def load_case(name):
    with open(os.path.join(CASES_DIR, name + ".yaml"), encoding="utf-8") as fh:
        case = yaml.safe_load(fh)
    where = "case %s" % name
    if not isinstance(case, dict):
        raise SystemExit("%s: not a mapping" % where)
    kind = case.get("kind")
    if kind == "mergemanydict":
        allowed = {"kind", "description", "sources"}
        if not isinstance(case.get("sources"), list):
            raise SystemExit("%s: 'sources' must be a list" % where)
    elif kind == "parts":
        allowed = {"kind", "description", "parts"}
        parts = case.get("parts")
        if not isinstance(parts, list):
            raise SystemExit("%s: 'parts' must be a list" % where)
        for i, p in enumerate(parts):
            if not isinstance(p, dict) or "payload" not in p or set(p) - PART_KEYS:
                raise SystemExit("%s: part %d must be {payload, merge_type_header?, "
                                 "x_merge_type_header?}" % (where, i))
            for k in ("merge_type_header", "x_merge_type_header"):
                if k in p and not isinstance(p[k], str):
                    raise SystemExit("%s: part %d: %s must be a string" % (where, i, k))
    else:
        raise SystemExit("%s: kind must be mergemanydict or parts" % where)
    extra = set(case) - allowed
    if extra:
        raise SystemExit("%s: unknown keys %s" % (where, sorted(extra)))
    if "description" in case and not isinstance(case["description"], str):
        raise SystemExit("%s: description must be a string" % where)
    return case


# ---------------------------------------------------------------------------
# worker: runs inside a subprocess with one cloud-init tree on sys.path
# ---------------------------------------------------------------------------

class _Recorder(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines = []

    def emit(self, record):
        if record.levelno >= logging.WARNING:
            try:
                msg = record.getMessage()
            except Exception:  # pragma: no cover
                msg = str(record.msg)
            self.lines.append("%s %s" % (record.levelname, msg.splitlines()[0]))


def _stub_missing_modules():
    """Stand-ins for dependencies that cloud-init only needs at import time.

    ``jsonpatch`` is imported by handlers/cloud_config.py for
    ``#cloud-config-jsonp`` parts (none in the corpus); ``requests`` is
    imported by url_helper (via util) and only used for network access.
    Neither is ever called by the merge code. The real packages are used
    when they are importable."""
    try:
        import jsonpatch  # noqa: F401
    except ImportError:
        stub = types.ModuleType("jsonpatch")

        class JsonPatch:  # pragma: no cover
            @classmethod
            def from_string(cls, *_a, **_k):
                raise RuntimeError("jsonpatch stub: not available")

        stub.JsonPatch = JsonPatch
        sys.modules["jsonpatch"] = stub
    try:
        import requests  # noqa: F401
    except ImportError:
        req = types.ModuleType("requests")
        exc = types.ModuleType("requests.exceptions")
        exc.RequestException = type("RequestException", (IOError,), {})
        for name in ("HTTPError", "ConnectionError", "SSLError", "Timeout"):
            setattr(exc, name, type(name, (exc.RequestException,), {}))
        req.exceptions = exc
        for name in ("RequestException", "HTTPError", "ConnectionError", "SSLError",
                     "Timeout"):
            setattr(req, name, getattr(exc, name))

        def _no_network(*_a, **_k):  # pragma: no cover
            raise RuntimeError("requests stub: no network in the merge corpus")

        req.Session = req.request = req.get = _no_network
        sys.modules["requests"] = req
        sys.modules["requests.exceptions"] = exc
        # 19.3 url_helper probes pkg_resources.get_distribution('requests')
        # and only tolerates ImportError; make that probe fail that way.
        sys.modules["pkg_resources"] = None


def _import_cloudinit(src, deps):
    src = os.path.abspath(src)
    if not os.path.isdir(os.path.join(src, "cloudinit")):
        raise SystemExit("no cloudinit package under %s" % src)
    sys.path.insert(0, src)
    if deps:
        sys.path.append(os.path.abspath(deps))
    _stub_missing_modules()
    import cloudinit  # noqa: F401
    # Import everything used later now: importing cloudinit.log resets the
    # root logger's handlers, which would drop the warning recorder.
    from cloudinit import handlers, mergers, settings, util  # noqa: F401
    from cloudinit.handlers import cloud_config  # noqa: F401
    got = os.path.dirname(os.path.dirname(os.path.abspath(cloudinit.__file__)))
    if got != src:
        raise SystemExit("imported cloudinit from %s, not %s" % (got, src))
    from cloudinit import version
    return version.version_string()


class _FakePaths:
    """The only thing CloudConfigPartHandler needs from helpers.Paths."""

    def __init__(self, tmpdir):
        self.tmpdir = tmpdir

    def get_ipath(self, name):
        return os.path.join(self.tmpdir, {"cloud_config": "cloud-config.txt"}.get(name, name))


def _run_mergemanydict(case):
    from cloudinit import util
    return util.mergemanydict(case["sources"])


def _run_parts(case):
    from cloudinit import handlers, util
    from cloudinit.handlers import cloud_config
    from cloudinit.settings import PER_ALWAYS

    with tempfile.TemporaryDirectory(prefix="mergecorpus-") as tmp:
        handler = cloud_config.CloudConfigPartHandler(_FakePaths(tmp))
        data = {}
        handler.handle_part(data, handlers.CONTENT_START, None, None, PER_ALWAYS,
                            {"Content-Type": handlers.CONTENT_START})
        for i, part in enumerate(case["parts"]):
            text = "#cloud-config\n" + yaml.safe_dump(
                part["payload"], default_flow_style=False, allow_unicode=True,
                sort_keys=False)
            headers = {"Content-Type": CONTENT_TYPE}
            if "merge_type_header" in part:
                headers["Merge-Type"] = part["merge_type_header"]
            if "x_merge_type_header" in part:
                headers["X-Merge-Type"] = part["x_merge_type_header"]
            handler.handle_part(data, CONTENT_TYPE, "part-%03d" % i, text,
                                PER_ALWAYS, headers)
        result = handler.cloud_buf if handler.cloud_buf is not None else {}
        handler.handle_part(data, handlers.CONTENT_END, None, None, PER_ALWAYS,
                            {"Content-Type": handlers.CONTENT_END})
        written = util.load_yaml(util.load_file(handler.cloud_fn), default={})
        return result, written


def worker(src, deps, names):
    version = _import_cloudinit(src, deps)
    canon = _load_canon()
    recorder = _Recorder()
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    root.addHandler(recorder)
    root.setLevel(logging.DEBUG)
    out = {"version": version, "results": {}}
    for name in names:
        case = load_case(name)
        recorder.lines = []
        entry = {}
        if case["kind"] == "mergemanydict":
            try:
                entry["value"] = canon(_run_mergemanydict(case))
            except Exception as exc:  # cloud-init raised: that is the golden
                entry["error"] = {"exception": type(exc).__name__, "message": str(exc)}
        else:
            result, written = _run_parts(case)
            entry["value"] = canon(result)
            if canon(written) != entry["value"]:
                raise SystemExit("case %s: cloud-config.txt read back as %r, buffer was %r"
                                 % (name, written, result))
        entry["log"] = list(recorder.lines)
        out["results"][name] = entry
    json.dump(out, sys.stdout, ensure_ascii=False)
    return 0


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------

def run_version(python, label, src, deps, names):
    cmd = [python, os.path.abspath(__file__), "--_worker", src]
    if deps:
        cmd += ["--deps", deps]
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    proc = subprocess.run(cmd + names, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit("worker for %s (%s) failed" % (label, src))
    out = json.loads(proc.stdout)
    if out["version"] != label:
        raise SystemExit("--cloudinit-src %s=%s: that tree is cloud-init %s"
                         % (label, src, out["version"]))
    return out["results"]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cloudinit-src", action="append", default=[], metavar="VERSION=DIR")
    p.add_argument("--deps", help="extra directory for cloud-init's Python dependencies")
    p.add_argument("--python", default=sys.executable,
                   help="interpreter for the per-version workers (default: this one)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if out of date")
    p.add_argument("--verbose", action="store_true", help="print cloud-init's warnings per case")
    p.add_argument("--_worker", help=argparse.SUPPRESS)
    p.add_argument("names", nargs="*", help=argparse.SUPPRESS)
    opts = p.parse_args(argv)

    if opts._worker:
        return worker(opts._worker, opts.deps, opts.names)

    if not opts.cloudinit_src:
        p.error("give at least one --cloudinit-src VERSION=DIR")
    versions = []
    for item in opts.cloudinit_src:
        label, sep, src = item.partition("=")
        if not sep or not label or not src:
            p.error("--cloudinit-src wants VERSION=DIR, got %r" % item)
        versions.append((label, src))

    names = list_cases()
    for name in names:
        load_case(name)  # validate before spending time on workers

    wanted = {}  # file name -> content
    for label, src in versions:
        results = run_version(opts.python, label, src, opts.deps, names)
        for name in names:
            entry = results[name]
            if opts.verbose and entry["log"]:
                sys.stderr.write("%s [%s]\n" % (name, label))
                for line in entry["log"]:
                    sys.stderr.write("    %s\n" % line)
            if "error" in entry:
                wanted["%s.%s.error.json" % (name, label)] = dump_json(entry["error"])
            else:
                wanted["%s.%s.json" % (name, label)] = dump_json(entry["value"])

    labels = {label for label, _src in versions}
    existing = sorted(fn for fn in os.listdir(EXPECTED_DIR) if fn.endswith(".json")) \
        if os.path.isdir(EXPECTED_DIR) else []
    case_set = set(names)
    stale = []
    for fn in existing:
        if fn in wanted:
            continue
        base = fn[:-len(".json")]
        if base.endswith(".error"):
            base = base[:-len(".error")]
        case, _, label = base.partition(".")
        if case not in case_set or label in labels:
            stale.append(fn)

    changes = []
    for fn in sorted(wanted):
        path = os.path.join(EXPECTED_DIR, fn)
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                old = fh.read()
        if old != wanted[fn]:
            changes.append(("create" if old is None else "change", fn))
    changes += [("remove", fn) for fn in stale]

    if opts.check:
        for what, fn in changes:
            print("%s expected/%s" % (what, fn))
        print("%d cases, %d versions: %s" % (
            len(names), len(versions),
            "up to date" if not changes else "%d goldens out of date" % len(changes)))
        return 1 if changes else 0

    os.makedirs(EXPECTED_DIR, exist_ok=True)
    for what, fn in changes:
        path = os.path.join(EXPECTED_DIR, fn)
        if what == "remove":
            os.remove(path)
        else:
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(wanted[fn])
        print("%s expected/%s" % (what, fn))
    print("%d cases, %d versions, %d goldens written/removed"
          % (len(names), len(versions), len(changes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
