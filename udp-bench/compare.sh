#!/usr/bin/env bash
# Loopback comparison of udpkit with C, the plain JDK, Netty and Python (see udp-bench/README.md).
# Builds the shaded benchmark jar if needed, then runs `compare` with any options given, e.g.
#   udp-bench/compare.sh --seconds 10 --repeats 3
#   udp-bench/compare.sh --java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --only udpkit-batch,udpkit-nio
# Results: udp-bench/target/compare/results.json and compare.png (or in --out DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=udp-bench/target/udp-bench.jar
if [[ ! -f "$jar" ]]; then
  mvn -B -q package -pl udp-bench -am -DskipTests
fi
out=(--out udp-bench/target/compare)
for arg in "$@"; do
  [[ "$arg" == --out || "$arg" == --out=* ]] && out=()
done
exec java -cp "$jar" io.udpkit.bench.compare.Compare "${out[@]}" "$@"
