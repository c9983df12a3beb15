// SPDX-License-Identifier: Apache-2.0
#include "rpc/errors.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

using namespace zkload::rpc;

namespace {

struct NodeText
{
    const char* node;
    int64_t code;
    const char* message;
    ErrorClass expected;
};

/// Real node texts: anvil 1.7.1 as observed by the integration tests (and its source for "Nonce
/// too high", which its pool never returns on submission), geth core/error.go and
/// core/txpool/errors.go wrapped as its pool wraps them, zkSync Era tx_sender/result.rs, and
/// public provider rate-limit replies.
const NodeText kNodeTexts[] = {
    {"anvil", -32003, "nonce too low", ErrorClass::nonce_too_low},
    {"anvil", -32003, "Nonce too high", ErrorClass::nonce_too_high},
    {"anvil", -32003, "replacement transaction underpriced", ErrorClass::replacement_underpriced},
    {"anvil", -32003, "transaction already imported", ErrorClass::already_known},
    {"anvil", -32003, "Insufficient funds for gas * price + value", ErrorClass::insufficient_funds},
    {"anvil", -32003, "max fee per gas less than block base fee", ErrorClass::fee_too_low},
    {"anvil", 3, "execution reverted", ErrorClass::execution_reverted},
    {"anvil", 3, "execution reverted: custom error 0x08c379a0", ErrorClass::execution_reverted},
    {"anvil", -32601, "Method not found", ErrorClass::rpc},
    {"anvil", -32602, "Failed to decode transaction", ErrorClass::rpc},
    {"anvil", -32000, "intrinsic gas too low", ErrorClass::rpc},
    {"anvil", -32003, "max priority fee per gas higher than max fee per gas", ErrorClass::rpc},
    {"geth", -32000,
     "nonce too low: address 0x70997970C51812dc3A010C7d01b50e0d17dc79C8, tx: 0 state: 3",
     ErrorClass::nonce_too_low},
    {"geth", -32000, "nonce too high", ErrorClass::nonce_too_high},
    {"geth", -32000, "already known", ErrorClass::already_known},
    {"geth", -32000, "replacement transaction underpriced", ErrorClass::replacement_underpriced},
    {"geth", -32000, "transaction underpriced: gas tip cap 1, minimum needed 1000000",
     ErrorClass::fee_too_low},
    {"geth", -32000,
     "insufficient funds for gas * price + value: address "
     "0x70997970C51812dc3A010C7d01b50e0d17dc79C8 "
     "have 0 want 21000000000000",
     ErrorClass::insufficient_funds},
    {"geth", -32000,
     "max fee per gas less than block base fee: address "
     "0x70997970C51812dc3A010C7d01b50e0d17dc79C8, "
     "maxFeePerGas: 1, baseFee: 875000000",
     ErrorClass::fee_too_low},
    {"geth", 3, "execution reverted: ERC20: transfer amount exceeds balance",
     ErrorClass::execution_reverted},
    {"geth", -32000, "txpool is full", ErrorClass::pool_full},
    {"reth", -32003, "transaction pool is full", ErrorClass::pool_full},
    {"geth", -32000, "exceeds block gas limit", ErrorClass::rpc},
    {"zksync", -32000, "nonce too high. allowed nonce range: 5 - 55, actual: 100",
     ErrorClass::nonce_too_high},
    {"zksync", -32000, "nonce too low. allowed nonce range: 5 - 55, actual: 1",
     ErrorClass::nonce_too_low},
    {"zksync", -32000, "insufficient funds for gas + value. balance: 0, fee: 21000, value: 1",
     ErrorClass::insufficient_funds},
    {"zksync", -32000,
     "not enough balance to cover the fee. error message: Not enough balance for fee + value",
     ErrorClass::insufficient_funds},
    {"zksync", -32000, "max fee per gas less than block base fee", ErrorClass::fee_too_low},
    {"zksync", -32000, "insertion of another transaction with the same nonce is in progress",
     ErrorClass::replacement_underpriced},
    {"zksync", 3, "execution reverted: Bootloader-based tx failed", ErrorClass::execution_reverted},
    {"zksync", -32000,
     "failed to validate the transaction. reason: Validation revert: Account validation error",
     ErrorClass::rpc},
    {"erigon", -32000, "FEE_TOO_LOW", ErrorClass::fee_too_low},
    {"reth", -32000, "fee cap too low", ErrorClass::fee_too_low},
    {"provider", -32005, "limit exceeded", ErrorClass::rate_limited},
    {"provider", -32005, "daily request count exceeded, request rate limited",
     ErrorClass::rate_limited},
    {"provider", 429, "Your app has exceeded its compute units per second capacity",
     ErrorClass::rate_limited},
    {"provider", -32005, "query returned more than 10000 results", ErrorClass::rpc},
    {"anvil", -32602, "unknown transaction type", ErrorClass::rpc},
    {"geth", -32000, "known transaction: 5c9b4a7b", ErrorClass::already_known},
};

}  // namespace

TEST(rpc_errors, classifies_real_node_texts)
{
    for (const NodeText& text : kNodeTexts)
    {
        EXPECT_EQ(to_string(classify_rpc_error(text.code, text.message)), to_string(text.expected))
            << text.node << " " << text.code << " \"" << text.message << "\"";
    }
}

