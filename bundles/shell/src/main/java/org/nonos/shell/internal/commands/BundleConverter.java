// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.commands;

import org.apache.felix.service.command.Converter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Turns a bundle id or symbolic name typed on the line into a {@link Bundle}, so that the
 * framework commands that take bundles ({@code stop 14}, {@code update org.nonos.deploy},
 * {@code uninstall 30}) work. Gogo's own converter lives in its JLine console bundle, which the
 * system installs but does not start (it would take over the process's standard streams).
 */
public final class BundleConverter implements Converter {
    private final BundleContext context;

    public BundleConverter(BundleContext context) {
        this.context = context;
    }

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        if (desiredType != Bundle.class || in == null) {
            return null; // not ours: Gogo asks the next converter
        }
        String text = in.toString().strip();
        if (text.matches("\\d{1,18}")) {
            return context.getBundle(Long.parseLong(text)); // null (no such id): Gogo reports it
        }
        Bundle newest = null;
        for (Bundle b : context.getBundles()) {
            if (text.equals(b.getSymbolicName()) && (newest == null || b.getVersion().compareTo(newest.getVersion()) > 0)) {
                newest = b;
            }
        }
        return newest;
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        if (!(target instanceof Bundle b)) {
            return null;
        }
        return level == Converter.INSPECT
                ? b.getBundleId() + " " + b.getSymbolicName() + " " + b.getVersion() + " " + state(b.getState())
                : Long.toString(b.getBundleId());
    }

    private static String state(int s) {
        return switch (s) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
