#!/usr/bin/env bash
# Verified decisions per second with receipts, and p50/p99 latency, on loopback with wrk.
#
#   bench/server/run_wrk.sh [PROOF_BINARY]      (env: DURATION=10s CONNECTIONS=64 THREADS=2
#                                                IO_THREADS=the server's, bench.yaml's 2 if unset
#                                                SYNC_TRACE=1 times the server's fdatasyncs)
#
# Starts `proof serve --dev` on a fresh data directory (RocksDB, synced group commits), uploads
# the example lksg.v1 pack, then runs, in the same process and on the same machine:
#   1. GET /healthz                   the HTTP floor (no auth, no work)
#   2. GET /v1/checkpoint             authenticated read (JWT, scope, quota, tree head)
#   3. POST /v1/verify dry_run:true   a verified decision without the ledger
#   4. POST /v1/verify                a verified decision with a durable receipt (the target)
# and prints requests/s, p50 and p99 for each (wrk's, corrected for coordinated omission, and
# the server's own from its request log), plus the ratio of 4 to the others. Any non-2xx
# response fails the run. Client and server share the machine's cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
PROOF=${1:-build/release/src/cli/proof}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is not installed (scripts/bootstrap installs it)"; exit 2; }
if [[ -n "${SYNC_TRACE:-}" ]] && ! command -v perf >/dev/null; then
  echo "SYNC_TRACE=1 needs perf (apt-get install linux-perf)"
  exit 2
fi
[[ -x "$PROOF" ]] || { echo "no proof binary at $PROOF (build it first)"; exit 2; }

# Dirty pages of earlier work (a build just linked) would be written back during the timed runs
# and queue ahead of the ledger's synced commits: start with none.
sync
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

config=bench/server/bench.yaml
if [[ -n "${IO_THREADS:-}" ]]; then
  sed "s/^threads: .*/threads: $IO_THREADS/" "$config" >"$work/bench.yaml"
  config=$work/bench.yaml
fi
io_threads=$(sed -n 's/^threads: //p' "$config")
"$PROOF" serve --dev --listen 127.0.0.1:0 --data "$work/data" --config "$config" \
  >"$work/serve.out" 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 100); do
  grep -q '^dev token:' "$work/serve.out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.1
done
base=$(sed -n 's/^listening: //p' "$work/serve.out")
export TOKEN=$(sed -n 's/^dev token: //p' "$work/serve.out")

tar -C examples/packs/lksg.v1 -cf "$work/lksg.tar" .
curl -sS --fail-with-body -o /dev/null -X PUT -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/x-tar" --data-binary "@$work/lksg.tar" "$base/v1/packs/lksg.v1"
python3 - "$work" <<'PY'
import json, sys
ctx = json.load(open("examples/context_ok.json"))
work = sys.argv[1]
json.dump({"pack": "lksg.v1", "input": ctx}, open(f"{work}/verify.json", "w"))
json.dump({"pack": "lksg.v1", "input": ctx, "dry_run": True}, open(f"{work}/dry_run.json", "w"))
PY
# One request of each kind first: the answers must be right before they are timed.
curl -sS --fail-with-body -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
  --data-binary "@$work/verify.json" "$base/v1/verify" >"$work/one.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["decision"]["allow"] is True and "receipt" in r, r' "$work/one.json"

server_cpu_ticks() {  # utime + stime of the server process, in clock ticks
  awk '{print $14 + $15}' "/proc/$server_pid/stat"
}

thread_cpu_ticks() {  # one line per server thread: tid name utime+stime (ticks)
  local t
  for t in /proc/"$server_pid"/task/*; do
    echo "${t##*/} $(tr ' ' _ <"$t/comm") $(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')"
  done
}

