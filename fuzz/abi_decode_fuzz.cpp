// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: ABI type parsing and decoding. The input is a type list in text, a newline,
// then the data, e.g. "(address,uint256[])\n<bytes>". Whatever decodes must encode again and
// decode to the same values; errors must be the documented exception types.
#include "abi/abi.hpp"

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace {

using namespace zkload;

/// Type texts longer than this are not interesting and only slow the parser's search.
constexpr size_t kMaxTypeText = 256;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const size_t newline = text.find('\n');
    if (newline == std::string_view::npos || newline > kMaxTypeText)
        return 0;
    abi::Type tuple = abi::Type::elementary(abi::Kind::Bool);
    try
    {
        tuple = abi::parse_type(text.substr(0, newline));
    }
    catch (const std::invalid_argument&)
    {
        return 0;
    }
    const std::vector<abi::Type> types =
        tuple.kind() == abi::Kind::Tuple ? tuple.components() : std::vector<abi::Type>{tuple};
    const ByteView encoded(data + newline + 1, size - newline - 1);
    std::vector<abi::Value> values;
    try
    {
        values = abi::decode(types, encoded);
    }
    catch (const abi::DecodeError&)
    {
        return 0;
    }
    (void)abi::to_string(abi::tuple(values));
    const Bytes again = abi::encode(types, values);
    if (again.size() > encoded.size() || abi::decode(types, again) != values)
        std::abort();
    return 0;
}
