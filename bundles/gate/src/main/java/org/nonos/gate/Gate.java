// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The activation gate as a service: what it decided about each bundle, and verification of a
 * jar that is not installed yet.
 *
 * <p>Decisions are cached by content digest: verifying a jar and then installing exactly those
 * bytes verifies once. A decision is never the reason a bundle resolves by itself: the resolver
 * hook asks again for every revision the framework wants to resolve.
 */
@ProviderType
public interface Gate {

    /**
     * Verifies the attestation of a bundle jar without installing it.
     *
     * @param jar the whole jar file as it will be installed
     * @return the decision; {@link Decision#accepted()} false with the reason when the jar is
     *     malformed, unattested or its attestation does not hold
     */
    Decision verify(byte[] jar);

    /** The decision about the current revision of bundle {@code bundleId}, if the gate made one. */
    Optional<Decision> decision(long bundleId);

    /** Every decision about the current revisions of installed bundles, by bundle id. */
    List<Decision> decisions();
}
