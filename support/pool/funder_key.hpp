// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace zkload::pool {

/// The environment variable that may hold the funder ("rich") key.
inline constexpr const char* kRichKeyEnv = "ZKLOAD_RICH_KEY";

/// anvil's first dev account key, from its public default mnemonic: funded with 10,000 ETH on
/// every fresh anvil and worthless anywhere else. Used only for the embedded devnet.
inline constexpr std::string_view kDevnetFunderKeyHex =
    "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/// No usable funder key. The message names where the key was looked for (a file path or the
/// variable name) and never contains key material.
class FunderKeyError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// What load_funder_key found besides the key, for the log.
struct FunderKeyInfo
{
    /// "key file <path>", "environment variable ZKLOAD_RICH_KEY" or "anvil dev account 0".
    std::string origin;

    /// Set when the key file is readable by its group or by others: the key may be copied.
    std::optional<std::string> warning;
};

/// The key that pays for funding the pool, from the first of:
///   1. `key_file` (--rich-key-file), when given;
///   2. the environment variable ZKLOAD_RICH_KEY, when set and non-empty;
///   3. anvil's first dev key, when `is_devnet` (the embedded devnet);
/// else a FunderKeyError telling the user to pass --rich-key-file or set ZKLOAD_RICH_KEY. The key
/// is never taken as a command-line value: every user on the host could read it from ps.
/// `info`, when given, receives the origin and any permission warning.
PrivateKey load_funder_key(const std::optional<std::filesystem::path>& key_file,
                           bool is_devnet,
                           FunderKeyInfo* info = nullptr);

/// Parses key text: 64 hex digits, "0x"/"0X" optional, surrounded by any whitespace (a trailing
/// newline from `echo` included). Anything else, and a value that is not a valid secp256k1 key
/// (zero, or not below the group order), throws FunderKeyError naming `origin` but not the text.
PrivateKey parse_funder_key(std::string_view text, std::string_view origin);

/// The warning for a key file readable by group or others, or nullopt when its mode is private.
std::optional<std::string> key_file_permission_warning(const std::filesystem::path& key_file);

}  // namespace zkload::pool
