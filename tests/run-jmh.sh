#!/usr/bin/env bash
# Runs JMH benchmarks of the tests module: tests/run-jmh.sh [JMH args], e.g. EngineBenchmark -prof gc
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
    -Dmdep.includeScope=test -pl tests -am
exec java -cp "tests/target/test-classes:$(cat tests/target/cp.txt)" org.openjdk.jmh.Main "$@"
