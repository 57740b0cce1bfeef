#!/usr/bin/env bash
# SIGKILL trials of `spikering run` (the default CUBA network, 1 s) on one --out folder: each run (seed 2, 3, ...)
# is killed with kill -9 after a random 0.2-4 s; after each, --out must be a complete result set (its manifest
# .spikering-result.json lists every file with its size) or, between the two renames of a commit, absent with the
# previous set complete aside. A last full run must leave nothing beside --out.
# Usage: tests/kill-trials.sh [TRIALS]   (default 28; builds ./spikering first if needed)
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
trials="${1:-28}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/spikering" help >/dev/null 2>&1 || { echo "build failed" >&2; exit 1; }
cd "$work"
state() { python3 - <<'PY'
import glob, json, os
def complete(d):
    m = os.path.join(d, ".spikering-result.json")
    if not os.path.isfile(m):
        return False
    have = {f: os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f != ".spikering-result.json"}
    return have == json.load(open(m))["files"]
if os.path.isdir("out"):
    print("complete" if complete("out") else "INCOMPLETE")
else:
    aside = glob.glob(".out.old-*")
    print("absent, previous set complete aside" if len(aside) == 1 and complete(aside[0]) else "BAD")
PY
}
"$root/spikering" run --seed 1 --out out >/dev/null 2>&1
bad=0
for i in $(seq 1 "$trials"); do
  d=$(python3 -c "import random; print(round(random.uniform(0.2, 4.0), 2))")
  "$root/spikering" run --seed $((i + 1)) --out out >/dev/null 2>&1 &
  pid=$!
  sleep "$d"; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rc=$?
  s="$(state)"; case "$s" in complete|absent*) ;; *) bad=$((bad + 1));; esac
  echo "trial $i: kill -9 after $d s (exit $rc): $s; beside it: $(ls -A | grep -v '^out$' | tr '\n' ' ')"
done
"$root/spikering" run --seed 99 --out out >/dev/null 2>&1
echo "final run (exit $?): $(state); folder holds: $(ls -A | tr '\n' ' ')"
[ "$bad" -eq 0 ] && [ "$(ls -A)" = "out" ]
