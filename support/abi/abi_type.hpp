// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zkload::abi {

enum class Kind : uint8_t
{
    Uint,
    Int,
    Address,
    Bool,
    FixedBytes,
    Bytes,
    String,
    Array,
    FixedArray,
    Tuple,
};

/// An ABI type. Built only through the factories (or parse_type), which check the limits and
/// compute once whether the type is dynamic and how large its head is: the encoder and the
/// decoder ask for both at every value, and the decoder relies on the sizes not overflowing.
class Type
{
public:
    /// uint<M>/int<M> (M = 8..256 in steps of 8), bytes<N> (N = 1..32), or the other
    /// elementary kinds with size 0. Throws std::invalid_argument for anything else.
    static Type elementary(Kind kind, size_t size = 0);
    static Type array(Type element);
    /// T[k], k >= 1.
    static Type fixed_array(Type element, size_t length);
    /// (T1,...,Tn), n >= 1: Solidity has no empty structs, and a zero-size head would let a
    /// hostile array length cost nothing per element.
    static Type tuple(std::vector<Type> components);

    Kind kind() const { return kind_; }
    /// Bits of uint<M>/int<M>, bytes of bytes<N>, length of T[k]; 0 for the rest.
    size_t size() const { return size_; }
    /// The element type of T[] and T[k].
    const Type& element() const { return components_.front(); }
    /// The members of a tuple (for arrays, the single element type).
    const std::vector<Type>& components() const { return components_; }
    bool is_dynamic() const { return dynamic_; }
    /// Bytes the type takes in the head of an enclosing tuple: 32 (an offset) if dynamic.
    size_t head_size() const { return head_size_; }
    /// Nesting depth: 1 for an elementary type.
    size_t depth() const { return depth_; }
    /// The canonical spelling used in signatures, e.g. "(address,uint256)[]".
    std::string canonical() const;
    void append_canonical(std::string& out) const;

    friend bool operator==(const Type&, const Type&) = default;

private:
    Type(Kind kind, size_t size, std::vector<Type> components);

    Kind kind_;
    bool dynamic_ = false;
    size_t size_ = 0;
    size_t head_size_ = 32;
    size_t depth_ = 1;
    std::vector<Type> components_;
};

/// Deepest nesting of arrays and tuples accepted, so recursion over a type is bounded.
inline constexpr size_t kMaxTypeDepth = 32;
/// Largest head a static type may have (2^32 bytes): far beyond any real input, and small
/// enough that offsets and sizes computed from it cannot overflow.
inline constexpr size_t kMaxHeadSize = size_t{1} << 32;

/// Parses "uint256", "bytes32", "(address,uint256)[]", "uint8[3][]" and so on. Accepts the
/// aliases uint/int (for uint256/int256) and spaces between tokens. Throws
/// std::invalid_argument naming the input and the position of the problem.
Type parse_type(std::string_view text);

/// A function or event signature such as "transfer(address,uint256)".
struct Signature
{
    std::string name;
    std::vector<Type> inputs;

    /// "name(type1,type2)" with canonical types: what the selector and topic hash.
    std::string canonical() const;
};

/// Parses "name(type,...)" (no parameter names or modifiers); "f()" has no inputs.
Signature parse_signature(std::string_view text);

}  // namespace zkload::abi
