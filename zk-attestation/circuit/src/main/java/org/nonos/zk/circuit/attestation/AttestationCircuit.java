// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.attestation;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nonos.zk.circuit.Circuit;
import org.nonos.zk.circuit.CircuitBuilder;
import org.nonos.zk.circuit.LinearExpr;
import org.nonos.zk.circuit.Variable;
import org.nonos.zk.circuit.gadgets.Bits;
import org.nonos.zk.circuit.gadgets.Comparison;
import org.nonos.zk.circuit.gadgets.Masks;
import org.nonos.zk.circuit.gadgets.MerkleGadget;
import org.nonos.zk.circuit.gadgets.PoseidonGadget;
import org.nonos.zk.r1cs.R1cs;

/**
 * The attestation circuit for a registry tree of a given depth. Statement (docs/zk-circuits.md):
 * the prover knows secret, allowed, expiry and a Merkle path such that
 * <ul>
 *   <li>leaf = H5(H1(secret), allowed, expiry) is in the registry tree under {@code root};</li>
 *   <li>requested ⊆ allowed, both 64-bit masks;</li>
 *   <li>epoch ≤ expiry, both 64-bit;</li>
 *   <li>the content digest (digest_hi, digest_lo) is bound to the proof.</li>
 * </ul>
 * Public inputs in the order of {@link AttestationPublicInputs}. Private inputs: secret, allowed,
 * expiry, sibling_0..sibling_{d−1}, direction_0..direction_{d−1}.
 */
public final class AttestationCircuit {
    public static final int MASK_BITS = 64;
    public static final int EPOCH_BITS = 64;

    private final int depth;
    private final Circuit circuit;
    private final Variable[] publicInputs = new Variable[AttestationPublicInputs.COUNT];
    private final Variable secret;
    private final Variable allowed;
    private final Variable expiry;
    private final Variable[] siblings;
    private final Variable[] directions;

    private AttestationCircuit(int depth) {
        this.depth = depth;
        CircuitBuilder cb = new CircuitBuilder();
        Variable digestHi = cb.publicInput("digest_hi");
        Variable digestLo = cb.publicInput("digest_lo");
        Variable requested = cb.publicInput("requested");
        Variable root = cb.publicInput("root");
        Variable epoch = cb.publicInput("epoch");
        publicInputs[AttestationPublicInputs.DIGEST_HI] = digestHi;
        publicInputs[AttestationPublicInputs.DIGEST_LO] = digestLo;
        publicInputs[AttestationPublicInputs.REQUESTED] = requested;
        publicInputs[AttestationPublicInputs.ROOT] = root;
        publicInputs[AttestationPublicInputs.EPOCH] = epoch;

        secret = cb.privateInput("secret");
        allowed = cb.privateInput("allowed");
        expiry = cb.privateInput("expiry");
        siblings = new Variable[depth];
        directions = new Variable[depth];
        for (int i = 0; i < depth; i++) {
            siblings[i] = cb.privateInput("sibling" + i);
        }
        for (int i = 0; i < depth; i++) {
            directions[i] = cb.privateInput("direction" + i);
        }

        // Digest binding: Groth16 already binds every public input through the verifier's input
        // commitment; these squares make the digest appear in the constraints as well, so that no
        // reduction of the system can drop it (the same device as Tornado Cash's recipient square).
        cb.mul(digestHi.expr(), digestHi.expr(), "digest_hi.square");
        cb.mul(digestLo.expr(), digestLo.expr(), "digest_lo.square");

        // requested ⊆ allowed; the decompositions also range-check both masks to 64 bits.
        Masks.assertSubset(cb, requested.expr(), allowed.expr(), MASK_BITS, "mask");

        // epoch ≤ expiry; Comparison needs both operands range-checked first.
        Bits.rangeCheck(cb, epoch.expr(), EPOCH_BITS, "epoch.range");
        Bits.rangeCheck(cb, expiry.expr(), EPOCH_BITS, "expiry.range");
        Comparison.assertLessOrEqual(cb, epoch.expr(), expiry.expr(), EPOCH_BITS, "epoch_le_expiry");

        // leaf = H5(H1(secret), allowed, expiry), a member of the registry tree under root.
        LinearExpr vendorKey = PoseidonGadget.hash1(cb, secret.expr(), "vendor_key");
        LinearExpr leaf = PoseidonGadget.hash3(cb, vendorKey, allowed.expr(), expiry.expr(), "leaf");
        LinearExpr[] path = new LinearExpr[depth];
        for (int i = 0; i < depth; i++) {
            path[i] = siblings[i].expr();
        }
        MerkleGadget.assertMember(cb, leaf, path, directions, root.expr(), "merkle");
        this.circuit = cb.build();
    }

