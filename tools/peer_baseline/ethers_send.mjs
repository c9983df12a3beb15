// SPDX-License-Identifier: Apache-2.0
// The peer baseline of the ETH transfer rows: what a plain ethers v6 script reaches on the same
// node. It pre-signs N EIP-1559 transfers from M wallets of the zkload pool, sends them as raw
// transactions with a fixed number in flight, follows the blocks until every accepted one is
// included, and prints one JSON line:
//
//   {"sent":…,"send_seconds":…,"sent_per_s":…,"included":…,"included_per_s":…,"in_flight":64,…}
//
//   node tools/peer_baseline/ethers_send.mjs --rpc-url http://127.0.0.1:8545 \
//       [--txs 20000] [--wallets 200] [--in-flight 64] [--seed-name zkload-default] \
//       [--fund auto|anvil|none] [--timeout 300] [--batch-max-count 1] [--node-pid PID]
//
// --node-pid names the node's process (on this machine) so its CPU time over the timed window
// is reported as node_cpu_s, beside this script's own CPU per transaction (script_cpu_us_per_tx).
//
// Exit status: 0 when every transaction was accepted and included, 1 when some failed or were
// not seen before the timeout (the JSON line is printed either way), 2 for a usage error.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

// ES modules ignore NODE_PATH: resolve from the pinned npm folder (installed by tools/bootstrap).
const require = createRequire(new URL("../node/package.json", import.meta.url));
const { ethers } = require("ethers");

const kPinnedEthers = "6.15.0";
const kUsage =
    "usage: ethers_send.mjs --rpc-url http://127.0.0.1:PORT [--txs N] [--wallets M] " +
    "[--in-flight K] [--seed-name NAME] [--fund auto|anvil|none] [--timeout S] " +
    "[--batch-max-count B] [--node-pid PID]";
// Where the transfers go: 1 wei each to an address nobody holds a key for.
const kSink = "0x000000000000000000000000000000000000dEaD";
const kWalletBalance = ethers.parseEther("1000");

function fail(message, status = 2) {
    process.stderr.write(`ethers_send.mjs: error: ${message}\n${status === 2 ? kUsage + "\n" : ""}`);
    process.exit(status);
}

function parseOptions(argv) {
    const options = {
        rpcUrl: null, txs: 20000, wallets: 200, inFlight: 64, seedName: "zkload-default",
        fund: "auto", timeout: 300, batchMaxCount: 1, nodePid: null,
    };
    const numeric = { "--txs": "txs", "--wallets": "wallets", "--in-flight": "inFlight",
                      "--timeout": "timeout", "--batch-max-count": "batchMaxCount",
                      "--node-pid": "nodePid" };
    for (let i = 0; i < argv.length; i += 2) {
        const [name, value] = [argv[i], argv[i + 1]];
        if (value === undefined) fail(`missing value for ${name}`);
        if (name === "--rpc-url") options.rpcUrl = value;
        else if (name === "--seed-name") options.seedName = value;
        else if (name === "--fund") options.fund = value;
        else if (name in numeric) {
            const number = Number(value);
            if (!Number.isInteger(number) || number < 1) fail(`${name} must be a positive integer`);
            options[numeric[name]] = number;
        } else fail(`unknown option ${name}`);
    }
    if (!options.rpcUrl) fail("--rpc-url is required");
    if (!["auto", "anvil", "none"].includes(options.fund)) fail("--fund must be auto, anvil or none");
    if (options.wallets > options.txs) fail("--wallets must not exceed --txs");
    let url;
    try { url = new URL(options.rpcUrl); } catch { fail(`--rpc-url ${options.rpcUrl} is not a URL`); }
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const loopback = host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
    if (url.protocol !== "http:" || !loopback)
        fail(`--rpc-url ${options.rpcUrl} is not plain http on a loopback host: ` +
             "this script only sends to a node on this machine");
    return options;
}

/// CPU seconds (user + system) a process has used so far, from /proc; null when unreadable.
function processCpuSeconds(pid) {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return (Number(fields[11]) + Number(fields[12])) / 100;  // utime, stime in USER_HZ (100)
    } catch {
        return null;
    }
}

/// One JSON-RPC call with a deadline, outside ethers: used before a provider exists.
async function probe(url, method, params = []) {
    const response = await fetch(url, {
        method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
        signal: AbortSignal.timeout(10_000),
    });
    const reply = await response.json();
    if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result;
}

/// The zkload pool's keys: key i = keccak256(keccak256(utf8(seed name)) ‖ uint256_be(i))
/// (support/pool/wallets.hpp).
function deriveWallets(seedName, count) {
    const seed = ethers.keccak256(ethers.toUtf8Bytes(seedName));
    const wallets = [];
    for (let i = 0; i < count; ++i) {
        const key = new ethers.SigningKey(
            ethers.keccak256(ethers.concat([seed, ethers.zeroPadValue(ethers.toBeHex(i), 32)])));
        wallets.push({ key, address: ethers.computeAddress(key) });
    }
    return wallets;
}

