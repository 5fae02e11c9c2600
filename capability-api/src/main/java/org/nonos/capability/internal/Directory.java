// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.util.OptionalLong;
import org.nonos.capability.Domain;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * What a domain needs to know of the framework around it: the domains of other bundles, and
 * the endpoints guarding services. {@link CapabilityRuntime} answers in a framework;
 * {@link #NONE} answers outside one (tools, tests of the kernel face alone).
 */
interface Directory {

    /** The domain of {@code bundle}, created when it has none yet. */
    Domain.Id idOf(Bundle bundle);

    /** The endpoint object guarding {@code service}, if it is a guarded service. */
    OptionalLong guardOf(ServiceReference<?> service);

    Directory NONE = new Directory() {
        @Override
        public Domain.Id idOf(Bundle bundle) {
            throw new IllegalStateException("no OSGi framework around this domain");
        }

        @Override
        public OptionalLong guardOf(ServiceReference<?> service) {
            return OptionalLong.empty();
        }
    };
}
