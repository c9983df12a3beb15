# SPDX-License-Identifier: Apache-2.0
# Shared by tools/bootstrap, tools/test and tools/bench. Sourced, not run.

ZKLOAD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ZKLOAD_BUILD_DIR="${ZKLOAD_BUILD_DIR:-$ZKLOAD_ROOT/build}"

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The configure options CI adds: warnings are errors, and no ccache (CI starts from an empty
# cache every time, so it would only add its own work to each compile).
ci_configure_options() {
    [[ "${CI:-}" == "true" ]] && printf '%s\n' -DZKLOAD_WERROR=ON -DZKLOAD_CCACHE=OFF
    return 0
}

# Configures (once) and builds into $ZKLOAD_BUILD_DIR; extra arguments name the targets (all by
# default). Outside CI the cache keeps whatever was chosen before, so running tools/test and
# tools/bench in turn does not rebuild everything.
build_project() {
    local configure=(-DCMAKE_BUILD_TYPE=RelWithDebInfo) targets=()
    mapfile -t -O 1 configure < <(ci_configure_options)
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
    mapfile -t -O 1 configure < <(ci_configure_options)
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
