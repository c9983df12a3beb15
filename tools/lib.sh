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
