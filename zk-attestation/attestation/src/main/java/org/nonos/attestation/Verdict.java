// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import java.util.List;
import java.util.Optional;

/** The outcome of verifying one bundle: accepted with what it is granted, or rejected with why. */
public sealed interface Verdict permits Verdict.Accepted, Verdict.Rejected {

    boolean accepted();

    /** The bundle's content digest, when the jar could be read far enough to compute it. */
    Optional<BundleDigest> digest();

    /**
     * Every check passed.
     *
     * @param bundleDigest the content digest
     * @param vendor       the registry name of the vendor that signed
     * @param grantedMask  the capabilities granted: exactly the requested ones (proved ⊆ allowed)
     * @param granted      the same as a list, in bit order
     * @param attestation  the verified attestation
     */
    record Accepted(BundleDigest bundleDigest, String vendor, long grantedMask, List<Capability> granted,
            Attestation attestation) implements Verdict {
        public Accepted {
            granted = List.copyOf(granted);
        }

        @Override
        public boolean accepted() {
            return true;
        }

        @Override
        public Optional<BundleDigest> digest() {
            return Optional.of(bundleDigest);
        }

        @Override
        public String toString() {
            return "ACCEPT " + bundleDigest + " vendor=" + vendor + " granted=" + CapabilityTable.hex(grantedMask);
        }
    }

    /**
     * A check failed; nothing is granted.
     *
     * @param reason       which check failed
     * @param message      a sentence for the operator
     * @param bundleDigest the content digest, when it could be computed
     */
    record Rejected(RejectReason reason, String message, Optional<BundleDigest> bundleDigest) implements Verdict {
        @Override
        public boolean accepted() {
            return false;
        }

        @Override
        public Optional<BundleDigest> digest() {
            return bundleDigest;
        }

        @Override
        public String toString() {
            return "REJECT " + reason + ": " + message + bundleDigest.map(d -> " (" + d + ")").orElse("");
        }
    }
}
