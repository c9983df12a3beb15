// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace zkload::bench {

/// What one operation family registered: the names of its rows that need a node, so main can
/// start the embedded devnet (from the main thread) only when a selected row uses it.
struct Registered
{
    std::vector<std::string> node_rows;
};

void register_micro_keccak(Registered& out);
void register_micro_sign(Registered& out);
void register_micro_rlp(Registered& out);
void register_micro_rpc(Registered& out);
void register_micro_reply(Registered& out);
void register_fund(Registered& out);
void register_bridge(Registered& out);
void register_load(Registered& out);

/// True if a --benchmark_filter asks for soak rows by name (not negated): only then are they
/// registered.
bool names_soak_rows(const std::string& filter);

/// True if Google Benchmark's --benchmark_filter (regex searched, '-' prefix negates) selects
/// any of these names.
bool filter_selects_any(const std::string& filter, const std::vector<std::string>& names);

}  // namespace zkload::bench
