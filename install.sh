#!/usr/bin/env bash
# Builds monstack from source and installs a `monstack` launcher, its bash and zsh completion
# and (when asciidoctor is there) its man pages. For a package with its own Java runtime, see
# scripts/package.sh.
#   ./install.sh                 # into ~/.local (bin/monstack, share/monstack/, share/...)
#   PREFIX=/usr/local ./install.sh
#   MONSTACK_BUILD_DIR=DIR ./install.sh   # build elsewhere than target/
# Needs a JDK 17+ and Maven. Safe to run again: it replaces the previous install.
set -euo pipefail

PREFIX="${PREFIX:-$HOME/.local}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${MONSTACK_BUILD_DIR:-$here/target}"
share="$PREFIX/share/monstack"
bin="$PREFIX/bin"

die() { echo "install.sh: $*" >&2; exit 1; }

command -v java >/dev/null || die "java not found: install a JDK 17 or newer (e.g. apt-get install -y openjdk-17-jdk)"
command -v mvn >/dev/null || die "mvn not found: install Maven (e.g. apt-get install -y maven)"
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "${java_major%%.*}" -ge 17 ] 2>/dev/null || die "java $java_major is too old: monstack needs 17 or newer"

echo "building monstack ..."
(cd "$here" && mvn -q -B package -DskipTests -Dmonstack.buildDir="$build")

mkdir -p "$share" "$bin"
cp "$build/monstack.jar" "$share/monstack.jar.new"
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

# The folder as one single-quoted sh word: a PREFIX holding quotes, $ or backticks stays a path.
sh_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

cat > "$bin/monstack.new" <<LAUNCHER
#!/bin/sh
# monstack launcher, written by install.sh. Extra JVM options: MONSTACK_JAVA_OPTS (e.g. -Xmx256m).
share=$(sh_quote "$share")
if [ -f "\$share/monstack.jsa" ]; then
    exec java ${java_opts[*]} \$MONSTACK_JAVA_OPTS -XX:SharedArchiveFile="\$share/monstack.jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -jar "\$share/monstack.jar" "\$@"
fi
exec java ${java_opts[*]} \$MONSTACK_JAVA_OPTS -jar "\$share/monstack.jar" "\$@"
LAUNCHER
chmod 755 "$bin/monstack.new"
mv -f "$bin/monstack.new" "$bin/monstack"

# Tab completion where the shells look: bash-completion loads completions/monstack on demand
# (from ~/.local/share or PREFIX/share); zsh autoloads _monstack from a folder on its fpath.
install_output() { # install_output FILE COMMAND...: COMMAND's output becomes FILE, atomically
    local file="$1"
    shift
    mkdir -p "$(dirname "$file")"
    "$@" >"$file.new"
    mv -f "$file.new" "$file"
}
install_output "$PREFIX/share/bash-completion/completions/monstack" "$bin/monstack" completion bash
zsh_functions="$PREFIX/share/zsh/site-functions"
install_output "$zsh_functions/_monstack" "$bin/monstack" completion zsh
echo "installed bash and zsh completion"
if command -v zsh >/dev/null && ! zsh -fc 'print -l -- $fpath' | grep -qx "$zsh_functions"; then
    echo "note: for zsh, add this line to ~/.zshrc before compinit: fpath+=($zsh_functions)"
fi

if command -v asciidoctor >/dev/null; then
    bash "$here/scripts/man-pages.sh" "$build/man" "$PREFIX/share/man/man1"
    echo "installed the man pages (man monstack, man monstack-init, ...)"
else
    echo "note: no man pages: asciidoctor is not installed (apt-get install -y asciidoctor, then run this again)"
fi

echo "installed $bin/monstack: $("$bin/monstack" --version)"
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "note: $bin is not on your PATH; add it, e.g.: echo 'export PATH=\"$bin:\$PATH\"' >> ~/.bashrc" ;;
esac
