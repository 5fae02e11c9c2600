// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import java.util.Objects;

/**
 * One requested capability: a kind ({@code device}, {@code service}, {@code memory}), a name
 * within the kind and one right. {@link CapabilityTable} gives each known triple its bit.
 */
public record Capability(String kind, String name, String right) {
    public Capability {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(right, "right");
    }

    /** {@code kind:name} as written in the header. */
    public String target() {
        return kind + ":" + name;
    }

    @Override
    public String toString() {
        return target() + ";rights=" + right;
    }
}
