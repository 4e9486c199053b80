#!/usr/bin/env bash
# fleet-check.sh: two udp-server instances behind nginx (stream module, UDP) on loopback.
#
# Starts both instances on free ports, runs nginx in the foreground with udpkit-stream.conf
# (the file in this directory, with free ports substituted) and a prefix, pid file and error log
# of its own in a temporary directory, drives the CPython client (fleet_client.py) through
# nginx from several source ports, waits for every echo to come back through nginx, stops
# everything, and checks that every record reached exactly one instance exactly once, with
# the values CPython packed, and that both instances received some.
#
# With --kafka, the instances write each record to a Kafka topic (the kafka sink, value = the
# JSON document) instead of stdout; the script checks that each instance's sink delivered all
# it decoded, and the topic's values are then checked with fleet_client.py verify --json (the
# test NginxKafkaFleetTest reads the topic and does that).
#
# Usage: deploy/nginx/fleet-check.sh [options]
#   --server-jar JAR   udp-server's shaded jar (default: udp-server/target/udp-server.jar)
#   --server-cp CP     run io.udpkit.server.cli.UdpServerCommand from this class path instead
#   --java JAVA        the java launcher (default: java)
#   --python PYTHON    CPython 3 (default: python3)
#   --records N        records to send (default: 400)
#   --senders K        client sockets, i.e. distinct source ports (default: 8)
#   --check-nginx      only say whether nginx with the stream module is usable (exit 0 or 3)
#   --install-nginx    install it with apt-get if missing (root or password-less sudo), and exit
#   --kafka BOOTSTRAP  send records to Kafka at HOST:PORT[,HOST:PORT] (udp-sink-kafka on the
#                      server's class path) instead of printing them
#   --topic NAME       the Kafka topic (default: udpkit-fleet)
#   --workdir DIR      use DIR (created, kept) for logs and config instead of a temporary one
#   --keep             keep the temporary directory (logs, config) and print its path
#
# Exit codes: 0 checked, 1 check failed, 2 usage error, 3 nginx with the stream module missing.
# Every wait is bounded; a run takes well under two minutes. Only processes this script started
# are stopped, by their process ids.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

SERVER_JAR="$ROOT/udp-server/target/udp-server.jar"
SERVER_CP=""
JAVA=java
PYTHON=python3
RECORDS=400
SENDERS=8
MODE=run
KEEP=0
KAFKA=""
TOPIC=udpkit-fleet
WORKDIR=""

usage_error() {
    echo "fleet-check.sh: $*" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --server-jar) SERVER_JAR=${2:?--server-jar needs a file}; shift 2 ;;
        --server-cp) SERVER_CP=${2:?--server-cp needs a class path}; shift 2 ;;
        --java) JAVA=${2:?--java needs a program}; shift 2 ;;
        --python) PYTHON=${2:?--python needs a program}; shift 2 ;;
        --records) RECORDS=${2:?--records needs a number}; shift 2 ;;
        --senders) SENDERS=${2:?--senders needs a number}; shift 2 ;;
        --check-nginx) MODE=check; shift ;;
        --install-nginx) MODE=install; shift ;;
        --kafka) KAFKA=${2:?--kafka needs HOST:PORT}; shift 2 ;;
        --topic) TOPIC=${2:?--topic needs a name}; shift 2 ;;
        --workdir) WORKDIR=${2:?--workdir needs a directory}; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) usage_error "unknown argument: $1 (see --help)" ;;
    esac
done
[[ "$RECORDS" =~ ^[1-9][0-9]{0,5}$ ]] || usage_error "--records must be 1..999999: $RECORDS"
[[ "$SENDERS" =~ ^[1-9][0-9]{0,2}$ ]] || usage_error "--senders must be 1..999: $SENDERS"
[[ "$TOPIC" =~ ^[A-Za-z0-9._-]{1,249}$ ]] || usage_error "--topic must be 1..249 of [A-Za-z0-9._-]: $TOPIC"
[[ -z "$KAFKA" || "$KAFKA" =~ ^[A-Za-z0-9.:,_-]+$ ]] || usage_error "--kafka needs HOST:PORT[,HOST:PORT]: $KAFKA"

