// SPDX-License-Identifier: Apache-2.0
#include "abi/abi.hpp"
#include "abi/abi_path.hpp"

#include <algorithm>

namespace zkload::abi {
namespace {

using detail::kWord;
using detail::Path;
using detail::render;

bool all_zero(const uint8_t* begin, const uint8_t* end)
{
    return std::all_of(begin, end, [](uint8_t b) { return b == 0; });
}

/// Decodes against one input. Every byte range is checked before it is touched, and every
/// region read (a head, a length word, a payload) is charged against a budget equal to the
/// input size: a canonical encoding reads each byte once, so running over the budget means
/// offsets that overlap, which could otherwise turn a few kilobytes into gigabytes of values.
/// Each array's elements are charged before they are allocated, so allocation stays linear in
/// the input size.
class Decoder
{
public:
    explicit Decoder(ByteView data) : data_(data), budget_(data.size()) {}

    std::vector<Value> sequence(const Type* types,
                                bool same,
                                size_t count,
                                size_t base,
                                const Path* parent,
                                const Type* owner)
    {
        const size_t left = data_.size() - base;
        size_t heads = 0;
        if (same)
        {
            if (count > left / types[0].head_size())
                fail("sequence of " + std::to_string(count) + " items runs past the end", base,
                     parent, owner);
            heads = count * types[0].head_size();
        }
        else
        {
            for (size_t i = 0; i < count; ++i)
                heads += types[i].head_size();
            if (heads > left)
                fail("head of " + std::to_string(heads) + " bytes runs past the end", base, parent,
                     owner);
        }
        charge(heads, base, parent, owner);
        std::vector<Value> values;
        values.reserve(count);
        size_t head = base;
        for (size_t i = 0; i < count; ++i)
        {
            const Type& type = types[same ? 0 : i];
            const Path path{parent, i};
            if (type.is_dynamic())
            {
                const size_t offset = read_size(head, path, type);
                if (offset < heads || offset > left)
                    fail("offset " + std::to_string(offset) + " outside the tail [" +
                             std::to_string(heads) + ", " + std::to_string(left) + "]",
                         head, &path, &type);
                values.push_back(dynamic(type, base + offset, path));
            }
            else
            {
                values.push_back(fixed(type, head, path));
            }
            head += type.head_size();
        }
        return values;
    }

private:
    [[noreturn]] static void fail(const std::string& what,
                                  size_t at,
                                  const Path* path,
                                  const Type* type)
    {
        std::string where = path == nullptr ? "" : " (value " + render(path);
        if (type != nullptr)
            where += (where.empty() ? " (" : ", ") + type->canonical();
        throw DecodeError("abi decode: " + what + " at byte " + std::to_string(at) + where +
                          (where.empty() ? "" : ")"));
    }

    void charge(size_t bytes, size_t at, const Path* path, const Type* type)
    {
        if (bytes > budget_)
            fail("overlapping offsets: more bytes read than the input holds", at, path, type);
        budget_ -= bytes;
    }

    const uint8_t* word(size_t at, const Path& path, const Type& type) const
    {
        if (at > data_.size() || data_.size() - at < kWord)
            fail("32-byte word runs past the end", at, &path, &type);
        return data_.data() + at;
    }

    /// An offset or a length: it can never exceed the input size, so larger is malformed.
    size_t read_size(size_t at, const Path& path, const Type& type)
    {
        const uint8_t* w = word(at, path, type);
        uint64_t value = 0;
        for (size_t i = 24; i < kWord; ++i)
            value = value << 8 | w[i];
        if (!all_zero(w, w + 24) || value > data_.size())
            fail("offset or length larger than the input", at, &path, &type);
        return static_cast<size_t>(value);
    }

