// SPDX-License-Identifier: Apache-2.0
#include "abi/abi_type.hpp"

#include <stdexcept>

namespace zkload::abi {
namespace {

bool is_ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$';
}

/// Recursive descent over the type grammar; `nesting` bounds the recursion on "((((...".
class Parser
{
public:
    explicit Parser(std::string_view text) : text_(text) {}

    Type type(size_t nesting)
    {
        skip_spaces();
        Type t = peek('(') ? tuple(nesting) : elementary();
        skip_spaces();
        while (peek('['))
        {
            ++pos_;
            skip_spaces();
            const size_t length = peek(']') ? 0 : number("array length", 1);
            skip_spaces();
            t = wrap([&] {
                return length == 0 ? Type::array(std::move(t))
                                   : Type::fixed_array(std::move(t), length);
            });
            expect(']');
            skip_spaces();
        }
        return t;
    }

    std::vector<Type> list(size_t nesting)
    {
        if (nesting > kMaxTypeDepth)
            fail("nested deeper than " + std::to_string(kMaxTypeDepth));
        expect('(');
        std::vector<Type> types;
        skip_spaces();
        while (!peek(')'))
        {
            if (!types.empty())
                expect(',');
            types.push_back(type(nesting + 1));
        }
        ++pos_;
        return types;
    }

    std::string identifier()
    {
        const size_t start = pos_;
        while (pos_ < text_.size() && is_ident_char(text_[pos_]))
            ++pos_;
        if (pos_ == start || (text_[start] >= '0' && text_[start] <= '9'))
            fail("expected a name");
        return std::string(text_.substr(start, pos_ - start));
    }

    void finish()
    {
        skip_spaces();
        if (pos_ != text_.size())
            fail("unexpected trailing text");
    }

private:
    [[noreturn]] void fail(const std::string& what) const
    {
        throw std::invalid_argument("abi type \"" + std::string(text_.substr(0, 200)) +
                                    "\": " + what + " at position " + std::to_string(pos_));
    }

    void expect(char c)
    {
        if (!peek(c))
            fail(std::string("expected '") + c + "'");
        ++pos_;
    }

    /// Runs a Type factory, turning its complaint (too deep, too large) into one with a position.
    template <typename Make>
    Type wrap(Make make)
    {
        try
        {
            return make();
        }
        catch (const std::invalid_argument& e)
        {
            fail(e.what());
        }
    }

    bool peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

    void skip_spaces()
    {
        while (peek(' '))
            ++pos_;
    }

    Type tuple(size_t nesting)
    {
        std::vector<Type> types = list(nesting);
        if (types.empty())
            fail("empty tuple");
        return wrap([&] { return Type::tuple(std::move(types)); });
    }

    /// A decimal without leading zeros and at least `min`, as in "uint8", "bytes32", "[3]".
    size_t number(const char* what, size_t min)
    {
        const size_t start = pos_;
        size_t value = 0;
        while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
        {
            if (pos_ - start >= 12)
                fail(std::string(what) + " too large");
            value = value * 10 + static_cast<size_t>(text_[pos_++] - '0');
        }
        if (pos_ == start || (text_[start] == '0' && pos_ - start > 1) || value < min)
            fail(std::string("bad ") + what);
        return value;
    }

    Type elementary()
    {
        const size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] >= 'a' && text_[pos_] <= 'z')
            ++pos_;
        const std::string_view word = text_.substr(start, pos_ - start);
        const bool sized = pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9';
        Kind kind = Kind::Uint;
        if (word == "uint" || word == "int")
            kind = word == "uint" ? Kind::Uint : Kind::Int;
        else if (word == "bytes")
            kind = sized ? Kind::FixedBytes : Kind::Bytes;
        else if (word == "address" && !sized)
            kind = Kind::Address;
        else if (word == "bool" && !sized)
            kind = Kind::Bool;
        else if (word == "string" && !sized)
            kind = Kind::String;
        else
            fail("unknown type \"" + std::string(word) + "\"");
        const bool numeric = kind == Kind::Uint || kind == Kind::Int;
        const size_t size = sized ? number("type size", 1) : numeric ? 256 : 0;
        return wrap([&] { return Type::elementary(kind, size); });
    }

    std::string_view text_;
    size_t pos_ = 0;
};

}  // namespace

Type parse_type(std::string_view text)
{
    Parser parser(text);
    Type type = parser.type(0);
    parser.finish();
    return type;
}

Signature parse_signature(std::string_view text)
{
    Parser parser(text);
    Signature sig;
    sig.name = parser.identifier();
    sig.inputs = parser.list(0);
    parser.finish();
    return sig;
}

}  // namespace zkload::abi
