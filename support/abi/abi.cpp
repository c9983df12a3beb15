// SPDX-License-Identifier: Apache-2.0
#include "abi/abi.hpp"

#include "abi/abi_encode.hpp"
#include "codec/keccak.hpp"

#include <algorithm>

namespace zkload::abi {

Function parse_function(std::string_view signature)
{
    Function f{parse_signature(signature), {}};
    const Hash hash = keccak256(as_view(f.signature.canonical()));
    std::copy(hash.begin(), hash.begin() + 4, f.selector.begin());
    return f;
}

Selector selector(std::string_view signature) { return parse_function(signature).selector; }

Bytes encode_call(const Function& function, const std::vector<Value>& args)
{
    Bytes out(function.selector.begin(), function.selector.end());
    detail::encode_into(out, function.signature.inputs, args);
    return out;
}

Bytes encode_call(std::string_view signature, const std::vector<Value>& args)
{
    return encode_call(parse_function(signature), args);
}

Hash event_topic(std::string_view signature)
{
    return keccak256(as_view(parse_signature(signature).canonical()));
}

}  // namespace zkload::abi
