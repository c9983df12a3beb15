// SPDX-License-Identifier: Apache-2.0
#include "engine/pinning.hpp"

#include <gtest/gtest.h>

#include <future>
#include <sched.h>

namespace zkload::engine {
namespace {

std::vector<unsigned> allowed() { return parse_cpu_list(allowed_cpus()); }

TEST(Pinning, ParsesHwlocListSyntax)
{
    const auto cpus = allowed();
    ASSERT_FALSE(cpus.empty());
    EXPECT_EQ(parse_cpu_list(std::to_string(cpus.front())), std::vector<unsigned>{cpus.front()});
    EXPECT_EQ(format_cpu_list({0, 1, 2, 3, 8}), "0-3,8");
}

TEST(Pinning, MalformedListsAreRefusedWithTheAllowedCpus)
{
    for (const char* bad : {"", "a-b", "2-", "1,,x", "-3", "2;3"})
    {
        try
        {
            parse_cpu_list(bad);
            ADD_FAILURE() << "accepted '" << bad << "'";
        }
        catch (const CpuListError& e)
        {
            EXPECT_NE(std::string(e.what()).find("allowed here: " + allowed_cpus()), std::string::npos) << e.what();
        }
    }
}

TEST(Pinning, CpusOutsideTheAllowedSetAreRefusedByNumber)
{
    try
    {
        parse_cpu_list("4000-4001");
        FAIL() << "accepted cpus this process may not use";
    }
    catch (const CpuListError& e)
    {
        EXPECT_NE(std::string(e.what()).find("may not use (4000-4001)"), std::string::npos) << e.what();
    }
}

TEST(Pinning, ABoundThreadRunsOnlyOnItsCpuAsHwlocAndTheKernelReport)
{
    for (const unsigned cpu : allowed())
    {
        const auto [binding, ran_on] = std::async(std::launch::async, [cpu] {
                                           bind_this_thread(cpu);
                                           return std::pair(this_thread_binding(), sched_getcpu());
                                       }).get();
        EXPECT_EQ(binding, std::to_string(cpu));
        EXPECT_EQ(ran_on, static_cast<int>(cpu));
    }
}

}  // namespace
}  // namespace zkload::engine
