# SPDX-License-Identifier: Apache-2.0
# Shared by tools/bootstrap, tools/test and tools/bench. Sourced, not run.

ZKLOAD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ZKLOAD_BUILD_DIR="${ZKLOAD_BUILD_DIR:-$ZKLOAD_ROOT/build}"

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Configures (once) and builds into $ZKLOAD_BUILD_DIR; extra arguments name the targets (all by
# default). Warnings are errors in CI; elsewhere the cache keeps whatever was chosen before, so
# running tools/test and tools/bench in turn does not rebuild everything.
build_project() {
    local configure=(-DCMAKE_BUILD_TYPE=RelWithDebInfo) targets=()
    [[ "${CI:-}" == "true" ]] && configure+=(-DZKLOAD_WERROR=ON)
    command -v ninja >/dev/null && [[ ! -f "$ZKLOAD_BUILD_DIR/CMakeCache.txt" ]] &&
        configure+=(-G Ninja)
    cmake -S "$ZKLOAD_ROOT" -B "$ZKLOAD_BUILD_DIR" "${configure[@]}" >/dev/null ||
        die "cmake configure failed (see above)"
    for target in "$@"; do targets+=(--target "$target"); done
    cmake --build "$ZKLOAD_BUILD_DIR" -j "$(nproc)" "${targets[@]}" || die "build failed (see above)"
}

# Configures (once) and builds a variant in its own folder: build_in DIR [cmake -D...] [-- targets].
# Used by tools/test for the sanitizer and fuzzing builds beside the normal one.
build_in() {
    local dir="$1" configure=(-DCMAKE_BUILD_TYPE=RelWithDebInfo) targets=()
    shift
    [[ "${CI:-}" == "true" ]] && configure+=(-DZKLOAD_WERROR=ON)
    while (($#)) && [[ "$1" != "--" ]]; do configure+=("$1"); shift; done
    (($#)) && shift
    for target in "$@"; do targets+=(--target "$target"); done
    command -v ninja >/dev/null && [[ ! -f "$dir/CMakeCache.txt" ]] && configure+=(-G Ninja)
    cmake -S "$ZKLOAD_ROOT" -B "$dir" "${configure[@]}" >/dev/null ||
        die "cmake configure of $dir failed (see above)"
    cmake --build "$dir" -j "$(nproc)" "${targets[@]}" >/dev/null || {
        cmake --build "$dir" -j 1 "${targets[@]}" 2>&1 | tail -n 60 >&2
        die "build in $dir failed (see above)"
    }
}
