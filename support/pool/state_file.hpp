// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"
#include "codec/u256.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace zkload::pool {

/// The state file format this code writes. It reads this one and version 1 (fixed `token` and
/// `multisend` fields, which become the entries of the contract map).
inline constexpr int kStateFormatVersion = 2;

/// What a funded pool on one chain looks like, so that a second run can verify it instead of
/// funding again. No keys, ever: the keys follow from the seed name (wallets.hpp), and the
/// funder key stays where the user keeps it.
struct PoolState
{
    int format_version = kStateFormatVersion;
    uint64_t chain_id = 0;
    Hash genesis_hash{};
    std::string seed_name;
    uint64_t pool_size = 0;

    /// Contracts deployed on this chain for the pool, by their name in the contract registry
    /// (contracts/registry.hpp): the benchmark ERC-20, the batch-transfer helper, and whatever
    /// a newer zkload kept (names this build does not know are kept as they are).
    std::map<std::string, Address, std::less<>> contracts;

    /// The balances the last funding run topped each wallet up to (wei, token base units).
    std::optional<U256> eth_per_wallet;
    std::optional<U256> token_per_wallet;

    /// When the last funding run finished, ISO-8601 UTC; informational only.
    std::string updated_at;

    /// The address recorded under `name`, if any.
    std::optional<Address> contract(std::string_view name) const;

    friend bool operator==(const PoolState&, const PoolState&) = default;
};

/// A state file that exists but cannot be trusted: not JSON, a missing, unknown or mistyped
/// field, another format version, or a checksum that does not match the content (edited by
/// hand, or cut short). The message names the path and the problem.
class StateFileError : public std::runtime_error
{
public:
    StateFileError(const std::filesystem::path& path, const std::string& problem);
    const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

/// $ZKLOAD_STATE_DIR, else $XDG_CACHE_HOME/zkload (an absolute XDG_CACHE_HOME only, as the XDG
/// spec says), else $HOME/.cache/zkload. A cache: deleting it only costs a verification run.
/// Throws std::runtime_error when none of these variables is usable.
std::filesystem::path default_state_dir();

/// `dir`/pool-<chain id>-<genesis hash hex>.json: one file per chain, so that a devnet and a
/// testnet with the same seed name never share state.
std::filesystem::path state_path(const std::filesystem::path& dir,
                                 uint64_t chain_id,
                                 const Hash& genesis_hash);

/// The state at `path`, or nullopt when there is no file. Throws StateFileError when the file
/// is there but not trustworthy (see StateFileError); the caller may quarantine() it.
std::optional<PoolState> load_state(const std::filesystem::path& path);

/// Writes the state atomically: a fresh temp file in the same directory, write, fsync, rename
/// over `path`, fsync the directory. A crash leaves either the old file or the new one, plus at
/// worst a stray temp file that load_state never reads. Missing directories are created with
/// mode 0700. Throws StateFileError on I/O failure. `state.format_version` is written as given.
void save_state(const std::filesystem::path& path, const PoolState& state);

/// Renames a corrupt state file to <name>.corrupt-<UTC timestamp> (with a -N suffix if that is
/// taken), keeping it for inspection while the next run starts afresh. Returns the new path.
std::filesystem::path quarantine(const std::filesystem::path& path);

/// The current time as ISO-8601 UTC to the second ("2026-01-31T12:00:00Z"), for updated_at.
std::string utc_timestamp();

/// The file's JSON text for `state`, checksum included (what save_state writes).
std::string serialize_state(const PoolState& state);

/// Parses serialize_state's text; `path` only names the file in errors.
PoolState parse_state(std::string_view text, const std::filesystem::path& path);

}  // namespace zkload::pool