run() {  # name, wrk args...
  local name=$1; shift
  local out="$work/wrk-$(tr -c 'A-Za-z0-9' '_' <<<"$name").txt"  # names hold spaces and slashes
  local cpu_before cpu_after
  cpu_before=$(server_cpu_ticks)
  thread_cpu_ticks >"$work/threads_before"
  local log_from
  log_from=$(stat -c %s "$work/serve.log")
  local tracer=""
  if [[ -n "${SYNC_TRACE:-}" ]]; then
    # Kernel tracepoints, not ptrace: the server runs at full speed while traced.
    perf trace -e fdatasync -p "$server_pid" -o "$out.syncs" 2>/dev/null &
    tracer=$!
  fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$out"
  if [[ -n "$tracer" ]]; then
    kill -INT "$tracer"
    wait "$tracer" || true
  fi
  cpu_after=$(server_cpu_ticks)
  thread_cpu_ticks >"$work/threads_after"
  local log_to
  log_to=$(stat -c %s "$work/serve.log")
  if grep -q "Non-2xx" "$out"; then
    cat "$out"; echo "$name: non-2xx responses"; exit 1
  fi
  local rps p50 p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  local requests cpu_us
  requests=$(awk '/requests in/ {print $1}' "$out")
  # Server CPU (user + system) per request: what the machine's other load cannot distort.
  cpu_us=$(awk -v t=$((cpu_after - cpu_before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN {printf "%.0f", t / hz * 1e6 / n}')
  printf "%-30s %10s req/s   p50 %8s   p99 %8s   server CPU %5s us/req\n" \
    "$name" "$rps" "$p50" "$p99" "$cpu_us"
  echo "$name $rps" >>"$work/rates"
  # Which threads spent it (I/O threads are "http-io"; the ledger's commit and callback threads
  # and RocksDB's follow): where a p99 tail waits for CPU shows here.
  awk -v hz="$(getconf CLK_TCK)" -v n="$requests" '
    NR == FNR {before[$1] = $3; next}
    {us = ($3 - before[$1]) / hz * 1e6 / n; if (us >= 0.5) printf " %s %.0f", $2, us}
    END {print ""}' "$work/threads_before" "$work/threads_after" |
    sed 's/^/  server threads, us\/req:/'
  # wrk corrects its latencies for coordinated omission (wrk 4's stats_correct): a response
  # that took n request intervals also counts as the n-1 requests a client sending at the
  # measured rate would have queued behind it, so one 150 ms stall moves a 10 s run's p99.
  # The request log's latency_ms (request read to response ready, as the server saw it) is the
  # uncorrected figure: the gap between the two is the time no response could be made at all.
  tail -c +$((log_from + 1)) "$work/serve.log" | head -c $((log_to - log_from)) |
    sed -n 's/.*"latency_ms":\([0-9.]*\).*/\1/p' | sort -n |
    awk '{v[NR] = $1} END {if (NR) printf "  server-side (request log): p50 %.2fms   p99 %.2fms   max %.1fms\n", v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1], v[NR]}'
  # A synced write waits for whatever the disk has queued: the long ones show what stalled.
  [[ -n "$tracer" ]] && awk '
    match($0, /\( *[0-9.]+ ms\)/) {
      d = substr($0, RSTART + 1, RLENGTH - 5) + 0; n++; if (d > m) m = d
      if (d > 5) {slow++; slow_ms += d}
    }
    END {if (n) printf "  fdatasync: %d, over 5 ms: %d (%.0f ms in all), longest %.1f ms\n", n, slow, slow_ms, m}
  ' "$out.syncs"
  return 0
}

echo "proof serve on $base ($io_threads I/O threads): wrk -t$THREADS -c$CONNECTIONS -d$DURATION," \
  "$(nproc) cores shared," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
run "GET /healthz" "$base/healthz"
run "GET /v1/checkpoint (auth)" -s bench/server/get.lua "$base/v1/checkpoint"
BODY_FILE="$work/dry_run.json" run "POST /v1/verify dry_run" -s bench/server/verify.lua "$base/v1/verify"
BODY_FILE="$work/verify.json" run "POST /v1/verify + receipt" -s bench/server/verify.lua "$base/v1/verify"
size=$(curl -sS -H "Authorization: Bearer $TOKEN" "$base/v1/checkpoint" | python3 -c 'import json,sys; print(json.load(sys.stdin)["size"])')
echo "ledger entries written: $size"
awk '{r[NR]=$NF} END {printf "receipts/healthz %.2f   receipts/dry_run %.2f\n", r[4]/r[1], r[4]/r[3]}' "$work/rates"
grep -E '^(ledger|http_requests_total\{route="POST /v1/verify")' <(curl -sS -H "Authorization: Bearer $TOKEN" "$base/metrics") || true
