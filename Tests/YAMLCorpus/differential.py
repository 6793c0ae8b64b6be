#!/usr/bin/env python3
"""Differential check: mutate the corpus at random and compare cloudinit-sim with PyYAML.

Not part of CI (it is random and slow); run it after changing the YAML layer, and turn every
real divergence it finds into a corpus case. Needs PyYAML 6.0.3 and a built binary.

Usage (from the repository root)::

    swift build -c release
    python3 Tests/YAMLCorpus/differential.py --count 3000 --seed 1 [--binary .build/release/cloudinit-sim]

Each mutant is loaded with ``yaml.safe_load`` and with ``cloudinit-sim yaml --format json``.
A value must match the canonical JSON exactly; an error must be reported at the same line and
column. Mismatches are printed (input, PyYAML's answer, ours); an exit status other than 0 or 1
from the binary is reported as a crash.
"""
import argparse
import glob
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402  (the canonical JSON form and error form)
import yaml  # noqa: E402

PIECES = list(" \t\n:-?,[]{}#&*!|>'\"%@`\\0123456789abcxyz._=<~+") + [
    "---", "...", ": ", "- ", "\n  ", "\n- ", "!!str ", "&a ", "*a", "<<: *a", "yes", "0x", "\r\n"]


def mutate(text, rnd):
    chars = list(text)
    for _ in range(rnd.randint(1, 3)):
        op = rnd.random()
        pos = rnd.randint(0, len(chars))
        if op < 0.4:
            chars.insert(pos, rnd.choice(PIECES))
        elif chars and op < 0.7:
            del chars[min(pos, len(chars) - 1)]
        elif chars:
            chars[min(pos, len(chars) - 1)] = rnd.choice(PIECES)
    return "".join(chars)


def ours(binary, path):
    run = subprocess.run([binary, "yaml", path, "--format", "json"], capture_output=True)
    if run.returncode == 0:
        # The CLI writes control characters as JSON escapes (\u0085); re-dump them the way the
        # goldens are written, so only the value counts.
        return "value", generate.dump_json(json.loads(run.stdout.decode()))
    if run.returncode != 1:
        return "crash", run.stderr.decode()[-400:]
    first = run.stderr.decode().split("\n")[0][len(path) + 1:]
    line, column, _ = first.split(":", 2)
    return "error", (int(line), int(column), first)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--binary", default=".build/release/cloudinit-sim")
    args = parser.parse_args()
    seeds = []
    for path in sorted(glob.glob(os.path.join(HERE, "cases", "*.yaml"))):
        with open(path, "rb") as f:
            try:
                seeds.append(f.read().decode("utf-8"))
            except UnicodeDecodeError:
                pass
    rnd = random.Random(args.seed)
    mismatches = 0
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "mutant.yaml")
        for _ in range(args.count):
            text = mutate(rnd.choice(seeds), rnd)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            kind, expected = generate.load_result(text, yaml.SafeLoader)
            got_kind, got = ours(args.binary, path)
            if kind == "value":
                agree = got_kind == "value" and got == generate.dump_json(expected)
            else:
                agree = got_kind == "error" and (
                    expected["line"] is None or got[:2] == (expected["line"], expected["column"]))
            if not agree:
                mismatches += 1
                print(repr(text))
                print("  PyYAML:       ", json.dumps(expected, ensure_ascii=False)[:200])
                print("  cloudinit-sim:", got_kind, str(got)[:200])
    print("%d of %d mutants differ" % (mismatches, args.count))


if __name__ == "__main__":
    main()
