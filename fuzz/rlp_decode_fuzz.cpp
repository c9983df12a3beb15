// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the RLP decoder on arbitrary bytes. Whatever it accepts must re-encode to
// the same bytes (it accepts canonical encodings only); whatever it rejects must be rejected
// with rlp::DecodeError, never with a crash, a hang or another exception.
#include "codec/rlp.hpp"
#include "codec/rlp_decode.hpp"

#include <cstdint>
#include <cstdlib>

namespace {

using namespace zkload;

/// Nesting below this is walked; deeper lists are legal RLP, but the walk is recursive.
constexpr int kMaxWalkDepth = 64;

/// Re-encodes a decoded item into `out`, reading every string as an integer and an address
/// as well (those may throw DecodeError, which is fine).
void reencode(const rlp::Item& item, Bytes& out, int depth)
{
    if (!item.is_list)
    {
        const ByteView bytes = rlp::decode_bytes(item);
        try
        {
            (void)rlp::decode_u256(item);
            (void)rlp::decode_uint64(item);
            (void)rlp::decode_address(item);
        }
        catch (const rlp::DecodeError&)
        {}
        rlp::encode(out, bytes);
        return;
    }
    if (depth >= kMaxWalkDepth)
        throw rlp::DecodeError("deeper than the fuzz walk goes");
    Bytes payload;
    for (const rlp::Item& child : rlp::decode_list(item))
        reencode(child, payload, depth + 1);
    rlp::encode_list_header(out, payload.size());
    append(out, payload);
}

/// Decodes `in` as one item and checks the round trip; false when the decoder rejected it.
bool round_trips(ByteView in)
{
    try
    {
        const rlp::Item item = rlp::decode_exact(in);
        Bytes again;
        reencode(item, again, 0);
        if (!std::equal(again.begin(), again.end(), in.begin(), in.end()))
            std::abort();
        ByteView cursor = in;
        (void)rlp::decode_one(cursor);
        if (!cursor.empty())
            std::abort();
        return true;
    }
    catch (const rlp::DecodeError&)
    {
        return false;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const ByteView in(data, size);
    /// A typed transaction is one type byte below 0x80, then its RLP list.
    if (!round_trips(in) && size > 1 && data[0] < 0x80)
        round_trips(in.subspan(1));
    return 0;
}
