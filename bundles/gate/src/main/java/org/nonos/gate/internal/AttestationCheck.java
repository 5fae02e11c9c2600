// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.util.List;

/**
 * Checks the attestation carried by a bundle's content. The one seam between the gate's
 * machinery (hook, caches, audit) and the verifier of the attestation format.
 */
public interface AttestationCheck {

    /**
     * The result of one check.
     *
     * @param digest the content digest, {@code sha256:<hex>}, or "" when it could not be computed
     * @param valid whether the attestation holds
     * @param reason {@code OK}, or the verifier's reason code
     * @param detail one line for a person
     * @param capabilities requested (and, being valid, allowed) capabilities; empty when invalid
     * @param definitive whether the outcome depends on the content alone (and the trust anchor), so
     *     that it may be cached; false for a refusal because no verifier is ready
     */
    record Outcome(String digest, boolean valid, String reason, String detail, List<String> capabilities,
            boolean definitive) {
        public Outcome {
            capabilities = List.copyOf(capabilities);
        }
    }

    /** Verifies; never throws for bad content, which is an invalid outcome with its reason. */
    Outcome check(JarContent content);

    /**
     * Verifies a jar given as its file's bytes (the boot bundles); never throws for bad content.
     * The default reads the entries first; a check that works on the jar's bytes itself skips that.
     */
    default Outcome checkJar(byte[] jar) {
        try {
            return check(JarContent.of(jar));
        } catch (MalformedJarException e) {
            return new Outcome("", false, "MALFORMED_JAR", e.getMessage(), List.of(), true);
        }
    }
}
