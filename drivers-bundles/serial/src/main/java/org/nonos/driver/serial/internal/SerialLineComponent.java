// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import org.nonos.driver.serial.LineAddress;
import org.nonos.driver.serial.LineSettings;
import org.nonos.driver.serial.Parity;
import org.nonos.driver.serial.SerialLine;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Registers the console {@link SerialLine} named by the launcher's framework properties:
 * {@code nonos.serial.path} ({@code stdio}, {@code fd:N} or a device path; default {@code stdio}) and
 * {@code nonos.serial.settings} (e.g. {@code 115200 8N1}, the default; a trailing {@code modem} turns on
 * modem control). A bad value is refused at activation with a one-line reason and no service appears.
 */
@Component(immediate = true)
public final class SerialLineComponent {
    static final String PATH_PROPERTY = "nonos.serial.path";
    static final String SETTINGS_PROPERTY = "nonos.serial.settings";

    private SerialLine line;
    private ServiceRegistration<SerialLine> registration;

    @Activate
    void activate(BundleContext context) {
        LineAddress address = LineAddress.parse(orDefault(context.getProperty(PATH_PROPERTY), "stdio"));
        LineSettings settings = parseSettings(orDefault(context.getProperty(SETTINGS_PROPERTY), "115200 8N1"));
        line = DeviceSerialLine.host(address, settings);
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put("nonos.serial.name", address.toString());
        props.put("nonos.serial.role", "console");
        registration = context.registerService(SerialLine.class, line, props);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        if (line != null) {
            line.close();
        }
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
