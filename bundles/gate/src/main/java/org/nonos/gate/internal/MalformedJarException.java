// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

/** The bytes or entries of a bundle could not be read as a jar within the gate's bounds. */
public final class MalformedJarException extends Exception {
    public MalformedJarException(String message) {
        super(message);
    }
}
