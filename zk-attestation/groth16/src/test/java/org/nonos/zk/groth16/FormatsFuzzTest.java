// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.nonos.zk.bls12381.MalformedException;

/**
 * Fuzz targets for the parsers of untrusted proofs and keys: whatever the bytes, the result is
 * a value or a {@link MalformedException}, never another exception or a crash of blst. In a
 * normal build they replay their seed corpus (FormatsFuzzTestInputs/).
 */
class FormatsFuzzTest {
    @FuzzTest
    void binaryProof(byte[] data) {
        try {
            BinaryFormat.decodeProof(data);
        } catch (MalformedException expected) {
            // refused, as it should be
        }
    }

    @FuzzTest
    void binaryVerifyingKey(byte[] data) {
        try {
            BinaryFormat.decodeVerifyingKey(data);
        } catch (MalformedException expected) {
            // refused
        }
    }

    @FuzzTest
    void snarkjsProof(byte[] data) {
        try {
            SnarkjsJson.readProof(new String(data, StandardCharsets.UTF_8));
        } catch (MalformedException expected) {
            // refused
        }
    }

    @FuzzTest
    void snarkjsVerifyingKey(byte[] data) {
        try {
            SnarkjsJson.readVerifyingKey(new String(data, StandardCharsets.UTF_8));
        } catch (MalformedException expected) {
            // refused
        }
    }

    @FuzzTest
    void snarkjsPublicInputs(byte[] data) {
        try {
            SnarkjsJson.readPublicInputs(new String(data, StandardCharsets.UTF_8));
        } catch (MalformedException expected) {
            // refused
        }
    }
}
