// SPDX-License-Identifier: Apache-2.0
#include "abi/abi_encode.hpp"
#include "abi/abi_path.hpp"

#include <optional>

namespace zkload::abi {
namespace {

using detail::kWord;
using detail::Path;
using detail::render;

/// The number as U256 if it is non-negative, whichever of the two alternatives holds it.
std::optional<U256> as_unsigned(const Value& v)
{
    if (const auto* u = std::get_if<U256>(&v.data))
        return *u;
    if (const auto* i = std::get_if<I256>(&v.data); i != nullptr && *i >= 0)
        return static_cast<U256>(*i);
    return std::nullopt;
}

std::optional<I256> as_signed(const Value& v)
{
    if (const auto* i = std::get_if<I256>(&v.data))
        return *i;
    if (const auto* u = std::get_if<U256>(&v.data);
        u != nullptr && boost::multiprecision::msb(*u | 1) < 255)
        return static_cast<I256>(*u);
    return std::nullopt;
}

class Encoder
{
public:
    explicit Encoder(Bytes& out) : out_(out) {}

    /// Appends the head/tail encoding of values; types[0] serves every element when `same`.
    void sequence(const Type* types,
                  bool same,
                  const std::vector<Value>& values,
                  const Path* parent)
    {
        const size_t base = out_.size();
        size_t heads = 0;
        for (size_t i = 0; i < values.size(); ++i)
            heads += types[same ? 0 : i].head_size();
        out_.resize(base + heads);
        size_t head = base;
        for (size_t i = 0; i < values.size(); ++i)
        {
            const Type& type = types[same ? 0 : i];
            const Path path{parent, i};
            if (type.is_dynamic())
            {
                put_word(head, out_.size() - base);
                dynamic(type, values[i], path);
            }
            else
            {
                put_static(head, type, values[i], path);
            }
            head += type.head_size();
        }
    }

private:
    [[noreturn]] static void fail(const Path& path, const Type& type, const std::string& what)
    {
        throw EncodeError("abi encode: value " + render(&path) + " (" + type.canonical() +
                          "): " + what);
    }

    template <typename T>
    static const T& get(const Value& v, const Path& path, const Type& type, const char* what)
    {
        const auto* p = std::get_if<T>(&v.data);
        if (p == nullptr)
            fail(path, type, std::string("expected ") + what);
        return *p;
    }

    static const std::vector<Value>& items(const Value& v,
                                           const Path& path,
                                           const Type& type,
                                           size_t expected)
    {
        const auto& list = get<std::vector<Value>>(v, path, type, "an array or tuple");
        if (type.kind() != Kind::Array && list.size() != expected)
            fail(path, type,
                 "expected " + std::to_string(expected) + " items, got " +
                     std::to_string(list.size()));
        return list;
    }

    void put_word(size_t at, const U256& value)
    {
        if (value == 0)
            return;
        const size_t len = boost::multiprecision::msb(value) / 8 + 1;
        boost::multiprecision::export_bits(
            value, out_.begin() + static_cast<ptrdiff_t>(at + kWord - len), 8, true);
    }

    void put_word(size_t at, size_t value) { put_word(at, U256(value)); }

    void put_static(size_t at, const Type& type, const Value& v, const Path& path)
    {
        switch (type.kind())
        {
            case Kind::Uint:
            {
                const auto u = as_unsigned(v);
                if (!u || (type.size() < 256 && boost::multiprecision::msb(*u | 1) >= type.size()))
                    fail(path, type, "not an unsigned number that fits: " + to_string(v));
                return put_word(at, *u);
            }
            case Kind::Int:
                return put_signed(at, type, v, path);
            case Kind::Address:
            {
                const auto& a = get<Address>(v, path, type, "an address");
                std::copy(a.begin(), a.end(), out_.begin() + static_cast<ptrdiff_t>(at + 12));
                return;
            }
            case Kind::Bool:
                out_[at + kWord - 1] = get<bool>(v, path, type, "a bool") ? 1 : 0;
                return;
            case Kind::FixedBytes:
            {
                const auto& b = get<Bytes>(v, path, type, "bytes");
                if (b.size() != type.size())
                    fail(path, type, "got " + std::to_string(b.size()) + " bytes");
                std::copy(b.begin(), b.end(), out_.begin() + static_cast<ptrdiff_t>(at));
                return;
            }
            case Kind::FixedArray:
            {
                const auto& list = items(v, path, type, type.size());
                for (size_t i = 0; i < list.size(); ++i)
                    put_static(at + i * type.element().head_size(), type.element(), list[i],
                               Path{&path, i});
                return;
            }
            case Kind::Tuple:
            {
                const auto& list = items(v, path, type, type.components().size());
                for (size_t i = 0; i < list.size(); ++i)
                {
                    put_static(at, type.components()[i], list[i], Path{&path, i});
                    at += type.components()[i].head_size();
                }
                return;
            }
            default:
                fail(path, type, "dynamic type in a static position");
        }
    }

    void put_signed(size_t at, const Type& type, const Value& v, const Path& path)
    {
        const auto i = as_signed(v);
        const I256 limit = I256(1) << (type.size() - 1);
        if (!i || *i >= limit || *i < -limit)
            fail(path, type, "not a signed number that fits: " + to_string(v));
        if (*i >= 0)
            return put_word(at, static_cast<U256>(*i));
        const U256 magnitude = static_cast<U256>(-*i);
        put_word(at, static_cast<U256>(~magnitude + 1));
    }

    void dynamic(const Type& type, const Value& v, const Path& path)
    {
        switch (type.kind())
        {
            case Kind::Bytes:
                return append_padded(get<Bytes>(v, path, type, "bytes"));
            case Kind::String:
            {
                const auto& s = get<std::string>(v, path, type, "a string");
                if (!is_valid_utf8(s))
                    fail(path, type, "not valid UTF-8");
                return append_padded(as_view(s));
            }
            case Kind::Array:
            {
                const auto& list = items(v, path, type, 0);
                out_.resize(out_.size() + kWord);
                put_word(out_.size() - kWord, list.size());
                return sequence(&type.element(), true, list, &path);
            }
            case Kind::FixedArray:
                return sequence(&type.element(), true, items(v, path, type, type.size()), &path);
            case Kind::Tuple:
            {
                const auto& list = items(v, path, type, type.components().size());
                return sequence(type.components().data(), false, list, &path);
            }
            default:
                fail(path, type, "static type in a dynamic position");
        }
    }

    void append_padded(ByteView data)
    {
        const size_t at = out_.size();
        out_.resize(at + kWord + (data.size() + kWord - 1) / kWord * kWord);
        put_word(at, data.size());
        std::copy(data.begin(), data.end(), out_.begin() + static_cast<ptrdiff_t>(at + kWord));
    }

    Bytes& out_;
};

}  // namespace

namespace detail {

void encode_into(Bytes& out, const std::vector<Type>& types, const std::vector<Value>& values)
{
    if (types.size() != values.size())
        throw EncodeError("abi encode: " + std::to_string(types.size()) + " types but " +
                          std::to_string(values.size()) + " values");
    size_t guess = out.size();
    for (const Type& t : types)
        guess += t.head_size() + (t.is_dynamic() ? 2 * kWord : 0);
    out.reserve(guess);
    Encoder(out).sequence(types.data(), false, values, nullptr);
}

}  // namespace detail

Bytes encode(const std::vector<Type>& types, const std::vector<Value>& values)
{
    Bytes out;
    detail::encode_into(out, types, values);
    return out;
}

}  // namespace zkload::abi
