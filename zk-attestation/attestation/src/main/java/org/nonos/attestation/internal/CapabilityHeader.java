// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nonos.attestation.Capability;
import org.nonos.attestation.CapabilityRequest;
import org.nonos.attestation.CapabilityTable;
import org.nonos.attestation.MalformedException;

/** Parser and canonical printer of the {@code NonOS-Capabilities} header (grammar on {@link CapabilityRequest}). */
public final class CapabilityHeader {
    private static final Pattern CAPABILITY = Pattern.compile("([a-z]+):([A-Za-z0-9._-]+);rights=([a-z]+)");
    private static final Pattern RIGHT = Pattern.compile("[a-z]+");

    private CapabilityHeader() {}

    public static CapabilityRequest parse(String header) throws MalformedException {
        if (header == null || header.isBlank()) {
            return new CapabilityRequest(List.of(), 0);
        }
        if (header.length() > CapabilityRequest.MAX_HEADER_CHARS) {
            throw new MalformedException(CapabilityRequest.HEADER + " is longer than " + CapabilityRequest.MAX_HEADER_CHARS + " characters");
        }
        long mask = 0;
        String kind = null;
        String name = null;
        for (String raw : header.split(",", -1)) {
            String token = raw.strip();
            String right;
            if (token.indexOf(':') >= 0) {
                Matcher m = CAPABILITY.matcher(token);
                if (!m.matches()) {
                    throw new MalformedException("capability '" + token + "' is not kind:name;rights=right[,right...]");
                }
                kind = m.group(1);
                name = m.group(2);
                right = m.group(3);
            } else if (kind != null && RIGHT.matcher(token).matches()) {
                right = token;
            } else {
                throw new MalformedException("'" + token + "' in " + CapabilityRequest.HEADER + " is neither a capability nor a right");
            }
            Capability c = new Capability(kind, name, right);
            Optional<Integer> bit = CapabilityTable.bit(c);
            if (bit.isEmpty()) {
                throw new MalformedException("unknown capability " + c + " (capability table " + CapabilityTable.VERSION + ")");
            }
            if ((mask >>> bit.get() & 1) == 1) {
                throw new MalformedException("capability " + c + " is requested twice");
            }
            mask |= 1L << bit.get();
        }
        return new CapabilityRequest(CapabilityTable.capabilities(mask), mask);
    }

    /** Groups by target in table order; rights in table order; ", " between capabilities. */
    public static String canonical(List<Capability> capabilities) {
        List<Capability> sorted = new ArrayList<>(capabilities);
        sorted.sort((a, b) -> Integer.compare(CapabilityTable.bit(a).orElse(64), CapabilityTable.bit(b).orElse(64)));
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        for (Capability c : sorted) {
            byTarget.computeIfAbsent(c.target(), t -> new ArrayList<>()).add(c.right());
        }
        List<String> parts = new ArrayList<>();
        byTarget.forEach((t, rights) -> parts.add(t + ";rights=" + String.join(",", rights)));
        return String.join(", ", parts);
    }
}
