// SPDX-License-Identifier: Apache-2.0
// The shape of the depth-20 attestation circuit, for timing snarkjs against the same amount of
// work: a Poseidon-shaped t = 3 permutation (x^5 S-boxes, 8 full + 56 partial rounds, a 3×3
// MDS-like mix, round constants) used for the leaf and for 20 Merkle levels, a 64-bit
// subset-of-mask check, a 64-bit epoch ≤ expiry range check, and 5 public signals. The
// constants are placeholders (not the Poseidon instance), which changes no constraint count.
pragma circom 2.0.0;

template Sbox() {
    signal input in;
    signal output out;
    signal x2;
    signal x4;
    x2 <== in * in;
    x4 <== x2 * x2;
    out <== x4 * in;
}

template Perm(RF, RP) {
    signal input in[3];
    signal output out;
    component sb[3 * RF + RP];
    var st[3];
    st[0] = in[0];
    st[1] = in[1];
    st[2] = in[2];
    var k = 0;
    for (var r = 0; r < RF + RP; r++) {
        for (var j = 0; j < 3; j++) {
            st[j] = st[j] + (3 * r + j + 1);
        }
        if (r < RF / 2 || r >= RF / 2 + RP) {
            for (var j = 0; j < 3; j++) {
                sb[k] = Sbox();
                sb[k].in <== st[j];
                st[j] = sb[k].out;
                k++;
            }
        } else {
            sb[k] = Sbox();
            sb[k].in <== st[0];
            st[0] = sb[k].out;
            k++;
        }
        var t0 = 2 * st[0] + st[1] + st[2];
        var t1 = st[0] + 2 * st[1] + st[2];
        var t2 = st[0] + st[1] + 2 * st[2];
        st[0] = t0;
        st[1] = t1;
        st[2] = t2;
    }
    out <== st[0];
}

template Bits(n) {
    signal input in;
    signal output out[n];
    var acc = 0;
    var e = 1;
    for (var i = 0; i < n; i++) {
        out[i] <-- (in >> i) & 1;
        out[i] * (out[i] - 1) === 0;
        acc += out[i] * e;
        e = e + e;
    }
    acc === in;
}

template Attestation(DEPTH) {
    signal input digest_hi;
    signal input digest_lo;
    signal input requested;
    signal input epoch;
    signal input secret;
    signal input allowed;
    signal input expiry;
    signal input siblings[DEPTH];
    signal input directions[DEPTH];
    signal output root;

    signal digestBinding;
    digestBinding <== digest_hi * digest_lo;

    component r = Bits(64);
    r.in <== requested;
    component a = Bits(64);
    a.in <== allowed;
    for (var i = 0; i < 64; i++) {
        r.out[i] * (1 - a.out[i]) === 0;
    }
    component slack = Bits(64);
    slack.in <== expiry - epoch;

    component h1 = Perm(8, 56);
    h1.in[0] <== secret;
    h1.in[1] <== 0;
    h1.in[2] <== 0;
    component leaf = Perm(8, 56);
    leaf.in[0] <== h1.out;
    leaf.in[1] <== allowed;
    leaf.in[2] <== expiry;

    component level[DEPTH];
    signal sel[DEPTH];
    signal cur[DEPTH + 1];
    cur[0] <== leaf.out;
    for (var i = 0; i < DEPTH; i++) {
        directions[i] * (directions[i] - 1) === 0;
        sel[i] <== directions[i] * (siblings[i] - cur[i]);
        level[i] = Perm(8, 56);
        level[i].in[0] <== cur[i] + sel[i];
        level[i].in[1] <== siblings[i] - sel[i];
        level[i].in[2] <== 0;
        cur[i + 1] <== level[i].out;
    }
    root <== cur[DEPTH];
}

component main {public [digest_hi, digest_lo, requested, epoch]} = Attestation(20);
