// SPDX-License-Identifier: Apache-2.0
#include "zksync/bytecode_hash.hpp"

#include "codec/keccak.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

using namespace zkload;

namespace {

constexpr size_t kWord = 32;

void expect_rejected(size_t length, const std::string& reason)
{
    try
    {
        eravm_bytecode_hash(Bytes(length, 0));
        ADD_FAILURE() << length << " bytes were accepted";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find(reason), std::string::npos)
            << length << " bytes: " << e.what();
    }
}

}  // namespace

TEST(bytecode_hash, one_zero_word)
{
    /// sha256 of 32 zero bytes is 66687aad f862bd77…; the first four bytes become 01 00 0001.
    EXPECT_EQ(to_hex(eravm_bytecode_hash(Bytes(kWord, 0))),
              "0x01000001f862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
}

TEST(bytecode_hash, three_words_of_ff)
{
    /// Computed independently with Python's hashlib.
    EXPECT_EQ(to_hex(eravm_bytecode_hash(Bytes(3 * kWord, 0xff))),
              "0x01000003c564ce3d8cb72d46bc44cd5495afbad7bc61b5edfa0799baa5063191");
}

TEST(bytecode_hash, length_is_big_endian_words)
{
    for (const size_t words : {size_t{257}, size_t{0x1235}, kMaxEraVmBytecodeWords})
    {
        const Bytes code(words * kWord, 0x5a);
        const Hash hash = eravm_bytecode_hash(code);
        const Hash digest = sha256(code);
        EXPECT_EQ(hash[0], 0x01);
        EXPECT_EQ(hash[1], 0x00);
        EXPECT_EQ(hash[2], words >> 8) << words;
        EXPECT_EQ(hash[3], words & 0xff) << words;
        EXPECT_TRUE(std::equal(hash.begin() + 4, hash.end(), digest.begin() + 4)) << words;
    }
    EXPECT_EQ(to_hex(eravm_bytecode_hash(Bytes(kMaxEraVmBytecodeWords * kWord, 0))),
              "0x0100ffffed67d1b36d5abf6df3c48bad9f02592334dd1c4a069c4e14c848e1e2");
}

TEST(bytecode_hash, rejects_lengths_that_are_not_whole_words)
{
    expect_rejected(1, "multiple of 32");
    expect_rejected(31, "multiple of 32");
    expect_rejected(33, "multiple of 32");
    expect_rejected(kMaxEraVmBytecodeWords * kWord + 1, "multiple of 32");
}

TEST(bytecode_hash, rejects_even_word_counts)
{
    expect_rejected(0, "odd");
    expect_rejected(2 * kWord, "odd");
    expect_rejected(256 * kWord, "odd");
}

TEST(bytecode_hash, rejects_more_than_65535_words)
{
    expect_rejected((kMaxEraVmBytecodeWords + 2) * kWord, "longer than 65535 words");
    expect_rejected((kMaxEraVmBytecodeWords + 1) * kWord, "odd");
}
