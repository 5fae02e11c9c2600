// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nonos.capability.Device;
import org.nonos.capability.Rights;

/**
 * Hands the launcher's devices to the bundles configured in {@link Device#GRANTS}: the launcher
 * opened the host resources and registered them in the root domain ({@code nonos.device.<name>.cap});
 * a configured bundle's domain gets a child of that capability with {@code READ|WRITE} (and a
 * derive mask of the same, so it can pass on no more), transferred when the domain is created.
 * The root keeps the intermediate capability, so revoking the root's original takes the device away.
 */
final class DeviceGrants {
    private static final Rights IO = Rights.of(Rights.Right.READ, Rights.Right.WRITE);
    private static final Rights GRANT = Rights.of(Rights.Right.READ, Rights.Right.WRITE, Rights.Right.TRANSFER);

    /** bundle symbolic name → device names. */
    private final Map<String, List<String>> byBundle;

    private DeviceGrants(Map<String, List<String>> byBundle) {
        this.byBundle = byBundle;
    }

    /** Parses {@code name:bundle[,name:bundle...]}; null or blank = none. */
    static DeviceGrants parse(String property) {
        Map<String, List<String>> m = new HashMap<>();
        if (property != null) {
            for (String entry : property.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int colon = entry.indexOf(':');
                String device = colon < 0 ? "" : entry.substring(0, colon).strip();
                String bundle = colon < 0 ? "" : entry.substring(colon + 1).strip();
                if (device.isEmpty() || bundle.isEmpty()) {
                    throw new IllegalArgumentException(Device.GRANTS + ": '" + entry.strip()
                            + "' is not device:bundle");
                }
                m.computeIfAbsent(bundle, b -> new ArrayList<>()).add(device);
            }
        }
        m.replaceAll((b, l) -> List.copyOf(l));
        return new DeviceGrants(Map.copyOf(m));
    }

    boolean isEmpty() {
        return byBundle.isEmpty();
    }

    /**
     * Gives {@code domain} (of the bundle {@code symbolicName}) its configured devices.
     *
     * @param property the framework's properties ({@code nonos.device.<name>.cap})
     * @return the names of the devices granted
     */
    List<String> grant(String symbolicName, DomainImpl root, DomainImpl domain, Function<String, String> property) {
        List<String> devices = symbolicName == null ? null : byBundle.get(symbolicName);
        if (devices == null) {
            return List.of();
        }
        List<String> granted = new ArrayList<>();
        for (String name : devices) {
            String handle = property.apply("nonos.device." + name + ".cap");
            if (handle == null || handle.isBlank()) {
                continue; // not opened by the launcher in this boot (e.g. serial0.out without stdio pipes)
            }
            long h;
            try {
                h = Long.parseUnsignedLong(handle.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("nonos.device." + name + ".cap: not a capability handle: " + handle);
            }
            // The intermediate stays in the root domain: the domain's copy is its child.
            org.nonos.capability.Capability grant = root.capability(h).derive(GRANT, IO);
            grant.transfer(domain.id());
            granted.add(name);
        }
        return granted;
    }
}
