#!/bin/sh
# Java grader, run as the sandbox's user: $1 = each test's time limit (s). Workspace sources and
# hidden tests are compiled with javac (no Maven or Gradle file is read), run by JUnit's console
# launcher with a per-test timeout; its XML report is the only thing written to stdout.
set -u
B=/tmp/build
J=/usr/share/java/junit-platform-console-standalone.jar
# javac is short-lived: the client compiler alone and the serial collector start it ~40% faster.
FAST_JVM="-J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC"
mkdir -p "$B/main" "$B/test" "$B/reports"
find /workspace -name '*.java' > "$B/sources.txt"
if [ -s "$B/sources.txt" ]; then
  javac $FAST_JVM -nowarn -encoding UTF-8 -d "$B/main" "@$B/sources.txt" >&2 || exit 2
fi
javac $FAST_JVM -nowarn -encoding UTF-8 -cp "$B/main:$J" -d "$B/test" /tmp/grader/tests/*.java >&2 || exit 2
java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$J" --class-path "$B/main:$B/test" --scan-class-path "$B/test" \
     --reports-dir "$B/reports" --disable-banner --details=none --disable-ansi-colors \
     --config=junit.jupiter.execution.timeout.default="$1s" \
     --config=junit.jupiter.execution.timeout.thread.mode.default=SEPARATE_THREAD >&2
status=$?
cat "$B/reports/TEST-junit-jupiter.xml" || exit 2
[ $status -eq 0 ] || exit 1
