// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests.driver;

import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Device;
import org.nonos.capability.Domain;
import org.nonos.capability.ObjectType;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The end-to-end tests' disk driver bundle (built and attested by {@code DeviceGrantTest}): it holds
 * nothing but what the gate granted its domain, and serves {@code disk:probe}, which says for each
 * device capability of its domain its rights, the first bytes it reads, and what the kernel says to
 * a write.
 */
public final class DiskProbe implements BundleActivator {
    private Domain domain;

    @Override
    public void start(BundleContext context) {
        domain = context.getService(context.getServiceReference(Domain.class));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.command.scope", "disk");
        props.put("osgi.command.function", new String[] {"probe"});
        context.registerService(Object.class, this, props);
    }

    /** The command: one line per device capability of this bundle's domain. */
    public String probe() {
        StringBuilder out = new StringBuilder();
        for (Capability c : domain.capabilities()) {
            if (c.type() != ObjectType.DEVICE) {
                continue;
            }
            Device d = c.device();
            byte[] buf = new byte[21];
            String read;
            try {
                int n = d.pread(0, buf, 0, buf.length);
                read = new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII).strip();
            } catch (CapabilityException e) {
                read = "refused " + e.error();
            }
            String write;
            try {
                d.pwrite(0, "X".getBytes(StandardCharsets.US_ASCII), 0, 1);
                write = "done";
            } catch (CapabilityException e) {
                write = "refused " + e.error();
            }
            out.append("device ").append(d.name()).append(" rights=").append(c.rights().toList()).append(" read=")
                    .append(read).append(" write=").append(write).append('\n');
        }
        return out.length() == 0 ? "no device capability" : out.toString().strip();
    }

    @Override
    public void stop(BundleContext context) {
    }
}
