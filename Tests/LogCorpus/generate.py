#!/usr/bin/env python3
"""Writes real cloud-init logs for `cloudinit-sim log` to read.

Each log is written by real cloud-init code: the oracle harness (../shared/oracle) runs the given
cloud-init version on a bundled profile and user-data, and every record cloud-init logs is also
formatted with cloud-init's own file format, the one in the profiles' 05_logging.cfg:

    %(asctime)s - %(filename)s[%(levelname)s]: %(message)s

Nothing is edited afterwards: timestamps are the moment of the run, paths are the sandbox's.

    python3 Tests/LogCorpus/generate.py ORACLE_DIR

ORACLE_DIR holds oracle.py, vendor-root/ and src/VERSION/ (see Tests/OracleCorpus/generate.py).
"""
import importlib.util
import io
import logging
import os
import subprocess
import sys
import types
from contextlib import redirect_stdout

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "Tests", "LogCorpus")
# (log name, profile, cloud-init version, scenario whose user-data is used)
CASES = [
    ("eks-al2023-packages-ignored.22.2.2", "eks-al2023", "22.2.2", "eks-al2023-packages-ignored"),
    ("al2-packages-installed.19.3", "al2", "19.3", "al2-packages-installed"),
]
FORMAT = "%(asctime)s - %(filename)s[%(levelname)s]: %(message)s"


def main():
    # One process per case: a process imports one cloud-init version only.
    if len(sys.argv) == 3:
        write(sys.argv[1], *next(case for case in CASES if case[0] == sys.argv[2]))
        return
    for case in CASES:
        subprocess.run([sys.executable, os.path.abspath(__file__), sys.argv[1], case[0]], check=True)


class KeepWelcome(types.ModuleType):
    """The oracle silences cloud-init's stage welcome lines (`cmd/main.py` `welcome`, which
    `util.multi_log`s "Cloud-init v. X running 'modules:config' ..."); a cloud-init.log has them,
    so the real functions are kept."""

    def __setattr__(self, name, value):
        if name in ("welcome", "multi_log"):
            return
        super().__setattr__(name, value)


def write(oracle_dir, name, profile, version, scenario):
    spec = importlib.util.spec_from_file_location("oracle", os.path.join(oracle_dir, "oracle.py"))
    oracle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oracle)
    importer = oracle._import_cloudinit

    def import_cloudinit(*args):
        package = importer(*args)
        import cloudinit.cmd.main
        import cloudinit.util
        cloudinit.cmd.main.__class__ = KeepWelcome
        cloudinit.util.__class__ = KeepWelcome
        return package

    oracle._import_cloudinit = import_cloudinit
    formatter = logging.Formatter(FORMAT)
    lines = []
    original = oracle.Recorder.emit

    def emit(self, record):
        original(self, record)
        lines.append(formatter.format(record))

    oracle.Recorder.emit = emit
    with redirect_stdout(io.StringIO()):
        oracle.main([
            "--cloudinit-src", os.path.join(oracle_dir, "src", version),
            "--etc", os.path.join(ROOT, "Profiles", profile, "etc", "cloud"),
            "--user-data", os.path.join(ROOT, "Scenarios", scenario, "user-data"),
            "--distro", "amazon", "--json",
        ])
    with open(os.path.join(HERE, name + ".log"), "w") as out:
        out.write("\n".join(lines) + "\n")
    print("%s.log: %d lines" % (name, len(lines)))


if __name__ == "__main__":
    main()
