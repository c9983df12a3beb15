// SPDX-License-Identifier: Apache-2.0
#include "pool/state_file.hpp"
#include "codec/keccak.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

using namespace zkload;
using namespace zkload::pool;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

PoolState sample_state()
{
    PoolState s;
    s.chain_id = 31337;
    s.genesis_hash =
        parse_hash("0x8f3b0f1cbd2c8aa0a7f54b7c3d4f3d2e1c0b9a8f7e6d5c4b3a29180716253443");
    s.seed_name = "zkload-default";
    s.pool_size = 100'000;
    s.contracts = {{"token", parse_address("0x5fbdb2315678afecb367f032d93f642f64180aa3")},
                   {"multisend", parse_address("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512")},
                   {"swap_pair", parse_address("0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9")}};
    s.eth_per_wallet = parse_u256("50000000000000000");
    s.token_per_wallet = parse_u256("1000000000000000000000");
    s.updated_at = "2026-11-28T09:00:00Z";
    return s;
}

/// The checksum rule, restated here rather than taken from the code under test: keccak256 of
/// the compact dump (sorted keys) of every field but "checksum".
json with_checksum(json content)
{
    content.erase("checksum");
    const std::string dump = content.dump();
    content["checksum"] = to_hex(keccak256(as_view(dump)));
    return content;
}

std::string read_text(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void write_text(const fs::path& path, const std::string& text)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

class StateFileTest : public testing::Test
{
protected:
    void SetUp() override
    {
        dir_ = fs::temp_directory_path() / ("zkload-state-test-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        path_ = state_path(dir_ / "cache" / "zkload", 31337, sample_state().genesis_hash);
    }

    void TearDown() override { fs::remove_all(dir_); }

    /// Writes `text` as the state file and returns load_state's error message ("" if none).
    std::string load_error(const std::string& text)
    {
        write_text(path_, text);
        try
        {
            load_state(path_);
        }
        catch (const StateFileError& e)
        {
            EXPECT_EQ(e.path(), path_);
            return e.what();
        }
        return "";
    }

    /// The saved sample as JSON, changed by `edit`, re-checksummed, written, loaded.
    std::string edited_error(const std::function<void(json&)>& edit)
    {
        json j = json::parse(serialize_state(sample_state()));
        edit(j);
        return load_error(with_checksum(j).dump(2));
    }

    fs::path dir_;
    fs::path path_;
};

/// The message says which file, what is wrong, and that the file is not used.
void expect_untrusted(const std::string& message, const std::string& problem, const fs::path& path)
{
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    EXPECT_NE(message.find(problem), std::string::npos) << message;
    EXPECT_NE(message.find("will not be trusted"), std::string::npos) << message;
}

/// ctest names start with the suite: pool_* selects this feature's tests.
using pool_state_file = StateFileTest;

}  // namespace

TEST_F(pool_state_file, round_trip)
{
    EXPECT_FALSE(load_state(path_));
    save_state(path_, sample_state());
    EXPECT_EQ(load_state(path_), sample_state());
    PoolState bare = sample_state();
    bare.contracts.clear();
    bare.eth_per_wallet.reset();
    bare.token_per_wallet.reset();
    bare.seed_name = "caf\xc3\xa9 \"quoted\"";
    save_state(path_, bare);
    EXPECT_EQ(load_state(path_), bare);
}

TEST_F(pool_state_file, is_small_readable_json_named_by_chain_and_genesis)
{
    save_state(path_, sample_state());
    EXPECT_EQ(path_.filename().string(),
              "pool-31337-8f3b0f1cbd2c8aa0a7f54b7c3d4f3d2e1c0b9a8f7e6d5c4b3a29180716253443.json");
    const std::string text = read_text(path_);
    EXPECT_LT(text.size(), 1024u);
    const json j = json::parse(text);
    EXPECT_EQ(j.at("seed_name"), "zkload-default");
    EXPECT_EQ(j.at("chain_id"), 31337);
    EXPECT_EQ(j.at("format_version"), 2);
    EXPECT_EQ(j.at("contracts").at("token"), "0x5fbdb2315678afecb367f032d93f642f64180aa3");
    EXPECT_EQ(j.at("contracts").size(), 3u);
    EXPECT_EQ(j, with_checksum(j)) << "the checksum is not keccak256 of the compact content";
    EXPECT_NE(text.find("\n  \"pool_size\": 100000"), std::string::npos) << text;
    write_text(path_, j.dump(4));
    EXPECT_EQ(load_state(path_), sample_state()) << "re-indenting must not break the checksum";
}

TEST_F(pool_state_file, directory_is_created_private)
{
    save_state(path_, sample_state());
    for (const fs::path& dir : {path_.parent_path(), path_.parent_path().parent_path()})
    {
        const auto perms = fs::status(dir).permissions();
        EXPECT_EQ(perms & fs::perms::all, fs::perms::owner_all) << dir;
    }
}

TEST_F(pool_state_file, atomic_write_leaves_no_temp_file)
{
    save_state(path_, sample_state());
    PoolState second = sample_state();
    second.pool_size = 7;
    save_state(path_, second);
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(path_.parent_path()))
        names.push_back(entry.path().filename().string());
    EXPECT_EQ(names, std::vector<std::string>{path_.filename().string()});
    EXPECT_EQ(load_state(path_), second);
}

