// SPDX-License-Identifier: Apache-2.0
#include "abi/abi.hpp"

#include <ostream>

namespace zkload::abi {

std::string to_string(const Value& value)
{
    struct Printer
    {
        std::string operator()(const U256& u) const { return u.str(); }
        std::string operator()(const I256& i) const { return i.str(); }
        std::string operator()(const Address& a) const { return to_hex(a); }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(const Bytes& b) const { return to_hex(b); }
        std::string operator()(const std::string& s) const { return "\"" + s + "\""; }
        std::string operator()(const std::vector<Value>& list) const
        {
            std::string out = "[";
            for (size_t i = 0; i < list.size(); ++i)
                out += (i > 0 ? "," : "") + to_string(list[i]);
            return out + "]";
        }
    };
    return std::visit(Printer{}, value.data);
}

std::ostream& operator<<(std::ostream& out, const Value& value) { return out << to_string(value); }

}  // namespace zkload::abi
