// SPDX-License-Identifier: Apache-2.0
#include "abi/abi_type.hpp"

#include <algorithm>
#include <stdexcept>

namespace zkload::abi {
namespace {

/// Spellings of the elementary kinds, in the order of enum Kind.
constexpr std::string_view kNames[] = {"uint",  "int",   "address", "bool",
                                       "bytes", "bytes", "string"};

}  // namespace

Type::Type(Kind kind, size_t size, std::vector<Type> components)
    : kind_(kind), size_(size), components_(std::move(components))
{
    if (kind_ == Kind::Bytes || kind_ == Kind::String || kind_ == Kind::Array)
        dynamic_ = true;
    if (kind_ != Kind::Array && kind_ != Kind::FixedArray && kind_ != Kind::Tuple)
        return;
    size_t head = 0;
    for (const Type& c : components_)
    {
        dynamic_ = dynamic_ || c.dynamic_;
        depth_ = std::max(depth_, c.depth_ + 1);
        head += c.head_size_;
        if (head > kMaxHeadSize)
            throw std::invalid_argument("abi type head larger than 2^32 bytes");
    }
    if (depth_ > kMaxTypeDepth)
        throw std::invalid_argument("abi type nested deeper than " + std::to_string(kMaxTypeDepth));
    if (kind_ == Kind::FixedArray)
    {
        if (size_ == 0 || size_ > kMaxHeadSize / head)
            throw std::invalid_argument("abi fixed array length out of range: " +
                                        std::to_string(size_));
        head *= size_;
    }
    head_size_ = dynamic_ ? 32 : head;
}

Type Type::elementary(Kind kind, size_t size)
{
    const bool numeric = kind == Kind::Uint || kind == Kind::Int;
    const bool ok = numeric                    ? size >= 8 && size <= 256 && size % 8 == 0
                    : kind == Kind::FixedBytes ? size >= 1 && size <= 32
                                               : kind <= Kind::String && size == 0;
    if (!ok)
        throw std::invalid_argument(
            "no elementary abi type " +
            (kind <= Kind::String ? std::string(kNames[static_cast<size_t>(kind)]) : "kind") +
            " of size " + std::to_string(size));
    return Type(kind, size, {});
}

Type Type::array(Type element) { return Type(Kind::Array, 0, {std::move(element)}); }

Type Type::fixed_array(Type element, size_t length)
{
    return Type(Kind::FixedArray, length, {std::move(element)});
}

Type Type::tuple(std::vector<Type> components)
{
    if (components.empty())
        throw std::invalid_argument("abi tuple with no components");
    return Type(Kind::Tuple, 0, std::move(components));
}

void Type::append_canonical(std::string& out) const
{
    switch (kind_)
    {
        case Kind::Array:
        case Kind::FixedArray:
            element().append_canonical(out);
            out += kind_ == Kind::Array ? "[]" : "[" + std::to_string(size_) + "]";
            return;
        case Kind::Tuple:
            out += '(';
            for (size_t i = 0; i < components_.size(); ++i)
            {
                if (i > 0)
                    out += ',';
                components_[i].append_canonical(out);
            }
            out += ')';
            return;
        default:
            out += kNames[static_cast<size_t>(kind_)];
            if (size_ != 0)
                out += std::to_string(size_);
    }
}

std::string Type::canonical() const
{
    std::string out;
    append_canonical(out);
    return out;
}

std::string Signature::canonical() const
{
    std::string out = name + "(";
    for (size_t i = 0; i < inputs.size(); ++i)
    {
        if (i > 0)
            out += ',';
        inputs[i].append_canonical(out);
    }
    return out + ")";
}

}  // namespace zkload::abi
