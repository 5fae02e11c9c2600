// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.attestation;

/** The given values do not satisfy the attestation statement, so no proof can be made. */
public final class UnsatisfiedStatementException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Which part of the statement fails. */
    public enum Reason {
        /** The requested capabilities are not a subset of the allowed ones. */
        NOT_SUBSET,
        /** The epoch is later than the vendor's expiry. */
        EXPIRED,
        /** The path from the vendor's leaf does not lead to the registry root. */
        NOT_IN_REGISTRY,
        /** The Merkle path's depth differs from the circuit's. */
        WRONG_DEPTH,
        /** A constraint of the system fails (named in the message). */
        CONSTRAINT
    }

    private final Reason reason;

    public UnsatisfiedStatementException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
