// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate;

import java.util.OptionalLong;
import org.nonos.capability.Capability;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Bundle;

/**
 * How capabilities reach the bundles whose attestation requested them. A provider (a driver
 * holding a device capability, a bundle that registered a capability-guarded service) offers its
 * capability to the gate under the attestation's name for it; when a bundle whose accepted
 * attestation requested that name activates, the gate derives a child with exactly the requested
 * rights (those the offered capability has) and transfers it to the bundle's domain. Nothing is
 * granted that was not both requested and allowed. The grant ends when the bundle stops, is
 * updated or uninstalled, or when the offer is withdrawn.
 */
@ProviderType
public interface CapabilityGrants {

    /**
     * Offers a capability to grant from.
     *
     * @param target the attestation's name for it, {@code kind:name} (e.g. {@code device:serial},
     *     {@code service:org.nonos.crypto.CryptoService})
     * @param source a capability of the offering bundle's domain with {@code DERIVE} and
     *     {@code TRANSFER}; the rights it has bound what can be granted from it
     * @return closing it withdraws the offer and revokes every grant made from it
     */
    AutoCloseable offer(String target, Capability source);

    /**
     * The handle, in {@code bundle}'s own domain, of the capability granted to it for {@code target}
     * (taken up with {@code Domain.capability(handle)}); empty when none was granted.
     */
    OptionalLong granted(Bundle bundle, String target);
}