/// Runs `work(i)` for i in [0, count) with at most `limit` promises pending.
async function forEachLimited(count, limit, work) {
    let next = 0;
    const worker = async () => { while (next < count) await work(next++); };
    await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

function presign(wallets, nonces, count, fees, chainId) {
    const raws = new Array(count);
    const hashes = new Set();
    for (let k = 0; k < count; ++k) {
        // Round robin over wallets: a wallet's consecutive nonces are M sends apart.
        const w = k % wallets.length;
        const tx = ethers.Transaction.from({
            type: 2, chainId, nonce: nonces[w] + Math.floor(k / wallets.length),
            maxPriorityFeePerGas: fees.tip, maxFeePerGas: fees.maxFee, gasLimit: 21000n,
            to: kSink, value: 1n, data: "0x",
        });
        tx.signature = wallets[w].key.sign(tx.unsignedHash);
        raws[k] = tx.serialized;
        hashes.add(tx.hash);
    }
    return { raws, hashes };
}

/// Follows new blocks from `fromBlock` and counts our transactions in them until `done()` says
/// every accepted one is in, or the deadline passes. Returns the count and when the last was seen.
async function followBlocks(provider, fromBlock, hashes, deadline, done) {
    let included = 0, lastSeen = performance.now(), next = fromBlock + 1;
    while (!done(included) && performance.now() < deadline) {
        const latest = Number(await provider.send("eth_blockNumber", []));
        for (; next <= latest; ++next) {
            const block = await provider.send("eth_getBlockByNumber", [ethers.toQuantity(next), false]);
            if (!block) continue;
            const ours = block.transactions.filter((hash) => hashes.has(hash)).length;
            if (ours > 0) { included += ours; lastSeen = performance.now(); }
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { included, lastSeen };
}

async function main() {
    if (ethers.version !== kPinnedEthers)
        fail(`expected ethers ${kPinnedEthers}, found ${ethers.version}: run tools/bootstrap`, 1);
    const options = parseOptions(process.argv.slice(2));
    const deadline = performance.now() + options.timeout * 1000;
    let chainId, clientVersion;
    try {
        chainId = Number(await probe(options.rpcUrl, "eth_chainId"));
        clientVersion = await probe(options.rpcUrl, "web3_clientVersion");
    } catch (error) {
        fail(`no JSON-RPC node answers at ${options.rpcUrl} (${error.message}): start one first`, 1);
    }
    const network = ethers.Network.from(chainId);
    const providerOptions = { staticNetwork: network, batchMaxCount: options.batchMaxCount };
    const sender = new ethers.JsonRpcProvider(options.rpcUrl, network, providerOptions);
    const follower = new ethers.JsonRpcProvider(options.rpcUrl, network, { staticNetwork: network });

    const wallets = deriveWallets(options.seedName, options.wallets);
    const fundWithAnvil = options.fund === "anvil" ||
        (options.fund === "auto" && clientVersion.toLowerCase().startsWith("anvil"));
    if (fundWithAnvil)
        await forEachLimited(wallets.length, 32, (w) => follower.send(
            "anvil_setBalance", [wallets[w].address, ethers.toQuantity(kWalletBalance)]));
    const nonces = new Array(wallets.length);
    await forEachLimited(wallets.length, 32, async (w) => {
        nonces[w] = Number(await follower.send("eth_getTransactionCount", [wallets[w].address, "pending"]));
    });
    const latestBlock = await follower.send("eth_getBlockByNumber", ["latest", false]);
    let tip = 0n;
    try { tip = BigInt(await follower.send("eth_maxPriorityFeePerGas", [])); } catch { /* no tips */ }
    const fees = { tip, maxFee: 2n * BigInt(latestBlock.baseFeePerGas ?? 0) + tip };

    const signStart = performance.now();
    const { raws, hashes } = presign(wallets, nonces, options.txs, fees, chainId);
    const presignSeconds = (performance.now() - signStart) / 1000;

    let sent = 0, failed = 0, firstError = null, sendingDone = false;
    const fromBlock = Number(latestBlock.number);
    const nodeCpuBefore = options.nodePid ? processCpuSeconds(options.nodePid) : null;
    const ownCpuBefore = process.cpuUsage();
    const start = performance.now();
    const following = followBlocks(follower, fromBlock, hashes, deadline,
                                   (included) => sendingDone && included >= sent);
    await forEachLimited(raws.length, options.inFlight, async (i) => {
        if (performance.now() > deadline) { ++failed; return; }
        try {
            await sender.send("eth_sendRawTransaction", [raws[i]]);
            ++sent;
        } catch (error) {
            ++failed;
            firstError ??= error.shortMessage ?? error.message;
        }
    });
    const sendSeconds = (performance.now() - start) / 1000;
    sendingDone = true;
    const { included, lastSeen } = await following;
    const includeSeconds = (lastSeen - start) / 1000;
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const nodeCpuAfter = options.nodePid ? processCpuSeconds(options.nodePid) : null;
    sender.destroy();
    follower.destroy();

    const round = (x) => Math.round(x * 1000) / 1000;
    const result = {
        sent, send_seconds: round(sendSeconds), sent_per_s: round(sent / sendSeconds),
        included, included_per_s: round(included > 0 ? included / includeSeconds : 0),
        in_flight: options.inFlight, failed, include_seconds: round(includeSeconds),
        presign_seconds: round(presignSeconds), txs: options.txs, wallets: options.wallets,
        batch_max_count: options.batchMaxCount, node: clientVersion,
    };
    result.script_cpu_us_per_tx = round((ownCpu.user + ownCpu.system) / Math.max(1, sent));
    if (nodeCpuBefore !== null && nodeCpuAfter !== null)
        result.node_cpu_s = round(nodeCpuAfter - nodeCpuBefore);
    if (firstError) result.first_error = firstError;
    process.stdout.write(JSON.stringify(result) + "\n");
    process.exit(failed === 0 && included === sent ? 0 : 1);
}

main().catch((error) => fail(error.stack ?? String(error), 1));
