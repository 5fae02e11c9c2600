// SPDX-License-Identifier: Apache-2.0
// Times snarkjs's Groth16 verify and prove in one node process (no start-up or curve set-up in
// the timings), for bench/groth16.
// Usage: node snarkjs_bench.cjs <snarkjs dir> <zkey> <wtns> <verification_key.json> <proof.json> <public.json>
"use strict";
const path = require("path");
const fs = require("fs");
const { performance } = require("perf_hooks");

async function main() {
    const [dir, zkey, wtns, vkFile, proofFile, publicFile] = process.argv.slice(2);
    const snarkjs = require(path.join(dir, "node_modules", "snarkjs"));
    const vk = JSON.parse(fs.readFileSync(vkFile, "utf8"));
    const proof = JSON.parse(fs.readFileSync(proofFile, "utf8"));
    const pub = JSON.parse(fs.readFileSync(publicFile, "utf8"));
    const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

    const verifyRuns = Number(process.env.VERIFY_RUNS || 100);
    for (let i = 0; i < 10; i++) {
        if (!(await snarkjs.groth16.verify(vk, pub, proof))) throw new Error("snarkjs rejected its own proof");
    }
    const v = [];
    const cv = process.cpuUsage();
    for (let i = 0; i < verifyRuns; i++) {
        const t = performance.now();
        await snarkjs.groth16.verify(vk, pub, proof);
        v.push(performance.now() - t);
    }
    const cpuVerify = process.cpuUsage(cv);
    const proveRuns = Number(process.env.PROVE_RUNS || 5);
    await snarkjs.groth16.prove(zkey, wtns);
    const p = [];
    const cp = process.cpuUsage();
    for (let i = 0; i < proveRuns; i++) {
        const t = performance.now();
        await snarkjs.groth16.prove(zkey, wtns);
        p.push(performance.now() - t);
    }
    const cpuProve = process.cpuUsage(cp);
    const perOp = (u, n) => (u.user + u.system) / 1000 / n; // process CPU (all threads), ms
    console.log(`snarkjs verify median ${median(v).toFixed(3)} ms over ${verifyRuns}`);
    console.log(`snarkjs prove median ${median(p).toFixed(1)} ms over ${proveRuns}`);
    console.log(`snarkjs CPU per verify ${perOp(cpuVerify, verifyRuns).toFixed(3)} ms, per prove ${perOp(cpuProve, proveRuns).toFixed(1)} ms`);
    console.log(`SNARKJS verify_ms=${median(v)} prove_ms=${median(p)} cpu_verify_ms=${perOp(cpuVerify, verifyRuns)} cpu_prove_ms=${perOp(cpuProve, proveRuns)}`);
    process.exit(0);
}

main().catch((e) => { console.error(e); process.exit(1); });
