// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import org.nonos.driver.serial.LineAddress;
import org.nonos.driver.serial.LineSettings;
import org.nonos.driver.serial.Parity;
import org.nonos.driver.serial.SerialLine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.nonos.capability.Domain;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Registers the console {@link SerialLine}. Under the launcher (framework property
 * {@code nonos.serial.cap} present) the line is driven through the kernel's device capabilities
 * ({@link KernelLineDevice}): the launcher opened the host line, and this bundle never opens a host
 * device. Otherwise (tests that run a framework outside the launcher) the line is a host one named by
 * the framework properties, first match ({@link HostLineDevice}, libc through jnr-ffi):
 * <ol>
 * <li>{@code nonos.serial.fd}: {@code N} or {@code IN,OUT}, host descriptors held in this process
 * (for a pty: the master side);</li>
 * <li>{@code nonos.serial.mode=pty}: refused, since {@code nonos.serial.path} then names the slave side,
 * which belongs to the user's terminal;</li>
 * <li>{@code nonos.serial.path}: {@code stdio}, {@code fd:N[,M]} or a device path; default {@code stdio}.</li>
 * </ol>
 * Line settings: {@code nonos.serial.settings} (e.g. {@code 115200 8N1}, the default; a trailing
 * {@code modem} turns on modem control), or else {@code nonos.serial.baud} with 8N1. A bad value is
 * refused at activation with a one-line reason and no service appears.
 */
@Component(immediate = true)
public final class SerialLineComponent {
    static final String PATH_PROPERTY = "nonos.serial.path";
    static final String SETTINGS_PROPERTY = "nonos.serial.settings";
    static final String FD_PROPERTY = "nonos.serial.fd";
    static final String MODE_PROPERTY = "nonos.serial.mode";
    static final String BAUD_PROPERTY = "nonos.serial.baud";
    /** Set by the launcher: the line is a kernel device object (its root-domain capability). */
    static final String CAP_PROPERTY = "nonos.serial.cap";
    /** Set by the launcher: what a terminal opens, for messages. */
    static final String DEVICE_PROPERTY = "nonos.serial.device";

    private SerialLine line;
    private ServiceRegistration<SerialLine> registration;
    private BundleContext context;
    private volatile ServiceReference<Domain> domainRef;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        LineSettings settings = settings(context::getProperty);
        String name;
        String cap = context.getProperty(CAP_PROPERTY);
        if (cap != null && !cap.isBlank()) {
            name = orDefault(context.getProperty(DEVICE_PROPERTY), KernelLineDevice.IN_DEVICE);
            // Binding the kernel costs a few hundred milliseconds in a cold JVM (when nothing bound it
            // yet): ask for this bundle's domain now, in parallel with the rest of the boot, so that
            // the first connect (the login prompt) does not wait for it.
            CompletableFuture<Domain> domain = CompletableFuture.supplyAsync(this::domain, daemon("nonos-serial-domain"));
            boolean stdio = "stdio".equals(context.getProperty(MODE_PROPERTY));
            line = new DeviceSerialLine(new KernelLineDevice(domain::join, name, stdio), settings);
        } else {
            LineAddress address = address(context::getProperty);
            name = address.toString();
            Thread bind = new Thread(LibC::get, "nonos-serial-bind");
            bind.setDaemon(true);
            bind.start();
            line = DeviceSerialLine.host(address, settings);
        }
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put("nonos.serial.name", name);
        props.put("nonos.serial.role", "console");
        registration = context.registerService(SerialLine.class, line, props);
    }

    private static Executor daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        };
    }

    /** This bundle's own domain (the capability API's service factory hands each bundle its own). */
    private Domain domain() {
        ServiceReference<Domain> ref = context.getServiceReference(Domain.class);
        Domain d = ref == null ? null : context.getService(ref);
        if (d == null) {
            throw new IllegalStateException("the capability API (org.nonos.capability) offers no Domain service");
        }
        domainRef = ref;
        return d;
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        if (line != null) {
            line.close();
        }
        ServiceReference<Domain> ref = domainRef;
        if (ref != null) {
            try {
                context.ungetService(ref);
            } catch (IllegalStateException stopping) {
                // the bundle context is no longer valid: the framework releases it
            }
        }
    }

    static LineAddress address(java.util.function.Function<String, String> props) {
        String fd = props.apply(FD_PROPERTY);
        if (fd != null && !fd.isBlank()) {
            String v = fd.strip();
            return LineAddress.parse(v.startsWith("fd:") ? v : "fd:" + v);
        }
        if ("pty".equals(props.apply(MODE_PROPERTY))) {
            throw new IllegalArgumentException("serial line is a pty but " + FD_PROPERTY
                + " (its master side) is not given");
        }
        return LineAddress.parse(orDefault(props.apply(PATH_PROPERTY), "stdio"));
    }

    static LineSettings settings(java.util.function.Function<String, String> props) {
        String s = props.apply(SETTINGS_PROPERTY);
        if (s != null && !s.isBlank()) {
            return parseSettings(s);
        }
        return parseSettings(orDefault(props.apply(BAUD_PROPERTY), "115200") + " 8N1");
    }

    private static String orDefault(String v, String d) {
        return v == null || v.isBlank() ? d : v;
    }

    /** {@code <baud> <data><N|E|O><stop> [modem]}, e.g. {@code 9600 7E1}. */
    static LineSettings parseSettings(String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].equals("modem"))
            || parts[1].length() != 3) {
            throw new IllegalArgumentException("serial settings '" + text + "': expected e.g. '115200 8N1'");
        }
        int baud;
        try {
            baud = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("serial settings '" + text + "': bad baud rate");
        }
        String f = parts[1];
        Parity parity = switch (f.charAt(1)) {
            case 'N', 'n' -> Parity.NONE;
            case 'E', 'e' -> Parity.EVEN;
            case 'O', 'o' -> Parity.ODD;
            default -> throw new IllegalArgumentException("serial settings '" + text + "': parity is N, E or O");
        };
        return new LineSettings(baud, f.charAt(0) - '0', parity, f.charAt(2) - '0', parts.length == 3);
    }
}
