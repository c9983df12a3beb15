// SPDX-License-Identifier: Apache-2.0
// Writes EraVM deploy vectors: the ContractDeployer create(...) transaction that zksync-ethers'
// ContractFactory builds (deploymentType 'create', a given salt), signed and serialized by
// zksync-ethers as its Wallet does, and zksync-ethers' utils.createAddress. The C++ deploy
// operation must match them byte for byte (tests/zksync/eravm_deploy_oracle_test.cpp).
//
//   node tools/oracle/eravm_deploy_vectors.mjs --count 24 --seed 20261128 --out build/vectors/eravm_deploy.json

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


const str = (n) => n.toString();
const coder = ethers.AbiCoder.defaultAbiCoder();

// No zksolc output ships in the pinned npm packages, so the bytecode is syntactically valid
// EraVM bytecode (an odd number of 32-byte words): all that hashing, signing and the
// ContractDeployer calldata depend on.
function eraVmBytecode(rng) {
    const words = 2 * rng.below(40) + 1;
    return ethers.hexlify(rng.bytes(32 * words));
}

// Half of the contracts take constructor arguments, to cover a non-empty `input`.
const kAbis = [
    [],
    [{ type: "constructor", stateMutability: "nonpayable",
       inputs: [{ name: "x", type: "uint256" }, { name: "owner", type: "address" }] }],
];

/// The salt the C++ operation uses: keccak256(abi.encode(address from, uint256 nonce)).
const saltOf = (from, nonce) => ethers.keccak256(coder.encode(["address", "uint256"], [from, nonce]));

async function deployVector(rng, index) {
    const key = new ethers.SigningKey(ethers.hexlify(rng.bytes(31)).replace("0x", "0x01"));
    const from = ethers.computeAddress(key.publicKey);
    const bytecode = eraVmBytecode(rng);
    const abi = kAbis[index % kAbis.length];
    const args = abi.length ? [rng.bits(8 + rng.below(200)), rng.address()] : [];
    const nonce = BigInt(rng.below(index % 3 === 0 ? 10 : 1_000_000));
    const salt = saltOf(from, nonce);
    const maxFee = 1n + rng.bits(8 + rng.below(40));
    const tip = 1n + rng.bits(4 + rng.below(30)); // zksync-ethers signs maxFee in place of a zero tip
    const gasPerPubdata = index % 4 === 3 ? BigInt(800 + rng.below(100_000)) : 50_000n;
    const chainId = [260n, 324n, 270n, 300n, 271n][index % 5];

    const factory = new zk.ContractFactory(abi, bytecode, null, "create");
    const deploy = await factory.getDeployTransaction(...args, {
        customData: { salt, gasPerPubdata },
    });
    if (deploy.to !== zk.utils.CONTRACT_DEPLOYER_ADDRESS) throw new Error("not sent to the deployer");
    const input = abi.length ? coder.encode(["uint256", "address"], args) : "0x";
    const tx = {
        type: zk.utils.EIP712_TX_TYPE, chainId, nonce, from, to: deploy.to,
        maxPriorityFeePerGas: tip, maxFeePerGas: maxFee,
        gasLimit: 100_000n + rng.bits(24), value: 0n, data: deploy.data,
        customData: { gasPerPubdata: deploy.customData.gasPerPubdata, factoryDeps: deploy.customData.factoryDeps },
    };
    const customSignature = await new zk.EIP712Signer(new ethers.Wallet(key), chainId).sign(tx);
    const signed = { ...tx, customData: { ...tx.customData, customSignature } };
    const raw = ethers.hexlify(zk.utils.serializeEip712(signed));
    const hash = zk.utils.eip712TxHash(signed);
    if (zk.types.Transaction.from(raw).hash !== hash) throw new Error("zksync-ethers: parsed hash differs");
    return {
        index, key: key.privateKey, from, chain_id: str(chainId), nonce: str(nonce),
        max_fee_per_gas: str(maxFee), max_priority_fee_per_gas: str(tip), gas_limit: str(tx.gasLimit),
        gas_per_pubdata: str(gasPerPubdata), bytecode, constructor_input: input, salt,
        bytecode_hash: ethers.hexlify(zk.utils.hashBytecode(bytecode)),
        calldata: deploy.data, factory_deps: deploy.customData.factoryDeps.map((d) => ethers.hexlify(d)),
        raw, hash,
    };
}

/// utils.createAddress over small, large and random deployment nonces.
function createAddresses(rng) {
    const nonces = [0n, 1n, 2n, 255n, 256n, (1n << 64n) - 1n, (1n << 255n) + 7n];
    for (let i = 0; i < 20; ++i) nonces.push(rng.bits(1 + rng.below(128)));
    return nonces.map((nonce) => {
        const sender = rng.address();
        return { sender, nonce: str(nonce), address: zk.utils.createAddress(sender, nonce) };
    });
}

const args = parseArgs(process.argv.slice(2), "eravm_deploy_vectors.mjs", { count: 24, minCount: 4 });
const rng = makeRng(args.seed, ethers);
const vectors = [];
for (let i = 0; i < args.count; ++i) vectors.push(await deployVector(rng, i));

const out = resolve(args.out);
mkdirSync(dirname(out), { recursive: true });
const tmp = `${out}.tmp-${process.pid}`;
writeFileSync(tmp, JSON.stringify({
    generator: `tools/oracle/eravm_deploy_vectors.mjs ethers ${ethers.version} zksync-ethers ${zkVersion}`,
    seed: args.seed, contract_deployer: zk.utils.CONTRACT_DEPLOYER_ADDRESS,
    create_selector: ethers.id("create(bytes32,bytes32,bytes)").slice(0, 10),
    vectors, create_addresses: createAddresses(rng),
}));
renameSync(tmp, out);
console.log(`wrote ${vectors.length} EraVM deploy vectors to ${out}`);
