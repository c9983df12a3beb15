// SPDX-License-Identifier: Apache-2.0
#include "pool/funder_key.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

using namespace zkload;
using namespace zkload::pool;
namespace fs = std::filesystem;

namespace {

/// An arbitrary test key (no funds anywhere), in the forms a user may write it.
constexpr const char* kKeyHex = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

/// True if `message` quotes any 16-hex-digit run of `secret`, in either case.
bool leaks(const std::string& message, const std::string& secret)
{
    std::string lower = message;
    for (auto& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string hex = secret;
    for (auto& c : hex)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (hex.starts_with("0x"))
        hex.erase(0, 2);
    for (size_t i = 0; i + 16 <= hex.size(); ++i)
    {
        if (lower.find(hex.substr(i, 16)) != std::string::npos)
            return true;
    }
    return false;
}

/// The message of the FunderKeyError `f` throws, or a marker when it throws nothing.
template <typename F>
std::string error_of(F f)
{
    try
    {
        f();
    }
    catch (const FunderKeyError& e)
    {
        return e.what();
    }
    return "<no FunderKeyError>";
}

class FunderKeyTest : public testing::Test
{
protected:
    void SetUp() override
    {
        if (const char* value = std::getenv(kRichKeyEnv))
            saved_env_ = value;
        ::unsetenv(kRichKeyEnv);
        dir_ = fs::temp_directory_path() / ("zkload-funder-key-test-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }

    void TearDown() override
    {
        if (saved_env_)
            ::setenv(kRichKeyEnv, saved_env_->c_str(), 1);
        else
            ::unsetenv(kRichKeyEnv);
        fs::remove_all(dir_);
    }

    fs::path write_key_file(const std::string& text, fs::perms perms = fs::perms::owner_read)
    {
        const fs::path path = dir_ / "rich.key";
        fs::remove(path);
        std::ofstream(path, std::ios::binary) << text;
        fs::permissions(path, perms);
        return path;
    }

    std::optional<std::string> saved_env_;
    fs::path dir_;
};

/// ctest names start with the suite: pool_* selects this feature's tests.
using pool_funder_key = FunderKeyTest;

}  // namespace

TEST_F(pool_funder_key, accepts_64_hex_digits_with_or_without_prefix_and_whitespace)
{
    const PrivateKey expected = parse_fixed_hex<32>(kKeyHex);
    const std::string upper = "0X4C0883A69102937D6231471B5DBB6204FE5129617082792AE468D01A3F362318";
    for (const std::string& text :
         {std::string(kKeyHex), "0x" + std::string(kKeyHex), "  0x" + std::string(kKeyHex) + "\n",
          upper, "\t" + std::string(kKeyHex) + "\r\n\n"})
    {
        EXPECT_EQ(parse_funder_key(text, "test"), expected);
    }
}

TEST_F(pool_funder_key, rejects_anything_else_without_quoting_it)
{
    const std::string key(kKeyHex);
    const std::string order = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
    const std::string bad[] = {
        key.substr(1),
        key + "0",
        key.substr(0, 63) + "g",
        key.substr(0, 32) + " " + key.substr(32),
        "0x0x" + key,
        std::string(64, '0'),
        order,
        "",
        "   \n",
        "private key: " + key,
    };
    for (const auto& text : bad)
    {
        const std::string message = error_of([&] { parse_funder_key(text, "the test file"); });
        EXPECT_NE(message.find("the test file"), std::string::npos) << message;
        EXPECT_FALSE(leaks(message, key)) << message;
        EXPECT_FALSE(leaks(message, order)) << message;
    }
}

TEST_F(pool_funder_key, reads_a_private_key_file_without_warning)
{
    const fs::path path = write_key_file("0x" + std::string(kKeyHex) + "\n");
    FunderKeyInfo info;
    EXPECT_EQ(load_funder_key(path, false, &info), parse_fixed_hex<32>(kKeyHex));
    EXPECT_NE(info.origin.find(path.string()), std::string::npos) << info.origin;
    EXPECT_FALSE(info.warning) << *info.warning;
}

TEST_F(pool_funder_key, warns_when_the_file_is_readable_by_others)
{
    const fs::path path = write_key_file(
        kKeyHex, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    FunderKeyInfo info;
    EXPECT_EQ(load_funder_key(path, false, &info), parse_fixed_hex<32>(kKeyHex));
    ASSERT_TRUE(info.warning);
    EXPECT_NE(info.warning->find(path.string()), std::string::npos) << *info.warning;
    EXPECT_NE(info.warning->find("chmod 600"), std::string::npos) << *info.warning;
    EXPECT_FALSE(leaks(*info.warning, kKeyHex));
    write_key_file(kKeyHex, fs::perms::owner_read | fs::perms::group_read);
    EXPECT_TRUE(key_file_permission_warning(path));
}

TEST_F(pool_funder_key, bad_or_missing_file_is_named_but_not_quoted)
{
    const std::string text = "0x" + std::string(kKeyHex).substr(0, 60) + "zz\n";
    const fs::path path = write_key_file(text);
    const std::string message = error_of([&] { load_funder_key(path, true); });
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    EXPECT_FALSE(leaks(message, text)) << message;

    const fs::path missing = dir_ / "no-such.key";
    const std::string absent = error_of([&] { load_funder_key(missing, true); });
    EXPECT_NE(absent.find(missing.string()), std::string::npos) << absent;

    const fs::path huge = write_key_file(std::string(5000, 'a'));
    EXPECT_NE(error_of([&] { load_funder_key(huge, false); }).find(huge.string()),
              std::string::npos);
}

TEST_F(pool_funder_key, file_then_environment_then_devnet_key)
{
    const std::string other = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    ::setenv(kRichKeyEnv, (" 0x" + other + "\n").c_str(), 1);
    const fs::path path = write_key_file(kKeyHex);
    EXPECT_EQ(load_funder_key(path, true), parse_fixed_hex<32>(kKeyHex));
    FunderKeyInfo info;
    EXPECT_EQ(load_funder_key(std::nullopt, true, &info), parse_fixed_hex<32>(other));
    EXPECT_NE(info.origin.find(kRichKeyEnv), std::string::npos) << info.origin;
    ::setenv(kRichKeyEnv, "", 1);
    EXPECT_EQ(load_funder_key(std::nullopt, true, &info), parse_fixed_hex<32>(kDevnetFunderKeyHex));
    EXPECT_EQ(info.origin, "anvil dev account 0");
}

TEST_F(pool_funder_key, bad_environment_value_is_named_but_not_quoted)
{
    const std::string value = std::string(kKeyHex) + "ab";
    ::setenv(kRichKeyEnv, value.c_str(), 1);
    const std::string message = error_of([] { load_funder_key(std::nullopt, true); });
    EXPECT_NE(message.find(kRichKeyEnv), std::string::npos) << message;
    EXPECT_FALSE(leaks(message, value)) << message;
}

TEST_F(pool_funder_key, no_key_outside_a_devnet_says_how_to_give_one)
{
    const std::string message = error_of([] { load_funder_key(std::nullopt, false); });
    EXPECT_NE(message.find("--rich-key-file"), std::string::npos) << message;
    EXPECT_NE(message.find(kRichKeyEnv), std::string::npos) << message;
    EXPECT_FALSE(leaks(message, std::string(kDevnetFunderKeyHex))) << message;
}
