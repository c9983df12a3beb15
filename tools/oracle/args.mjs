// SPDX-License-Identifier: Apache-2.0
// Command line of the oracle vector generators: --count N --seed S --out FILE.

export function parseArgs(argv, script, { count, minCount }) {
    const args = { count, seed: 1, out: null };
    for (let i = 0; i < argv.length; i += 2) {
        const [name, value] = [argv[i], argv[i + 1]];
        if (value === undefined) throw new Error(`missing value for ${name}`);
        if (name === "--count") args.count = Number(value);
        else if (name === "--seed") args.seed = Number(value);
        else if (name === "--out") args.out = value;
        else throw new Error(`unknown option ${name}`);
    }
    const valid = Number.isInteger(args.count) && args.count >= minCount && Number.isInteger(args.seed);
    if (!args.out || !valid)
        throw new Error(`usage: ${script} --count N (at least ${minCount}) --seed S --out FILE`);
    return args;
}
