// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import java.util.List;
import org.nonos.attestation.internal.CapabilityHeader;

/**
 * The capabilities a bundle requests, from its manifest header {@value #HEADER}. Grammar
 * (docs/attestation.md "Capability header"):
 * <pre>
 *   header     = [ capability *( "," capability ) ]
 *   capability = kind ":" name ";rights=" right *( "," right )
 * </pre>
 * e.g. {@code device:serial;rights=read,write, service:org.nonos.crypto.CryptoService;rights=call}.
 * A token after a comma that contains ':' starts the next capability; any other token is one
 * more right of the current one. Every (kind, name, right) must be in {@link CapabilityTable}.
 *
 * @param capabilities the requested capabilities in bit order, without repeats
 * @param mask         their bits
 */
public record CapabilityRequest(List<Capability> capabilities, long mask) {
    public static final String HEADER = "NonOS-Capabilities";
    /** The longest header accepted, in characters. */
    public static final int MAX_HEADER_CHARS = 8192;

    public CapabilityRequest {
        capabilities = List.copyOf(capabilities);
    }

    /** Parses a header value; null or blank requests nothing. */
    public static CapabilityRequest parse(String header) throws MalformedException {
        return CapabilityHeader.parse(header);
    }

    /** The request for a mask, every bit of which must be defined. */
    public static CapabilityRequest ofMask(long mask) throws MalformedException {
        return new CapabilityRequest(CapabilityTable.capabilities(mask), mask);
    }

    /**
     * The canonical header text: capabilities grouped by target in table order, rights in table
     * order, separated by ", ". Equal requests have equal canonical text.
     */
    public String canonical() {
        return CapabilityHeader.canonical(capabilities);
    }
}
