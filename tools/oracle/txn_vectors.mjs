// SPDX-License-Identifier: Apache-2.0
// Writes transaction vectors computed by npm ethers and zksync-ethers, which the C++ signer must
// match byte for byte (tests/oracle/txn_oracle_test.cpp). Deterministic for a given --seed.
//
//   node tools/oracle/txn_vectors.mjs --count 360 --seed 20261128 --out build/vectors/txn.json

import { createRequire } from "node:module";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "./args.mjs";

// ES modules ignore NODE_PATH, so resolve from the pinned npm folder next to this script.
const require = createRequire(new URL("../node/package.json", import.meta.url));
const { ethers } = require("ethers");
const zk = require("zksync-ethers");
const { version: zkVersion } = require("zksync-ethers/package.json");

const kPinned = { ethers: "6.15.0", "zksync-ethers": "6.21.1" };
if (ethers.version !== kPinned.ethers || zkVersion !== kPinned["zksync-ethers"])
    throw new Error(`expected ethers ${kPinned.ethers} and zksync-ethers ` +
        `${kPinned["zksync-ethers"]}, found ${ethers.version} and ${zkVersion}`);

/// sfc32 seeded through splitmix32: small, fast and the same on every platform.
function makeRng(seed) {
    let s = seed >>> 0;
    const splitmix = () => {
        s = (s + 0x9e3779b9) >>> 0;
        let z = s;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
        return (z ^ (z >>> 16)) >>> 0;
    };
    let [a, b, c, d] = [splitmix(), splitmix(), splitmix(), splitmix()];
    const u32 = () => {
        const t = (((a + b) >>> 0) + d) >>> 0;
        d = (d + 1) >>> 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) >>> 0;
        c = ((c << 21) | (c >>> 11)) >>> 0;
        c = (c + t) >>> 0;
        return t >>> 0;
    };
    for (let i = 0; i < 16; ++i) u32();
    const rng = {
        u32,
        below: (n) => Math.floor((u32() / 0x100000000) * n),
        chance: (p) => u32() / 0x100000000 < p,
        pick: (items) => items[rng.below(items.length)],
        bytes: (n) => Uint8Array.from({ length: n }, () => u32() & 0xff),
        bits: (n) => {
            let v = 0n;
            for (let i = 0; i < n; i += 32) v = (v << 32n) | BigInt(u32());
            return v & ((1n << BigInt(n)) - 1n);
        },
    };
    return rng;
}

const kU64Max = (1n << 64n) - 1n;
const kSafeMax = BigInt(Number.MAX_SAFE_INTEGER);
const kN = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

// Generators for one field each: edge values first, a random value otherwise.
const u64 = (rng) => rng.chance(0.5)
    ? rng.pick([0n, 1n, 0x7fn, 0x80n, 0xffn, 0x100n, 0xffffffffn, kSafeMax, kU64Max])
    : rng.bits(1 + rng.below(64));
// ethers keeps the nonce as a JS number, so its nonces stop at 2^53 - 1.
const safeNonce = (rng) => { const v = u64(rng); return v > kSafeMax ? v & kSafeMax : v; };
const u256 = (rng) => rng.chance(0.5)
    ? rng.pick([0n, 1n, 0x7fn, 0x80n, kU64Max, kU64Max + 1n, 1n << 255n, (1n << 256n) - 1n])
    : rng.bits(1 + rng.below(256));
const gwei = (rng) => rng.chance(0.3) ? u256(rng) : BigInt(rng.below(1000)) * 10n ** 8n;
const chainId = (rng) => rng.chance(0.6)
    ? rng.pick([1n, 270n, 300n, 324n, 0x7fn, 0x80n, 0xffffffffn, kU64Max])
    : 1n + rng.bits(rng.below(64));
const hex = (bytes) => ethers.hexlify(bytes);
const address = (rng) => rng.chance(0.1)
    ? rng.pick([ethers.ZeroAddress, "0x0000000000000000000000000000000000000001"])
    : ethers.getAddress(hex(rng.bytes(20)));
const data = (rng) => hex(rng.bytes(rng.chance(0.6)
    ? rng.pick([0, 1, 1, 55, 56, 1000 + rng.below(600)])
    : rng.below(200)));

