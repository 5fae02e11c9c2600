// SPDX-License-Identifier: Apache-2.0
package org.nonos.boot;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Fail closed when the activation gate is not there: with {@value #GATE} naming the gate bundle,
 * the framework starts at start level 1 only (the gate and what it needs, see
 * {@link SystemBundles#EARLY_START_LEVEL}); the boot goes on to the other bundles' level only
 * once that bundle is active and has registered its resolver hook. Otherwise the framework is
 * stopped and the boot fails: nothing ever resolves unguarded. See docs/gate.md.
 */
final class GateCheck {
    /** Property: symbolic name of the bundle that must register a ResolverHookFactory at level 1. */
    static final String GATE = "nonos.boot.gate";
    private static final String HOOK = "org.osgi.framework.hooks.resolver.ResolverHookFactory";
    private static final long LEVEL_TIMEOUT_S = 120;

    private GateCheck() {
    }

    static void raiseWhenGuarded(Framework felix, Map<String, String> props) throws BundleException {
        String gate = props.get(GATE);
        if (gate == null || gate.isBlank() || felix.getState() != Bundle.ACTIVE) {
            return; // not guarded, or already stopping
        }
        if (!hookRegisteredBy(felix, gate.strip())) {
            felix.stop();
            throw new BundleException("the activation gate " + gate.strip() + " did not start: refusing to boot unguarded");
        }
        FrameworkStartLevel fsl = felix.adapt(FrameworkStartLevel.class);
        CountDownLatch done = new CountDownLatch(1);
        fsl.setStartLevel(SystemBundles.BOOT_START_LEVEL, e -> {
            if (e.getType() == FrameworkEvent.STARTLEVEL_CHANGED || e.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(LEVEL_TIMEOUT_S);
            // A stop (SIGTERM during the boot) ends the wait: the level change never completes then.
            while (!done.await(50, TimeUnit.MILLISECONDS)) {
                if (felix.getState() != Bundle.ACTIVE) {
                    return;
                }
                if (System.nanoTime() > end) {
                    throw new BundleException("the boot bundles did not start in " + LEVEL_TIMEOUT_S + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted while the boot bundles started", e);
        }
    }

    private static boolean hookRegisteredBy(Framework felix, String symbolicName) {
        try {
            ServiceReference<?>[] refs = felix.getBundleContext().getAllServiceReferences(HOOK, null);
            if (refs != null) {
                for (ServiceReference<?> r : refs) {
                    Bundle b = r.getBundle();
                    if (b != null && symbolicName.equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE) {
                        return true;
                    }
                }
            }
            return false;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a null filter is valid", e);
        }
    }
}
