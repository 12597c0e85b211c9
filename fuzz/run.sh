#!/usr/bin/env bash
# Builds the cargo-fuzz targets (nightly, libFuzzer) and runs each for a
# bounded time. Usage: fuzz/run.sh [seconds-per-target] [target...]
#   fuzz/run.sh          20 s per target (the test command)
#   fuzz/run.sh 300      the long run
# Needs: rustup toolchain nightly; `cargo install cargo-fuzz --locked`.
# FUZZ_SANITIZER=address for ASan (slower build and run; default: none —
# the code under test is safe Rust, panics are what we hunt).
# Corpora grow in target/fuzz-corpus/<target> (seeded from
# fuzz/seeds/<target>); crashes land in fuzz/artifacts/<target>/ and fail
# the run. Figures: target/fuzz-figures.tsv.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-20}
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(wire_decode content_range fluent_format server_request download_resume device_registration)
fi
san=${FUZZ_SANITIZER:-none}
root=$(cd .. && pwd)
# Build output in fuzz/target (cargo-fuzz default, git-ignored).

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: cargo-fuzz missing: cargo install cargo-fuzz --locked" >&2
  exit 2
fi
# cargo fuzz build takes one target or all: build all when several.
if [[ ${#targets[@]} -gt 1 ]]; then
  cargo +nightly fuzz build --sanitizer "$san"
else
  cargo +nightly fuzz build --sanitizer "$san" "${targets[0]}"
fi

# Every input that ever crashed a target is replayed first (fuzz/regressions/<target>/).
for t in "${targets[@]}"; do
  if compgen -G "regressions/$t/*" >/dev/null; then
    echo "fuzz: replaying regressions/$t"
    cargo +nightly fuzz run --sanitizer "$san" "$t" regressions/"$t"/* -- -runs=1 >/dev/null 2>"$root/target/fuzz-regressions-$t.log" || {
      echo "fuzz: a regression input of $t fails again:" >&2
      grep -m1 -A15 -E 'panicked|ERROR' "$root/target/fuzz-regressions-$t.log" >&2
      exit 1
    }
  fi
done

figures="$root/target/fuzz-figures.tsv"
mkdir -p "$(dirname "$figures")"
printf 'target\tseconds\truns\texec_per_s\tcoverage\tcorpus\tresult\n' >"$figures"
status=0
for t in "${targets[@]}"; do
  corpus="corpus/$t"
  mkdir -p "$corpus" "artifacts/$t" "seeds/$t"
  log="$root/target/fuzz-$t.log"
  set +e
  cargo +nightly fuzz run --sanitizer "$san" "$t" "$corpus" seeds/"$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="artifacts/$t/" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
  eps=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || true)
  files=$(find "$corpus" -type f | wc -l)
  if [[ $rc -eq 0 ]]; then res=ok; else res="FAILED (rc $rc, see $log)"; status=1; fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$secs" "${runs:-?}" "${eps:-?}" "${cov:-?}" "$files" "$res" | tee -a "$figures"
  if [[ $rc -ne 0 ]]; then
    grep -m1 -A15 -E 'panicked|ERROR: libFuzzer|SUMMARY' "$log" >&2 || tail -30 "$log" >&2
  fi
done
exit $status
