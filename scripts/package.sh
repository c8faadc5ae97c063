#!/usr/bin/env bash
# Builds monstack's self-contained packages, each with its own Java runtime (no JDK needed to run):
#   target/dist/monstack_VERSION_ARCH.deb           sudo apt-get install ./monstack_VERSION_ARCH.deb
#   target/dist/monstack-VERSION-linux-ARCH.tar.gz  unpack anywhere (e.g. into ~/.local or /opt)
# Both hold bin/monstack, the runtime (lib/monstack/runtime: jlink, only the modules monstack
# needs, monstack itself linked in as a module, with a class-data sharing archive made here),
# man pages of every command, bash and zsh completion, and the sample spec.
#   bash scripts/package.sh            (MONSTACK_BUILD_DIR=DIR builds elsewhere than target/)
# Needs a JDK 17+ (javac, jdeps, jlink), Maven, asciidoctor and dpkg-deb; run as root it installs
# a missing asciidoctor. Safe to run again: it starts from scratch and replaces the packages.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MONSTACK_BUILD_DIR:-$root/target}"
dist="$build/dist"
work="$build/package"
sample="$root/samples/diamol-ch09/monstack.yml"
# The launcher's JVM options: the archive is dumped with the same ones, so that it is used.
jvm_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m)

die() { echo "package.sh: $*" >&2; exit 1; }
step() { echo "==> $*"; }

jdk_bin="${JAVA_HOME:+$JAVA_HOME/bin/}"
for tool in java javac jdeps jlink jar; do
    command -v "${jdk_bin}$tool" >/dev/null || die "${jdk_bin}$tool not found: install a JDK 17 or newer (apt-get install -y openjdk-17-jdk-headless)"
done
command -v mvn >/dev/null || die "mvn not found: install Maven (apt-get install -y maven)"
command -v dpkg-deb >/dev/null || die "dpkg-deb not found: the .deb is built with Debian's dpkg"
if ! command -v asciidoctor >/dev/null; then
    # AsciiDoc (picocli's man page sources) to roff
    [ "$(id -u)" -eq 0 ] || die "asciidoctor not found: apt-get install -y asciidoctor (as root), then run this again"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends asciidoctor >/dev/null
fi

step "building monstack (mvn package) into $build"
(cd "$root" && mvn -q -B package -DskipTests -Dmonstack.buildDir="$build")
jar="$build/monstack.jar"
version="$("${jdk_bin}java" -jar "$jar" --version | awk '{print $2}')"
arch="$(dpkg --print-architecture)"
case "$arch" in amd64) tar_arch=x64 ;; arm64) tar_arch=aarch64 ;; *) tar_arch="$arch" ;; esac
# Dates in the packages (man pages, file times) are the commit's, so a rebuild gives the same bytes.
SOURCE_DATE_EPOCH="$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)"
export SOURCE_DATE_EPOCH

rm -rf "$work"
mkdir -p "$work" "$dist"
tree="$work/monstack-$version"          # the package's files, laid out as a prefix (bin, lib, share)
runtime="$tree/lib/monstack/runtime"

step "linking the runtime (jlink)"
# monstack as one open module (all its libraries are inside the shaded jar), so jlink can link it
# into the runtime image; its class data then comes from the image and the archive made below
# stays valid wherever the package is unpacked.
modules="$("${jdk_bin}jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar")"
mkdir -p "$work/module-info"
{
    echo "open module io.monstack {"
    tr ',' '\n' <<<"$modules" | grep -v '^java.base$' | sed 's/.*/    requires &;/'
    echo "}"
} >"$work/module-info/module-info.java"
"${jdk_bin}javac" --release 17 -d "$work/module-info" "$work/module-info/module-info.java"
cp "$jar" "$work/io.monstack.jar"
"${jdk_bin}jar" --update --file "$work/io.monstack.jar" --main-class io.monstack.Main -C "$work/module-info" module-info.class
# jdk.crypto.ec: TLS with EC certificates, for `discover https://...`. java.desktop is there for
# java.beans (FreeMarker, SnakeYAML, Jackson); its native libraries (AWT, fonts, sound) are never
# loaded, so they are left out.
"${jdk_bin}jlink" --module-path "$work/io.monstack.jar" --add-modules io.monstack,jdk.crypto.ec \
    --strip-debug --no-header-files --no-man-pages --compress=2 \
    --exclude-files='glob:/java.desktop/lib/**' --output "$runtime"
echo "    modules: $(sed -n 's/^MODULES="\(.*\)"/\1/p' "$runtime/release")"

