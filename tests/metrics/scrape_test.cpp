// SPDX-License-Identifier: Apache-2.0
// Scraping a real HTTP endpoint (python's http.server on loopback) with libcurl.
#include "metrics_server.hpp"

#include "metrics/node_metrics.hpp"
#include "metrics/prometheus_text.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace {

using namespace zkload;

std::string generated(const std::string& leaf)
{
    std::ifstream in(std::string(ZKLOAD_TEST_METRICS_DIR) + "/" + leaf);
    std::ostringstream text;
    text << in.rdbuf();
    if (text.str().empty())
        throw std::runtime_error("missing " + leaf +
                                 " (ctest runs metrics.write_exposition first)");
    return text.str();
}

TEST(Scrape, FetchesTheExpositionByteForByte)
{
    test::MetricsServer server;
    const std::string text = generated("exposition.txt");
    server.publish("metrics", text);
    const std::string body = metrics::fetch_metrics_text(server.url("metrics"));
    EXPECT_EQ(body, text);
    const auto snapshot =
        metrics::node_snapshot(metrics::parse_exposition(body), std::chrono::steady_clock::now());
    EXPECT_EQ(snapshot.mempool_added, 123456.0);
}

TEST(Scrape, MissingPathIsAnHttpError)
{
    test::MetricsServer server;
    try
    {
        metrics::fetch_metrics_text(server.url("no-such-page"));
        FAIL() << "a 404 was accepted";
    }
    catch (const metrics::ScrapeError& e)
    {
        EXPECT_NE(std::string(e.what()).find("HTTP 404"), std::string::npos) << e.what();
    }
}

TEST(Scrape, StoppedServerIsAConnectionError)
{
    std::string url;
    {
        test::MetricsServer server;
        url = server.url("ready");
    }
    try
    {
        metrics::fetch_metrics_text(url, std::chrono::milliseconds(2000));
        FAIL() << "scraped a stopped server";
    }
    catch (const metrics::ScrapeError& e)
    {
        EXPECT_NE(std::string(e.what()).find("cannot scrape metrics from " + url),
                  std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("--metrics-url"), std::string::npos) << e.what();
    }
}

}  // namespace
