// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * Starts the kernel face. An activator rather than a Declarative Services component: this
 * bundle must be active before any other asks for its Domain, and SCR is itself a bundle
 * whose services the hooks govern.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class Activator implements BundleActivator {

    private CapabilityRuntime runtime;

    @Override
    public void start(BundleContext context) throws Exception {
        runtime = new CapabilityRuntime(context);
        runtime.start();
    }

    @Override
    public void stop(BundleContext context) {
        runtime.stop();
        runtime = null;
    }
}
