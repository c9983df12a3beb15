// SPDX-License-Identifier: Apache-2.0
// Writes bridge vectors: the L1 deposit calls, the L2 withdrawal calls and the L1 finalize call
// that zksync-ethers builds through its own Wallet methods, against stub providers that answer
// the chain reads (addresses, base cost, asset ids, receipt, proof) with seeded random values.
// The C++ builders must match them byte for byte (tests/zksync/bridge_oracle_test.cpp).
//
//   node tools/oracle/bridge_vectors.mjs --count 40 --seed 20261128 --out build/vectors/bridge.json

import { createRequire } from "node:module";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "./args.mjs";
import { makeRng } from "./mulberry_rng.mjs";

// ES modules ignore NODE_PATH, so resolve from the pinned npm folder next to this script.
const require = createRequire(new URL("../node/package.json", import.meta.url));
const { ethers } = require("ethers");
const zk = require("zksync-ethers");
const { version: zkVersion } = require("zksync-ethers/package.json");
if (zkVersion !== "6.21.1") throw new Error(`expected zksync-ethers 6.21.1, found ${zkVersion}`);


const coder = ethers.AbiCoder.defaultAbiCoder();
const word = (type, value) => coder.encode([type], [value]);
const selectorOf = (sig) => ethers.id(sig).slice(0, 10);
const q = (n) => ethers.toQuantity(n);

/// A provider whose JSON-RPC answers come from `answer(method, params)`.
function stubbed(Base, answer, ...args) {
    return new (class extends Base {
        async _send(payload) {
            const list = Array.isArray(payload) ? payload : [payload];
            return list.map(({ id, method, params }) => {
                try {
                    return { id, result: answer(method, params) };
                } catch (e) {
                    return { id, error: { code: 3, message: e.message, data: "0x" } };
                }
            });
        }
    })(...args);
}

/// One case: random chain, addresses and amounts; the stubs answer from them.
function makeCase(rng) {
    const c = {
        l1_chain_id: 1 + rng.below(1_000_000),
        l2_chain_id: 1 + rng.below(1_000_000),
        bridgehub: rng.address(), asset_router: rng.address(), ntv: rng.address(),
        nullifier: rng.address(), token: rng.address(), l2_token: rng.address(),
        receiver: rng.address(), refund: rng.address(),
        amount: rng.bits(8 + rng.below(120)) + 1n,
        l2_gas_limit: 100_000n + rng.bits(24),
        max_fee: 1n + rng.bits(8 + rng.below(40)),
        base_cost_factor: 1n + rng.bits(16),
        registered_asset: rng.below(2) === 0,
        asset_id: rng.hash(),
    };
    c.tip = c.max_fee - rng.bits(8) % c.max_fee;
    return c;
}

function l1Answer(c, seen) {
    const calls = {
        [selectorOf("baseToken(uint256)")]: () => word("address", zk.utils.ETH_ADDRESS_IN_CONTRACTS),
        [selectorOf("l2TransactionBaseCost(uint256,uint256,uint256,uint256)")]: (data) => {
            seen.base_cost_call = data;
            const [, price, gas] = coder.decode(["uint256", "uint256", "uint256", "uint256"], "0x" + data.slice(10));
            c.base_cost = price * gas * c.base_cost_factor;
            return word("uint256", c.base_cost);
        },
        [selectorOf("assetId(address)")]: () => word("bytes32", c.registered_asset ? c.asset_id : ethers.ZeroHash),
        [selectorOf("L1_NULLIFIER()")]: () => word("address", c.nullifier),
        [selectorOf("nativeTokenVault()")]: () => word("address", c.ntv),
    };
    return (method, params) => {
        if (method === "eth_chainId") return q(c.l1_chain_id);
        if (method === "eth_call" && calls[params[0].data.slice(0, 10)]) return calls[params[0].data.slice(0, 10)](params[0].data);
        throw new Error(`L1 stub: no answer for ${method} ${JSON.stringify(params)}`);
    };
}

