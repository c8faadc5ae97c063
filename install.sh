#!/usr/bin/env bash
# Builds monstack and installs a `monstack` launcher.
#   ./install.sh                 # into ~/.local (bin/monstack, share/monstack/)
#   PREFIX=/usr/local ./install.sh
# Needs a JDK 17+ and Maven. Safe to run again: it replaces the previous install.
set -euo pipefail

PREFIX="${PREFIX:-$HOME/.local}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
share="$PREFIX/share/monstack"
bin="$PREFIX/bin"

die() { echo "install.sh: $*" >&2; exit 1; }

command -v java >/dev/null || die "java not found: install a JDK 17 or newer (e.g. apt-get install -y openjdk-17-jdk)"
command -v mvn >/dev/null || die "mvn not found: install Maven (e.g. apt-get install -y maven)"
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "${java_major%%.*}" -ge 17 ] 2>/dev/null || die "java $java_major is too old: monstack needs 17 or newer"

echo "building monstack ..."
(cd "$here" && mvn -q -B package -DskipTests -Dmonstack.buildDir="$here/target")

mkdir -p "$share" "$bin"
cp "$here/target/monstack.jar" "$share/monstack.jar.new"
mv -f "$share/monstack.jar.new" "$share/monstack.jar"

# Class-data sharing: an archive of the classes a typical run loads, made once here, lets every
# later start skip loading and verifying them (see bench/ for what it buys).
java_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m)
rm -f "$share/monstack.jsa"
training="$(mktemp -d)"
trap 'rm -rf "$training"' EXIT
if java "${java_opts[@]}" -XX:ArchiveClassesAtExit="$share/monstack.jsa" -jar "$share/monstack.jar" \
        init "$training/stack" --from "$here/samples/diamol-ch09/monstack.yml" --no-input >/dev/null 2>&1; then
    echo "made the class-data sharing archive $share/monstack.jsa"
else
    rm -f "$share/monstack.jsa"
    echo "note: could not make a class-data sharing archive; monstack works, it only starts slower"
fi

cat > "$bin/monstack.new" <<LAUNCHER
#!/bin/sh
# monstack launcher, written by install.sh. Extra JVM options: MONSTACK_JAVA_OPTS (e.g. -Xmx256m).
share="$share"
if [ -f "\$share/monstack.jsa" ]; then
    exec java ${java_opts[*]} \$MONSTACK_JAVA_OPTS -XX:SharedArchiveFile="\$share/monstack.jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -jar "\$share/monstack.jar" "\$@"
fi
exec java ${java_opts[*]} \$MONSTACK_JAVA_OPTS -jar "\$share/monstack.jar" "\$@"
LAUNCHER
chmod 755 "$bin/monstack.new"
mv -f "$bin/monstack.new" "$bin/monstack"

echo "installed: $bin/monstack ($("$bin/monstack" --version))"
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "note: $bin is not on your PATH; add it, e.g.: echo 'export PATH=\"$bin:\$PATH\"' >> ~/.bashrc" ;;
esac
