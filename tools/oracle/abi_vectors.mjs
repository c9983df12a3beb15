// SPDX-License-Identifier: Apache-2.0
// Writes ABI vectors encoded by npm ethers, which the C++ encoder and decoder must match byte
// for byte (tests/oracle/abi_oracle_test.cpp). Deterministic for a given --seed.
//
//   node tools/oracle/abi_vectors.mjs --count 200 --seed 20261128 --out build/vectors/abi.json
//
// JSON form of values: uint/int as decimal strings ("-5"), address/bytes/bytes<N> as 0x hex,
// bool as true/false, string as a JSON string, arrays and tuples as JSON arrays.

import { createRequire } from "node:module";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "./args.mjs";

// ES modules ignore NODE_PATH, so resolve from the pinned npm folder next to this script.
const require = createRequire(new URL("../node/package.json", import.meta.url));
const { ethers } = require("ethers");

const kPinnedEthers = "6.15.0";
if (ethers.version !== kPinnedEthers)
    throw new Error(`expected ethers ${kPinnedEthers}, found ${ethers.version}`);

/// xorshift32 behind a multiply-xorshift output scramble; the state never becomes zero.
function makeRng(seed) {
    let state = (Math.imul(seed >>> 0, 0x2545f491) ^ 0x6a09e667) >>> 0 || 1;
    const u32 = () => {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        state >>>= 0;
        let out = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d);
        out = Math.imul(out ^ (out >>> 12), 0x297a2d39);
        return (out ^ (out >>> 15)) >>> 0;
    };
    for (let i = 0; i < 8; ++i) u32();
    const below = (n) => Math.floor((u32() / 0x100000000) * n);
    return {
        below,
        chance: (p) => u32() / 0x100000000 < p,
        pick: (items) => items[below(items.length)],
        bits: (n) => {
            let v = 0n;
            for (let i = 0; i < n; i += 32) v = (v << 32n) | BigInt(u32());
            return v & ((1n << BigInt(n)) - 1n);
        },
        hex: (length) => {
            let s = "0x";
            for (let i = 0; i < length; ++i) s += below(256).toString(16).padStart(2, "0");
            return s;
        },
    };
}

// Types are { kind, size, of } objects with their canonical spelling in `name`.
const elementary = (kind, size) => ({ kind, size, name: kind + (size ?? "") });
const arrayOf = (of, length) =>
    ({ kind: "array", of, length, name: `${of.name}[${length ?? ""}]` });
const tupleOf = (of) => ({ kind: "tuple", of, name: `(${of.map((t) => t.name).join(",")})` });

function randomElementary(rng) {
    const width = () => rng.chance(0.4) ? rng.pick([8, 256]) : 8 * (1 + rng.below(32));
    switch (rng.below(8)) {
        case 0: return elementary("uint", width());
        case 1: return elementary("int", width());
        case 2: return elementary("address");
        case 3: return elementary("bool");
        case 4: return elementary("bytes", 1 + rng.below(32));
        case 5: return elementary("bytes");
        case 6: return elementary("string");
        default: return elementary("uint", 256);
    }
}

function randomType(rng, depth) {
    const roll = depth < 3 ? rng.below(10) : 9;
    if (roll === 0 || roll === 1) return arrayOf(randomType(rng, depth + 1));
    if (roll === 2) return arrayOf(randomType(rng, depth + 1), 1 + rng.below(3));
    if (roll === 3) {
        const count = 1 + rng.below(4);
        return tupleOf(Array.from({ length: count }, () => randomType(rng, depth + 1)));
    }
    return randomElementary(rng);
}

const kCodePoints = [0x41, 0x7a, 0x20, 0x30, 0x0, 0x7f, 0xe9, 0x3a9, 0x5d0, 0x20ac, 0x4e2d, 0xfffd,
    0xffff, 0x1f600, 0x1f4a9, 0x10348, 0x10ffff];

function randomString(rng) {
    const length = rng.pick([0, 1, 3, 16, 31, 32, 33, 40]);
    let s = "";
    for (let i = 0; i < length; ++i)
        s += rng.chance(0.5) ? String.fromCharCode(0x61 + rng.below(26))
            : String.fromCodePoint(rng.pick(kCodePoints));
    return s;
}

function randomInteger(rng, signed, bits) {
    const b = BigInt(bits);
    const [min, max] = signed ? [-(1n << (b - 1n)), (1n << (b - 1n)) - 1n] : [0n, (1n << b) - 1n];
    switch (rng.below(6)) {
        case 0: return 0n;
        case 1: return max;
        case 2: return signed ? min : 1n;
        case 3: return signed ? -1n : max - 1n;
        default: return rng.bits(bits) + min;
    }
}

/// A random value in JSON form.
function randomValue(rng, type) {
    switch (type.kind) {
        case "uint": return randomInteger(rng, false, type.size).toString();
        case "int": return randomInteger(rng, true, type.size).toString();
        case "address": return rng.chance(0.1) ? "0x" + "0".repeat(40) : rng.hex(20);
        case "bool": return rng.chance(0.5);
        case "bytes":
            return rng.hex(type.size ?? rng.pick([0, 1, 31, 32, 33, 64, 65, rng.below(100)]));
        case "string": return randomString(rng);
        case "tuple": return type.of.map((t) => randomValue(rng, t));
        case "array": {
            const length = type.length ?? rng.pick([0, 1, 2, 3]);
            return Array.from({ length }, () => randomValue(rng, type.of));
        }
    }
    throw new Error(`unknown kind ${type.kind}`);
}

