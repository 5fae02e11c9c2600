// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.util.Collection;
import java.util.Iterator;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The resolver hook (OSGi Core R8 §60.2): every resolve operation, whatever started it (a bundle
 * start, {@code FrameworkWiring.resolveBundles}, a refresh, a dynamic import), asks
 * {@link ResolverHook#filterResolvable} which revisions may resolve; the gate removes every one it
 * did not accept. A revision that cannot resolve provides no capabilities to others, can load no
 * class and cannot start.
 */
public final class GateHook implements ResolverHookFactory {

    private final GateCore core;

    public GateHook(GateCore core) {
        this.core = core;
    }

    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        return new ResolverHook() {
            @Override
            public void filterResolvable(Collection<BundleRevision> candidates) {
                for (Iterator<BundleRevision> it = candidates.iterator(); it.hasNext();) {
                    BundleRevision r = it.next();
                    if (r.getBundle().getBundleId() == 0) {
                        continue; // the framework itself
                    }
                    if (!core.decide(r).accepted()) {
                        it.remove();
                    }
                }
            }

            @Override
            public void filterSingletonCollisions(BundleCapability singleton, Collection<BundleCapability> collisions) {
            }

            @Override
            public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
            }

            @Override
            public void end() {
            }
        };
    }
}