function l2Answer(c) {
    const calls = {
        [selectorOf("L1_ASSET_ROUTER()")]: () => word("address", c.asset_router),
        [selectorOf("l1SharedBridge()")]: () => word("address", c.asset_router),
        [selectorOf("assetId(address)")]: () => word("bytes32", c.asset_id),
        [selectorOf("originChainId(bytes32)")]: () => word("uint256", c.l1_chain_id),
        [selectorOf("L1_CHAIN_ID()")]: () => word("uint256", c.l1_chain_id),
    };
    return (method, params) => {
        if (method === "eth_chainId") return q(c.l2_chain_id);
        if (method === "zks_L1ChainId") return q(c.l1_chain_id);
        if (method === "zks_getBridgehubContract") return c.bridgehub;
        if (method === "eth_getTransactionReceipt") return c.receipt;
        if (method === "zks_getL2ToL1LogProof") {
            c.proof_index = params[1];
            return c.proof;
        }
        if (method === "eth_call" && calls[params[0].data.slice(0, 10)]) return calls[params[0].data.slice(0, 10)]();
        throw new Error(`L2 stub: no answer for ${method} ${JSON.stringify(params)}`);
    };
}

/// An L2 withdrawal receipt: other L2→L1 logs before the messenger's, the L1MessageSent log.
function makeReceipt(rng, c, sender) {
    const hash = rng.hash(), block = q(1 + rng.below(1 << 20)), batch = q(1 + rng.below(1 << 16));
    const message = ethers.hexlify(rng.bytes(20 + rng.below(200)));
    const base = { blockHash: rng.hash(), blockNumber: block, transactionHash: hash, transactionIndex: "0x0", l1BatchNumber: batch };
    const messenger = zk.utils.L1_MESSENGER_ADDRESS;
    const others = rng.below(3);
    const l2ToL1Logs = [];
    for (let i = 0; i <= others; ++i)
        l2ToL1Logs.push({ ...base, logIndex: q(i), transactionLogIndex: q(i), txIndexInL1Batch: q(3), shardId: "0x0", isService: true,
            sender: i === others ? messenger : rng.address(), key: rng.hash(), value: rng.hash() });
    const sent = { ...base, address: messenger, logIndex: "0x1", transactionLogIndex: "0x1", removed: false, logType: null,
        topics: [ethers.id("L1MessageSent(address,bytes32,bytes)"), ethers.zeroPadValue(sender, 32), ethers.keccak256(message)],
        data: word("bytes", message) };
    const transfer = { ...sent, address: zk.utils.L2_BASE_TOKEN_ADDRESS, logIndex: "0x0", transactionLogIndex: "0x0",
        topics: [ethers.id("Withdrawal(address,address,uint256)"), ethers.zeroPadValue(sender, 32), ethers.zeroPadValue(c.receiver, 32)], data: word("uint256", 1n) };
    c.receipt = { ...base, from: sender, to: zk.utils.L2_BASE_TOKEN_ADDRESS, contractAddress: null, cumulativeGasUsed: "0x5208",
        gasUsed: "0x5208", effectiveGasPrice: "0x1", logsBloom: ethers.hexlify(new Uint8Array(256)), status: "0x1", type: "0x2",
        root: ethers.ZeroHash, l1BatchTxIndex: q(rng.below(1000)), logs: [transfer, sent], l2ToL1Logs };
    c.proof = { id: rng.below(1 << 16), root: rng.hash(), proof: Array.from({ length: 1 + rng.below(12) }, () => rng.hash()) };
}

const str = (v) => (typeof v === "bigint" ? v.toString() : v);
const call = (tx) => ({ to: tx.to.toLowerCase(), data: tx.data, value: str(BigInt(tx.value ?? 0)) });

