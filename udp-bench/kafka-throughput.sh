#!/usr/bin/env bash
# Throughput into Kafka (issue 15): udp-client load at fixed rates -> udp-server --sink kafka ->
# a local single-node KRaft broker (kafka_2.13 from Maven Central), all on this machine. For each
# rate: a fresh topic and server, a warm-up, then DURATION seconds of '! I 2s Q 2h f' records;
# the server is stopped (SIGTERM: its sink flushes with a deadline) and the records the topic
# gained during the measured run are compared with the datagrams the client sent in it.
#   udp-bench/kafka-throughput.sh [DURATION=10] RATE...        e.g. 10 20000 50000 80000
# WARMUP=5: seconds of load at the same rate before the measured DURATION, not counted.
# SERVER_EXTRA (e.g. "--stats-interval 1") is added to the server's options.
# SINK_SPEC_EXTRA=',value=raw' (or any other spec keys) is appended to the kafka sink's spec.
# Output: one line per rate on stdout (with the CPU seconds the server, the broker and the client
# used during the load); logs in udp-bench/target/kafka-throughput/. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
warmup=${WARMUP:-5}
shift || true
rates=("${@:-20000 50000}")
out=udp-bench/target/kafka-throughput
rm -rf "$out" && mkdir -p "$out/broker/data"
server_jar=udp-server/target/udp-server.jar
client_jar=udp-client/target/udp-client.jar
[[ -f "$server_jar" && -f "$client_jar" ]] || mvn -B -q package -pl udp-server,udp-client -am -DskipTests
# The broker's class path as Maven resolved it for the tests (kafka_2.13 4.4.0 and its dependencies).
broker_cp=udp-sink-kafka/target/test-classes/io/udpkit/sink/kafka/testing/broker.classpath
[[ -f "$broker_cp" ]] || mvn -B -q generate-test-resources -pl udp-sink-kafka -am
cp=$(cat "$broker_cp")

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
topic_count() {
  java -Dlogback.configurationFile="$PWD/$out/broker/logback.xml" -cp "$cp" \
    udp-bench/src/main/kafka/TopicCount.java "127.0.0.1:$bport" "$1" 2>/dev/null | tail -1
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
free_udp_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
bport=$(free_port); cport=$(free_port)
cat > "$out/broker/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$bport,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$bport
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$PWD/$out/broker/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
auto.create.topics.enable=true
PROPS
printf '<configuration><appender name="o" class="ch.qos.logback.core.ConsoleAppender"><encoder><pattern>%%msg%%n</pattern></encoder></appender><root level="WARN"><appender-ref ref="o"/></root></configuration>\n' > "$out/broker/logback.xml"
broker_java=(java -Xms512m -Xmx512m -Dlogback.configurationFile="$PWD/$out/broker/logback.xml" -cp "$cp")
"${broker_java[@]}" kafka.tools.StorageTool format -t "$(python3 -c 'import base64,uuid; print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))')" \
  -c "$out/broker/server.properties" > "$out/broker/format.log" 2>&1
"${broker_java[@]}" kafka.Kafka "$out/broker/server.properties" > "$out/broker/broker.log" 2>&1 &
broker=$!
trap 'kill -TERM $broker 2>/dev/null || true' EXIT
for _ in $(seq 600); do (echo > /dev/tcp/127.0.0.1/$bport) 2>/dev/null && break; sleep 0.1; done
sleep 2
echo "broker 127.0.0.1:$bport (pid $broker); duration ${duration}s per rate"

for rate in ${rates[@]}; do
  topic="records-$rate"
  port=$(free_udp_port)
  java -Xms256m -Xmx256m -jar "$server_jar" --port "$port" --format '! I 2s Q 2h f' --reply none \
    --output none --rcvbuf 4194304 ${SERVER_EXTRA:-} --sink kafka \
    --sink-spec "bootstrap=127.0.0.1:$bport,topic=$topic${SINK_SPEC_EXTRA:-}" 2> "$out/server-$rate.err" &
  server=$!
  for _ in $(seq 600); do grep -qs 'producing to topic' "$out/server-$rate.err" && break; sleep 0.1; done
  # Warm-up at the same rate (JIT, class loading, the producer's first batches), not counted:
  # the topic's count after it settles is the baseline.
  java -jar "$client_jar" load --port "$port" --format '! I 2s Q 2h f' --values '[1,"ab",2,3,3,2.5]' \
    --rate "$rate" --duration "$warmup" --json > "$out/warmup-$rate.json" 2> /dev/null
  sleep 3
  base=$(topic_count "$topic")
  server_cpu0=$(cpu_ticks "$server"); broker_cpu0=$(cpu_ticks "$broker")
  /usr/bin/time -f '%U %S' -o "$out/client-$rate.time" java -jar "$client_jar" load --port "$port" --format '! I 2s Q 2h f' --values '[1,"ab",2,3,3,2.5]' \
    --rate "$rate" --duration "$duration" --json > "$out/client-$rate.json" 2> "$out/client-$rate.err"
  server_cpu=$(( $(cpu_ticks "$server") - server_cpu0 )); broker_cpu=$(( $(cpu_ticks "$broker") - broker_cpu0 ))
  kill -TERM "$server"; wait "$server" || true
  client_cpu=$(awk '{printf "%.1f", $1 + $2}' "$out/client-$rate.time")
  sent=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sent"])' "$out/client-$rate.json")
  in_topic=$(( $(topic_count "$topic") - base ))
  stats=$(tail -1 "$out/server-$rate.err")
  tick=$(getconf CLK_TCK)
  echo "rate=$rate sent=$sent in_topic=$in_topic loss=$((sent - in_topic)) cpu_s(server/broker/client)=$(awk -v s="$server_cpu" -v b="$broker_cpu" -v t="$tick" 'BEGIN{printf "%.1f/%.1f", s/t, b/t}')/$client_cpu ${stats}"
done