# Prints the load_module line nginx needs for the stream module (nothing when it is built in);
# fails when nginx or its stream module is missing.
stream_module_line() {
    command -v nginx >/dev/null 2>&1 || return 1
    local build
    build=$(nginx -V 2>&1) || return 1
    if [[ "$build" == *"--with-stream=dynamic"* ]]; then
        local modules=/usr/lib/nginx/modules
        if [[ "$build" =~ --modules-path=([^ ]+) ]]; then
            modules=${BASH_REMATCH[1]}
        fi
        [ -f "$modules/ngx_stream_module.so" ] || return 1
        echo "load_module $modules/ngx_stream_module.so;"
    elif [[ "$build" =~ --with-stream( |$) ]]; then
        echo ""
    else
        return 1
    fi
}

# Debian (bookworm and bullseye): the nginx package holds the server, built with the stream
# module as a dynamic module that the libnginx-mod-stream package ships. (nginx-light is a
# transitional package on bookworm and does not bring the stream module.)
install_nginx() {
    if stream_module_line >/dev/null; then
        echo "fleet-check.sh: nginx with the stream module is installed"
        return 0
    fi
    command -v apt-get >/dev/null 2>&1 || { echo "fleet-check.sh: no apt-get to install nginx" >&2; return 3; }
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { echo "fleet-check.sh: installing nginx needs root" >&2; return 3; }
        sudo=(sudo -n)
    fi
    echo "fleet-check.sh: installing nginx and libnginx-mod-stream with apt-get"
    DEBIAN_FRONTEND=noninteractive timeout 600 "${sudo[@]}" apt-get update -q \
        && DEBIAN_FRONTEND=noninteractive timeout 600 "${sudo[@]}" apt-get install -y -q \
            --no-install-recommends nginx libnginx-mod-stream \
        || { echo "fleet-check.sh: apt-get could not install nginx" >&2; return 3; }
    stream_module_line >/dev/null || { echo "fleet-check.sh: nginx installed but its stream module is not usable" >&2; return 3; }
}

case "$MODE" in
    install) install_nginx; exit $? ;;
    check)
        if stream_module_line >/dev/null; then echo "nginx with the stream module: $(command -v nginx)"; exit 0; fi
        echo "fleet-check.sh: nginx with the stream module is not installed (Debian: apt-get install nginx libnginx-mod-stream, or run this script with --install-nginx)" >&2
        exit 3 ;;
esac

if ! LOAD_MODULE=$(stream_module_line); then
    echo "fleet-check.sh: nginx with the stream module is not installed (Debian: apt-get install nginx libnginx-mod-stream, or run this script with --install-nginx)" >&2
    exit 3
fi
command -v "$PYTHON" >/dev/null 2>&1 || usage_error "no CPython: $PYTHON"
if [ -n "$SERVER_CP" ]; then
    SERVER=("$JAVA" -Xmx128m -XX:TieredStopAtLevel=1 -cp "$SERVER_CP" io.udpkit.server.cli.UdpServerCommand)
else
    [ -f "$SERVER_JAR" ] || usage_error "no $SERVER_JAR (build it with mvn -B package, or give --server-cp)"
    SERVER=("$JAVA" -Xmx128m -XX:TieredStopAtLevel=1 -jar "$SERVER_JAR")
fi

if [ -n "$WORKDIR" ]; then
    mkdir -p "$WORKDIR"
    WORK=$(cd "$WORKDIR" && pwd)
    KEEP=1
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/udpkit-fleet.XXXXXX")
fi
PIDS=()
OK=0

