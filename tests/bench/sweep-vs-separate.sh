#!/usr/bin/env bash
# Benchmark of issue 13: a 12-point sweep of short runs in one JVM (spikering sweep, 2 points at a time) against the
# same 12 points run one after another as separate 'spikering train' commands (each its own JVM start and JIT
# warm-up). The separate commands run exactly the specs the sweep's points ran (points/*/run/spec.yaml), so both do the
# same work. Prints the wall time of each and their ratio, for ROUNDS rounds (alternating, so that a change in the
# machine's load hits both), and the median ratio. Timing: date +%s.%N around each command.
#
# Usage: tests/bench/sweep-vs-separate.sh [ROUNDS] [ITERATIONS]     (default 3 rounds, 20 training iterations)
# Needs: the ./spikering launcher (it builds the jar on first use); 2 cores.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}"
iterations="${2:-20}"
work="$(mktemp -d "${TMPDIR:-/tmp}/spikering-sweep-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export SPIKERING_PROGRESS=off
sk="$here/spikering"
"$sk" --version >/dev/null   # build once, outside the timings

# 2 rules x 2 learning rates x 3 seeds = 12 points of NEST's sine-wave task, each a short training
sweep_args=(sweep sine-nest --set "training.iterations=$iterations" --set training.evaluation.test_batch=16
  --grid training.rule=eprop,random-eprop --grid training.optimizer.lr=0.0001,0.0002 --seeds 3 --parallel 2)

now() { date +%s.%N; }
ratios=()
for r in $(seq 1 "$rounds"); do
  t0=$(now)
  "$sk" "${sweep_args[@]}" --out "$work/sweep$r" >/dev/null
  t1=$(now)
  n=0
  for spec in "$work/sweep$r"/points/*/run/spec.yaml; do
    "$sk" train "$spec" --out "$work/separate$r/$n" >/dev/null 2>&1
    n=$((n + 1))
  done
  t2=$(now)
  [ "$n" -eq 12 ] || { echo "expected 12 points, found $n" >&2; exit 1; }
  sweep_s=$(echo "$t1 - $t0" | bc -l)
  sep_s=$(echo "$t2 - $t1" | bc -l)
  ratio=$(echo "$sweep_s / $sep_s" | bc -l)
  ratios+=("$ratio")
  printf 'round %d: sweep %.1f s, 12 separate commands %.1f s, ratio %.2f\n' "$r" "$sweep_s" "$sep_s" "$ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
printf 'median ratio sweep / separate: %.2f (target <= 0.6), %d rounds, %s cores, load average %s\n' "$median" "$rounds" \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
