# Sourced by scripts/fuzz and scripts/test: configures and builds the fuzz
# targets with clang in build-fuzz/ (or $FUZZ_BUILD_DIR), each ctest fuzz
# run lasting $1 seconds.
build_fuzz_targets() {
  local seconds=$1
  fuzz_build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
  CC=clang CXX=clang++ cmake -S "$root" -B "$fuzz_build" -DCMAKE_BUILD_TYPE=Debug -DGENLAYER_FUZZ=ON \
    -DGENLAYER_FUZZ_SECONDS="$seconds" >/dev/null
  cmake --build "$fuzz_build" --parallel "$(nproc)" --target genlayer-fuzz
}
