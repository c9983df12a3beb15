// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace zkload {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;
using Hash = std::array<uint8_t, 32>;
using Address = std::array<uint8_t, 20>;
using PrivateKey = std::array<uint8_t, 32>;

/// The value of one hex digit (either case), or -1 for any other character.
int hex_digit_value(char c);

/// Lower-case hex, "0x"-prefixed unless told otherwise.
std::string to_hex(ByteView bytes, bool prefix = true);

/// Characters to_hex gives for `bytes` bytes.
constexpr size_t hex_size(size_t bytes, bool prefix = true) { return (prefix ? 2 : 0) + 2 * bytes; }

/// to_hex into `out`, which holds exactly hex_size(bytes.size(), prefix) characters (a string
/// the caller allocated where it wants).
void write_hex(ByteView bytes, std::span<char> out, bool prefix = true);

/// Parses hex with or without "0x"; an odd length or a non-hex digit gives nullopt.
std::optional<Bytes> from_hex(std::string_view hex);

/// Like from_hex but throws std::invalid_argument naming the input.
Bytes parse_hex(std::string_view hex);

/// Parses exactly N bytes of hex ("0x" optional) without touching the heap; nullopt otherwise.
template <size_t N>
std::optional<std::array<uint8_t, N>> fixed_from_hex(std::string_view hex);

/// Like fixed_from_hex but throws std::invalid_argument naming the input.
template <size_t N>
std::array<uint8_t, N> parse_fixed_hex(std::string_view hex);

inline Address parse_address(std::string_view hex) { return parse_fixed_hex<20>(hex); }
inline Hash parse_hash(std::string_view hex) { return parse_fixed_hex<32>(hex); }
inline std::optional<Hash> hash_from_hex(std::string_view hex) { return fixed_from_hex<32>(hex); }

/// JSON-RPC quantity: "0x" + hex without leading zeros, zero is "0x0".
std::string to_quantity(uint64_t value);

/// Parses a JSON-RPC quantity ("0x1a"); rejects an empty body, leading zeros are tolerated.
std::optional<uint64_t> parse_quantity(std::string_view quantity);

inline ByteView as_view(std::string_view s)
{
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

inline void append(Bytes& out, ByteView in) { out.insert(out.end(), in.begin(), in.end()); }

}  // namespace zkload
