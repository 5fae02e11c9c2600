// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

/** How two secrets are compared. Production uses {@link #CONSTANT_TIME}; tests may watch the calls. */
@FunctionalInterface
public interface SecretEquality {
    /** {@link java.security.MessageDigest#isEqual}: time depends on the lengths only, not on the content. */
    SecretEquality CONSTANT_TIME = java.security.MessageDigest::isEqual;

    boolean equal(byte[] a, byte[] b);
}
