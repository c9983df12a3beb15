// SPDX-License-Identifier: Apache-2.0
#include "pool/funder_key.hpp"

#include "txn/ecdsa.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <utility>

namespace zkload::pool {
namespace {

/// A key file is 64 hex digits and a newline; anything this large is the wrong file.
constexpr size_t kMaxKeyFileBytes = 4096;

constexpr std::string_view kWhitespace = " \t\r\n\v\f";

/// Overwrites key text before its memory is released, through a volatile pointer that the
/// optimiser may not drop.
void wipe(std::string& text)
{
    volatile char* p = text.data();
    for (size_t i = 0; i < text.size(); ++i)
        p[i] = 0;
}

[[noreturn]] void reject(std::string_view origin, std::string_view problem)
{
    throw FunderKeyError("the funder key from " + std::string(origin) +
                         " is not usable: " + std::string(problem));
}

std::string read_key_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw FunderKeyError("cannot read the funder key file " + path.string() + ": " +
                             std::strerror(errno));
    std::string text;
    text.resize(kMaxKeyFileBytes + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    const auto got = static_cast<size_t>(in.gcount());
    if (got > kMaxKeyFileBytes)
    {
        wipe(text);
        throw FunderKeyError("the funder key file " + path.string() + " is larger than " +
                             std::to_string(kMaxKeyFileBytes) +
                             " bytes: it should hold only a 64-hex-digit private key");
    }
    text.resize(got);
    return text;
}

}  // namespace

PrivateKey parse_funder_key(std::string_view text, std::string_view origin)
{
    const size_t begin = text.find_first_not_of(kWhitespace);
    if (begin == std::string_view::npos)
        reject(origin, "it is empty; expected 64 hex digits");
    const size_t end = text.find_last_not_of(kWhitespace);
    std::string_view body = text.substr(begin, end - begin + 1);
    if (body.size() >= 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X'))
        body.remove_prefix(2);
    if (body.size() != 64)
        reject(origin, "expected 64 hex digits (optionally 0x-prefixed), found " +
                           std::to_string(body.size()) + " characters");
    PrivateKey key{};
    for (size_t i = 0; i < key.size(); ++i)
    {
        const int high = hex_digit_value(body[2 * i]);
        const int low = hex_digit_value(body[2 * i + 1]);
        if (high < 0 || low < 0)
        {
            key.fill(0);
            reject(origin, "it contains a character that is not a hex digit");
        }
        key[i] = static_cast<uint8_t>(high * 16 + low);
    }
    if (!is_valid_private_key(key))
    {
        key.fill(0);
        reject(origin, "it is not a valid secp256k1 private key (zero or not below the order)");
    }
    return key;
}

std::optional<std::string> key_file_permission_warning(const std::filesystem::path& key_file)
{
    struct stat st
    {};
    if (::stat(key_file.c_str(), &st) != 0)
        return std::nullopt;
    if ((st.st_mode & (S_IRGRP | S_IROTH)) == 0)
        return std::nullopt;
    char mode[8];
    std::snprintf(mode, sizeof(mode), "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return "the funder key file " + key_file.string() + " is readable by " +
           ((st.st_mode & S_IROTH) != 0 ? "others" : "its group") + " (mode " + mode +
           "); restrict it with chmod 600";
}

PrivateKey load_funder_key(const std::optional<std::filesystem::path>& key_file,
                           bool is_devnet,
                           FunderKeyInfo* info)
{
    FunderKeyInfo found;
    PrivateKey key{};
    if (key_file)
    {
        found.origin = "key file " + key_file->string();
        std::string text = read_key_file(*key_file);
        try
        {
            key = parse_funder_key(text, found.origin);
        }
        catch (...)
        {
            wipe(text);
            throw;
        }
        wipe(text);
        found.warning = key_file_permission_warning(*key_file);
    }
    else if (const char* env = std::getenv(kRichKeyEnv); env != nullptr && *env != '\0')
    {
        found.origin = std::string("environment variable ") + kRichKeyEnv;
        key = parse_funder_key(env, found.origin);
    }
    else if (is_devnet)
    {
        found.origin = "anvil dev account 0";
        key = parse_funder_key(kDevnetFunderKeyHex, found.origin);
    }
    else
    {
        throw FunderKeyError(
            std::string("no funder key: pass --rich-key-file FILE (a file holding the funder's "
                        "64-hex-digit private key, mode 600) or set ") +
            kRichKeyEnv +
            ". A key is never accepted as a command-line value, where ps would show it to every "
            "user of the host");
    }
    if (info != nullptr)
        *info = std::move(found);
    return key;
}

}  // namespace zkload::pool