/// JSON form to what ethers takes: BigInt for numbers, the rest as is.
function toEthers(type, value) {
    if (type.kind === "uint" || type.kind === "int") return BigInt(value);
    if (type.kind === "tuple") return value.map((v, i) => toEthers(type.of[i], v));
    if (type.kind === "array") return value.map((v) => toEthers(type.of, v));
    return value;
}

function encodeVector(coder, typeNames, types, values) {
    const encoded = coder.encode(typeNames, values.map((v, i) => toEthers(types[i], v)));
    // ethers must also read its own output back to the same bytes, or the vector is suspect.
    if (coder.encode(typeNames, coder.decode(typeNames, encoded)) !== encoded)
        throw new Error(`ethers does not round-trip ${typeNames.join(",")}`);
    return { types: typeNames, values, encoded };
}

/// Known shapes the load generator uses, checked on every run whatever the seed draws.
function fixedVectors(coder) {
    const u = (name) => elementary("uint", Number(name.slice(4)));
    const address = elementary("address");
    const a = "0x36615cf349d7f6344891b1e7ca7c72883f5dc049";
    const b = "0x95222290dd7278aa3ddd389cc1e1d165cc4bafe5";
    const bridgehub = tupleOf([u("uint256"), u("uint256"), address, u("uint256"),
        elementary("bytes"), u("uint256"), u("uint256"), arrayOf(elementary("bytes")), address]);
    const cases = [
        [[], []],
        [[address, u("uint256")], [b, "1000000000000000000"]],
        [[address], [a]],
        [[arrayOf(address), arrayOf(u("uint256"))], [[a, b], ["1", (2n ** 256n - 1n).toString()]]],
        [[bridgehub],
            [["270", "1000000", a, "0", "0x1234", "300000", "800", ["0x", "0xabcdef"], b]]],
        [[u("uint32"), elementary("bool")], ["69", true]],
        [[elementary("bytes"), elementary("bool"), arrayOf(u("uint256"))],
            ["0x64617665", true, ["1", "2", "3"]]],
        [[arrayOf(arrayOf(u("uint256"))), arrayOf(elementary("string"))],
            [[["1", "2"], ["3"]], ["one", "two", "three"]]],
    ];
    return cases.map(([types, values]) =>
        encodeVector(coder, types.map((t) => t.name), types, values));
}

function selectorCases(rng, count) {
    const fixed = ["transfer(address,uint256)", "balanceOf(address)", "totalSupply()",
        "approve(address,uint256)", "multisend(address[],uint256[])",
        "requestL2TransactionDirect((uint256,uint256,address,uint256,bytes,uint256,uint256," +
            "bytes[],address))",
        "transfer(address, uint)", "f(int,uint[2][])"];
    const names = ["f", "transfer", "mint_to", "$swap", "_x1", "batch"];
    const random = Array.from({ length: count }, () => {
        const types = Array.from({ length: rng.below(4) }, () => randomType(rng, 1).name);
        return `${rng.pick(names)}(${types.join(rng.chance(0.2) ? ", " : ",")})`;
    });
    const selectors = [...fixed, ...random].map((signature) => {
        const fragment = ethers.FunctionFragment.from(signature);
        const selector = fragment.selector;
        if (ethers.id(fragment.format("sighash")).slice(0, 10) !== selector)
            throw new Error(`ethers selector disagrees with id() for ${signature}`);
        return { signature, selector };
    });
    const events = ["Transfer(address,address,uint256)", "Approval(address,address,uint256)",
        "Request(uint256,bytes32,(address,uint256[4],bytes)[],string)", "Nothing()"]
        .map((signature) => ({ signature, topic: ethers.EventFragment.from(signature).topicHash }));
    return { selectors, events };
}

function main() {
    const args = parseArgs(process.argv.slice(2), "abi_vectors.mjs", { count: 200, minCount: 1 });
    const rng = makeRng(args.seed);
    const coder = ethers.AbiCoder.defaultAbiCoder();
    const vectors = fixedVectors(coder);
    for (let i = 0; i < args.count; ++i) {
        const types = Array.from({ length: 1 + rng.below(5) }, () => randomType(rng, 0));
        const values = types.map((t) => randomValue(rng, t));
        vectors.push(encodeVector(coder, types.map((t) => t.name), types, values));
    }
    const { selectors, events } = selectorCases(rng, 40);
    const generator = `ethers ${ethers.version}`;
    const doc = { generator, seed: args.seed, vectors, selectors, events };

    const out = resolve(args.out);
    mkdirSync(dirname(out), { recursive: true });
    const temp = `${out}.tmp-${process.pid}`;
    try {
        writeFileSync(temp, JSON.stringify(doc, null, 1) + "\n");
        renameSync(temp, out);
    } catch (e) {
        rmSync(temp, { force: true });
        throw e;
    }
    console.log(`wrote ${vectors.length} ABI vectors and ${selectors.length} selectors to ${out}`);
}

main();