function privateKey(rng) {
    for (;;) {
        const k = rng.bits(256);
        if (k !== 0n && k < kN) return ethers.toBeHex(k, 32);
    }
}

function accessList(rng) {
    if (rng.chance(0.4)) return [];
    return Array.from({ length: 1 + rng.below(3) }, () => ({
        address: address(rng),
        storageKeys: Array.from({ length: rng.below(4) }, () => hex(rng.bytes(32))),
    }));
}

/// An EraVM bytecode: a multiple of 32 bytes and an odd number of words.
const eraVmBytecode = (rng, words = 2 * rng.below(rng.chance(0.1) ? 600 : 40) + 1) =>
    hex(rng.bytes(32 * words));

/// r or s with a leading zero byte: RLP drops it, a classic encoder bug.
const hasShortScalar = (sig) => sig.r.startsWith("0x00") || sig.s.startsWith("0x00");
const str = (v) => (v === null ? null : v.toString());
const sigJson = (sig) => ({ r: sig.r, s: sig.s, y_parity: sig.yParity });

function ethersVector(rng, kind, grind) {
    const key = new ethers.SigningKey(privateKey(rng));
    const legacy = kind === "legacy";
    const fields = {
        nonce: grind ? BigInt(rng.below(1000)) : safeNonce(rng),
        gas_limit: u64(rng),
        to: rng.chance(0.15) ? null : address(rng),
        value: u256(rng),
        data: data(rng),
    };
    if (legacy) {
        fields.gas_price = gwei(rng);
        fields.chain_id = rng.chance(0.3) ? null : chainId(rng);
    } else {
        fields.chain_id = rng.chance(0.05) ? 0n : chainId(rng);
        // ethers refuses a tip above the fee cap.
        const [a, b] = [gwei(rng), gwei(rng)];
        [fields.max_priority_fee_per_gas, fields.max_fee_per_gas] = a <= b ? [a, b] : [b, a];
        fields.access_list = accessList(rng);
    }
    const tx = ethers.Transaction.from({
        type: legacy ? 0 : 2,
        chainId: fields.chain_id ?? 0n,
        nonce: Number(fields.nonce),
        gasLimit: fields.gas_limit,
        to: fields.to,
        value: fields.value,
        data: fields.data,
        ...(legacy ? { gasPrice: fields.gas_price } : {
            maxPriorityFeePerGas: fields.max_priority_fee_per_gas,
            maxFeePerGas: fields.max_fee_per_gas,
            accessList: fields.access_list,
        }),
    });
    let digest = tx.unsignedHash;
    let sig = key.sign(digest);
    while (grind && !hasShortScalar(sig)) {
        fields.nonce += 1n;
        tx.nonce = Number(fields.nonce);
        digest = tx.unsignedHash;
        sig = key.sign(digest);
    }
    tx.signature = sig;
    if (tx.from !== ethers.computeAddress(key.publicKey))
        throw new Error("ethers: sender mismatch");
    const out = Object.fromEntries(Object.entries(fields).map(([k, v]) =>
        [k, typeof v === "bigint" ? str(v) : v]));
    if (!legacy) {
        out.access_list = fields.access_list.map((e) =>
            ({ address: e.address, storage_keys: e.storageKeys }));
    }
    return { fields: out, key, digest, sig, raw: tx.serialized, hash: tx.hash };
}

