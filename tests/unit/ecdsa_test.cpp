// SPDX-License-Identifier: Apache-2.0
#include "txn/ecdsa.hpp"
#include "codec/keccak.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace zkload;

namespace {

PrivateKey key_of(uint8_t fill)
{
    PrivateKey key;
    key.fill(fill);
    return key;
}

}  // namespace

TEST(ecdsa, address_of_known_keys)
{
    PrivateKey one{};
    one[31] = 1;
    EXPECT_EQ(to_hex(address_of(one)), "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    /// anvil's first dev account.
    const PrivateKey anvil0 = parse_fixed_hex<32>(
        "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    EXPECT_EQ(to_hex(address_of(anvil0)), "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
}

TEST(ecdsa, eip155_example_signature)
{
    /// The signing hash and signature of the EIP-155 example transaction (key 0x4646…46).
    const Hash digest =
        parse_hash("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
    const Signature sig = sign_digest(digest, key_of(0x46));
    EXPECT_EQ(to_hex(sig.r), "0x28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276");
    EXPECT_EQ(to_hex(sig.s), "0x67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83");
    EXPECT_EQ(sig.y_parity, 0);
    EXPECT_EQ(recover_signer(digest, sig), address_of(key_of(0x46)));
    EXPECT_EQ(to_hex(address_of(key_of(0x46))), "0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f");
}

TEST(ecdsa, signatures_are_low_s_and_recoverable)
{
    const Hash half_n =
        parse_hash("0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");
    for (uint8_t i = 1; i < 60; ++i)
    {
        const Hash digest = keccak256(Bytes{i});
        const PrivateKey key = keccak256(Bytes{i, i});
        const Signature sig = sign_digest(digest, key);
        EXPECT_LE(sig.s, half_n) << "high s for i=" << int(i);
        EXPECT_EQ(recover_signer(digest, sig), address_of(key)) << "i=" << int(i);
        Signature flipped = sig;
        flipped.y_parity ^= 1;
        EXPECT_NE(recover_signer(digest, flipped), address_of(key));
    }
}

TEST(ecdsa, rsv_form_uses_27_28)
{
    Signature sig;
    sig.r.fill(1);
    sig.s.fill(2);
    sig.y_parity = 1;
    const Bytes rsv = sig.to_rsv();
    ASSERT_EQ(rsv.size(), 65u);
    EXPECT_EQ(rsv[0], 1);
    EXPECT_EQ(rsv[32], 2);
    EXPECT_EQ(rsv[64], 28);
}

TEST(ecdsa, rejects_invalid_keys)
{
    EXPECT_FALSE(is_valid_private_key(PrivateKey{}));
    EXPECT_FALSE(is_valid_private_key(key_of(0xff)));
    EXPECT_TRUE(is_valid_private_key(key_of(0x46)));
    EXPECT_THROW(sign_digest(Hash{}, PrivateKey{}), std::invalid_argument);
    EXPECT_THROW(address_of(key_of(0xff)), std::invalid_argument);
    Signature bad;
    bad.y_parity = 2;
    EXPECT_FALSE(recover_signer(Hash{}, bad));
}

TEST(ecdsa, shared_context_signs_from_many_threads)
{
    const Hash digest = keccak256(as_view("threads"));
    const Signature expected = sign_digest(digest, key_of(0x46));
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i)
            {
                const Signature sig = sign_digest(digest, key_of(0x46));
                if (sig.r != expected.r || sig.s != expected.s)
                    ++mismatches;
            }
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(mismatches.load(), 0);
}
