// SPDX-License-Identifier: Apache-2.0
package org.nonos.test.support;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One edit of an encoding, for properties over damaged input: flip one bit, overwrite one
 * byte, cut the tail off, drop one byte, insert one byte, or append bytes. Positions are taken
 * modulo the length of what is edited, so one arbitrary serves encodings of every length; jqwik
 * shrinks towards the first kind and the first position.
 *
 * @param kind what to do
 * @param position where (reduced modulo the length, or the length plus one for insertions)
 * @param value the byte written, inserted or appended, or the bit flipped (low three bits)
 */
public record Mutation(Kind kind, int position, byte value) {
    /** The kinds of edit. */
    public enum Kind { FLIP_BIT, SET_BYTE, TRUNCATE, DELETE, INSERT, APPEND }

    /** Any edit at any position, for {@code @Provide} methods of properties. */
    public static Arbitrary<Mutation> any() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.bytes()).as(Mutation::new);
    }

    /** The edited copy; {@code in} is not changed. The result differs from {@code in} except for
     * SET_BYTE of the byte already there. */
    public byte[] apply(byte[] in) {
        int n = in.length;
        switch (kind) {
            case FLIP_BIT -> {
                if (n == 0) {
                    return new byte[] {value};
                }
                byte[] out = in.clone();
                out[position % n] ^= (byte) (1 << (value & 7));
                return out;
            }
            case SET_BYTE -> {
                if (n == 0) {
                    return new byte[] {value};
                }
                byte[] out = in.clone();
                out[position % n] = value;
                return out;
            }
            case TRUNCATE -> {
                return Arrays.copyOf(in, n == 0 ? 0 : position % n);
            }
            case DELETE -> {
                if (n == 0) {
                    return in.clone();
                }
                int at = position % n;
                byte[] out = new byte[n - 1];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + 1, out, at, n - at - 1);
                return out;
            }
            case INSERT -> {
                int at = position % (n + 1);
                byte[] out = new byte[n + 1];
                System.arraycopy(in, 0, out, 0, at);
                out[at] = value;
                System.arraycopy(in, at, out, at + 1, n - at);
                return out;
            }
            case APPEND -> {
                byte[] out = Arrays.copyOf(in, n + 1 + (position % 16));
                Arrays.fill(out, n, out.length, value);
                return out;
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }
}
