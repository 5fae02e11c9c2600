// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import java.util.List;
import java.util.Objects;

import org.nonos.zk.bls12381.G1Point;
import org.nonos.zk.bls12381.G2Point;

/**
 * A Groth16 proving key for one circuit (Groth 2016 §3.2, with the QAP of the circuit's R1CS
 * plus one "input" constraint {@code x_i · 0 = 0} per public wire, which makes the u_i of the
 * public wires linearly independent).
 *
 * @param numWires       wires of the circuit, wire 0 the constant one
 * @param numPublic      public inputs (wires 1..numPublic)
 * @param numConstraints constraints of the R1CS (without the input constraints)
 * @param domainSize     n, the FFT domain size: a power of two ≥ numConstraints + numPublic + 1
 * @param vk             the matching verifying key
 * @param beta1          [β]₁
 * @param delta1         [δ]₁
 * @param a              [u_i(τ)]₁ for every wire
 * @param b1             [v_i(τ)]₁ for every wire
 * @param b2             [v_i(τ)]₂ for every wire
 * @param l              [(β·u_i + α·v_i + w_i)(τ)/δ]₁ for the private wires numPublic+1..numWires−1
 * @param h              [τ^j·Z(τ)/δ]₁ for j in 0..n−2, Z(x) = x^n − 1
 */
public record ProvingKey(int numWires, int numPublic, int numConstraints, int domainSize, VerifyingKey vk,
        G1Point beta1, G1Point delta1, List<G1Point> a, List<G1Point> b1, List<G2Point> b2, List<G1Point> l,
        List<G1Point> h) {
    public ProvingKey {
        Objects.requireNonNull(vk, "vk");
        a = List.copyOf(a);
        b1 = List.copyOf(b1);
        b2 = List.copyOf(b2);
        l = List.copyOf(l);
        h = List.copyOf(h);
        if (numPublic < 0 || numWires < numPublic + 1 || numConstraints < 0) {
            throw new IllegalArgumentException("bad circuit shape");
        }
        if (domainSize < numConstraints + numPublic + 1 || Integer.bitCount(domainSize) != 1) {
            throw new IllegalArgumentException("domain size " + domainSize + " is not a power of two ≥ constraints + inputs");
        }
        if (a.size() != numWires || b1.size() != numWires || b2.size() != numWires
                || l.size() != numWires - numPublic - 1 || h.size() != domainSize - 1
                || vk.ic().size() != numPublic + 1) {
            throw new IllegalArgumentException("query lengths do not match the circuit shape");
        }
    }
}
