// SPDX-License-Identifier: Apache-2.0
#include "codec/keccak.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace zkload;

TEST(keccak, known_answers)
{
    EXPECT_EQ(to_hex(keccak256(as_view(""))),
              "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    EXPECT_EQ(to_hex(keccak256(as_view("abc"))),
              "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    EXPECT_EQ(to_hex(keccak256(Bytes{0xc0})),
              "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");
    EXPECT_EQ(to_hex(keccak256(as_view("transfer(address,uint256)"))).substr(0, 10), "0xa9059cbb");
}

TEST(keccak, is_not_sha3)
{
    EXPECT_NE(to_hex(keccak256(as_view(""))),
              "0xa7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
}

TEST(keccak, two_part_input_equals_concatenation)
{
    const Bytes a(100, 0x11);
    const Bytes b(37, 0x22);
    Bytes ab = a;
    append(ab, b);
    EXPECT_EQ(keccak256(a, b), keccak256(ab));
    EXPECT_EQ(keccak256(ab), keccak256(ab));
}

TEST(keccak, sha256_known_answer)
{
    EXPECT_EQ(to_hex(sha256(as_view("abc"))),
              "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(keccak, same_results_from_many_threads)
{
    const Hash expected = keccak256(as_view("zkload"));
    std::vector<std::thread> threads;
    std::atomic<int> mismatches{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 2000; ++i)
                if (keccak256(as_view("zkload")) != expected)
                    ++mismatches;
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(mismatches.load(), 0);
}
