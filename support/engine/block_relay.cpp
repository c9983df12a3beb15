// SPDX-License-Identifier: Apache-2.0
#include "engine/block_relay.hpp"

#include <cstring>
#include <stdexcept>

namespace zkload::engine {
namespace {

void put(Bytes& out, uint64_t value)
{
    for (int shift = 56; shift >= 0; shift -= 8)
        out.push_back(static_cast<uint8_t>(value >> shift));
}

class Reader
{
public:
    explicit Reader(ByteView bytes) : bytes_(bytes) {}

    uint64_t u64()
    {
        need(8);
        uint64_t value = 0;
        for (size_t i = 0; i < 8; ++i)
            value = value << 8 | bytes_[at_ + i];
        at_ += 8;
        return value;
    }

    ByteView take(size_t n)
    {
        need(n);
        const ByteView out = bytes_.subspan(at_, n);
        at_ += n;
        return out;
    }

    void finish() const
    {
        if (at_ != bytes_.size())
            throw std::invalid_argument("a block relay message has " + std::to_string(bytes_.size() - at_) +
                                        " bytes too many");
    }

private:
    void need(size_t n) const
    {
        if (bytes_.size() - at_ < n)
            throw std::invalid_argument("a block relay message ends early");
    }

    ByteView bytes_;
    size_t at_ = 0;
};

}  // namespace

Bytes encode(const RelayTick& tick)
{
    Bytes out;
    put(out, tick.end ? 1 : 0);
    put(out, tick.blocks.size());
    for (const auto& [number, hashes] : tick.blocks)
    {
        put(out, number);
        put(out, hashes.size());
        for (const Hash& h : hashes)
            out.insert(out.end(), h.begin(), h.end());
    }
    return out;
}

RelayTick decode_tick(ByteView bytes)
{
    Reader in(bytes);
    RelayTick tick;
    tick.end = in.u64() != 0;
    const uint64_t blocks = in.u64();
    for (uint64_t b = 0; b < blocks; ++b)
    {
        const uint64_t number = in.u64();
        const uint64_t count = in.u64();
        if (count > bytes.size() / sizeof(Hash))
            throw std::invalid_argument("a block relay message claims more hashes than it holds");
        std::vector<Hash> hashes(count);
        for (Hash& h : hashes)
            std::memcpy(h.data(), in.take(h.size()).data(), h.size());
        tick.blocks.emplace_back(number, std::move(hashes));
    }
    in.finish();
    return tick;
}

Bytes encode(const RelayStart& start)
{
    Bytes out;
    put(out, start.next_block);
    put(out, static_cast<uint64_t>(start.interval_us));
    put(out, start.error.size());
    out.insert(out.end(), start.error.begin(), start.error.end());
    return out;
}

RelayStart decode_start(ByteView bytes)
{
    Reader in(bytes);
    RelayStart start;
    start.next_block = in.u64();
    start.interval_us = static_cast<int64_t>(in.u64());
    const ByteView error = in.take(in.u64());
    start.error.assign(error.begin(), error.end());
    in.finish();
    return start;
}

}  // namespace zkload::engine
