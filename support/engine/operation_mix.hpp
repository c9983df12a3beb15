// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "engine/operation.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace zkload::engine {

/// A weighted mix of write operations: each transaction is one of `parts`, drawn by weight from a
/// hash of its sender and nonce, so the same wallet and nonce always give the same part (a
/// transaction signed ahead, re-signed after a resync or counted after the row agree) and the
/// draw needs no shared state between threads. Part i is drawn with probability
/// weights[i] / sum(weights). Throws std::invalid_argument on no parts, a read among them, more
/// than 255 parts, a zero weight, or weights and parts of different lengths.
std::unique_ptr<Operation> mix(std::vector<std::unique_ptr<Operation>> parts,
                               std::vector<uint32_t> weights);

}  // namespace zkload::engine
