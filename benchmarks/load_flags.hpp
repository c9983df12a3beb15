// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load.hpp"
#include "node.hpp"

#include <optional>
#include <string>

// CLI11 costs seconds of compile time per file: only the files that add flags include it.
namespace CLI {
class App;
}

namespace zkload::bench {

/// The load engine's flags, bound to `settings` (their defaults are LoadSettings' own), and the
/// flags that say how to measure the node (--node-cpus, --node-pid, --metrics-url), bound to
/// `node`. What CLI11 cannot check alone (cpus this process may use, a node pid it can read, a
/// zksolc artifact, --mix) is checked as it is parsed: CLI::ValidationError names the flag.
void add_load_flags(CLI::App& app, LoadSettings& settings, NodeOptions& node);

}  // namespace zkload::bench
