#!/usr/bin/env python3
"""Generate the oracle goldens of the cloud-init pipeline corpus.

Every case under ``cases/NAME/`` is run through the cloud-init pipeline
oracle (``/work/shared/oracle/oracle.py``), which executes cloud-init's *own*
code (init-local, init, modules:config, modules:final, with module handlers
replaced by recorders) on an ``/etc/cloud`` folder plus user-data, and prints
JSON.  The normalised JSON is written to ``expected/NAME.json``.  The goldens
are committed, so the Swift tests never run Python, the oracle or cloud-init;
this script is only needed to (re)generate or check them.

Getting the oracle and its dependencies
---------------------------------------
The oracle lives in ``/work/shared/oracle`` (``oracle.py``, ``setup.sh``).
Its Python dependencies (Debian bookworm's cloud-init 22.4.2 package plus
jinja2, jsonschema, configobj, requests, jsonpatch, yaml, ... unpacked with
``apt-get download`` + ``dpkg -x``) go into ``vendor-root/`` beside
``oracle.py`` (``./setup.sh``, idempotent; it only runs ``apt-get download``
and ``dpkg -x``, on Debian bookworm).  When the oracle folder is read-only,
``setup.sh`` and ``oracle.py`` both use ``~/.cache/cloudinit-oracle/vendor-root``
instead (or ``$ORACLE_VENDOR_ROOT``), or copy the oracle first::

    cp -r /work/shared/oracle /tmp/oracle && (cd /tmp/oracle && ./setup.sh)

Getting the cloud-init source trees (never commit them)
-------------------------------------------------------
Take a bare git mirror of github.com/canonical/cloud-init (the session's
``fetch github:canonical/cloud-init`` prints its path, or use
``git clone --mirror``) and export the tags::

    MIRROR=/path/to/cloud-init.git
    for t in 19.3 22.2.2; do
      mkdir -p /tmp/ci-src/$t && git -C "$MIRROR" archive $t | tar -x -C /tmp/ci-src/$t
    done

Usage (from the repository root)::

    python3 Tests/OracleCorpus/generate.py --oracle /tmp/oracle \\
        --cloudinit-src 19.3=/tmp/ci-src/19.3 \\
        --cloudinit-src 22.2.2=/tmp/ci-src/22.2.2          # (re)write expected/
    python3 Tests/OracleCorpus/generate.py ... --check      # exit 1 if out of date
    python3 Tests/OracleCorpus/generate.py ... CASE [CASE ...]   # only these cases

How a case is run
-----------------
``cases/NAME/case.yaml`` gives ``profile``, ``behaviour``, ``source``,
``description`` and ``args``.  The oracle is called with the interpreter of
``--python`` (default ``/usr/bin/python3`` when it exists; the oracle needs
Python 3.11) and the working directory ``cases/NAME``::

    oracle.py --cloudinit-src <tree of behaviour> --etc <etc> \\
        --user-data user-data [--vendor-data vendor-data] \\
        --distro amazon [--deps DIR] <args from case.yaml> --json

``<etc>`` is ``cases/NAME/etc`` when that folder exists (``profile:
own-etc``), else ``Profiles/<profile>/etc/cloud`` of this repository.
Relative paths in ``args`` (``--include-url URL=include/FILE``) are relative
to the case folder.  ``--distro amazon`` is always passed: 19.3 has no
``amazon`` distro and the oracle registers a shim for it (listed under
``approximations`` in the output).

Every case is run ``--runs`` times (default 2); the normalised outputs must be
byte-identical, otherwise the case fails as non-deterministic.

Normalisation
-------------
The oracle already maps its sandbox paths back to ``/var/lib/cloud``,
``/run/cloud-init`` and ``/etc/cloud``, and prints JSON with sorted keys.
On top of that every string is rewritten: the case folder becomes
``<case>``, the repository root ``<repo>``, the oracle folder ``<oracle>``,
the cloud-init tree ``<cloudinit-src>``, the ``--deps`` folder ``<deps>``, any
left-over oracle sandbox (``<tmp>/ci-oracle-*``) ``<sandbox>`` and Python
object addresses (``0x7f...``) ``0x?``.  Lists keep their order.  The golden
is ``json.dumps(out, indent=2, sort_keys=True, ensure_ascii=False) + "\\n"``.
A case whose oracle run fails (non-zero exit or no JSON) gets no golden; the
script reports it and exits 1.
"""

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CASES = os.path.join(HERE, "cases")
EXPECTED = os.path.join(HERE, "expected")
PROFILES = os.path.join(REPO, "Profiles")
DEFAULT_PY = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
CASE_KEYS = {"profile", "behaviour", "source", "description", "args"}
OPTIONAL_KEYS = {"base_profile", "kind", "caveat"}


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--oracle", required=True,
                    help="folder with oracle.py (and its vendor-root/)")
    ap.add_argument("--cloudinit-src", action="append", default=[],
                    metavar="VERSION=DIR", required=True,
                    help="cloud-init source tree for a behaviour version")
    ap.add_argument("--deps", help="passed to oracle.py --deps (default: the "
                    "oracle's vendor-root dist-packages)")
    ap.add_argument("--python", default=DEFAULT_PY,
                    help="interpreter for oracle.py (default %(default)s)")
    ap.add_argument("--runs", type=int, default=2,
                    help="runs per case that must agree byte for byte (default 2)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if any golden would change")
    ap.add_argument("--sync-scenarios", action="store_true",
                    help="first (re)create the sc-* cases from Scenarios/ (see sync_scenarios)")
    ap.add_argument("cases", nargs="*", help="case names (default: all)")
    return ap.parse_args(argv)


