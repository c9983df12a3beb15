// SPDX-License-Identifier: Apache-2.0
// The Prometheus text parser on hand-written lines: syntax corners, errors, zkSync rates.
#include "metrics/prometheus_text.hpp"
#include "metrics/node_metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace zkload::metrics;

TEST(PrometheusText, CommentsHelpTypeLabelsAndTimestamps)
{
    const Exposition scrape = parse_exposition(
        "# A free comment\n"
        "# HELP http_requests_total The total number of HTTP requests.\n"
        "# TYPE http_requests_total counter\n"
        "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n"
        "http_requests_total{method=\"post\",code=\"400\",}    3   1395066363000\r\n"
        "\n"
        "metric_without_timestamp_and_labels 12.47\n"
        "msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find "
        "file:\\n\\\"FILE.TXT\\\"\"} 1.458255915e9\n"
        "something_weird{problem=\"division by zero\"} +Inf -3982045\n"
        "  spaced { a = \"1\" , b=\"2\" } -0.5\n");
    ASSERT_EQ(scrape.samples.size(), 6u);
    EXPECT_EQ(scrape.help.at("http_requests_total"), "The total number of HTTP requests.");
    EXPECT_EQ(scrape.types.at("http_requests_total"), "counter");
    const Sample& first = scrape.samples[0];
    EXPECT_EQ(first.name, "http_requests_total");
    EXPECT_EQ(first.labels, (std::vector<Label>{{"method", "post"}, {"code", "200"}}));
    EXPECT_EQ(first.value, 1027);
    EXPECT_EQ(first.timestamp_ms, 1395066363000);
    EXPECT_EQ(scrape.samples[1].value, 3);  // trailing comma, blanks, CRLF
    EXPECT_FALSE(scrape.samples[2].timestamp_ms.has_value());
    EXPECT_EQ(*scrape.samples[3].label("path"), "C:\\DIR\\FILE.TXT");
    EXPECT_EQ(*scrape.samples[3].label("error"), "Cannot find file:\n\"FILE.TXT\"");
    EXPECT_EQ(scrape.samples[3].value, 1.458255915e9);
    EXPECT_TRUE(std::isinf(scrape.samples[4].value) && scrape.samples[4].value > 0);
    EXPECT_EQ(scrape.samples[4].timestamp_ms, -3982045);
    EXPECT_EQ(scrape.samples[5].labels, (std::vector<Label>{{"a", "1"}, {"b", "2"}}));
    EXPECT_EQ(scrape.samples[5].value, -0.5);
    EXPECT_EQ(scrape.samples[5].label("c"), nullptr);
}

TEST(PrometheusText, SpecialValuesAndOpenMetricsExtras)
{
    const Exposition scrape = parse_exposition(
        "a NaN\nb -Inf\nc Inf\nd 1e-3\ne -0\n"
        "# TYPE f counter\n# UNIT f seconds\n"
        "f_total 17.0 # {trace_id=\"KOO5S4vxi0o\"} 0.67\n"
        "g 1 1520879607.789\n"
        "# EOF\n");
    ASSERT_EQ(scrape.samples.size(), 7u);
    EXPECT_TRUE(std::isnan(scrape.samples[0].value));
    EXPECT_TRUE(std::isinf(scrape.samples[1].value) && scrape.samples[1].value < 0);
    EXPECT_TRUE(std::isinf(scrape.samples[2].value) && scrape.samples[2].value > 0);
    EXPECT_EQ(scrape.samples[3].value, 0.001);
    EXPECT_EQ(scrape.samples[5].value, 17.0);
    EXPECT_FALSE(scrape.samples[5].timestamp_ms.has_value());
    EXPECT_EQ(scrape.samples[6].timestamp_ms, 1520879607789);
}

TEST(PrometheusText, SumSelectsByLabelsAndAddsTheRest)
{
    const Exposition scrape = parse_exposition(
        "h_sum{method=\"a\"} 1.5\nh_sum{method=\"b\"} 2.25\nh_count{method=\"a\"} 3\n");
    EXPECT_EQ(scrape.sum("h_sum"), 3.75);
    EXPECT_EQ(scrape.sum("h_sum", {{"method", "b"}}), 2.25);
    EXPECT_FALSE(scrape.sum("h_sum", {{"method", "c"}}).has_value());
    EXPECT_FALSE(scrape.sum("missing").has_value());
}

