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
    /** The gate's service and its properties about the boot bundles (org.nonos.gate.internal.BootVerification). */
    private static final String GATE_SERVICE = "org.nonos.gate.Gate";
    static final String BOOT_STATUS = "nonos.gate.boot";
    private static final String BOOT_REASON = "nonos.gate.boot.reason";

    /** Written on the serial line when the boot waits for the gate to verify boot bundles. */
    static final String VERIFYING_MESSAGE =
            "nonos: verifying the attestations of the boot bundles (none cached for these jars and this trust anchor)";

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
        String refused = awaitBootBundles(felix, gate.strip());
        if (refused != null) {
            felix.stop();
            throw new BundleException("the activation gate refused the boot bundles: " + refused);
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

    /**
     * Waits until the gate has judged the boot bundles' attestations (docs/gate.md "Boot bundles"):
     * its Gate service carries {@value #BOOT_STATUS} = {@code verified} or {@code refused}. A warm
     * boot finds them in the gate's verdict cache, so the property is {@code verified} from the
     * start; a cold boot waits for the crypto service and the verification.
     *
     * @return the gate's reason when it refused, else null (verified, a gate that does not judge
     *     boot bundles, or the framework stopping)
     */
    private static String awaitBootBundles(Framework felix, String symbolicName) throws BundleException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(LEVEL_TIMEOUT_S);
        boolean told = false;
        while (felix.getState() == Bundle.ACTIVE) {
            ServiceReference<?> gate = serviceOf(felix, GATE_SERVICE, symbolicName);
            Object status = gate == null ? null : gate.getProperty(BOOT_STATUS);
            if (status == null || "verified".equals(status)) {
                return null;
            }
            if ("refused".equals(status)) {
                return String.valueOf(gate.getProperty(BOOT_REASON));
            }
            if (!told) {
                // A first boot, new boot jars or a new trust anchor: seconds of proofs on a small
                // machine, which the administrator should not take for a hang.
                Boot.console(VERIFYING_MESSAGE);
                told = true;
            }
            if (System.nanoTime() > end) {
                felix.stop();
                throw new BundleException("the activation gate did not verify the boot bundles in " + LEVEL_TIMEOUT_S + " s");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BundleException("interrupted while the gate verified the boot bundles", e);
            }
        }
        return null;
    }

    private static ServiceReference<?> serviceOf(Framework felix, String clazz, String symbolicName) {
        try {
            ServiceReference<?>[] refs = felix.getBundleContext().getAllServiceReferences(clazz, null);
            if (refs != null) {
                for (ServiceReference<?> r : refs) {
                    Bundle b = r.getBundle();
                    if (b != null && symbolicName.equals(b.getSymbolicName())) {
                        return r;
                    }
                }
            }
            return null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a null filter is valid", e);
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
