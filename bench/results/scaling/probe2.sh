#!/usr/bin/env bash
# Device probe (session 7): what makes mpmc, sem and spawn slow at 8 and 16 CPUs. Variants through go4j's tunables.
D=$(cd "$(dirname "$0")" && pwd); J=$D/jre/bin/java; JAR=$D/benchmarks.jar; O=${OUT:-/tmp/probe-out}
mkdir -p $O
pin() { n=$1; shift; taskset -c 0-$((n-1)) "$@"; }
$J -cp $D/probe PauseProbe
A="-f 1 -wi 1 -w 500ms -i 2 -r 1s"
jmh() { n=$1; label=$2; props=$3; shift 3
  pin $n $J -jar $JAR "$@" $A ${props:+-jvmArgsAppend "$props"} 2>&1 | awk -v l="$n cpus $label" '/^(Contended|Spawn|Pairs)/ {print l ": " $0}'; }
n=${CPUS:-16}
jmh $n base "" 'ContendedBench|SpawnBench.spawn_go4j|PairsBench' -p impl=go4j -p cap=16
jmh $n bookkeeping=false "-Dgo4j.internal.bookkeeping=false" 'SpawnBench.spawn_go4j'
jmh $n backoff=0 "-Dgo4j.ring.backoff=0" 'ContendedBench' -p impl=go4j
jmh $n backoff=16 "-Dgo4j.ring.backoff=16" 'ContendedBench' -p impl=go4j
jmh $n backoff=4,max=5 "-Dgo4j.ring.backoff=4 -Dgo4j.ring.backoffMax=5" 'ContendedBench' -p impl=go4j
jmh $n probes=0 "-Dgo4j.ring.probes=0" 'ContendedBench.mpmc|PairsBench' -p impl=go4j -p cap=16
jmh $n batch=4 "-Dgo4j.ring.batch=4" 'ContendedBench.mpmc|PairsBench' -p impl=go4j -p cap=16
jmh $n spins=0 "-Dgo4j.chan.spins=0" 'ContendedBench.mpmc' -p impl=go4j
n=${CPUS2:-8}
jmh $n base "" 'ContendedBench|SpawnBench.spawn_go4j' -p impl=go4j
jmh $n backoff=16 "-Dgo4j.ring.backoff=16" 'ContendedBench' -p impl=go4j
jmh $n probes=0 "-Dgo4j.ring.probes=0" 'ContendedBench.mpmc' -p impl=go4j
jmh $n batch=4 "-Dgo4j.ring.batch=4" 'ContendedBench.mpmc' -p impl=go4j
for b in 'SpawnBench.spawn_go4j' 'ContendedBench.mpmc' 'ContendedBench.sem'; do
  f=$O/$(echo $b | tr -cd 'a-zA-Z0-9_').jfr
  pin ${JFRCPUS:-16} $J -jar $JAR "$b" -p impl=go4j -f 1 -wi 1 -w 500ms -i 2 -r 1s -jvmArgsAppend "-XX:StartFlightRecording=filename=$f,settings=profile" 2>&1 | grep -E "^(Contended|Spawn)"
done
ls -la $O