    Value fixed(const Type& type, size_t at, const Path& path)
    {
        const uint8_t* w = data_.data() + at;
        const auto reject = [&](const char* what) { fail(what, at, &path, &type); };
        switch (type.kind())
        {
            case Kind::Uint:
            {
                if (!all_zero(w, w + kWord - type.size() / 8))
                    reject("unsigned value wider than its type");
                U256 u;
                boost::multiprecision::import_bits(u, w, w + kWord, 8, true);
                return Value{u};
            }
            case Kind::Int:
                return Value{read_signed(type, at, path)};
            case Kind::Address:
            {
                if (!all_zero(w, w + 12))
                    reject("address with non-zero high bytes");
                Address a{};
                std::copy(w + 12, w + kWord, a.begin());
                return Value{a};
            }
            case Kind::Bool:
                if (!all_zero(w, w + kWord - 1) || w[kWord - 1] > 1)
                    reject("bool that is neither 0 nor 1");
                return Value{w[kWord - 1] == 1};
            case Kind::FixedBytes:
                if (!all_zero(w + type.size(), w + kWord))
                    reject("fixed bytes with non-zero padding");
                return Value{Bytes(w, w + type.size())};
            case Kind::FixedArray:
            case Kind::Tuple:
            {
                const bool same = type.kind() == Kind::FixedArray;
                const size_t count = same ? type.size() : type.components().size();
                std::vector<Value> values;
                values.reserve(count);
                for (size_t i = 0; i < count; ++i)
                {
                    const Type& member = same ? type.element() : type.components()[i];
                    values.push_back(fixed(member, at, Path{&path, i}));
                    at += member.head_size();
                }
                return Value{std::move(values)};
            }
            default:
                reject("dynamic type in a static position");
        }
        return {};
    }

    I256 read_signed(const Type& type, size_t at, const Path& path) const
    {
        U256 u;
        boost::multiprecision::import_bits(u, data_.data() + at, data_.data() + at + kWord, 8,
                                           true);
        const U256 limit = U256(1) << (type.size() - 1);
        if (u < limit)
            return static_cast<I256>(u);
        const U256 magnitude_minus_one = ~u;
        if (magnitude_minus_one >= limit)
            fail("signed value not sign-extended to 256 bits", at, &path, &type);
        return -static_cast<I256>(magnitude_minus_one) - 1;
    }

    Value dynamic(const Type& type, size_t at, const Path& path)
    {
        switch (type.kind())
        {
            case Kind::Bytes:
            case Kind::String:
            {
                const size_t length = read_size(at, path, type);
                charge(kWord, at, &path, &type);
                const size_t begin = at + kWord;
                const size_t padded = (length + kWord - 1) / kWord * kWord;
                if (padded > data_.size() - begin)
                    fail("payload of " + std::to_string(length) +
                             " bytes (padded) runs past the end",
                         at, &path, &type);
                charge(padded, begin, &path, &type);
                const uint8_t* p = data_.data() + begin;
                if (!all_zero(p + length, p + padded))
                    fail("non-zero padding after the payload", begin + length, &path, &type);
                if (type.kind() == Kind::Bytes)
                    return Value{Bytes(p, p + length)};
                std::string text(reinterpret_cast<const char*>(p), length);
                if (!is_valid_utf8(text))
                    fail("string is not valid UTF-8", begin, &path, &type);
                return Value{std::move(text)};
            }
            case Kind::Array:
            {
                const size_t count = read_size(at, path, type);
                charge(kWord, at, &path, &type);
                return Value{sequence(&type.element(), true, count, at + kWord, &path, &type)};
            }
            case Kind::FixedArray:
                return Value{sequence(&type.element(), true, type.size(), at, &path, &type)};
            case Kind::Tuple:
                return Value{sequence(type.components().data(), false, type.components().size(), at,
                                      &path, &type)};
            default:
                fail("static type in a dynamic position", at, &path, &type);
        }
    }

    ByteView data_;
    size_t budget_;
};

}  // namespace

std::vector<Value> decode(const std::vector<Type>& types, ByteView data)
{
    return Decoder(data).sequence(types.data(), false, types.size(), 0, nullptr, nullptr);
}

}  // namespace zkload::abi