void expect_parse_error(const std::string& text, const std::string& fragment)
{
    try
    {
        parse_exposition(text);
        ADD_FAILURE() << "parsed: " << text;
    }
    catch (const PrometheusParseError& e)
    {
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

TEST(PrometheusText, MalformedLinesNameTheLine)
{
    expect_parse_error("ok 1\n\nbad_value abc\n", "line 3: expected a number");
    expect_parse_error("no_value\n", "line 1: expected a value");
    expect_parse_error("x{a=\"1\" 2\n", "expected ',' or '}'");
    expect_parse_error("x{a=\"1} 2\n", "unterminated label value");
    expect_parse_error("x{a=1} 2\n", "expected '\"'");
    expect_parse_error("x{a=\"\\t\"} 2\n", "unknown escape");
    expect_parse_error("9lives 2\n", "expected a metric or label name");
    expect_parse_error("x 0x10\n", "expected a number");
    expect_parse_error("<html><body>404</body></html>\n", "line 1");
}

TEST(NodeMetrics, ViseStyleCountersWithoutTotalAndTheirRates)
{
    // A zkSync server's vise exporter writes counters without the `_total` suffix.
    const auto before = node_snapshot(
        parse_exposition("server_processed_txs{stage=\"mempool_added\"} 1000\n"
                         "server_processed_txs{stage=\"state_keeper\"} 900\n"
                         "server_state_keeper_mempool_l2_size 100\n"
                         "api_web3_call_sum{method=\"eth_sendRawTransaction\"} 2\n"
                         "api_web3_call_count{method=\"eth_sendRawTransaction\"} 1000\n"
                         "api_web3_call_sum{method=\"eth_call\"} 1\n"
                         "api_web3_call_count{method=\"eth_call\"} 500\n"),
        std::chrono::steady_clock::time_point(std::chrono::seconds(10)));
    const auto after = node_snapshot(
        parse_exposition("server_processed_txs{stage=\"mempool_added\"} 3000\n"
                         "server_processed_txs{stage=\"state_keeper\"} 2400\n"
                         "server_state_keeper_mempool_l2_size 250\n"
                         "api_web3_call_sum{method=\"eth_sendRawTransaction\"} 6\n"
                         "api_web3_call_count{method=\"eth_sendRawTransaction\"} 3000\n"
                         "api_web3_call_sum{method=\"eth_call\"} 1\n"
                         "api_web3_call_count{method=\"eth_call\"} 500\n"),
        std::chrono::steady_clock::time_point(std::chrono::seconds(14)));
    EXPECT_EQ(before.mempool_added, 1000);
    EXPECT_EQ(before.web3_call_count, 1500);
    const NodeMetricsRates rates = node_rates(before, after);
    EXPECT_DOUBLE_EQ(*rates.mempool_added_per_s, 500.0);
    EXPECT_DOUBLE_EQ(*rates.processed_per_s, 375.0);
    EXPECT_EQ(rates.mempool_size, 250);
    EXPECT_DOUBLE_EQ(*rates.web3_calls_per_s, 500.0);
    EXPECT_DOUBLE_EQ(*rates.web3_call_mean_ms, 2.0);  // 4 s over 2000 calls
}

TEST(NodeMetrics, MissingSeriesAndRestartsGiveNoRate)
{
    const auto t0 = std::chrono::steady_clock::time_point(std::chrono::seconds(1));
    const auto before = node_snapshot(
        parse_exposition(
            "server_processed_txs_total{stage=\"state_keeper\"} 50\napi_web3_call_count 10\n"
            "api_web3_call_sum 1\n"),
        t0);
    const auto after = node_snapshot(
        parse_exposition(
            "server_processed_txs_total{stage=\"state_keeper\"} 5\napi_web3_call_count 10\n"
            "api_web3_call_sum 1\n"),
        t0 + std::chrono::seconds(2));
    const NodeMetricsRates rates = node_rates(before, after);
    EXPECT_FALSE(rates.processed_per_s.has_value());      // went down: a restart
    EXPECT_FALSE(rates.mempool_added_per_s.has_value());  // not exposed
    EXPECT_FALSE(rates.mempool_size.has_value());
    EXPECT_EQ(rates.web3_calls_per_s, 0.0);
    EXPECT_FALSE(rates.web3_call_mean_ms.has_value());  // no call in between
}

}  // namespace
