// SPDX-License-Identifier: Apache-2.0
// The seeded random source of the zkSync oracle generators (bridge, EraVM deploy, the rows' 0x71
// transactions): mulberry32, small and the same on every platform, with the helpers those
// scripts draw from.

export function makeRng(seed, ethers) {
    let s = seed >>> 0;
    const u32 = () => {
        s = (s + 0x6d2b79f5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return (t ^ (t >>> 14)) >>> 0;
    };
    const rng = {
        below: (n) => Math.floor((u32() / 0x100000000) * n),
        bytes: (n) => Uint8Array.from({ length: n }, () => u32() & 0xff),
        bits: (n) => {
            let v = 0n;
            for (let i = 0; i < n; i += 32) v = (v << 32n) | BigInt(u32());
            return v & ((1n << BigInt(n)) - 1n);
        },
        address: () => ethers.getAddress(ethers.hexlify(rng.bytes(20))),
        hash: () => ethers.hexlify(rng.bytes(32)),
    };
    return rng;
}
