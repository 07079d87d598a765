# shellcheck shell=bash disable=SC2034  # the variables are for the scripts that source this
# The Debian 13 root that GIMP 3 is built and tested in: where it is, whether
# it is ready, and the mounts into it (sourced by scripts/gimp3-root and
# scripts/gimp3-run, not run).
#
# Every mount into the root is made inside a private mount namespace
# (unshare --mount --propagation private) when the kernel allows one: the host
# never sees those mounts, and the kernel drops them when the namespace's last
# process exits, so not even a SIGKILL can leave /dev bind-mounted inside a
# folder that someone may `rm -rf`. Only where no namespace can be made
# (GENLAYER_GIMP3_NO_NAMESPACE=1 forces that) are the mounts made on the host;
# gimp3_unmount_ours then undoes them from the caller's EXIT trap, which a
# SIGKILL escapes.

gimp3_checkout=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Written last, when everything succeeded; holds the package list, one a line.
gimp3_ready_stamp=.genlayer-root-ready
# Written before debootstrap starts and after it finished: a root with the
# first and without the second is half made.
gimp3_started_stamp=.genlayer-root-started
gimp3_debootstrapped_stamp=.genlayer-debootstrap-done

gimp3_die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# The root's absolute path: GENLAYER_GIMP3_ROOT or build/gimp3-root.
gimp3_root_dir() {
  local dir=${GENLAYER_GIMP3_ROOT:-$gimp3_checkout/build/gimp3-root}
  dir=$(realpath -m -- "$dir")
  [ "$dir" != / ] || gimp3_die "GENLAYER_GIMP3_ROOT must not be /."
  printf '%s\n' "$dir"
}

gimp3_root_is_ready() {
  [ -f "$1/$gimp3_ready_stamp" ]
}

# Re-executes the calling script ("$0" with the given arguments) inside a
# private mount namespace, unless it already runs in one or none can be made.
# unshare execs without forking, so the PID stays the same: the marker holds
# it, and a marker inherited from some other process never matches.
# Afterwards gimp3_in_namespace is 1 inside a namespace, 0 on the host.
gimp3_enter_namespace() {
  if [ "${_GENLAYER_GIMP3_NAMESPACE:-}" = "$$" ]; then
    gimp3_in_namespace=1
    return 0
  fi
  gimp3_in_namespace=0
  [ "${GENLAYER_GIMP3_NO_NAMESPACE:-0}" = 1 ] && return 0
  if ! unshare --mount --propagation private true 2>/dev/null; then
    echo "$(basename "$0"): no private mount namespace here; mounting on the host, undone on exit." >&2
    return 0
  fi
  export _GENLAYER_GIMP3_NAMESPACE=$$
  exec unshare --mount --propagation private -- "$BASH" "$0" "$@"
}

# The mount points at or under DIR in this mount namespace, one a line
# (mountinfo escapes blanks and backslashes as octal).
gimp3_mounts_under() {
  awk -v dir="$1" '{
    mp = $5
    gsub(/\\040/, " ", mp); gsub(/\\011/, "\t", mp); gsub(/\\012/, "\n", mp); gsub(/\\134/, "\\", mp)
    if (mp == dir || index(mp, dir "/") == 1) print mp
  }' /proc/self/mountinfo
}

# Unmounts whatever is mounted at or under DIR (left over from a run that
# was killed on the host), deepest first, lazily if it is busy. Fails if
# anything is still mounted there afterwards.
gimp3_unmount_all_under() {
  local dir=$1 mp
  [ -n "$(gimp3_mounts_under "$dir")" ] || return 0
  echo "$(basename "$0"): unmounting what is left mounted under $dir" >&2
  while IFS= read -r mp; do
    umount -R -- "$mp" 2>/dev/null || umount -R -l -- "$mp" 2>/dev/null || true
  done < <(gimp3_mounts_under "$dir" | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2-)
  [ -z "$(gimp3_mounts_under "$dir")" ]
}

# The mounts this process made, in order; gimp3_unmount_ours undoes them.
gimp3_mounts=()

# Makes the folder TARGET (a path in the root, as the host sees it), which
# must be a plain path: a symlink on the way (made inside the root) could
# point the mkdir, or a mount, at the host's own folders.
gimp3_plain_folder() {
  local target=$1 existing=$1
  while [ ! -e "$existing" ] && [ ! -L "$existing" ]; do existing=$(dirname -- "$existing"); done
  [ "$(realpath -e -- "$existing" 2>/dev/null)" = "$existing" ] \
    || gimp3_die "$existing is a symlink or lies behind one; refusing to use $target."
  mkdir -p -- "$target"
}

# gimp3_bind ROOT SOURCE: bind-mounts the folder SOURCE (not what is mounted
# below it) at the same path in ROOT.
gimp3_bind() {
  local root=$1 source=$2
  [ -d "$source" ] || gimp3_die "$source is not a folder."
  gimp3_plain_folder "$root$source"
  mount --bind -- "$source" "$root$source"
  gimp3_mounts+=("$root$source")
}

# What programs in the root need from the kernel: /proc, /dev, /dev/pts
# (terminals) and /dev/shm (POSIX shared memory), the last three bound from
# the host's.
gimp3_mount_system() {
  local root=$1
  gimp3_plain_folder "$root/proc"
  mount -t proc proc "$root/proc"
  gimp3_mounts+=("$root/proc")
  gimp3_bind "$root" /dev
  gimp3_bind "$root" /dev/pts
  if mountpoint -q /dev/shm; then
    gimp3_bind "$root" /dev/shm
  fi
}

# Undoes this process's mounts, last first; lazily (detached now, freed when
# no longer busy) if a mount is still in use. Safe to call twice.
gimp3_unmount_ours() {
  local i target
  for ((i = ${#gimp3_mounts[@]} - 1; i >= 0; i--)); do
    target=${gimp3_mounts[i]}
    umount -- "$target" 2>/dev/null || umount -R -l -- "$target" 2>/dev/null \
      || echo "$(basename "$0"): could not unmount $target" >&2
  done
  gimp3_mounts=()
}

# Readies a debootstrapped root for apt: no daemon that a package's postinst
# would start may run from it, dpkg needs no fsync after every file it
# unpacks (minutes on a busy disk, for a root that is made again if it
# breaks), and names resolve as on the host.
gimp3_prepare_for_apt() {
  local root=$1
  printf '#!/bin/sh\n# Written by scripts/lib/gimp3_root.sh: no services start in this root.\nexit 101\n' \
    > "$root/usr/sbin/policy-rc.d"
  chmod 0755 "$root/usr/sbin/policy-rc.d"
  echo force-unsafe-io > "$root/etc/dpkg/dpkg.cfg.d/genlayer-unsafe-io"
  # Replace, never write through: the root's file may be a symlink.
  rm -f -- "$root/etc/resolv.conf"
  [ ! -e /etc/resolv.conf ] || cp -L -- /etc/resolv.conf "$root/etc/resolv.conf"
}
