#!/usr/bin/env bash
# The reference deployment on one machine, on loopback: PostgreSQL, two app nodes and nginx (deploy/nginx/partyorg.conf).
#   scripts/cluster.sh up   [DIR]   → starts everything, ends with one line "lb=http://127.0.0.1:P node1=… node2=…"
#   scripts/cluster.sh start-node DIR N → starts node N (1 or 2) again after it was stopped or killed
#   scripts/cluster.sh down [DIR]   → stops what `up` started in DIR and removes DIR
# DIR (default /tmp/partyorg-cluster) holds the state: pids, logs (node1.log, node2.log, nginx-*.log), data directories.
# Environment:
#   PARTYORG_APP_DIR             the published app (default artifacts/app, published there when missing)
#   PARTYORG_CLUSTER_CONNECTION  a PostgreSQL connection string to use as is (its database must exist); by default a
#                                throwaway server is started with scripts/postgres.sh
#   PARTYORG_CLUSTER_SEED        demo data scale seeded before the nodes start (default 1; 0: no seeding)
#   PARTYORG_CLUSTER_CATCHUP     Briefings:CatchUpQuarters of the nodes (default: the app's)
#   PARTYORG_CLUSTER_TIMEOUT     seconds to wait for a node to be healthy (default 180)
# Progress goes to stderr; stdout carries the one line of addresses only.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
cmd=${1:?usage: cluster.sh up|down [DIR] | start-node DIR N}
dir=${2:-/tmp/partyorg-cluster}

