// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "abi/abi_type.hpp"
#include "codec/u256.hpp"

#include <iosfwd>
#include <stdexcept>
#include <variant>

namespace zkload::abi {

/// Signed 256-bit integer for int<M> (sign and magnitude, so -2^255 fits; checked).
using I256 = boost::multiprecision::number<boost::multiprecision::cpp_int_backend<
    256, 256, boost::multiprecision::signed_magnitude, boost::multiprecision::checked, void>>;

using Selector = std::array<uint8_t, 4>;

/// A value to encode or a decoded one. The type list gives the meaning, so the variant only
/// holds the representation: U256 for uint<M>, I256 for int<M> (either is accepted for either
/// when the number fits), Bytes for bytes and bytes<N>, a vector for arrays and tuples alike.
/// decode() always gives U256 for uint, I256 for int.
struct Value
{
    std::variant<U256, I256, Address, bool, Bytes, std::string, std::vector<Value>> data;

    friend bool operator==(const Value&, const Value&) = default;
};

inline Value uint(const U256& v) { return Value{v}; }
inline Value signed_int(const I256& v) { return Value{v}; }
inline Value address(const Address& v) { return Value{v}; }
inline Value boolean(bool v) { return Value{v}; }
inline Value bytes(Bytes v) { return Value{std::move(v)}; }
/// bytes<N>: the length must equal N when encoded.
inline Value fixed_bytes(ByteView v) { return Value{Bytes(v.begin(), v.end())}; }
inline Value string(std::string v) { return Value{std::move(v)}; }
inline Value array(std::vector<Value> items) { return Value{std::move(items)}; }
inline Value tuple(std::vector<Value> members) { return Value{std::move(members)}; }

/// Readable form for test failures and logs: numbers in decimal, bytes in hex, [a,b] nesting.
std::string to_string(const Value& value);
std::ostream& operator<<(std::ostream& out, const Value& value);

/// A value does not fit its type (wrong kind, out of range, wrong length or count). The message
/// names the argument path, e.g. "[1][0]", and the type.
class EncodeError : public std::invalid_argument
{
public:
    using std::invalid_argument::invalid_argument;
};

/// Malformed input to decode(): the message says what was wrong, at which byte offset, and for
/// which value path and type.
class DecodeError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Head/tail encoding of a parameter list (what follows the selector in calldata, or what a
/// function returns).
Bytes encode(const std::vector<Type>& types, const std::vector<Value>& values);

/// Strict decoding: every offset and length is bounds-checked; dirty high bits, non-zero
/// padding, invalid UTF-8 and offsets that overlap (so that the decoder would read more than
/// the input holds, the "ABI bomb") are errors. Bytes after the encoding are ignored.
std::vector<Value> decode(const std::vector<Type>& types, ByteView data);

/// True if text is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF),
/// which ABI strings must be in both directions.
bool is_valid_utf8(std::string_view text);

/// A function signature parsed once, for callers that encode many calls.
struct Function
{
    Signature signature;
    Selector selector{};
};

/// Parses "transfer(address,uint256)"; the selector hashes the canonical form.
Function parse_function(std::string_view signature);

/// keccak256(canonical signature)[0:4].
Selector selector(std::string_view signature);

Bytes encode_call(const Function& function, const std::vector<Value>& args);
Bytes encode_call(std::string_view signature, const std::vector<Value>& args);

/// keccak256 of the canonical event signature: topic 0 of a non-anonymous event's logs.
Hash event_topic(std::string_view signature);

}  // namespace zkload::abi