TEST_F(pool_state_file, stale_temp_file_from_a_crash_is_ignored)
{
    save_state(path_, sample_state());
    const fs::path stale = path_.parent_path() / (path_.filename().string() + ".tmp-1-dead");
    write_text(stale, serialize_state(sample_state()).substr(0, 40));
    EXPECT_EQ(load_state(path_), sample_state());
    PoolState next = sample_state();
    next.pool_size = 12;
    save_state(path_, next);
    EXPECT_EQ(load_state(path_), next);
    fs::remove(path_);
    EXPECT_FALSE(load_state(path_)) << "a temp file alone is not a state";
}

TEST_F(pool_state_file, every_kind_of_corruption_is_detected)
{
    save_state(path_, sample_state());
    const std::string good = read_text(path_);
    expect_untrusted(load_error("hello"), "not JSON", path_);
    expect_untrusted(load_error(""), "not JSON", path_);
    expect_untrusted(load_error(R"({"format_version":1e999})"), "not JSON", path_);  // out of a double's range
    expect_untrusted(load_error("[1, 2]"), "not a JSON object", path_);
    for (size_t cut = 0; cut + 1 < good.size(); ++cut)
        EXPECT_NE(load_error(good.substr(0, cut)), "") << "cut at " << cut;

    std::string edited = good;
    edited.replace(edited.find("100000"), 6, "100001");
    expect_untrusted(load_error(edited), "checksum mismatch", path_);

    json j = json::parse(good);
    std::string checksum = j.at("checksum");
    checksum[10] = checksum[10] == 'a' ? 'b' : 'a';
    j["checksum"] = checksum;
    expect_untrusted(load_error(j.dump(2)), "checksum mismatch", path_);
    j.erase("checksum");
    expect_untrusted(load_error(j.dump(2)), "checksum is missing", path_);

    expect_untrusted(edited_error([](json& s) { s["format_version"] = 3; }), "format version 3",
                     path_);
    expect_untrusted(edited_error([](json& s) { s["format_version"] = "1"; }), "format_version",
                     path_);
    expect_untrusted(edited_error([](json& s) { s["chain_id"] = "31337"; }), "chain_id", path_);
    expect_untrusted(edited_error([](json& s) { s["pool_size"] = -1; }), "pool_size", path_);
    expect_untrusted(edited_error([](json& s) { s.erase("pool_size"); }), "pool_size is missing",
                     path_);
    expect_untrusted(edited_error([](json& s) { s["private_key"] = "0x01"; }),
                     "unknown field private_key", path_);
    expect_untrusted(edited_error([](json& s) { s["contracts"]["token"] = "0x1234"; }),
                     "contract token", path_);
    expect_untrusted(edited_error([](json& s) { s["contracts"]["token"] = nullptr; }),
                     "contract token", path_);
    expect_untrusted(edited_error([](json& s) { s["contracts"] = json::array(); }), "contracts",
                     path_);
    expect_untrusted(edited_error([](json& s) { s["contracts"][""] = "0x5fbdb2315678afecb367f032d93f642f64180aa3"; }),
                     "contract name", path_);
    // A version 2 file has no fixed token field any more.
    expect_untrusted(edited_error([](json& s) { s["token"] = "0x5fbdb2315678afecb367f032d93f642f64180aa3"; }),
                     "unknown field token", path_);
    expect_untrusted(edited_error([](json& s) { s["genesis_hash"] = nullptr; }), "genesis_hash",
                     path_);
    expect_untrusted(edited_error([](json& s) { s["eth_per_wallet"] = 5; }), "eth_per_wallet",
                     path_);
    expect_untrusted(edited_error([](json& s) { s["seed_name"] = 1; }), "seed_name", path_);
    EXPECT_EQ(edited_error([](json&) {}), "") << "the test's own checksum rule must agree";
}

TEST_F(pool_state_file, quarantine_moves_a_corrupt_file_aside)
{
    save_state(path_, sample_state());
    write_text(path_, "{ not json");
    const fs::path moved = quarantine(path_);
    EXPECT_FALSE(fs::exists(path_));
    EXPECT_TRUE(fs::exists(moved));
    EXPECT_EQ(moved.parent_path(), path_.parent_path());
    EXPECT_TRUE(moved.filename().string().starts_with(path_.filename().string() + ".corrupt-"))
        << moved;
    EXPECT_EQ(read_text(moved), "{ not json");
    EXPECT_FALSE(load_state(path_));
    write_text(path_, "again");
    const fs::path second = quarantine(path_);
    EXPECT_NE(second, moved);
    EXPECT_TRUE(fs::exists(moved) && fs::exists(second));
}

