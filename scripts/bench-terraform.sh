#!/usr/bin/env bash
# bench-terraform.sh — time `aksguard scan` end to end on the synthetic Terraform corpus of
# gen-corpus.go (N environments, one root module each), check its verdicts against the
# generator's truth file, and give the parse-only floor of the same tree.
#
# Usage:   scripts/bench-terraform.sh [-n N] [-r RUNS] [-g GEN] [-w WORKDIR]
#            -n N        environments (default 1000; the target is 5000 in < 10 s and < 300 MB)
#            -r RUNS     timed runs (default 5); the median wall time is quoted
#            -g GEN      the corpus generator (or $AKSGUARD_GEN_CORPUS). It lives outside the
#                        repository, at ../shared/bench/gen-corpus.go (its README has what Trivy
#                        and KICS take on the same tree); default: that file when it exists,
#                        else the copy in internal/gencorpus/main.go
#            -w WORKDIR  where the corpus, the binary and the reports go (default
#                        ${TMPDIR:-/tmp}/aksguard-bench); a corpus already there is reused
#
# Needs: Go, and GNU time at /usr/bin/time for the peak RSS (Debian: apt-get install time).
# Each run is a whole process: `aksguard scan DIR --format json -o report.json`, after one
# untimed run that warms the page cache. Figures vary with what else the machine runs: the
# load average before the runs is printed with them.
set -euo pipefail

n=1000 runs=5 gen=${AKSGUARD_GEN_CORPUS:-} work=${TMPDIR:-/tmp}/aksguard-bench
while getopts "n:r:g:w:h" opt; do
	case $opt in
	n) n=$OPTARG ;;
	r) runs=$OPTARG ;;
	g) gen=$OPTARG ;;
	w) work=$OPTARG ;;
	*) sed -n '2,21p' "$0" >&2; exit 2 ;;
	esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
if [[ -z $gen ]]; then
	gen=$repo/../shared/bench/gen-corpus.go
	[[ -f $gen ]] || gen=$repo/internal/gencorpus/main.go
fi
[[ -f $gen ]] || { echo "bench-terraform: no corpus generator at $gen (give -g or AKSGUARD_GEN_CORPUS)" >&2; exit 2; }
gen=$(cd "$(dirname "$gen")" && pwd)/$(basename "$gen")
[[ -x /usr/bin/time ]] || { echo "bench-terraform: GNU time is missing (apt-get install time)" >&2; exit 2; }

mkdir -p "$work"
corpus=$work/n$n truth=$work/truth-n$n.tsv
echo "generator: $gen" >&2
if [[ ! -f $corpus.complete || ! -f $truth ]]; then
	rm -rf "$corpus"
	echo "generating $n environments into $corpus ..." >&2
	(cd "$repo" && go run "$gen" -n "$n" -out "$corpus" -truth "$truth")
	touch "$corpus.complete"
fi

echo "building aksguard ..." >&2
(cd "$repo" && go build -o "$work/aksguard" ./cmd/aksguard)

scan() { # scan TIMEFILE: one whole-process scan; exit 1 (failures found) is expected
	local code=0
	/usr/bin/time -f '%e %M' -o "$1" "$work/aksguard" scan "$corpus" --format json -o "$work/report.json" 2>"$work/scan.err" || code=$?
	if ((code > 1)); then
		echo "bench-terraform: aksguard exited $code:" >&2
		cat "$work/scan.err" >&2
		exit 1
	fi
}

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
echo "warm-up run ..." >&2
scan "$work/time.warm"
walls=() rsss=()
for ((i = 1; i <= runs; i++)); do
	scan "$work/time.$i"
	# GNU time writes "Command exited with non-zero status 1" first.
	read -r wall rss < <(tail -1 "$work/time.$i")
	walls+=("$wall") rsss+=("$rss")
	echo "run $i: ${wall} s, $((rss / 1024)) MB" >&2
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
max() { printf '%s\n' "$@" | sort -n | tail -1; }

echo "parse-only floor (go test -bench BenchmarkParseOnly ./source/terraform) ..." >&2
floor_ns=$(cd "$repo" && AKSGUARD_TF_CORPUS=$corpus go test -run '^$' -bench 'BenchmarkParseOnly$' -benchtime 3x ./source/terraform |
	awk '/^BenchmarkParseOnly/ {for (i = 1; i <= NF; i++) if ($i == "ns/op") print $(i - 1)}')

echo "checking the verdicts against $truth ..." >&2
check=$(cd "$repo" && go run ./internal/benchcheck -truth "$truth" -report "$work/report.json") || { echo "$check"; exit 1; }

printf 'aksguard scan of %s Terraform environments (%s CPUs; load average before the runs: %s)\n' "$n" "$(nproc)" "$load"
printf '  %-32s %s s (runs: %s)\n' "wall time, median of $runs runs:" "$(median "${walls[@]}")" "${walls[*]}"
printf '  %-32s %s MB (max %s MB)\n' "peak RSS, median:" "$(($(median "${rsss[@]}" | cut -d. -f1) / 1024))" "$(($(max "${rsss[@]}") / 1024))"
printf '  %-32s %s s\n' "parse-only floor (hclsyntax):" "$(awk -v ns="$floor_ns" 'BEGIN {printf "%.2f", ns / 1e9}')"
printf '  %s\n' "$check"
