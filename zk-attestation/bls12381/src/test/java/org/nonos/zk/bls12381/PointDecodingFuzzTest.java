// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the point decoders, the only place untrusted bytes reach blst: any input
 * gives a point or a {@link MalformedException}, never another exception or a native crash.
 * A normal build replays the seed corpus (PointDecodingFuzzTestInputs/).
 */
class PointDecodingFuzzTest {
    @FuzzTest
    void g1(byte[] data) {
        try {
            G1Point p = G1Point.decode(data);
            if (!p.equals(G1Point.decode(p.toCompressed()))) {
                throw new AssertionError("compressed round trip changed the point");
            }
        } catch (MalformedException expected) {
            // refused
        }
    }

    @FuzzTest
    void g2(byte[] data) {
        try {
            G2Point p = G2Point.decode(data);
            if (!p.equals(G2Point.decode(p.toUncompressed()))) {
                throw new AssertionError("uncompressed round trip changed the point");
            }
        } catch (MalformedException expected) {
            // refused
        }
    }
}
