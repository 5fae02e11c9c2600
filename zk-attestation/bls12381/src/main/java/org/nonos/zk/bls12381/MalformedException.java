// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

/** Untrusted bytes or numbers that do not encode what they claim to: the one parse error of this bundle. */
public class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the input was refused. */
    public enum Reason {
        /** Wrong number of bytes, elements or fields. */
        BAD_LENGTH,
        /** Flag bits or structure that the format does not allow. */
        BAD_ENCODING,
        /** A base-field coordinate ≥ p, or a scalar ≥ r, or a negative number. */
        NOT_CANONICAL,
        /** The coordinates do not satisfy the curve equation. */
        NOT_ON_CURVE,
        /** On the curve, but not in the subgroup of order r. */
        NOT_IN_SUBGROUP,
        /** The point at infinity where it is not allowed. */
        IDENTITY,
        /** A version, curve or protocol this code does not read. */
        UNSUPPORTED
    }

    private final Reason reason;

    public MalformedException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