def load_case(name):
    with open(os.path.join(CASES, name, "case.yaml")) as fh:
        meta = yaml.safe_load(fh)
    missing = CASE_KEYS - set(meta)
    extra = set(meta) - CASE_KEYS - OPTIONAL_KEYS
    if missing or extra:
        raise ValueError("%s/case.yaml: missing %s, unknown %s"
                         % (name, sorted(missing), sorted(extra)))
    if not isinstance(meta["args"], list) or not all(
            isinstance(a, str) for a in meta["args"]):
        raise ValueError("%s/case.yaml: args must be a list of strings" % name)
    return meta


def etc_dir(name, meta):
    own = os.path.join(CASES, name, "etc")
    if meta["profile"] == "own-etc":
        if not os.path.isdir(own):
            raise ValueError("%s: profile own-etc but no etc/ folder" % name)
        return own
    if os.path.isdir(own):
        raise ValueError("%s: has etc/ but profile is %s" % (name, meta["profile"]))
    prof = os.path.join(PROFILES, meta["profile"], "etc", "cloud")
    if not os.path.isdir(prof):
        raise ValueError("%s: no profile folder %s" % (name, prof))
    return prof


def oracle_cmd(opts, srcs, name, meta):
    beh = str(meta["behaviour"])
    if beh not in srcs:
        raise ValueError("%s: no --cloudinit-src for behaviour %s" % (name, beh))
    cmd = [opts.python, os.path.join(os.path.abspath(opts.oracle), "oracle.py"),
           "--cloudinit-src", srcs[beh], "--etc", etc_dir(name, meta),
           "--user-data", "user-data", "--distro", "amazon"]
    if os.path.exists(os.path.join(CASES, name, "vendor-data")):
        cmd += ["--vendor-data", "vendor-data"]
    if opts.deps:
        cmd += ["--deps", os.path.abspath(opts.deps)]
    cmd += list(meta["args"]) + ["--json"]
    return cmd


def normaliser(opts, srcs, name, meta):
    case_dir = os.path.join(CASES, name)
    repl = [(case_dir, "<case>"), (REPO, "<repo>"),
            (os.path.abspath(opts.oracle), "<oracle>"),
            (srcs[str(meta["behaviour"])], "<cloudinit-src>")]
    if opts.deps:
        repl.append((os.path.abspath(opts.deps), "<deps>"))
    # longest first, so a folder inside another is replaced before its parent
    repl.sort(key=lambda r: -len(r[0]))
    tmp = re.escape(os.path.realpath(tempfile.gettempdir()))
    sandbox = re.compile(r"(?:/tmp|%s)/ci-oracle-[A-Za-z0-9_]+" % tmp)
    addr = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")

    def fix(o):
        if isinstance(o, str):
            o = sandbox.sub("<sandbox>", o)
            for a, b in repl:
                o = o.replace(a, b)
            return addr.sub("0x?", o)
        if isinstance(o, dict):
            return {fix(k): fix(v) for k, v in o.items()}
        if isinstance(o, list):
            return [fix(v) for v in o]
        return o

    return fix


def run_case(opts, srcs, name):
    """Returns (golden text or None, error message or None)."""
    try:
        meta = load_case(name)
        cmd = oracle_cmd(opts, srcs, name, meta)
        fix = normaliser(opts, srcs, name, meta)
    except (OSError, ValueError, yaml.YAMLError) as e:
        return None, str(e)
    texts = []
    for _ in range(max(1, opts.runs)):
        p = subprocess.run(cmd, cwd=os.path.join(CASES, name),
                           capture_output=True)
        if p.returncode != 0:
            return None, "oracle exited %d:\n%s" % (
                p.returncode, p.stderr.decode("utf-8", "replace")[-4000:])
        try:
            out = json.loads(p.stdout)
        except ValueError as e:
            return None, "oracle printed no JSON (%s):\n%s" % (
                e, p.stderr.decode("utf-8", "replace")[-4000:])
        if out.get("version") != str(meta["behaviour"]):
            return None, "oracle ran cloud-init %s, case wants %s" % (
                out.get("version"), meta["behaviour"])
        texts.append(json.dumps(fix(out), indent=2, sort_keys=True,
                                ensure_ascii=False) + "\n")
    if any(t != texts[0] for t in texts[1:]):
        return None, "non-deterministic: the %d runs differ" % len(texts)
    return texts[0], None


