#!/usr/bin/env bash
# Checks a genlayer package the way a user meets it, in a clean root of its
# own Debian release made with debootstrap:
#   - `apt-get install ./genlayer_….deb gimp`, so its dependencies resolve;
#   - `genlayer --version` says the package's version, and `genlayer
#     generate` with a TIFF reference (read by the installed OpenImageIO
#     module) writes a PNG through the gateway emulator, which runs here on
#     the host (the root shares its loopback) and sees the User-Agent
#     genlayer/<version>;
#   - headless GIMP, with a fresh profile that holds no plug-in, calls
#     plug-in-genlayer from the system-wide install and gets one layer;
#   - `apt-get remove genlayer` leaves none of the files `dpkg -L` listed.
# Prints each stage's time. Needs root, and the emulator in BUILD_DIR/bin
# (default build/; BUILD_TARGET=genlayer-gateway scripts/build makes it).
#
# usage: tests/packages/test_package.sh 12|13 DEB
#
# The bare debootstrap (minbase) of each release is made once and kept as
# build/package-test/CODENAME-minbase.tar; every run unpacks it into a fresh
# build/package-test/CODENAME-root, removed again when the test passes. The
# .debs apt downloads are kept in build/package-test/CODENAME-archives, so
# a rerun need not download them again. The mounts are those of the GIMP 3
# root (scripts/lib/gimp3_root.sh): in a private mount namespace, gone when
# this script ends, however it ends.
set -euo pipefail
# shellcheck source=scripts/lib/gimp3_root.sh
source "$(dirname "$0")/../../scripts/lib/gimp3_root.sh"
# shellcheck source=scripts/lib/emulator.sh
source "$(dirname "$0")/../../scripts/lib/emulator.sh"

[ $# -eq 2 ] || { echo "usage: $0 12|13 DEB" >&2; exit 2; }
release=$1
case "$release" in
  12) codename=bookworm case_file=gimp2_case.scm
      console=(gimp-console-2.10 -i -d -f -b) quit=(-b "(gimp-quit 0)") ;;
  13) codename=trixie case_file=gimp3_case.scm
      console=(gimp-console-3.0 -i -d -f --batch-interpreter=plug-in-script-fu-eval -b) quit=(--quit) ;;
  *) echo "test_package: the release is 12 or 13, not '$release'." >&2; exit 2 ;;
esac
deb=$(realpath -e -- "$2")
[ "$(id -u)" -eq 0 ] || gimp3_die "needs root (debootstrap, mount and chroot do)."
emulator_binary=${BUILD_DIR:-$gimp3_checkout/build}/bin/genlayer-gateway
[ -x "$emulator_binary" ] \
  || gimp3_die "$emulator_binary does not exist; build it with BUILD_TARGET=genlayer-gateway scripts/build."

work=$gimp3_checkout/build/package-test
dir=$work/$codename-root
tarball=$work/$codename-minbase.tar
archives=$work/$codename-archives
mkdir -p -- "$work" "$archives"
if [ "${_GENLAYER_GIMP3_NAMESPACE:-}" != "$$" ]; then
  gimp3_unmount_all_under "$dir" || gimp3_die "something is still mounted under $dir; unmount it first."
fi
gimp3_enter_namespace "$@"
exec 9>"$work/$codename.lock"
flock -n 9 || { echo "test_package: waiting for another test of $codename" >&2; flock 9; }
trap 'stop_emulator; gimp3_unmount_ours' EXIT

fail() {
  echo "test_package: Debian $release: $*" >&2
  exit 1
}
stage_start=$SECONDS
stage_done() {
  echo "test_package: Debian $release: $1 took $((SECONDS - stage_start)) s" >&2
  stage_start=$SECONDS
}

if [ ! -f "$tarball" ]; then
  bootstrap=$work/$codename-bootstrap
  rm -rf --one-file-system -- "$bootstrap"
  debootstrap --variant=minbase "$codename" "$bootstrap" http://deb.debian.org/debian >&2
  tar -C "$bootstrap" --numeric-owner -cf "$tarball.partial" .
  mv -- "$tarball.partial" "$tarball"
  rm -rf --one-file-system -- "$bootstrap"
  stage_done "debootstrap (kept in $tarball)"
fi
rm -rf --one-file-system -- "$dir"
mkdir -p -- "$dir"
tar -C "$dir" --numeric-owner -xpf "$tarball"
gimp3_prepare_for_apt "$dir"
gimp3_mount_system "$dir"
stage_done "a fresh root from the tarball"