async function zksyncVector(rng, grind) {
    const key = new ethers.SigningKey(privateKey(rng));
    const maxFee = gwei(rng);
    let tip = gwei(rng);
    // zksync-ethers sends and signs maxFeePerGas in place of a zero tip (`tip || maxFee`).
    if (tip === 0n) tip = maxFee;
    const paymaster = rng.chance(0.4) ? {
        paymaster: address(rng),
        paymasterInput: hex(rng.bytes(rng.pick([0, 1, 4, 68, 100 + rng.below(300)]))),
    } : null;
    const factoryDeps = Array.from({ length: rng.chance(0.5) ? 0 : 1 + rng.below(3) },
        () => eraVmBytecode(rng));
    const tx = {
        type: zk.utils.EIP712_TX_TYPE,
        chainId: chainId(rng),
        nonce: grind ? BigInt(rng.below(1000)) : u64(rng),
        maxPriorityFeePerGas: tip,
        maxFeePerGas: maxFee,
        gasLimit: u64(rng),
        to: address(rng),
        from: ethers.computeAddress(key.publicKey),
        value: u256(rng),
        data: data(rng),
        customData: {
            gasPerPubdata: rng.chance(0.5) ? 50000n : u64(rng),
            factoryDeps,
            ...(paymaster ? { paymasterParams: paymaster } : {}),
        },
    };
    let digest = zk.EIP712Signer.getSignedDigest(tx);
    let sig = key.sign(digest);
    while (grind && !hasShortScalar(sig)) {
        tx.nonce += 1n;
        digest = zk.EIP712Signer.getSignedDigest(tx);
        sig = key.sign(digest);
    }
    // As zksync-ethers' Wallet.signTransaction does: sign the typed data, send it in
    // customSignature.
    const customSignature = await new zk.EIP712Signer(new ethers.Wallet(key), tx.chainId).sign(tx);
    if (customSignature !== sig.serialized) throw new Error("zksync-ethers: signature mismatch");
    const signed = { ...tx, customData: { ...tx.customData, customSignature } };
    const raw = ethers.hexlify(zk.utils.serializeEip712(signed));
    const hash = zk.utils.eip712TxHash(signed);
    if (tx.nonce <= kSafeMax && zk.types.Transaction.from(raw).hash !== hash)
        throw new Error("zksync-ethers: parsed hash differs");
    const fields = {
        chain_id: str(tx.chainId), nonce: str(tx.nonce), max_priority_fee_per_gas: str(tip),
        max_fee_per_gas: str(maxFee), gas_limit: str(tx.gasLimit), to: tx.to, from: tx.from,
        value: str(tx.value), data: tx.data, gas_per_pubdata: str(tx.customData.gasPerPubdata),
        factory_deps: factoryDeps,
        paymaster: paymaster && { paymaster: paymaster.paymaster, input: paymaster.paymasterInput },
    };
    return { fields, key, digest, sig, raw, hash };
}

function bytecodeHashes(rng) {
    const lengths = [32, 96, 32 * 255, 32 * 257, 32 * 65535];
    for (let i = 0; i < 40; ++i) lengths.push(32 * (2 * rng.below(300) + 1));
    const cases = lengths.map((n) => {
        const bytecode = hex(rng.bytes(n));
        return { bytecode, hash: hex(zk.utils.hashBytecode(bytecode)) };
    });
    for (const n of [0, 1, 31, 33, 64, 100, 32 * 256]) {
        const bytecode = hex(rng.bytes(n));
        let error = null;
        try { zk.utils.hashBytecode(bytecode); } catch (e) { error = e.message; }
        if (error === null) throw new Error(`zksync-ethers accepted a ${n}-byte bytecode`);
        cases.push({ bytecode, error });
    }
    return cases;
}

const args = parseArgs(process.argv.slice(2), "txn_vectors.mjs", { count: 360, minCount: 3 });
const rng = makeRng(args.seed);
const kinds = ["legacy", "eip1559", "eip712"];
const vectors = [];
for (let i = 0; i < args.count; ++i) {
    const type = kinds[i % kinds.length];
    // Every 20th round of the three types is ground (nonce bumped) until r or s is short.
    const grind = Math.floor(i / kinds.length) % 20 === 19;
    const v = type === "eip712" ? await zksyncVector(rng, grind) : ethersVector(rng, type, grind);
    vectors.push({
        index: i, type, key: v.key.privateKey, address: ethers.computeAddress(v.key.publicKey),
        fields: v.fields, digest: v.digest, signature: sigJson(v.sig), raw: v.raw, hash: v.hash,
    });
}

const out = resolve(args.out);
mkdirSync(dirname(out), { recursive: true });
const tmp = `${out}.tmp-${process.pid}`;
writeFileSync(tmp, JSON.stringify({
    generator: `tools/oracle/txn_vectors.mjs ethers ${ethers.version} zksync-ethers ${zkVersion}`,
    seed: args.seed, vectors, bytecode_hashes: bytecodeHashes(rng),
}));
renameSync(tmp, out);
console.log(`wrote ${vectors.length} transaction vectors to ${out}`);
