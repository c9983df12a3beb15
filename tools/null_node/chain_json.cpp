// SPDX-License-Identifier: Apache-2.0
#include "chain_json.hpp"

#include "json_text.hpp"

namespace zkload::null_node {
namespace {

constexpr size_t kBloomBytes = 256;
constexpr size_t kAddressBytes = 20;
constexpr size_t kHashBytes = 32;

/// A typical receipt's JSON size, to reserve a block's receipts in one go.
constexpr size_t kReceiptChars = 1000;

}  // namespace

void append_block(std::string& out, const SealedBlock& block)
{
    out += "{\"number\":";
    append_quoted_quantity(out, block.number);
    out += ",\"hash\":";
    append_quoted_hex(out, block.hash);
    out += ",\"parentHash\":";
    append_quoted_hex(out, block.parent_hash);
    out += ",\"timestamp\":";
    append_quoted_quantity(out, block.timestamp);
    out += ",\"gasLimit\":";
    append_quoted_quantity(out, kBlockGasLimit);
    out += ",\"gasUsed\":";
    append_quoted_quantity(out, kTransferGas * block.transactions.size());
    out += ",\"baseFeePerGas\":";
    append_quoted_quantity(out, kBaseFeeWei);
    out += ",\"miner\":";
    append_quoted_zeros(out, kAddressBytes);
    out += ",\"difficulty\":\"0x0\",\"totalDifficulty\":\"0x0\",\"nonce\":\"0x0000000000000000\"";
    out += ",\"extraData\":\"0x\",\"size\":\"0x0\",\"uncles\":[],\"logsBloom\":";
    append_quoted_zeros(out, kBloomBytes);
    for (const char* root : {"mixHash", "sha3Uncles", "stateRoot", "transactionsRoot",
                             "receiptsRoot"})
    {
        out += ",\"";
        out += root;
        out += "\":";
        append_quoted_zeros(out, kHashBytes);
    }
    out += ",\"transactions\":[";
    for (size_t i = 0; i < block.transactions.size(); ++i)
    {
        if (i > 0)
            out += ',';
        append_quoted_hex(out, block.transactions[i]);
    }
    out += "]}";
}

void append_receipt(std::string& out, const SealedBlock& block, uint32_t index)
{
    out += "{\"transactionHash\":";
    append_quoted_hex(out, block.transactions[index]);
    out += ",\"transactionIndex\":";
    append_quoted_quantity(out, index);
    out += ",\"blockNumber\":";
    append_quoted_quantity(out, block.number);
    out += ",\"blockHash\":";
    append_quoted_hex(out, block.hash);
    out += ",\"status\":\"0x1\",\"type\":\"0x2\",\"gasUsed\":";
    append_quoted_quantity(out, kTransferGas);
    out += ",\"cumulativeGasUsed\":";
    append_quoted_quantity(out, kTransferGas * (uint64_t{index} + 1));
    out += ",\"effectiveGasPrice\":";
    append_quoted_quantity(out, kBaseFeeWei + kTipWei);
    out += ",\"from\":";
    append_quoted_zeros(out, kAddressBytes);
    out += ",\"to\":null,\"contractAddress\":null,\"logs\":[],\"logsBloom\":";
    append_quoted_zeros(out, kBloomBytes);
    out += '}';
}

void append_block_receipts(std::string& out, const SealedBlock& block)
{
    out.reserve(out.size() + 2 + kReceiptChars * block.transactions.size());
    out += '[';
    for (size_t i = 0; i < block.transactions.size(); ++i)
    {
        if (i > 0)
            out += ',';
        append_receipt(out, block, static_cast<uint32_t>(i));
    }
    out += ']';
}

}  // namespace zkload::null_node