# Stops what this script started: SIGTERM, up to 10 s, then SIGKILL; by process id only.
stop_pid() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        [ -n "$pid" ] && stop_pid "$pid"
    done
    if [ "$OK" -ne 1 ]; then
        for log in "$WORK"/*.err "$WORK"/nginx-error.log; do
            [ -f "$log" ] || continue
            echo "--- last lines of $(basename "$log")" >&2
            tail -n 15 "$log" >&2
        done
    fi
    if [ "$KEEP" -eq 1 ]; then
        [ -n "$WORKDIR" ] || echo "fleet-check.sh: kept $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() {
    echo "fleet-check.sh: FAILED: $*" >&2
    exit 1
}

# Waits up to $3 seconds for a line matching the extended regex $2 in file $1; prints the
# first capture group.
await_line() {
    local file=$1 pattern=$2 seconds=$3 line
    for _ in $(seq $((seconds * 10))); do
        if line=$(grep -E -o -m1 "$pattern" "$file" 2>/dev/null); then
            [[ "$line" =~ $pattern ]] && echo "${BASH_REMATCH[1]}" && return 0
        fi
        sleep 0.1
    done
    return 1
}

FORMAT=$("$PYTHON" "$HERE/fleet_client.py" format)

if [ -n "$KAFKA" ]; then
    OUTPUT=(--output none --sink kafka --sink-spec "bootstrap=$KAFKA,topic=$TOPIC")
else
    OUTPUT=(--output json)
fi

start_instance() {
    local name=$1
    "${SERVER[@]}" --port 0 --format "$FORMAT" --reply echo "${OUTPUT[@]}" \
        >"$WORK/$name.out" 2>"$WORK/$name.err" &
    PIDS+=($!)
}

start_instance instance1
start_instance instance2
PORT1=$(await_line "$WORK/instance1.err" 'listening on 127\.0\.0\.1:([0-9]+)' 60) \
    || fail "instance1 did not start"
PORT2=$(await_line "$WORK/instance2.err" 'listening on 127\.0\.0\.1:([0-9]+)' 60) \
    || fail "instance2 did not start"

# A UDP port that was free a moment ago, for nginx to listen on.
LB_PORT=$("$PYTHON" -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# The shipped stream block with the example ports replaced; each replacement must happen once.
sed -e "s/listen 127\.0\.0\.1:9999 udp/listen 127.0.0.1:$LB_PORT udp/" \
    -e "s/server 127\.0\.0\.1:10001;/server 127.0.0.1:$PORT1;/" \
    -e "s/server 127\.0\.0\.1:10002;/server 127.0.0.1:$PORT2;/" \
    "$HERE/udpkit-stream.conf" >"$WORK/udpkit-stream.conf"
for expected in "listen 127.0.0.1:$LB_PORT udp" "server 127.0.0.1:$PORT1;" "server 127.0.0.1:$PORT2;"; do
    [ "$(grep -c -F "$expected" "$WORK/udpkit-stream.conf")" -eq 1 ] \
        || fail "udpkit-stream.conf no longer has the example address this script replaces ($expected)"
done

cat >"$WORK/nginx.conf" <<EOF
$LOAD_MODULE
daemon off;
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log notice;
events {
    worker_connections 256;
}
include $WORK/udpkit-stream.conf;
EOF

timeout 30 nginx -t -q -e "$WORK/nginx-error.log" -p "$WORK" -c "$WORK/nginx.conf" \
    || fail "nginx rejected the configuration"
nginx -e "$WORK/nginx-error.log" -p "$WORK" -c "$WORK/nginx.conf" 2>>"$WORK/nginx-error.log" &
PIDS+=($!)

# Ready when a probe comes back through nginx (instances echo undecodable datagrams too, and
# count them as undecodable, not decoded).
timeout 30 "$PYTHON" - "$LB_PORT" <<'EOF' || fail "nothing came back through nginx on port $LB_PORT"
import socket, sys, time
target = ("127.0.0.1", int(sys.argv[1]))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(0.2)
for _ in range(100):
    s.sendto(b"probe", target)
    try:
        if s.recvfrom(100)[0] == b"probe":
            sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
EOF

SENT=$(timeout 120 "$PYTHON" "$HERE/fleet_client.py" send --port "$LB_PORT" \
        --records "$RECORDS" --senders "$SENDERS") \
    || fail "the client did not get every echo back through nginx"

# Stop the instances first (SIGTERM: each prints its final stats line), then nginx.
stop_pid "${PIDS[0]}"
stop_pid "${PIDS[1]}"
PIDS[0]="" PIDS[1]=""  # reaped: their ids may be reused, so cleanup must not signal them
STATS=(--stats "$WORK/instance1.err" "$WORK/instance2.err")
if [ -n "$KAFKA" ]; then
    CHECK=(--sink kafka)
else
    CHECK=(--json "$WORK/instance1.out" "$WORK/instance2.out" --per-instance)
fi
VERIFIED=$("$PYTHON" "$HERE/fleet_client.py" verify --records "$RECORDS" "${STATS[@]}" "${CHECK[@]}") \
    || fail "the records the instances decoded are not the records sent, exactly once"

OK=1
echo "fleet-check.sh: client: $SENT"
echo "fleet-check.sh: instances: $VERIFIED"
if [ -n "$KAFKA" ]; then
    echo "fleet-check.sh: topic $TOPIC at $KAFKA holds the records; check them with: $HERE/fleet_client.py verify --records $RECORDS --json VALUES.jsonl ${STATS[*]}"
fi
echo "fleet-check.sh: OK records=$RECORDS via=nginx:$LB_PORT instances=127.0.0.1:$PORT1,127.0.0.1:$PORT2"
