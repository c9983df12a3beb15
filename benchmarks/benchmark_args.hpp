// SPDX-License-Identifier: Apache-2.0
// Google Benchmark's own flags, read from the arguments before benchmark::Initialize consumes them.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <string_view>

namespace zkload::bench {

/// Removes --benchmark_out=… and --benchmark_out_format=… from argv (the ranks of an MPI run
/// other than rank 0, which alone writes the results file).
inline void drop_results_file_flags(int& argc, char** argv)
{
    int kept = 1;
    for (int i = 1; i < argc; ++i)
    {
        const std::string_view arg(argv[i]);
        if (!arg.starts_with("--benchmark_out=") && !arg.starts_with("--benchmark_out_format="))
            argv[kept++] = argv[i];
    }
    argc = kept;
    argv[argc] = nullptr;
}

/// Whether --benchmark_out names a file that Google Benchmark would write as JSON (its default
/// format).
inline bool json_file_output(int argc, char** argv)
{
    bool out = false;
    bool json = true;
    for (int i = 1; i < argc; ++i)
    {
        const std::string_view arg(argv[i]);
        if (arg.starts_with("--benchmark_out="))
            out = arg.size() > std::string_view("--benchmark_out=").size();
        else if (arg.starts_with("--benchmark_out_format="))
            json = arg == "--benchmark_out_format=json";
    }
    return out && json;
}

/// A boolean flag's value as Google Benchmark reads it: empty is true; one character is true
/// unless 0, f, n (either case) or not a letter or digit; else true unless false, no or off.
inline bool truthy_flag_value(std::string_view value)
{
    if (value.empty())
        return true;
    std::string lower(value);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower.size() == 1)
        return std::isalnum(static_cast<unsigned char>(lower[0])) && lower != "0" && lower != "f" && lower != "n";
    return lower != "false" && lower != "no" && lower != "off";
}

/// Whether Google Benchmark will shuffle the repetitions (--benchmark_enable_random_interleaving,
/// or its environment variable): it seeds the shuffle from std::random_device, so the ranks of an
/// MPI run would each run the rows in an order of their own.
inline bool random_interleaving_asked(int argc, char** argv)
{
    const char* env = std::getenv("BENCHMARK_ENABLE_RANDOM_INTERLEAVING");
    bool asked = env != nullptr && truthy_flag_value(env);
    constexpr std::string_view kFlag = "--benchmark_enable_random_interleaving";
    for (int i = 1; i < argc; ++i)
    {
        const std::string_view arg(argv[i]);
        if (arg == kFlag)
            asked = true;
        else if (arg.starts_with(kFlag) && arg[kFlag.size()] == '=')
            asked = truthy_flag_value(arg.substr(kFlag.size() + 1));
    }
    return asked;
}

}  // namespace zkload::bench