TEST(rpc_errors, class_names_are_unique_snake_case)
{
    const std::regex snake("[a-z]+(_[a-z0-9]+)*");
    std::set<std::string_view> seen;
    for (size_t i = 0; i <= static_cast<size_t>(ErrorClass::pool_full); ++i)
    {
        const std::string_view name = to_string(static_cast<ErrorClass>(i));
        EXPECT_TRUE(std::regex_match(std::string(name), snake)) << name;
        EXPECT_TRUE(seen.insert(name).second) << name;
    }
    EXPECT_EQ(to_string(ErrorClass::nonce_too_low), "nonce_too_low");
    EXPECT_EQ(to_string(ErrorClass::http_status), "http_status");
}

TEST(rpc_errors, rpc_error_keeps_code_text_and_data)
{
    const Error error =
        make_rpc_error(3, "execution reverted: custom error 0x08c379a0", "0x08c379a0");
    EXPECT_EQ(error.error_class, ErrorClass::execution_reverted);
    EXPECT_EQ(error.code, 3);
    EXPECT_EQ(error.message, "execution reverted: custom error 0x08c379a0");
    ASSERT_TRUE(error.data);
    EXPECT_EQ(*error.data, "0x08c379a0");
    EXPECT_EQ(error.describe(),
              "execution_reverted: JSON-RPC error 3: execution reverted: custom error 0x08c379a0 "
              "(data: 0x08c379a0)");
}

TEST(rpc_errors, describe_is_one_capped_line)
{
    const std::string huge = "line one\nline two " + std::string(1'000'000, 'x');
    const Error error = make_rpc_error(-32000, huge);
    EXPECT_EQ(error.message, huge);
    const std::string line = error.describe();
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_LT(line.size(), kMaxQuotedChars + 80);
    EXPECT_NE(line.find("line one line two"), std::string::npos) << line;
    EXPECT_NE(line.find("1000018 bytes"), std::string::npos) << line;
}

TEST(rpc_errors, excerpt_never_splits_utf8)
{
    const std::string text = std::string(199, 'a') + "\xc3\xa9" + "tail";
    const std::string cut = excerpt(text, 200);
    EXPECT_EQ(cut.substr(0, 199), std::string(199, 'a'));
    EXPECT_EQ(cut.substr(199, 3), "...");
    EXPECT_EQ(excerpt("short\ttext"), "short text");
}

TEST(rpc_errors, http_status_errors)
{
    const Error html = make_http_error(500, "<html><body>Internal Server Error</body></html>");
    EXPECT_EQ(html.error_class, ErrorClass::http_status);
    EXPECT_EQ(html.http_status, 500);
    EXPECT_FALSE(html.code);
    EXPECT_EQ(html.describe(),
              "http_status: HTTP 500: <html><body>Internal Server Error</body></html>");

    const Error limited = make_http_error(429, "");
    EXPECT_EQ(limited.error_class, ErrorClass::rate_limited);
    EXPECT_EQ(limited.describe(), "rate_limited: HTTP 429: empty body");

    const Error wrapped = make_http_error(
        503, R"({"jsonrpc":"2.0","id":1,"error":{"code":-32005,"message":"rate limit exceeded"}})");
    EXPECT_EQ(wrapped.error_class, ErrorClass::rate_limited);
    EXPECT_EQ(wrapped.code, -32005);
    EXPECT_EQ(wrapped.message, "rate limit exceeded");

    const Error other = make_http_error(
        400, R"({"jsonrpc":"2.0","id":1,"error":{"code":-32600,"message":"invalid request"}})");
    EXPECT_EQ(other.error_class, ErrorClass::http_status);
    EXPECT_EQ(other.describe(), "http_status: HTTP 400: JSON-RPC error -32600: invalid request");
}

TEST(rpc_errors, transport_errors_by_curl_code)
{
    constexpr int kCouldntConnect = 7;
    constexpr int kPartialFile = 18;
    constexpr int kTimedOut = 28;
    const Error refused =
        make_transport_error(kCouldntConnect, "Failed to connect", "http://127.0.0.1:9");
    EXPECT_EQ(refused.error_class, ErrorClass::transport);
    EXPECT_NE(refused.describe().find("http://127.0.0.1:9"), std::string::npos);
    EXPECT_EQ(make_transport_error(kTimedOut, "", "u").error_class, ErrorClass::timeout);
    EXPECT_EQ(make_transport_error(kPartialFile, "", "u").error_class, ErrorClass::bad_response);
}

TEST(rpc_errors, exception_carries_the_error)
{
    try
    {
        throw RpcException(make_rpc_error(-32003, "nonce too low"));
    }
    catch (const RpcException& e)
    {
        EXPECT_EQ(e.error_class(), ErrorClass::nonce_too_low);
        EXPECT_EQ(e.error().code, -32003);
        EXPECT_STREQ(e.what(), "nonce_too_low: JSON-RPC error -32003: nonce too low");
    }
}

TEST(rpc_errors, transport_errors_name_the_node_without_its_secrets)
{
    EXPECT_EQ(redacted_url("http://127.0.0.1:8545"), "http://127.0.0.1:8545");
    EXPECT_EQ(redacted_url("https://user:pass@rpc.example:443/v3/0123abcd?x=1"),
              "https://…@rpc.example:443/…");
    EXPECT_EQ(redacted_url("https://rpc.example/v2/SECRETKEY"), "https://rpc.example/…");
    const Error error = make_transport_error(7, "connect failed", "https://rpc.example/v2/SECRETKEY");
    EXPECT_EQ(error.message.find("SECRETKEY"), std::string::npos) << error.message;
    EXPECT_NE(error.message.find("rpc.example"), std::string::npos) << error.message;
}
