#!/usr/bin/env bash
# Measures the dashboard's UI on the demo data (README, "Performance"): the server-side render of each page,
# a drill-down click in Chromium, and memory per idle circuit. Starts the published app on a free port,
# runs tests/PartyOrg.Dashboard.UiMeasure against it, stops the app.
#   scripts/measure-ui.sh [--app DIR] [--data-dir DIR] [-- --requests 30 --rounds 2 --circuits 20]
# --app: a published app (default: publishes into artifacts/measure-app). --data-dir: a data directory to
# reuse (default: a fresh temp one; the first start seeds the demo province and computes its aggregates).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
app="" data="" extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --app) app=$2; shift 2 ;;
    --data-dir) data=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "usage: $0 [--app DIR] [--data-dir DIR] [-- measure options]" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ -z "$app" ]; then
  app="$root/artifacts/measure-app"
  echo "== publishing the app into $app"
  dotnet publish src/PartyOrg.Dashboard -c Release -o "$app" -nologo -v:q -clp:ErrorsOnly
fi
echo "== building the measuring program"
dotnet build tests/PartyOrg.Dashboard.UiMeasure -c Release -nologo -v:q -clp:ErrorsOnly

owned_data=""
if [ -z "$data" ]; then data=$(mktemp -d /tmp/partyorg-measure.XXXXXX); owned_data=$data; fi
port=$(( 52000 + RANDOM % 4000 ))
url="http://127.0.0.1:$port"
log="$data/measure-app.log"
echo "== starting the app at $url (data in $data, log $log)"
# From its own folder: the content root (static files, the assets manifest) is the working directory.
app=$(cd "$app" && pwd)
# Without the briefing catch-up, which would render a year of briefings in the background of the timings.
( cd "$app" && ASPNETCORE_ENVIRONMENT=Production Briefings__CatchUpQuarters=0 exec dotnet PartyOrg.Dashboard.dll --data-dir "$data" --urls "$url" ) >"$log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  [ -n "$owned_data" ] && rm -rf "$owned_data"
  return 0
}
trap cleanup EXIT

for _ in $(seq 1 600); do
  curl -fs "$url/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "the app stopped; see $log" >&2; tail -20 "$log" >&2; exit 1; }
  sleep 1
done
curl -fs "$url/healthz" >/dev/null || { echo "the app did not answer /healthz in 10 minutes" >&2; exit 1; }

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet tests/PartyOrg.Dashboard.UiMeasure/bin/Release/net10.0/PartyOrg.Dashboard.UiMeasure.dll --url "$url" --pid "$pid" "${extra[@]}"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
