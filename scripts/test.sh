#!/usr/bin/env bash
# The README's test command: installs what the tests need, starts a throwaway PostgreSQL 15,
# publishes the app (the end-to-end tests run the published output), runs every test project
# and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/TestResults"
rm -rf "$results" && mkdir -p "$results"

log() { printf '\n== %s\n' "$*"; }

# --- what the tests need on a fresh machine --------------------------------------------------
need_pkgs=()
[ -x /usr/bin/chromium ] || need_pkgs+=(chromium)
command -v initdb >/dev/null || need_pkgs+=(postgresql)
command -v npm >/dev/null || need_pkgs+=(npm)
fc-list 2>/dev/null | grep -qi dejavu || need_pkgs+=(fonts-dejavu-core)
# briefings: Liberation Serif for the documents; OCR and PDF tools for their tests
[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || need_pkgs+=(fonts-liberation2)
command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null && command -v pdffonts >/dev/null || need_pkgs+=(poppler-utils)
command -v tesseract >/dev/null || need_pkgs+=(tesseract-ocr)
[ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata 2>/dev/null)" ] || need_pkgs+=(tesseract-ocr-vie)
command -v soffice >/dev/null || need_pkgs+=(libreoffice-writer-nogui)
# the cluster tests: Debian's nginx in front of two app nodes (scripts/cluster.sh)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need_pkgs+=(nginx)
command -v curl >/dev/null || need_pkgs+=(curl)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing ${need_pkgs[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_pkgs[@]}" >/dev/null \
    || { echo "could not install ${need_pkgs[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi
if ! command -v initdb >/dev/null; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$pgbin" ] && export PATH="$pgbin:$PATH"
fi

# --- a throwaway PostgreSQL ------------------------------------------------------------------
pgdir=$(mktemp -d /tmp/partyorg-pg.XXXXXX)
pgport=$(( 56000 + RANDOM % 4000 ))
cleanup() { scripts/postgres.sh stop "$pgdir/data" >/dev/null 2>&1; rm -rf "$pgdir"; }
trap cleanup EXIT
log "starting PostgreSQL on 127.0.0.1:$pgport"
chmod 755 "$pgdir"
if ! PARTYORG_TEST_POSTGRES=$(scripts/postgres.sh start "$pgdir/data" "$pgport"); then
  echo "PostgreSQL did not start"; echo "0 passed, 1 failed"; exit 1
fi
export PARTYORG_TEST_POSTGRES

# --- build once, publish the app for the end-to-end tests --------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "building"
if ! dotnet build PartyOrg.Dashboard.sln -c Release -nologo -v:q -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"; exit 1
fi
log "publishing the app"
if ! dotnet publish src/PartyOrg.Dashboard -c Release -o "$root/artifacts/app" -nologo -v:q -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"; exit 1
fi
export PARTYORG_APP_DIR="$root/artifacts/app"
# The end-to-end tests' full-page screenshots (one per test and per page) land with the results.
export PARTYORG_SCREENSHOT_DIR="$results/screenshots"

# --- every test project ------------------------------------------------------------------------
status=0
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  grep -q 'Microsoft.NET.Test.Sdk' "$proj" || continue
  log "testing $name"
  dotnet test "$proj" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results/$name" || status=1
done

passed=0; failed=0
for trx in "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done
# A project that crashed before writing results still counts as a failure.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
