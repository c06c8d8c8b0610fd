#!/usr/bin/env bash
# Device probe 3 (session 7): the old core (benchmarks.jar) against the new one (core-new.jar first on the class path).
D=$(cd "$(dirname "$0")" && pwd); J=$D/jre/bin/java; O=${OUT:-/tmp/probe-out}; mkdir -p $O
A="-f 1 -wi 1 -w 500ms -i 2 -r 1s"
jmh() { n=$1; v=$2; props=$3; shift 3
  if [ $v = new ]; then cp=$D/core-new.jar:$D/benchmarks.jar; else cp=$D/benchmarks.jar; fi
  taskset -c 0-$((n-1)) $J -cp $cp org.openjdk.jmh.Main "$@" $A ${props:+-jvmArgsAppend "$props"} 2>&1 \
    | awk -v l="$n cpus $v${props:+ $props}" '/^(Contended|Spawn|Pairs|Select|Chain)/ {print l ": " $0}'; }
C=${CPUS:-16}; C2=${CPUS2:-8}
jmh $C new "" 'ContendedBench|SpawnBench.spawn_go4j|PairsBench|SelectBench.select2_go4j|ChainBench' -p impl=go4j -p cap=0,16
jmh $C old "" 'ContendedBench.mpmc|SpawnBench.spawn_go4j' -p impl=go4j
jmh $C new "-Dgo4j.chan.lockYields=0" 'ContendedBench.mpmc' -p impl=go4j
jmh $C new "-Dgo4j.ring.yields=0" 'ContendedBench.mpmc' -p impl=go4j
jmh $C2 new "" 'ContendedBench.mpmc|SpawnBench.spawn_go4j' -p impl=go4j
jmh $C2 old "" 'ContendedBench.mpmc|SpawnBench.spawn_go4j' -p impl=go4j
jmh $C new "" 'ContendedBench.mpmc|SpawnBench.spawn_go4j' -p impl=go4j
jmh $C old "" 'ContendedBench.mpmc|SpawnBench.spawn_go4j' -p impl=go4j
jmh $C new "-Dgo4j.chan.lockYields=0 -Dgo4j.ring.yields=0" 'ContendedBench.mpmc' -p impl=go4j
jmh $C new "-Dgo4j.chan.lockSpins=128" 'ContendedBench.mpmc' -p impl=go4j
jmh ${CPUS3:-4} new "" 'ContendedBench|PairsBench' -p impl=go4j -p cap=16
