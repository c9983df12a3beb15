# SPDX-License-Identifier: Apache-2.0
# Shared by tools/bootstrap, tools/test and tools/bench. Sourced, not run.

ZKLOAD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ZKLOAD_BUILD_DIR="${ZKLOAD_BUILD_DIR:-$ZKLOAD_ROOT/build}"

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Configures and builds into $ZKLOAD_BUILD_DIR. Warnings are errors in CI.
build_project() {
    local werror=OFF generator=()
    [[ "${CI:-}" == "true" ]] && werror=ON
    command -v ninja >/dev/null && generator=(-G Ninja)
    if [[ ! -f "$ZKLOAD_BUILD_DIR/CMakeCache.txt" ]]; then
        cmake -S "$ZKLOAD_ROOT" -B "$ZKLOAD_BUILD_DIR" "${generator[@]}" \
            -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZKLOAD_WERROR="$werror" "$@" >/dev/null ||
            die "cmake configure failed (see above)"
    else
        cmake -S "$ZKLOAD_ROOT" -B "$ZKLOAD_BUILD_DIR" -DZKLOAD_WERROR="$werror" "$@" >/dev/null ||
            die "cmake configure failed (see above)"
    fi
    cmake --build "$ZKLOAD_BUILD_DIR" -j "$(nproc)" || die "build failed (see above)"
}