TEST(pool_state_dir, environment_precedence)
{
    const char* names[] = {"ZKLOAD_STATE_DIR", "XDG_CACHE_HOME", "HOME"};
    std::optional<std::string> saved[3];
    for (int i = 0; i < 3; ++i)
    {
        if (const char* v = std::getenv(names[i]))
            saved[i] = v;
    }
    ::setenv("ZKLOAD_STATE_DIR", "/tmp/zk-state", 1);
    ::setenv("XDG_CACHE_HOME", "/tmp/xdg", 1);
    ::setenv("HOME", "/tmp/home", 1);
    EXPECT_EQ(default_state_dir(), fs::path("/tmp/zk-state"));
    ::unsetenv("ZKLOAD_STATE_DIR");
    EXPECT_EQ(default_state_dir(), fs::path("/tmp/xdg/zkload"));
    ::setenv("XDG_CACHE_HOME", "relative/cache", 1);
    EXPECT_EQ(default_state_dir(), fs::path("/tmp/home/.cache/zkload"));
    ::unsetenv("XDG_CACHE_HOME");
    EXPECT_EQ(default_state_dir(), fs::path("/tmp/home/.cache/zkload"));
    ::unsetenv("HOME");
    EXPECT_THROW(default_state_dir(), std::runtime_error);
    for (int i = 0; i < 3; ++i)
    {
        if (saved[i])
            ::setenv(names[i], saved[i]->c_str(), 1);
        else
            ::unsetenv(names[i]);
    }
}

namespace {

/// The version-1 file the release at 238a8e4 wrote (tests/pool/golden/README.md says how).
std::string release_v1_text()
{
    return read_text(fs::path(ZKLOAD_TEST_SOURCE_DIR) / "tests/pool/golden/pool-state-v1.json");
}

}  // namespace

TEST_F(pool_state_file, reads_a_version_1_file_written_by_the_release_into_the_contract_map)
{
    const std::string v1 = release_v1_text();
    ASSERT_EQ(json::parse(v1).at("format_version"), 1) << "the golden file must stay a version-1 file";
    write_text(path_, v1);
    const auto state = load_state(path_);
    ASSERT_TRUE(state);
    EXPECT_EQ(state->format_version, kStateFormatVersion);
    EXPECT_EQ(state->chain_id, 31337u);
    EXPECT_EQ(to_hex(state->genesis_hash),
              "0xc56b8342e33b57477139f45874ae699b6fe1ca1a65d089b78c34dabc3206e07b");
    EXPECT_EQ(state->seed_name, "zkload-default");
    EXPECT_EQ(state->pool_size, 10u);
    const std::map<std::string, Address, std::less<>> expected = {
        {"token", parse_address("0x5fbdb2315678afecb367f032d93f642f64180aa3")},
        {"multisend", parse_address("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512")}};
    EXPECT_EQ(state->contracts, expected);
    EXPECT_EQ(state->contract("token"), expected.at("token"));
    EXPECT_FALSE(state->contract("swap_pair"));
    EXPECT_EQ(state->eth_per_wallet, parse_u256("23400000000000000"));
    EXPECT_EQ(state->token_per_wallet, parse_u256("1000000000000000000000"));

    // Saved again, it is a version-2 file with the same content.
    save_state(path_, *state);
    const json saved = json::parse(read_text(path_));
    EXPECT_EQ(saved.at("format_version"), 2);
    EXPECT_FALSE(saved.contains("token") || saved.contains("multisend"));
    EXPECT_EQ(saved.at("contracts").at("multisend"), "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
    EXPECT_EQ(load_state(path_), state);
}

TEST_F(pool_state_file, a_version_1_file_keeps_its_own_rules_checksum_and_fields)
{
    json v1 = json::parse(release_v1_text());
    // An unset contract was written as null in version 1 and is simply absent from the map.
    json no_multisend = v1;
    no_multisend["multisend"] = nullptr;
    write_text(path_, with_checksum(no_multisend).dump(2));
    const auto state = load_state(path_);
    ASSERT_TRUE(state);
    EXPECT_EQ(state->contracts.size(), 1u);
    EXPECT_FALSE(state->contract("multisend"));

    json edited = v1;
    edited["pool_size"] = 11;  // checksum left as the release wrote it
    expect_untrusted(load_error(edited.dump(2)), "checksum mismatch", path_);
    json with_map = v1;
    with_map["contracts"] = json::object();
    expect_untrusted(load_error(with_checksum(with_map).dump(2)), "unknown field contracts", path_);
    json no_token = v1;
    no_token.erase("token");
    expect_untrusted(load_error(with_checksum(no_token).dump(2)), "token is missing", path_);
    json bad_token = v1;
    bad_token["token"] = "0x12";
    expect_untrusted(load_error(with_checksum(bad_token).dump(2)), "token", path_);
}
