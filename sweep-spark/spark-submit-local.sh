#!/usr/bin/env bash
# Runs target/spikering-spark.jar through Spark's own spark-submit (org.apache.spark.deploy.SparkSubmit) on the
# class path of a Spark 3.5.8 distribution (src/dist/spark-runtime/pom.xml, resolved from Maven Central once), so
# the shipped jar can be tried, and tested, exactly as a cluster runs it, without installing Spark.
#
# Usage (from the repository root, after 'mvn -B -pl sweep-spark -am package -DskipTests'):
#   sweep-spark/spark-submit-local.sh --master 'local[2]' SPEC --grid FIELD=V1,V2 --seeds N --out DIR
# Everything before SPEC that starts with -- is passed to spark-submit (--master, --conf K=V, --driver-memory M);
# the rest goes to org.spikering.spark.SparkSweep. The JVM gets the Java 17 options of Spark's launcher
# (the pom's spark.java17.opens), as bin/spark-submit would give them; SPARK_DRIVER_JAVA_OPTS adds more (-Xmx8g).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/spikering-spark.jar"
[ -f "$jar" ] || { echo "spark-submit-local: $jar is missing: mvn -B -pl sweep-spark -am package -DskipTests" >&2; exit 2; }
cp_file="$here/target/spark-runtime.classpath"
if [ ! -s "$cp_file" ] || [ "$here/src/dist/spark-runtime/pom.xml" -nt "$cp_file" ]; then
  mvn -B -q -f "$here/src/dist/spark-runtime/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
fi
opens="$(sed -n 's:.*<spark.java17.opens>\(-.*\)</spark.java17.opens>.*:\1:p' "$here/pom.xml" | head -n 1)"
[ -n "$opens" ] || { echo "spark-submit-local: no spark.java17.opens in $here/pom.xml" >&2; exit 2; }
submit=()
while [ $# -gt 0 ] && [[ "$1" == --* ]]; do
  case "$1" in
    --verbose|--supervise) submit+=("$1"); shift ;;
    *) [ $# -ge 2 ] || { echo "spark-submit-local: $1 needs a value" >&2; exit 2; }
       submit+=("$1" "$2"); shift 2 ;;
  esac
done
for ((i = 0; i < ${#submit[@]}; i++)); do
  # a local master runs the executors in this JVM: bind to the loopback address, not the first interface
  if [ "${submit[$i]}" = --master ] && [[ "${submit[$((i + 1))]:-}" == local* ]]; then
    export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  fi
done
# shellcheck disable=SC2086
exec java $opens -Dlog4j2.configurationFile="$here/src/dist/log4j2.properties" ${SPARK_DRIVER_JAVA_OPTS:-} -cp "$(cat "$cp_file")" org.apache.spark.deploy.SparkSubmit \
  "${submit[@]}" --class org.spikering.spark.SparkSweep "$jar" "$@"
