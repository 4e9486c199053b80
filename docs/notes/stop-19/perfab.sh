#!/usr/bin/env bash
# perfab.sh NAME QUOTA_US -- receiver command...
# Stop 19's profiling of one receiver (issue 12): the receiver pinned to core 1 inside a CFS quota
# of QUOTA_US per 10 ms (cgroup v1 cpu controller, run as root; 100000 = no practical limit),
# udp_blast pinned to core 0 for 12 s, perf record -g of the receiver's busiest thread for 4 s from
# second 5. BIN: the compiled C peers (a compare run's <out>/peers/bin); OUT: where results go.
# Run it with the machine to yourself. Example (the batch path, 10 % of a core):
#   BIN=target/compare/peers/bin perfab.sh batch 1000 -- $J25 --enable-native-access=ALL-UNNAMED \
#     -cp udp-bench/target/udp-bench.jar io.udpkit.bench.compare.UdpkitPeer sink 20 4194304 io=batch
set -u
name=$1; quota=$2; shift 3
bin=${BIN:?set BIN to the compiled C peers, e.g. the peers/bin of a compare run}
out=${OUT:-/tmp}/perf-$name; mkdir -p $out
cg=/sys/fs/cgroup/cpu/perfab-$$; mkdir -p $cg
echo 10000 > $cg/cpu.cfs_period_us; echo $quota > $cg/cpu.cfs_quota_us
coproc RX { sh -c 'echo $$ > '$cg'/cgroup.procs; exec taskset -c 1 "$@"' sh "$@" 2>$out/rx.err; }
port=""
while read -r line <&${RX[0]}; do case $line in READY*) port=${line#READY }; break;; esac; done
[ -z "$port" ] && { echo "no READY"; exit 1; }
rxpid=$(head -1 $cg/cgroup.procs)
taskset -c 0 $bin/udp_blast $port 12 > $out/blast.out 2>&1 &
bp=$!
sleep 5
# busiest thread of the receiver
snap() { for t in /proc/$rxpid/task/*; do echo "${t##*/} $(awk '{print $14+$15}' $t/stat)"; done | sort; }
snap > $out/s1; sleep 1; snap > $out/s2
tid=$(join $out/s1 $out/s2 | awk '{print $3-$2, $1}' | sort -n -r | head -1 | awk '{print $2}')
ps -L -o lwp=,time=,comm= -p $rxpid | sort -k2 -r | head -3 > $out/threads.txt
perf record -q -g -t $tid -o $out/perf.data -- sleep 4 2>/dev/null
wait $bp
[ -n "${RX[0]:-}" ] && cat <&${RX[0]} > $out/rx.out
wait 2>/dev/null
rmdir $cg 2>/dev/null
perf report -i $out/perf.data --no-children --sort sym --stdio 2>/dev/null | grep -v '^#' | grep '%' | head -40 > $out/report.txt
echo "== $name"; cat $out/rx.out | tail -2; head -25 $out/report.txt
