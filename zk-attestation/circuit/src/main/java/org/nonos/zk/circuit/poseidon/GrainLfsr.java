// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.poseidon;

import java.math.BigInteger;

/**
 * The Grain LFSR that the Poseidon paper (Grassi et al., "Poseidon: A New Hash Function for
 * Zero-Knowledge Proof Systems", USENIX Security 2021, Appendix F) uses to derive round constants
 * and the MDS matrix, as in the authors' reference generator {@code generate_params_poseidon.sage}.
 *
 * <p>State: 80 bits, seeded with field (2 bits), sbox (4), n (12), t (12), R_F (10), R_P (10), each
 * big-endian, then 30 ones. Feedback: b[i+80] = b[i+62] ⊕ b[i+51] ⊕ b[i+38] ⊕ b[i+23] ⊕ b[i+13] ⊕ b[i].
 * The first 160 output bits are discarded. Afterwards bits are taken in pairs and the second bit
 * of a pair is kept only when the first is 1 (the "self-shrinking" step).
 */
final class GrainLfsr {
    private static final int SIZE = 80;
    private final boolean[] state = new boolean[SIZE];
    private int head; // index of b[i], the oldest bit

    GrainLfsr(int field, int sbox, int n, int t, int rf, int rp) {
        int pos = 0;
        pos = load(pos, field, 2);
        pos = load(pos, sbox, 4);
        pos = load(pos, n, 12);
        pos = load(pos, t, 12);
        pos = load(pos, rf, 10);
        pos = load(pos, rp, 10);
        while (pos < SIZE) {
            state[pos++] = true;
        }
        for (int i = 0; i < 160; i++) {
            clock();
        }
    }

    private int load(int pos, int value, int bits) {
        if (value < 0 || value >= (1 << bits)) {
            throw new IllegalArgumentException("parameter " + value + " does not fit in " + bits + " bits");
        }
        for (int i = bits - 1; i >= 0; i--) {
            state[pos++] = ((value >>> i) & 1) == 1;
        }
        return pos;
    }

    private boolean at(int offset) {
        return state[(head + offset) % SIZE];
    }

    /** One LFSR step: computes the new bit, drops the oldest, appends the new one, returns it. */
    private boolean clock() {
        boolean bit = at(62) ^ at(51) ^ at(38) ^ at(23) ^ at(13) ^ at(0);
        state[head] = bit; // the oldest slot becomes the newest
        head = (head + 1) % SIZE;
        return bit;
    }

    /** The next output bit after self-shrinking. */
    boolean nextBit() {
        while (true) {
            boolean first = clock();
            boolean second = clock();
            if (first) {
                return second;
            }
        }
    }

    /** The next {@code bits}-bit integer, most significant bit first. */
    BigInteger nextBits(int bits) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 0; i < bits; i++) {
            v = v.shiftLeft(1);
            if (nextBit()) {
                v = v.setBit(0);
            }
        }
        return v;
    }

    /** The next {@code bits}-bit integer below {@code modulus}, drawing again while it is not (rejection). */
    BigInteger nextBelow(int bits, BigInteger modulus) {
        BigInteger v = nextBits(bits);
        while (v.compareTo(modulus) >= 0) {
            v = nextBits(bits);
        }
        return v;
    }
}
