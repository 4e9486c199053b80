#!/usr/bin/env bash
# Makes a JDK AOT cache for udp-server from a training run with real traffic (JDK 25 or later:
# JEP 483 classes loaded and linked ahead of time, JEP 515 method profiles, JEP 514 one-step
# -XX:AOTCacheOutput), so a server started with it starts warm:
#
#   udp-server/aot-train.sh udp-server.aot --format '! I 2s Q 2h f' --reply echo --output none
#   java -XX:AOTCache=udp-server.aot -jar udp-server/target/udp-server.jar --format '! I 2s Q 2h f' --reply echo --output none
#
# The first argument is the cache to write; the rest are the udp-server options you will run with
# (not --port, --host or --idle-timeout: training binds 127.0.0.1 on a free port and stops after
# 2 idle seconds). udp-client's load generator sends records of the format's size (python3
# computes it; set TRAIN_SIZE otherwise) and expects replies when --reply is not none.
# Environment: JAVA (default: java on PATH; must be 25+), TRAIN_SECONDS (10), TRAIN_RATE (20000).
# The cache fits this JDK build and this jar: rebuild either and train again (the JVM warns and
# starts without it otherwise). Keep the cache as protected as the jar (see SECURITY.md).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -lt 1 || "$1" == -* ]]; then
  echo "usage: udp-server/aot-train.sh CACHE_FILE [udp-server options...]" >&2
  exit 2
fi
cache=$1
shift
java=${JAVA:-java}
seconds=${TRAIN_SECONDS:-10}
rate=${TRAIN_RATE:-20000}
server_jar=udp-server/target/udp-server.jar
client_jar=udp-client/target/udp-client.jar

feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [[ -z "$feature" || "${feature%%.*}" -lt 25 ]]; then
  echo "aot-train: $java is Java ${feature:-unknown}; the AOT cache needs 25 or later (set JAVA)" >&2
  exit 2
fi
for arg in "$@"; do
  case "$arg" in
    --port|--port=*|--host|--host=*|--idle-timeout|--idle-timeout=*)
      echo "aot-train: leave out $arg; training binds 127.0.0.1 on a free port and stops when idle" >&2
      exit 2 ;;
  esac
done
if [[ ! -f "$server_jar" || ! -f "$client_jar" ]]; then
  mvn -B -q package -pl udp-server,udp-client -am -DskipTests
fi

# The record size for the load generator: from --format, through CPython's struct.
size=${TRAIN_SIZE:-}
expect_reply=--expect-reply
prev=
for arg in "$@"; do
  if [[ "$prev" == --format && -z "$size" ]]; then
    size=$(python3 -c 'import struct, sys; print(struct.calcsize(sys.argv[1]))' "$arg")
  fi
  if [[ "$prev" == --reply && "$arg" == none ]]; then
    expect_reply=
  fi
  prev=$arg
done
size=${size:-64}

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
"$java" -XX:AOTCacheOutput="$cache" -jar "$server_jar" "$@" --host 127.0.0.1 --port 0 --idle-timeout 2 \
  >/dev/null 2>"$work/server.log" &
server=$!
port=
for _ in $(seq 1 300); do
  port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/server.log" | head -n 1)
  [[ -n "$port" ]] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
if [[ -z "$port" ]]; then
  echo "aot-train: the training server did not start:" >&2
  cat "$work/server.log" >&2
  exit 1
fi
echo "aot-train: training on 127.0.0.1:$port, ${seconds} s at ${rate}/s, ${size}-byte records" >&2
"$java" -jar "$client_jar" load --host 127.0.0.1 --port "$port" --size "$size" --rate "$rate" \
  --duration "$seconds" $expect_reply >"$work/load.txt"
# The server stops after 2 idle seconds; at exit the JVM writes the cache (a second JVM
# assembles it, which takes some seconds).
for _ in $(seq 1 1800); do
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$server" 2>/dev/null; then
  echo "aot-train: the training server did not exit within 3 minutes" >&2
  exit 1
fi
wait "$server" || true
if [[ ! -s "$cache" ]]; then
  echo "aot-train: no cache written; the server's log:" >&2
  cat "$work/server.log" >&2
  exit 1
fi
echo "aot-train: wrote $cache ($(du -k "$cache" | cut -f1) KiB). Start the server with:" >&2
printf '%q -XX:AOTCache=%q -jar %s' "$java" "$cache" "$server_jar" >&2
printf ' %q' "$@" >&2
echo >&2
