// SPDX-License-Identifier: Apache-2.0
#include "pool/state_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>

namespace zkload::pool {
namespace {

/// A state file is a few hundred bytes; anything this large is not one.
constexpr std::uintmax_t kMaxStateFileBytes = 1 << 20;

std::string env(const char* name)
{
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

[[noreturn]] void write_failed(const std::filesystem::path& path, const std::string& step)
{
    throw StateFileError(path, "cannot be written: " + step + ": " + std::strerror(errno));
}

/// Creates every missing directory of `dir` with mode 0700: the cache is nobody else's business.
void make_private_dirs(const std::filesystem::path& dir)
{
    std::filesystem::path partial;
    for (const auto& part : dir)
    {
        partial /= part;
        if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST)
            write_failed(dir, "mkdir " + partial.string());
    }
}

std::string temp_name(const std::filesystem::path& path)
{
    std::random_device random;
    std::ostringstream name;
    name << path.filename().string() << ".tmp-" << ::getpid() << "-" << std::hex << random();
    return name.str();
}

void write_all(int fd, std::string_view text, const std::filesystem::path& path)
{
    while (!text.empty())
    {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            write_failed(path, "write");
        text.remove_prefix(static_cast<size_t>(n));
    }
}

void fsync_dir(const std::filesystem::path& dir, const std::filesystem::path& path)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        write_failed(path, "open directory " + dir.string());
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        write_failed(path, "fsync directory " + dir.string());
}

}  // namespace

StateFileError::StateFileError(const std::filesystem::path& path, const std::string& problem)
    : std::runtime_error("pool state file " + path.string() + ": " + problem), path_(path)
{}

std::filesystem::path default_state_dir()
{
    if (const std::string dir = env("ZKLOAD_STATE_DIR"); !dir.empty())
        return dir;
    if (const std::string cache = env("XDG_CACHE_HOME"); !cache.empty() && cache.front() == '/')
        return std::filesystem::path(cache) / "zkload";
    if (const std::string home = env("HOME"); !home.empty())
        return std::filesystem::path(home) / ".cache" / "zkload";
    throw std::runtime_error(
        "no directory for the pool state: set ZKLOAD_STATE_DIR, XDG_CACHE_HOME or HOME");
}

std::filesystem::path state_path(const std::filesystem::path& dir,
                                 uint64_t chain_id,
                                 const Hash& genesis_hash)
{
    return dir / ("pool-" + std::to_string(chain_id) + "-" + to_hex(genesis_hash, false) + ".json");
}

std::optional<PoolState> load_state(const std::filesystem::path& path)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (status.type() == std::filesystem::file_type::not_found)
        return std::nullopt;
    if (status.type() != std::filesystem::file_type::regular)
        throw StateFileError(path, "is not a regular file; it will not be trusted");
    if (std::filesystem::file_size(path, ec) > kMaxStateFileBytes)
        throw StateFileError(path, "is larger than 1 MiB; it will not be trusted");
    std::ifstream in(path, std::ios::binary);
    if (!in.is_open())
        throw StateFileError(path, std::string("cannot be read: ") + std::strerror(errno));
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad())
        throw StateFileError(path, "cannot be read: I/O error");
    return parse_state(text, path);
}

void save_state(const std::filesystem::path& path, const PoolState& state)
{
    const std::string text = serialize_state(state);
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
    make_private_dirs(dir);
    const std::filesystem::path temp = dir / temp_name(path);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        write_failed(path, "create " + temp.string());
    bool open = true;
    try
    {
        write_all(fd, text, path);
        if (::fsync(fd) != 0)
            write_failed(path, "fsync");
        open = false;
        if (::close(fd) != 0)
            write_failed(path, "close");
        if (::rename(temp.c_str(), path.c_str()) != 0)
            write_failed(path, "rename from " + temp.string());
    }
    catch (...)
    {
        if (open)
            ::close(fd);
        ::unlink(temp.c_str());
        throw;
    }
    fsync_dir(dir, path);
}

std::string utc_timestamp()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

std::filesystem::path quarantine(const std::filesystem::path& path)
{
    std::string stamp = utc_timestamp();
    std::erase(stamp, '-');
    std::erase(stamp, ':');
    const std::string base = path.filename().string() + ".corrupt-" + stamp;
    std::filesystem::path target = path.parent_path() / base;
    for (int n = 1; std::filesystem::exists(target); ++n)
        target = path.parent_path() / (base + "-" + std::to_string(n));
    std::filesystem::rename(path, target);
    return target;
}

}  // namespace zkload::pool
