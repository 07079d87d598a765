#!/usr/bin/env bash
# Builds one Debian package of genlayer on the Debian release it runs on
# (scripts/package runs it on the host for Debian 12 and through
# scripts/gimp3-run in the GIMP 3 root for Debian 13), then has lintian
# check it; a lintian error fails.
#
# usage: scripts/lib/debian_package.sh gimp2|gimp3 BUILD_DIR OUT_DIR
#
# The build is Release with Debian's hardening flags (dpkg-buildflags),
# installed with `cmake --install --prefix /usr` into a staging folder,
# stripped, and packed by dpkg-deb with the dependencies dpkg-shlibdeps finds.
# Prints the package's path on stdout.
set -euo pipefail
checkout=$(cd "$(dirname "$0")/../.." && pwd)
host=${1:?gimp2 or gimp3} build=${2:?build folder} out=${3:?output folder}
case "$host" in
  gimp2) gimp_name="GIMP 2.10" gimp_depends="gimp (>= 2.10)" ;;
  gimp3) gimp_name="GIMP 3" gimp_depends="gimp (>= 3.0)" ;;
  *) echo "debian_package: the first argument is gimp2 or gimp3, not '$host'." >&2; exit 2 ;;
esac
exec 3>&1 1>&2

# shellcheck source=/dev/null
. /etc/os-release
codename=$VERSION_CODENAME release=${VERSION_ID%%.*}
# The changelog's date and maintainer (scripts/package takes the commit's).
: "${SOURCE_DATE_EPOCH:?SOURCE_DATE_EPOCH must be set}"
export SOURCE_DATE_EPOCH
maintainer=${GENLAYER_MAINTAINER:?GENLAYER_MAINTAINER must be set, as Name <address>}

export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cppflags=$(dpkg-buildflags --get CPPFLAGS)
cmake -S "$checkout" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DGENLAYER_HOST="$host" -DGENLAYER_WERROR=ON \
  -DCMAKE_C_FLAGS="$(dpkg-buildflags --get CFLAGS) $cppflags" \
  -DCMAKE_CXX_FLAGS="$(dpkg-buildflags --get CXXFLAGS) $cppflags" \
  -DCMAKE_EXE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" \
  -DCMAKE_MODULE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" >/dev/null
plugin_target=genlayer-gimp
[ "$host" = gimp2 ] || plugin_target=genlayer-gimp3
cmake --build "$build" --parallel "$(nproc)" --target genlayer genlayer-openimageio "$plugin_target"
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
debian_version="$version-1~deb$release"

# dpkg-shlibdeps reads debian/control of the folder it runs in, and wants
# the files in debian/<package>.
work=$build/debian-work
stage=$work/debian/genlayer
rm -rf -- "$work"
mkdir -p "$work/debian"
DESTDIR=$stage cmake --install "$build" --prefix /usr >/dev/null
# What dh_strip and dh_compress would do.
# Named from $work, as dpkg-shlibdeps wants them: debian/genlayer/usr/...
(cd "$work" && find debian/genlayer -type f -exec sh -c 'readelf -h "$1" >/dev/null 2>&1' _ {} \; -print) \
  > "$build/elf-files"
while IFS= read -r elf; do
  strip --strip-unneeded --remove-section=.comment --remove-section=.note "$work/$elf"
done < "$build/elf-files"
find "$stage/usr/share/man" -type f -name '*.[0-9]' -exec gzip -9n {} +

doc=$stage/usr/share/doc/genlayer
mkdir -p "$doc"
cat > "$doc/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: genlayer
Upstream-Contact: $maintainer

Files: *
Copyright: $(date -u -d "@$SOURCE_DATE_EPOCH" +%Y) the genlayer authors
License: Expat
COPYRIGHT
# The licence's text from the repository, indented as the format wants
# (blank lines become " .").
sed -n '/^Permission is hereby granted/,$p' "$checkout/LICENSE" | sed -e 's/^$/./' -e 's/^/ /' >> "$doc/copyright"
{
  printf 'genlayer (%s) %s; urgency=medium\n\n' "$debian_version" "$codename"
  printf '  * genlayer %s for Debian %s, with the %s plug-in.\n\n' "$version" "$release" "$gimp_name"
  printf ' -- %s  %s\n' "$maintainer" "$(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n > "$doc/changelog.Debian.gz"
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f -exec chmod go-w {} +

printf 'Source: genlayer\nMaintainer: %s\n\nPackage: genlayer\nArchitecture: amd64\n' "$maintainer" \
  > "$work/debian/control"
mapfile -t elves < "$build/elf-files"
depends=$(cd "$work" && dpkg-shlibdeps -O "${elves[@]/#/-e}" | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "debian_package: dpkg-shlibdeps found no dependencies." >&2; exit 1; }

mkdir -p "$stage/DEBIAN"
(cd "$stage" && find usr -type f | LC_ALL=C sort | xargs md5sum) \
  > "$stage/DEBIAN/md5sums"
installed_size=$(du -sk --apparent-size --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: genlayer
Version: $debian_version
Architecture: amd64
Maintainer: $maintainer
Installed-Size: $installed_size
Depends: $depends
Recommends: $gimp_depends
Section: graphics
Priority: optional
Description: generated image layers for GIMP, from gpt-image-2 through ToAPIs
 genlayer turns a cloud image model (gpt-image-2 behind the ToAPIs gateway)
 into a layer tool: select a region, type a prompt, and a new layer arrives
 above it, aligned to the selection, while GIMP stays usable.
 .
 This package holds the genlayer command and the $gimp_name plug-in
 (Filters > Generative > Generate Layer...).
CONTROL

mkdir -p "$out"
deb=$out/genlayer_${debian_version}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
lintian --fail-on error --tag-display-limit 0 "$deb"
echo "$deb" >&3