    /** Builds the circuit for a registry tree of depth 1..32. The same depth gives the same system. */
    public static AttestationCircuit create(int depth) {
        if (depth < 1 || depth > MerkleGadget.MAX_DEPTH) {
            throw new IllegalArgumentException("registry depth " + depth + " outside 1.." + MerkleGadget.MAX_DEPTH);
        }
        return new AttestationCircuit(depth);
    }

    public int depth() {
        return depth;
    }

    public Circuit circuit() {
        return circuit;
    }

    public R1cs r1cs() {
        return circuit.r1cs();
    }

    /**
     * The full assignment for these values, without checking the statement: when the values do not
     * satisfy it, the assignment fails the constraint check (soundness tests rely on this).
     *
     * @throws IllegalArgumentException when the path's depth is not the circuit's
     */
    public BigInteger[] assign(AttestationPublicInputs pub, AttestationWitness w) {
        if (w.path().depth() != depth) {
            throw new IllegalArgumentException("Merkle path of depth " + w.path().depth() + ", circuit depth " + depth);
        }
        Map<Variable, BigInteger> in = new HashMap<>();
        BigInteger[] p = pub.toFieldElements();
        for (int i = 0; i < p.length; i++) {
            in.put(publicInputs[i], p[i]);
        }
        in.put(secret, w.secret());
        in.put(allowed, AttestationPublicInputs.unsigned(w.allowedMask()));
        in.put(expiry, AttestationPublicInputs.unsigned(w.expiry()));
        for (int i = 0; i < depth; i++) {
            in.put(siblings[i], w.path().siblings().get(i));
            in.put(directions[i], w.path().direction(i) ? BigInteger.ONE : BigInteger.ZERO);
        }
        return circuit.witness(in);
    }

    /**
     * Checks the statement (with a reason when it fails) and returns a satisfying assignment,
     * ready for the prover.
     */
    public BigInteger[] witness(AttestationPublicInputs pub, AttestationWitness w) throws UnsatisfiedStatementException {
        if (w.path().depth() != depth) {
            throw new UnsatisfiedStatementException(UnsatisfiedStatementException.Reason.WRONG_DEPTH,
                    "Merkle path of depth " + w.path().depth() + ", circuit depth " + depth);
        }
        if ((pub.requestedMask() & ~w.allowedMask()) != 0) {
            throw new UnsatisfiedStatementException(UnsatisfiedStatementException.Reason.NOT_SUBSET,
                    "requested capabilities " + Long.toHexString(pub.requestedMask() & ~w.allowedMask())
                            + " are not allowed");
        }
        if (Long.compareUnsigned(pub.epoch(), w.expiry()) > 0) {
            throw new UnsatisfiedStatementException(UnsatisfiedStatementException.Reason.EXPIRED,
                    "epoch " + Long.toUnsignedString(pub.epoch()) + " is after expiry " + Long.toUnsignedString(w.expiry()));
        }
        if (!w.path().rootFrom(w.leaf()).equals(pub.registryRoot())) {
            throw new UnsatisfiedStatementException(UnsatisfiedStatementException.Reason.NOT_IN_REGISTRY,
                    "the vendor's leaf and path do not lead to the registry root");
        }
        BigInteger[] a = assign(pub, w);
        Optional<String> failed = circuit.firstUnsatisfied(a);
        if (failed.isPresent()) {
            throw new UnsatisfiedStatementException(UnsatisfiedStatementException.Reason.CONSTRAINT,
                    "constraint " + failed.get() + " fails");
        }
        return a;
    }

    /** The variable of public input {@code index} (see {@link AttestationPublicInputs}). */
    public Variable publicInput(int index) {
        return publicInputs[index];
    }

    public Variable secret() {
        return secret;
    }

    public Variable allowed() {
        return allowed;
    }

    public Variable expiry() {
        return expiry;
    }

    public Variable sibling(int level) {
        return siblings[level];
    }

    public Variable direction(int level) {
        return directions[level];
    }
}
