#!/usr/bin/env bash
# Soak run of the udp-server CLI (issue 7): a steady stream of '! I 2s Q 2h f' records for a fixed
# time, sampling heap-after-GC and RSS of the server every INTERVAL seconds, then checking that the
# server counted every datagram sent (no loss) from its final stats line.
#   udp-bench/soak.sh [SECONDS=300] [RATE=5000] [INTERVAL=30]
# Output: udp-bench/target/soak/samples.csv and a summary on stdout. Loopback only; bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
rate=${2:-5000}
interval=${3:-30}
out=udp-bench/target/soak
mkdir -p "$out"
jar=udp-server/target/udp-server.jar
[[ -f "$jar" ]] || mvn -B -q package -pl udp-server -am -DskipTests

port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -Xms64m -Xmx256m -jar "$jar" --port "$port" --format '! I 2s Q 2h f' --reply none --output none \
  --rcvbuf 4194304 2> "$out/server.err" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q 'listening on' "$out/server.err" && break; sleep 0.1; done

python3 udp-bench/src/main/soak/paced_sender.py 127.0.0.1 "$port" "$rate" "$seconds" > "$out/sender.out" &
sender=$!

echo "elapsed_s,heap_used_after_gc_kb,rss_kb" > "$out/samples.csv"
sample() {
  jcmd "$server" GC.run > /dev/null
  local heap rss
  heap=$(jcmd "$server" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1)
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
  echo "$1,$heap,$rss" >> "$out/samples.csv"
}
start=$(date +%s)
sample 0
while kill -0 "$sender" 2>/dev/null; do
  sleep "$interval"
  kill -0 "$sender" 2>/dev/null || break
  sample $(( $(date +%s) - start ))
done
wait "$sender"
sleep 1
sample $(( $(date +%s) - start ))
kill -TERM "$server"
wait "$server" || true
trap - EXIT

sent=$(awk '{print $2}' "$out/sender.out")
stats=$(tail -1 "$out/server.err")
received=$(sed -n 's/.*"received":\([0-9]*\).*/\1/p' <<< "$stats")
decoded=$(sed -n 's/.*"decoded":\([0-9]*\).*/\1/p' <<< "$stats")
echo "soak: ${seconds}s at ${rate}/s: sent $sent, received $received, decoded $decoded, lost $((sent - received))"
echo "$stats"
column -s, -t < "$out/samples.csv"