step "making the class-data sharing archive (training runs, then -Xshare:dump)"
training="$work/training"
mkdir -p "$training"
java_rt=("$runtime/bin/java" "${jvm_opts[@]}")
train() { "${java_rt[@]}" -XX:DumpLoadedClassList="$training/classes-$1.lst" -m io.monstack "${@:2}" >/dev/null; }
train version --version
train help --help
train init init "$training/stack" --from "$sample" --no-input 2>/dev/null
train add add-target extra -C "$training/stack" --runtime go --static extra:9000 2>/dev/null
train generate generate "$training/stack" --dry-run 2>/dev/null
train completion completion bash
cat "$training"/classes-*.lst | awk '!seen[$0]++' >"$training/classes.lst"
# The runtime's default archive: the JVM maps it without any flag, and it moves with the runtime.
"${java_rt[@]}" -Xshare:dump -XX:SharedClassListFile="$training/classes.lst" \
    -XX:SharedArchiveFile="$runtime/lib/server/classes.jsa" -m io.monstack >"$training/dump.log" 2>&1 \
    || { cat "$training/dump.log" >&2; die "the class-data sharing archive could not be made"; }
"${java_rt[@]}" -Xshare:on -m io.monstack --version >/dev/null || die "the runtime does not start with its archive"
rm -rf "$training" # held a stack with a random password: nothing of it may ship

step "man pages, completion, launcher, docs"
mkdir -p "$tree/bin" "$tree/share/man/man1" "$tree/share/bash-completion/completions" \
    "$tree/share/zsh/site-functions" "$tree/share/doc/monstack/examples/diamol-ch09"
bash "$root/scripts/man-pages.sh" "$build/man" "$tree/share/man/man1"
"${java_rt[@]}" -m io.monstack completion bash >"$tree/share/bash-completion/completions/monstack"
"${java_rt[@]}" -m io.monstack completion zsh >"$tree/share/zsh/site-functions/_monstack"
install -m 755 "$root/packaging/launcher.sh" "$tree/bin/monstack"
install -m 644 "$sample" "$tree/share/doc/monstack/examples/diamol-ch09/monstack.yml"
install -m 644 "$root/packaging/copyright" "$tree/share/doc/monstack/copyright"
"$tree/bin/monstack" --version | grep -q "$runtime" || die "the launcher does not run the bundled runtime"

step "the .tar.gz"
tarball="monstack-$version-linux-$tar_arch.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" -C "$work" -cf - "monstack-$version" \
    | gzip -9n >"$dist/$tarball.tmp"
mv -f "$dist/$tarball.tmp" "$dist/$tarball"

step "the .deb"
deb_root="$work/deb"
mkdir -p "$deb_root/DEBIAN" "$deb_root/usr/share/zsh/vendor-completions"
cp -a "$tree/." "$deb_root/usr/"
# Debian's zsh looks for packaged completion functions in vendor-completions
mv "$deb_root/usr/share/zsh/site-functions/_monstack" "$deb_root/usr/share/zsh/vendor-completions/_monstack"
rmdir "$deb_root/usr/share/zsh/site-functions"
# Depends: the packages holding the system libraries the runtime links (as dpkg-shlibdeps would say)
owner() { # the package that installed a library; dpkg knows a file by one of its names (usrmerge)
    local lib="$1" name
    for name in "$lib" "/usr$lib" "$(readlink -f "$lib")"; do
        dpkg -S "$name" 2>/dev/null | cut -d: -f1 && return 0
    done
    die "no Debian package holds $lib, which the runtime links"
}
libs="$(find "$deb_root/usr/lib/monstack/runtime" -type f \( -name '*.so' -o -perm -u+x \) -print0 \
    | xargs -0 ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u)"
depends="$(for lib in $libs; do
    case "$(readlink -f "$lib")" in "$(readlink -f "$deb_root")"/*) ;; *) owner "$lib" ;; esac
done | sort -u | paste -sd, - | sed 's/,/, /g')"
[ -n "$depends" ] || die "could not work out the runtime's library packages"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@DEPENDS@/$depends/" \
    -e "s/@INSTALLED_SIZE@/$(du -sk "$deb_root/usr" | cut -f1)/" \
    "$root/packaging/control.in" >"$deb_root/DEBIAN/control"
find "$deb_root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
deb="monstack_${version}_$arch.deb"
dpkg-deb --root-owner-group -Zxz --build "$deb_root" "$dist/$deb.tmp" >/dev/null
mv -f "$dist/$deb.tmp" "$dist/$deb"

(cd "$dist" && sha256sum "$deb" "$tarball" >SHA256SUMS.tmp && mv -f SHA256SUMS.tmp SHA256SUMS)
echo "packages in $dist:"
(cd "$dist" && ls -l "$deb" "$tarball" | awk '{printf "  %-45s %5.1f MB\n", $9, $5 / 1048576}')
echo "install: sudo apt-get install $dist/$deb"