say() { printf 'cluster: %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }

free_port() {
  # A port nothing listens on, from a range of its own (scripts/test.sh uses 56000-59999 for PostgreSQL).
  local p
  for _ in $(seq 1 50); do
    p=$(( 60000 + RANDOM % 5000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  fail "no free port found"
}

wait_healthy() { # name url pidfile
  local deadline=$(( SECONDS + ${PARTYORG_CLUSTER_TIMEOUT:-180} ))
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$(cat "$3")" 2>/dev/null || fail "$1 exited before it was healthy; see $dir/$1.log"
    if curl -fsS -m 5 "$2/healthz" 2>/dev/null | grep -q '"status":"Healthy"'; then return; fi
    sleep 1
  done
  fail "$1 was not healthy within ${PARTYORG_CLUSTER_TIMEOUT:-180} s; see $dir/$1.log"
}

start_node() { # n port — settings from $dir/cluster.env; the log is appended to, so a restarted node keeps its history
  local n=$1 port=$2
  mkdir -p "$dir/node$n"
  env -u ASPNETCORE_URLS -u ASPNETCORE_HTTP_PORTS -u PARTYORG_DATA_DIR \
    ASPNETCORE_ENVIRONMENT=Production \
    PartyOrg__NodeName="node$n" \
    Proxy__TrustedAddresses__0=127.0.0.1 \
    ${catchup:+Briefings__CatchUpQuarters=$catchup} \
    setsid dotnet "$app/PartyOrg.Dashboard.dll" --provider Postgres --connection "$connection" \
      --data-dir "$dir/node$n" --urls "http://127.0.0.1:$port" >>"$dir/node$n.log" 2>&1 < /dev/null &
  echo $! > "$dir/node$n.pid"
}

stop_pid() { # pidfile
  [ -f "$1" ] || return 0
  local pid; pid=$(cat "$1")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

case "$cmd" in
  up)
    [ -e "$dir/cluster.env" ] && fail "$dir holds a running cluster; run: scripts/cluster.sh down $dir"
    mkdir -p "$dir"
    # --- tools: curl, PostgreSQL's binaries, Debian's nginx (installed as scripts/test.sh installs its tools) ---
    need=()
    command -v curl >/dev/null || need+=(curl)
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
    if [ -z "${PARTYORG_CLUSTER_CONNECTION:-}" ]; then
      command -v initdb >/dev/null || ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
    fi
    if [ ${#need[@]} -gt 0 ]; then
      say "installing ${need[*]}"
      sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
      $sudo_cmd apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null \
        || fail "could not install ${need[*]}"
    fi
    nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
    if ! command -v initdb >/dev/null; then
      pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
      [ -n "$pgbin" ] && export PATH="$pgbin:$PATH"
    fi

    # --- the app ---
    app=${PARTYORG_APP_DIR:-$root/artifacts/app}
    if [ ! -f "$app/PartyOrg.Dashboard.dll" ]; then
      say "publishing the app to $app"
      dotnet publish src/PartyOrg.Dashboard -c Release -o "$app" -nologo -v:q -clp:ErrorsOnly >&2 || fail "publish failed"
    fi

    # --- PostgreSQL ---
    if [ -n "${PARTYORG_CLUSTER_CONNECTION:-}" ]; then
      connection=$PARTYORG_CLUSTER_CONNECTION
    else
      chmod 755 "$dir"
      pgport=$(free_port)
      say "starting PostgreSQL on 127.0.0.1:$pgport"
      connection=$(scripts/postgres.sh start "$dir/pg" "$pgport") || fail "PostgreSQL did not start"
      echo "$dir/pg" > "$dir/postgres.started"
    fi

    # Demo data is seeded once, before the nodes start: two nodes seeding an empty database together would collide.
    scale=${PARTYORG_CLUSTER_SEED:-1}
    if [ "$scale" != "0" ]; then
      say "seeding the demo data set (scale $scale)"
      dotnet "$app/PartyOrg.Dashboard.dll" seed-demo --scale "$scale" --provider Postgres --connection "$connection" --data-dir "$dir/seed" >"$dir/seed.log" 2>&1 \
        || grep -q "already holds organisation units" "$dir/seed.log" || fail "seeding failed; see $dir/seed.log"
    fi

    lb=$(free_port); p1=$(free_port); p2=$(free_port)
    while [ "$p1" = "$lb" ] || [ "$p2" = "$lb" ] || [ "$p1" = "$p2" ]; do p1=$(free_port); p2=$(free_port); done
    catchup=${PARTYORG_CLUSTER_CATCHUP:-}
    printf 'app=%q\nconnection=%q\ncatchup=%q\nlb=%s\nnode1=%s\nnode2=%s\n' "$app" "$connection" "$catchup" "$lb" "$p1" "$p2" > "$dir/cluster.env"

    # --- two nodes, started together ---
    start_node 1 "$p1"
    start_node 2 "$p2"
    say "node1 on 127.0.0.1:$p1, node2 on 127.0.0.1:$p2 (logs in $dir)"

    # --- nginx with the reference site, its addresses rewritten to these ports ---
    mkdir -p "$dir/nginx"
    sed -e "s/listen 80;/listen 127.0.0.1:$lb;/" -e "s/127\.0\.0\.1:5001/127.0.0.1:$p1/" -e "s/127\.0\.0\.1:5002/127.0.0.1:$p2/" \
      deploy/nginx/partyorg.conf > "$dir/nginx/partyorg.conf"
    cat > "$dir/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    access_log $dir/nginx-access.log;
    client_body_temp_path $dir/nginx/body;
    proxy_temp_path $dir/nginx/proxy;
    fastcgi_temp_path $dir/nginx/fastcgi;
    uwsgi_temp_path $dir/nginx/uwsgi;
    scgi_temp_path $dir/nginx/scgi;
    include $dir/nginx/partyorg.conf;
}
NGINX
    "$nginx_bin" -t -q -e "$dir/nginx-error.log" -p "$dir/nginx" -c "$dir/nginx/nginx.conf" 2>&1 >&2 || fail "nginx refused the configuration"
    "$nginx_bin" -e "$dir/nginx-error.log" -p "$dir/nginx" -c "$dir/nginx/nginx.conf" || fail "nginx did not start; see $dir/nginx-error.log"

    wait_healthy node1 "http://127.0.0.1:$p1" "$dir/node1.pid"
    wait_healthy node2 "http://127.0.0.1:$p2" "$dir/node2.pid"
    curl -fsS -m 5 "http://127.0.0.1:$lb/healthz" >/dev/null || fail "nginx does not reach the nodes; see $dir/nginx-error.log"
    echo "lb=http://127.0.0.1:$lb node1=http://127.0.0.1:$p1 node2=http://127.0.0.1:$p2"
    ;;
  start-node)
    # Starts node N again after it was stopped or killed (kill -9 in the cluster tests), and waits until it is healthy.
    # PARTYORG_CLUSTER_CATCHUP, when set, replaces the catch-up look-back `up` was given.
    n=${3:?usage: cluster.sh start-node DIR 1|2}
    [ -f "$dir/cluster.env" ] || fail "no cluster in $dir"
    # shellcheck disable=SC1091
    source "$dir/cluster.env"
    catchup=${PARTYORG_CLUSTER_CATCHUP-$catchup}
    if [ -f "$dir/node$n.pid" ] && kill -0 "$(cat "$dir/node$n.pid")" 2>/dev/null; then fail "node$n is running"; fi
    port=$([ "$n" = 1 ] && echo "$node1" || echo "$node2")
    start_node "$n" "$port"
    wait_healthy "node$n" "http://127.0.0.1:$port" "$dir/node$n.pid"
    ;;
  down)
    [ -d "$dir" ] || exit 0
    if [ -f "$dir/nginx/nginx.pid" ]; then
      nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
      "$nginx_bin" -e "$dir/nginx-error.log" -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -s quit 2>/dev/null || true
      for _ in $(seq 1 20); do [ -f "$dir/nginx/nginx.pid" ] || break; sleep 0.5; done
    fi
    stop_pid "$dir/node1.pid"
    stop_pid "$dir/node2.pid"
    if [ -f "$dir/postgres.started" ]; then
      scripts/postgres.sh stop "$(cat "$dir/postgres.started")" >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    fail "unknown command '$cmd' (up, start-node, down)";;
esac
