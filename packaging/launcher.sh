#!/bin/sh
# monstack launcher: runs monstack on the Java runtime shipped beside it (PREFIX/lib/monstack/runtime,
# for this file at PREFIX/bin/monstack), so no JDK is needed. The runtime's class-data sharing
# archive, made when the package was built, is used by default. Same options as install.sh's
# launcher (C1 only, serial GC: a short run starts faster); extra JVM options: MONSTACK_JAVA_OPTS.
self=$(readlink -f "$0") || exit 1
bin=${self%/*}
prefix=${bin%/*}
# shellcheck disable=SC2086 # MONSTACK_JAVA_OPTS is a list of options
exec "$prefix/lib/monstack/runtime/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -Xshare:auto \
    $MONSTACK_JAVA_OPTS -m io.monstack "$@"
