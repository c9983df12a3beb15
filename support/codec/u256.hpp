// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"

#include <boost/multiprecision/cpp_int.hpp>

namespace zkload {

/// 256-bit unsigned integer for wei and token amounts. Checked: an overflow or a negative
/// result throws std::overflow_error / std::range_error instead of wrapping silently.
using U256 = boost::multiprecision::number<boost::multiprecision::cpp_int_backend<
    256, 256, boost::multiprecision::unsigned_magnitude, boost::multiprecision::checked, void>>;

/// Parses a decimal string or a "0x" hex string; throws std::invalid_argument naming the input.
U256 parse_u256(std::string_view text);

/// JSON-RPC quantity ("0x0", no leading zeros).
std::string to_quantity(const U256& value);

/// Decimal string.
std::string to_decimal(const U256& value);

/// 32 bytes, big-endian (an ABI word).
Hash to_be_bytes32(const U256& value);

/// Minimal big-endian bytes (no leading zeros; zero is empty), as RLP encodes integers.
Bytes to_be_bytes_trimmed(const U256& value);

/// Big-endian bytes of at most 32 bytes to a value; throws std::invalid_argument if longer.
U256 from_be_bytes(ByteView bytes);

/// The value as uint64_t; throws std::overflow_error if it does not fit.
uint64_t to_uint64(const U256& value);

}  // namespace zkload