in_root() {
  chroot "$dir" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
inside=/tmp/genlayer-test
mkdir -p -- "$dir$inside"
cp -- "$deb" "$gimp3_checkout/tests/packages/$case_file" "$dir$inside/"

find "$archives" -name '*.deb' -exec cp -l -t "$dir/var/cache/apt/archives/" {} +
in_root apt-get -q update >&2
in_root apt-get install -y -q --no-install-recommends "$inside/$(basename -- "$deb")" gimp >&2
find "$dir/var/cache/apt/archives" -maxdepth 1 -name '*.deb' -exec cp -l -n -t "$archives/" {} +
stage_done "apt-get install of the package and GIMP"

start_emulator "$emulator_binary" "$work/$codename-emulator" --gen-ms 300
home=$inside/home
user=("HOME=$home" "XDG_CONFIG_HOME=$home/.config" "XDG_STATE_HOME=$home/.local/state"
  "XDG_CACHE_HOME=$home/.cache" TOAPIS_API_KEY=package-test-key "TOAPIS_BASE_URL=$EMULATOR_API_URL")
mkdir -p -- "$dir$home"

package_version=$(dpkg-deb -f "$deb" Version)
version=${package_version%-*}
said=$(in_root genlayer --version)
[ "$said" = "genlayer $version" ] || fail "genlayer --version says '$said', the package is $package_version."

oiiotool --pattern checker 64x48 3 -d uint8 -o "$dir$inside/reference.tif"
in_root "${user[@]}" genlayer generate --prompt "from the package" --reference "$inside/reference.tif" \
  --output "$home/cli.png" --quiet 2> "$work/$codename-cli.stderr" \
  || fail "genlayer generate failed: $(cat "$work/$codename-cli.stderr")"
[ ! -s "$work/$codename-cli.stderr" ] || fail "genlayer generate said: $(cat "$work/$codename-cli.stderr")"
[ "$(head -c 8 "$dir$home/cli.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
  || fail "genlayer generate wrote no PNG at $home/cli.png."
# logged FIELD: the values of FIELD in the emulator's log, one a line.
logged() {
  python3 -c 'import json, sys
for line in open(sys.argv[1]): entry = json.loads(line); print(entry["method"], entry["path"], entry[sys.argv[2]])' \
    "$work/$codename-emulator/requests.jsonl" "$1"
}
agents=$(logged user_agent | awk '{ print $3 }' | sort -u | tr '\n' ' ')
agents=${agents% }
[ "$agents" = "genlayer/$version" ] || fail "the emulator saw the User-Agents '$agents', not genlayer/$version."
stage_done "genlayer --version and generate"

# GIMP's exit status means nothing: the facts file and stderr tell.
in_root "${user[@]}" "${console[@]}" \
  "(begin (load \"$inside/$case_file\") (genlayer-package-case \"$home/gimp.facts\"))" "${quit[@]}" \
  > /dev/null 2> "$work/$codename-gimp.stderr" || true
facts=$dir$home/gimp.facts
[ -f "$facts" ] || fail "GIMP wrote no facts; its stderr: $(cat "$work/$codename-gimp.stderr")"
grep -qx "layers 1" "$facts" || fail "plug-in-genlayer gave no single layer: $(cat "$facts")"
task=$(sed -n 's/^task-id //p' "$facts")
[ -n "$task" ] || fail "plug-in-genlayer gave no task id: $(cat "$facts")"
! grep -qi "genlayer" "$work/$codename-gimp.stderr" \
  || fail "GIMP's stderr speaks of genlayer: $(grep -i genlayer "$work/$codename-gimp.stderr")"
[ -z "$(find "$dir$home" -path '*plug-ins*' -name 'genlayer*')" ] || fail "a plug-in lies in the profile."
submits=$(logged status | grep -c '^POST /v1/images/generations ' || true)
[ "$submits" -eq 2 ] || fail "the emulator saw $submits submits, not the CLI's and GIMP's."
stage_done "plug-in-genlayer in headless GIMP"

in_root dpkg-query -L genlayer | grep -vx '/\.' > "$work/$codename-files"
grep -qx /usr/bin/genlayer "$work/$codename-files" || fail "dpkg -L genlayer lists no /usr/bin/genlayer."
in_root apt-get remove -y -q genlayer >&2
# shellcheck disable=SC2016  # dpkg-query's field, not the shell's
state=$(in_root dpkg-query -W -f='${db:Status-Status}' genlayer 2>/dev/null || true)
[ -z "$state" ] || [ "$state" = not-installed ] || fail "after apt-get remove genlayer is '$state'."
left=()
while IFS= read -r path; do
  [ -e "$dir$path" ] || [ -L "$dir$path" ] || continue
  # A folder another package shares (/usr/bin) stays.
  [ -d "$dir$path" ] && [ ! -L "$dir$path" ] && in_root dpkg-query -S "$path" >/dev/null 2>&1 && continue
  left+=("$path")
done < "$work/$codename-files"
[ ${#left[@]} -eq 0 ] || fail "apt-get remove left ${left[*]}."
stage_done "apt-get remove"

stop_emulator
gimp3_unmount_ours
rm -rf --one-file-system -- "$dir"
echo "test_package: Debian $release: $(basename -- "$deb") installs, works and is removed cleanly"
