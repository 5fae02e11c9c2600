// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import org.osgi.service.component.ComponentServiceObjects;

/**
 * The service behind a dynamic {@link ComponentServiceObjects} reference, got on first use and
 * kept while the same binding lasts. Service Component Runtime releases what was got through a
 * binding when it unbinds it (OSGi Compendium 112.3.9), so nothing is ungot here.
 *
 * @param <S> the service type
 */
final class LazyService<S> {
    private ComponentServiceObjects<S> boundTo;
    private S service;

    /** The service of {@code objects} (the reference field's current value), or null when unbound or gone. */
    synchronized S from(ComponentServiceObjects<S> objects) {
        if (objects == null) {
            boundTo = null;
            service = null;
            return null;
        }
        if (objects != boundTo || service == null) {
            service = objects.getService();
            boundTo = objects;
        }
        return service;
    }
}
