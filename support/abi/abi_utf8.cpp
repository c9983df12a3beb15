// SPDX-License-Identifier: Apache-2.0
#include "abi/abi.hpp"

#include <cstdint>

namespace zkload::abi {

bool is_valid_utf8(std::string_view text)
{
    size_t i = 0;
    while (i < text.size())
    {
        const auto lead = static_cast<uint8_t>(text[i]);
        if (lead < 0x80)
        {
            ++i;
            continue;
        }
        const size_t extra = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
        if (extra == 0 || lead > 0xf4 || text.size() - i <= extra)
            return false;
        uint32_t cp = lead & (0x3f >> extra);
        for (size_t k = 1; k <= extra; ++k)
        {
            const auto c = static_cast<uint8_t>(text[i + k]);
            if ((c & 0xc0) != 0x80)
                return false;
            cp = cp << 6 | (c & 0x3f);
        }
        const uint32_t min = extra == 1 ? 0x80 : extra == 2 ? 0x800 : 0x10000;
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += extra + 1;
    }
    return true;
}

}  // namespace zkload::abi
