// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "abi/abi.hpp"

#include <vector>

namespace zkload::abi::detail {

/// Appends the head/tail encoding of `values` to `out` (after a selector, for calls); throws
/// EncodeError when the counts differ or a value does not fit its type.
void encode_into(Bytes& out, const std::vector<Type>& types, const std::vector<Value>& values);

}  // namespace zkload::abi::detail
