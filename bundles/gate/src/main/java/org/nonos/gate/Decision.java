// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate;

import java.util.List;
import java.util.Objects;

/**
 * What the gate decided about one bundle revision (or one jar not yet installed).
 *
 * @param bundleId the bundle, or -1 for a jar verified before install
 * @param symbolicName the bundle's symbolic name, or "" when unknown (malformed jar)
 * @param digest the content digest, {@code sha256:<hex>} over the bundle's entries (see docs/gate.md),
 *     or "" when the content could not be read
 * @param accepted whether the revision may resolve
 * @param trust the ground of acceptance; {@link Trust#NONE} when rejected
 * @param reason a stable upper-case code: {@code OK} when accepted, else why not (the verifier's
 *     reason, or the gate's own: {@code NO_ATTESTATION}, {@code MALFORMED_JAR}, {@code UNREADABLE},
 *     {@code NOT_CURRENT})
 * @param detail one line for a person
 * @param capabilities the capabilities the attestation requested and the registry allowed
 *     (for a boot bundle, those of its attestation by the distribution's key)
 * @param epochMillis when the decision was made (wall clock)
 */
public record Decision(long bundleId, String symbolicName, String digest, boolean accepted, Trust trust,
        String reason, String detail, List<String> capabilities, long epochMillis) {

    public Decision {
        Objects.requireNonNull(symbolicName, "symbolicName");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        capabilities = List.copyOf(capabilities);
        if (accepted == (trust == Trust.NONE)) {
            throw new IllegalArgumentException("accepted decisions have a trust, rejected ones none");
        }
    }

    /** The same decision about a given bundle. */
    public Decision forBundle(long id, String name) {
        return new Decision(id, name, digest, accepted, trust, reason, detail, capabilities, epochMillis);
    }
}
