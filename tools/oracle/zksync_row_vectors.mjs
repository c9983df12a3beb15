// SPDX-License-Identifier: Apache-2.0
// Writes the 0x71 transactions zkload's rows send on a zkSync chain, as zksync-ethers builds and
// signs them from the same inputs: an ETH transfer (1 wei to the peer), an ERC20 transfer (1 base
// unit of the token to the peer), and either one paid by a paymaster through the general or the
// approval-based flow; and the two flows' paymaster inputs alone, with inner inputs. tests/oracle/zksync_row_oracle_test.cpp builds each through the engine's
// operations and must match digest, signature, raw bytes and hash. Deterministic for a --seed.
//
//   node tools/oracle/zksync_row_vectors.mjs --count 200 --seed 20261204 --out build/vectors/zksync_rows.json

import { createRequire } from "node:module";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "./args.mjs";
import { makeRng } from "./mulberry_rng.mjs";

const require = createRequire(new URL("../node/package.json", import.meta.url));
const { ethers } = require("ethers");
const zk = require("zksync-ethers");
const { version: zkVersion } = require("zksync-ethers/package.json");
if (zkVersion !== "6.21.1") throw new Error(`expected zksync-ethers 6.21.1, found ${zkVersion}`);

const args = parseArgs(process.argv.slice(2), "zksync_row_vectors.mjs", { count: 200, minCount: 4 });
const { below, bits, bytes, address } = makeRng(args.seed, ethers);
const kN = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const privateKey = () => {
    for (;;) {
        const k = bits(256);
        if (k !== 0n && k < kN) return ethers.toBeHex(k, 32);
    }
};
const erc20 = new ethers.Interface(["function transfer(address to, uint256 amount)"]);

const kinds = ["eth_transfer", "erc20_transfer", "paymaster_general", "paymaster_approval"];
const vectors = [];
for (let i = 0; i < args.count; ++i) {
    const kind = kinds[i % kinds.length];
    const key = new ethers.SigningKey(privateKey());
    const from = ethers.computeAddress(key.publicKey);
    const peer = address();
    const token = address();
    // What a row reads from the node once: chain id, fees (a zero tip is what zkSync answers,
    // but zksync-ethers cannot sign one: it sends the fee cap instead), gas, gas per pubdata.
    const maxFee = 1n + bits(1 + below(40));
    const tip = 1n + bits(1 + below(40)) % maxFee;
    const row = {
        chain_id: [260n, 270n, 300n, 324n, 1n + bits(1 + below(40))][below(5)],
        max_fee_per_gas: maxFee,
        max_priority_fee_per_gas: tip,
        gas_limit: 21000n + bits(1 + below(24)),
        gas_per_pubdata: [800n, 50000n, 1n + bits(1 + below(20))][below(3)],
        nonce: BigInt(below(3) === 0 ? below(3) : below(1_000_000)),
    };
    // A row's paymaster: no inner input; the approval-based flow allows the transaction's whole
    // fee cap (max fee x gas limit, zkSync's max total fee).
    let paymaster = null;
    const paymasterAddress = address();
    const minAllowance = row.max_fee_per_gas * row.gas_limit;
    if (kind === "paymaster_general")
        paymaster = zk.utils.getPaymasterParams(paymasterAddress, { type: "General", innerInput: "0x" });
    else if (kind === "paymaster_approval")
        paymaster = zk.utils.getPaymasterParams(paymasterAddress, {
            type: "ApprovalBased", token, minimalAllowance: minAllowance, innerInput: "0x",
        });
    const toToken = kind === "erc20_transfer";
    const tx = {
        type: zk.utils.EIP712_TX_TYPE,
        chainId: row.chain_id,
        nonce: row.nonce,
        maxPriorityFeePerGas: row.max_priority_fee_per_gas,
        maxFeePerGas: row.max_fee_per_gas,
        gasLimit: row.gas_limit,
        to: toToken ? token : peer,
        from,
        value: toToken ? 0n : 1n,
        data: toToken ? erc20.encodeFunctionData("transfer", [peer, 1n]) : "0x",
        customData: {
            gasPerPubdata: row.gas_per_pubdata,
            factoryDeps: [],
            ...(paymaster ? { paymasterParams: paymaster } : {}),
        },
    };
    const digest = zk.EIP712Signer.getSignedDigest(tx);
    const customSignature = await new zk.EIP712Signer(new ethers.Wallet(key), tx.chainId).sign(tx);
    const signed = { ...tx, customData: { ...tx.customData, customSignature } };
    const raw = ethers.hexlify(zk.utils.serializeEip712(signed));
    const hash = zk.utils.eip712TxHash(signed);
    const parsed = zk.types.Transaction.from(raw);
    if (parsed.hash !== hash || parsed.from !== from) throw new Error("zksync-ethers: its own parse differs");
    vectors.push({
        index: i, kind, key: key.privateKey, from, peer, token, paymaster: paymasterAddress,
        paymaster_input: paymaster ? paymaster.paymasterInput : null,
        row: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v.toString()])),
        digest, signature: customSignature, raw, hash,
    });
}

// The two flows' inputs with inner inputs and allowances of every size, for the helpers alone.
const flowInputs = [];
for (let i = 0; i < 40; ++i) {
    const approval = i % 2 === 1;
    const flow = {
        paymaster: address(), token: address(), min_allowance: bits(1 + below(256)),
        inner_input: ethers.hexlify(bytes([0, 1, 4, 31, 32, 33, 100, 300][below(8)])),
    };
    const params = zk.utils.getPaymasterParams(flow.paymaster, approval
        ? { type: "ApprovalBased", token: flow.token, minimalAllowance: flow.min_allowance, innerInput: flow.inner_input }
        : { type: "General", innerInput: flow.inner_input });
    flowInputs.push({ ...flow, approval, min_allowance: flow.min_allowance.toString(), input: params.paymasterInput });
}

const out = resolve(args.out);
mkdirSync(dirname(out), { recursive: true });
const tmp = `${out}.tmp-${process.pid}`;
writeFileSync(tmp, JSON.stringify({
    generator: `tools/oracle/zksync_row_vectors.mjs zksync-ethers ${zkVersion}`, seed: args.seed, vectors,
    flow_inputs: flowInputs,
}));
renameSync(tmp, out);
console.log(`wrote ${vectors.length} zkSync row transaction vectors to ${out}`);