async function vector(rng) {
    const c = makeCase(rng);
    const key = ethers.hexlify(rng.bytes(31).length ? new Uint8Array([1, ...rng.bytes(31)]) : []);
    const seen = {};
    const l1 = stubbed(ethers.JsonRpcProvider, l1Answer(c, seen), "http://127.0.0.1:1", c.l1_chain_id, { staticNetwork: true, batchMaxCount: 1 });
    const l2 = stubbed(zk.Provider, l2Answer(c), "http://127.0.0.1:1", c.l2_chain_id, { staticNetwork: true, batchMaxCount: 1 });
    const wallet = new zk.Wallet(key, l2, l1);
    const sender = wallet.address;
    const overrides = () => ({ maxFeePerGas: c.max_fee, maxPriorityFeePerGas: c.tip });

    const eth = await wallet.getDepositTx({ token: zk.utils.ETH_ADDRESS_IN_CONTRACTS, amount: c.amount, to: c.receiver,
        l2GasLimit: c.l2_gas_limit, refundRecipient: c.refund, overrides: overrides() });
    const depositEth = await wallet.getRequestExecuteTx(eth);
    const ethBaseCall = seen.base_cost_call, ethBaseCost = c.base_cost;
    const depositErc20 = await wallet.getDepositTx({ token: c.token, amount: c.amount, to: c.receiver,
        l2GasLimit: c.l2_gas_limit, refundRecipient: c.refund, overrides: overrides() });
    const withdrawEth = await l2.getWithdrawTx({ token: zk.utils.L2_BASE_TOKEN_ADDRESS, amount: c.amount, to: c.receiver, from: sender });
    const withdrawErc20 = await l2.getWithdrawTx({ token: c.l2_token, amount: c.amount, to: c.receiver, from: sender });

    makeReceipt(rng, c, sender);
    const params = await wallet.getFinalizeWithdrawalParams(c.receipt.transactionHash);
    const nullifier = await wallet.getL1Nullifier();
    const finalize = await nullifier.finalizeDeposit.populateTransaction({ chainId: c.l2_chain_id, l2BatchNumber: params.l1BatchNumber,
        l2MessageIndex: params.l2MessageIndex, l2Sender: params.sender, l2TxNumberInBatch: params.l2TxNumberInBlock,
        message: params.message, merkleProof: params.proof });

    return {
        l1_chain_id: c.l1_chain_id, l2_chain_id: c.l2_chain_id, bridgehub: c.bridgehub, asset_router: c.asset_router,
        native_token_vault: c.ntv, nullifier: c.nullifier, token: c.token, l2_token: c.l2_token, sender,
        receiver: c.receiver, refund: c.refund, amount: str(c.amount), l2_gas_limit: Number(c.l2_gas_limit),
        max_fee_per_gas: str(c.max_fee), max_priority_fee_per_gas: str(c.tip),
        eth_base_cost_call: ethBaseCall, eth_base_cost: str(ethBaseCost), erc20_base_cost: str(c.base_cost),
        vault_asset_id: c.registered_asset ? c.asset_id : null,
        deposit_eth: call(depositEth), deposit_erc20: call(depositErc20),
        withdraw_eth: call(withdrawEth), withdraw_erc20: call(withdrawErc20),
        l2_receipt: c.receipt, log_proof: c.proof, proof_index_asked: c.proof_index, finalize: call(finalize),
    };
}

const args = parseArgs(process.argv.slice(2), "bridge_vectors.mjs", { count: 40, minCount: 4 });
const rng = makeRng(args.seed, ethers);
const vectors = [];
for (let i = 0; i < args.count; ++i) vectors.push(await vector(rng));
const out = resolve(args.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out + ".tmp", JSON.stringify({ generator: "zksync-ethers " + zkVersion, seed: args.seed, vectors }, null, 1));
renameSync(out + ".tmp", out);
console.log(`wrote ${vectors.length} bridge vectors to ${out}`);
