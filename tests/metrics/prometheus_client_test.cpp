// SPDX-License-Identifier: Apache-2.0
// Real exposition text written by the prometheus_client library (write_exposition.py, run by
// ctest first): every sample it wrote must come back with exactly its value.
#include "metrics/node_metrics.hpp"
#include "metrics/prometheus_text.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace {

using namespace zkload::metrics;

std::string read_file(const std::string& leaf)
{
    const std::string path = std::string(ZKLOAD_TEST_METRICS_DIR) + "/" + leaf;
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("missing " + path +
                                 " (ctest runs metrics.write_exposition first)");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The script writes values as hexadecimal floats (float.hex()), read here by strtod: another
/// path than the parser under test, and no decimal rounding in between.
double from_hex(const std::string& text)
{
    return std::strtod(text.c_str(), nullptr);
}

bool same_value(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

const Sample* find_sample(const Exposition& scrape, const nlohmann::json& wanted)
{
    for (const Sample& sample : scrape.samples)
    {
        if (sample.name != wanted.at("name").get<std::string>() ||
            sample.labels.size() != wanted.at("labels").size())
            continue;
        bool all = true;
        for (const auto& [name, value] : wanted.at("labels").items())
        {
            const std::string* got = sample.label(name);
            all = all && got != nullptr && *got == value.get<std::string>();
        }
        if (all)
            return &sample;
    }
    return nullptr;
}

void expect_every_sample(const std::string& leaf)
{
    const Exposition scrape = parse_exposition(read_file(leaf));
    const auto expected = nlohmann::json::parse(read_file("expected.json"));
    const auto& samples = expected.at("samples");
    ASSERT_GT(samples.size(), 30u);
    EXPECT_EQ(scrape.samples.size(), samples.size());
    for (const auto& wanted : samples)
    {
        const Sample* got = find_sample(scrape, wanted);
        ASSERT_NE(got, nullptr) << leaf << " lacks " << wanted.dump();
        const double value = from_hex(wanted.at("value").get<std::string>());
        EXPECT_TRUE(same_value(got->value, value))
            << leaf << ": " << wanted.dump() << " read as " << got->value;
    }
}

TEST(PrometheusClientText, EverySampleOfTheTextFormat)
{
    expect_every_sample("exposition.txt");
}

TEST(PrometheusClientText, EverySampleOfOpenMetrics)
{
    expect_every_sample("exposition.openmetrics.txt");
}

TEST(PrometheusClientText, HelpAndTypeLines)
{
    const Exposition scrape = parse_exposition(read_file("exposition.txt"));
    const auto expected = nlohmann::json::parse(read_file("expected.json"));
    for (const auto& [name, help] : expected.at("help").items())
        EXPECT_EQ(scrape.help.at(name), help.get<std::string>());
    EXPECT_EQ(scrape.types.at("api_web3_call"), "histogram");
    EXPECT_EQ(scrape.types.at("server_state_keeper_mempool_l2_size"), "gauge");
}

TEST(PrometheusClientText, ZkSyncSnapshotFindsTheServerSeries)
{
    const auto expected = nlohmann::json::parse(read_file("expected.json")).at("zksync");
    for (const char* leaf : {"exposition.txt", "exposition.openmetrics.txt"})
    {
        const NodeMetricsSnapshot snapshot =
            node_snapshot(parse_exposition(read_file(leaf)), std::chrono::steady_clock::now());
        auto want = [&](const char* key) { return from_hex(expected.at(key).get<std::string>()); };
        EXPECT_EQ(snapshot.mempool_added, want("mempool_added")) << leaf;
        EXPECT_EQ(snapshot.state_keeper_processed, want("state_keeper_processed")) << leaf;
        EXPECT_EQ(snapshot.mempool_l2_size, want("mempool_l2_size")) << leaf;
        EXPECT_EQ(snapshot.web3_call_count, want("web3_call_count")) << leaf;
        ASSERT_TRUE(snapshot.web3_call_seconds_sum.has_value()) << leaf;
        EXPECT_DOUBLE_EQ(*snapshot.web3_call_seconds_sum, want("web3_call_seconds_sum")) << leaf;
    }
}

}  // namespace