def sync_scenarios():
    """Makes one case per scenario and boot kind: ``sc-NAME`` (first boot) and
    ``sc-NAME--BOOT`` for each other boot in the scenario's ``boots`` (the
    oracle reports the second boot of first+BOOT).  The case's ``user-data``
    (and ``vendor-data``) are symbolic links to the scenario's files, so a
    scenario's input lives in one place."""
    scenarios = os.path.join(REPO, "Scenarios")
    for name in sorted(os.listdir(scenarios)):
        spec = os.path.join(scenarios, name, "scenario.yaml")
        if not os.path.exists(spec):
            continue
        with open(spec) as fh:
            scenario = yaml.safe_load(fh)
        profile = scenario["profile"]
        with open(os.path.join(PROFILES, profile, "profile.yaml")) as fh:
            behaviour = str(yaml.safe_load(fh)["cloud_init"]["behaviour"])
        links = {"user-data": scenario["user_data"]}
        if scenario.get("vendor_data"):
            links["vendor-data"] = scenario["vendor_data"]
        for boot in dict.fromkeys(scenario.get("boots") or ["first"]):
            case = "sc-" + name + ("" if boot == "first" else "--" + boot)
            folder = os.path.join(CASES, case)
            os.makedirs(folder, exist_ok=True)
            for link, target in links.items():
                path = os.path.join(folder, link)
                if os.path.lexists(path):
                    os.remove(path)
                os.symlink(os.path.join("..", "..", "..", "..", "Scenarios", name, target), path)
            meta = {"profile": profile, "behaviour": behaviour,
                    "source": "Scenarios/" + name,
                    "description": "The scenario %s (%s boot); its user-data is a link "
                                   "to the scenario's." % (name, boot),
                    "args": [] if boot == "first" else ["--boot", boot]}
            with open(os.path.join(folder, "case.yaml"), "w") as fh:
                yaml.safe_dump(meta, fh, sort_keys=False, width=100)


def main(argv=None):
    opts = parse_args(sys.argv[1:] if argv is None else argv)
    srcs = {}
    for item in opts.cloudinit_src:
        ver, sep, d = item.partition("=")
        if not sep or not os.path.isdir(os.path.join(d, "cloudinit")):
            sys.exit("--cloudinit-src %s: want VERSION=DIR with DIR/cloudinit" % item)
        srcs[ver] = os.path.abspath(d)
    if not os.path.exists(os.path.join(opts.oracle, "oracle.py")):
        sys.exit("--oracle %s: no oracle.py there" % opts.oracle)
    if opts.sync_scenarios:
        sync_scenarios()
    names = opts.cases or sorted(
        d for d in os.listdir(CASES)
        if os.path.exists(os.path.join(CASES, d, "case.yaml")))
    with concurrent.futures.ThreadPoolExecutor(max(1, opts.jobs)) as ex:
        results = list(ex.map(lambda n: run_case(opts, srcs, n), names))
    failed = changed = 0
    if not opts.check:
        os.makedirs(EXPECTED, exist_ok=True)
    for name, (text, err) in zip(names, results):
        fn = os.path.join(EXPECTED, name + ".json")
        if err:
            failed += 1
            print("FAIL %s: %s" % (name, err))
            continue
        old = None
        if os.path.exists(fn):
            with open(fn, encoding="utf-8") as fh:
                old = fh.read()
        if old == text:
            continue
        changed += 1
        if opts.check:
            print("%s %s" % ("CHANGED" if old is not None else "MISSING", name))
        else:
            with open(fn, "w", encoding="utf-8") as fh:
                fh.write(text)
            print("WROTE expected/%s.json" % name)
    if not opts.cases:
        known = set(names)
        for fn in sorted(os.listdir(EXPECTED)) if os.path.isdir(EXPECTED) else []:
            if fn.endswith(".json") and fn[:-5] not in known:
                changed += 1
                print("STALE expected/%s (no such case)" % fn)
    print("%d cases, %d changed, %d failed%s" % (
        len(names), changed, failed, " (check)" if opts.check else ""))
    return 1 if failed or (opts.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
