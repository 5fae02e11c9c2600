// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

class LazyServiceTest {
    /** Counts what is got; the service it hands out can be withdrawn (null, as when unregistered). */
    static final class Objects implements ComponentServiceObjects<String> {
        int gets;
        String service;

        Objects(String service) {
            this.service = service;
        }

        @Override
        public String getService() {
            gets++;
            return service;
        }

        @Override
        public void ungetService(String s) {
            throw new AssertionError("the service component runtime ungets, not the shell");
        }

        @Override
        public ServiceReference<String> getServiceReference() {
            return null;
        }
    }

    @Test
    void nothingIsGotUntilAskedAndThenOncePerBinding() {
        LazyService<String> lazy = new LazyService<>();
        Objects first = new Objects("crypto-1");
        assertEquals(0, first.gets, "binding alone gets nothing");
        assertSame("crypto-1", lazy.from(first));
        assertSame("crypto-1", lazy.from(first));
        assertEquals(1, first.gets);

        Objects second = new Objects("crypto-2");
        assertSame("crypto-2", lazy.from(second), "a new binding: its own service");
        assertEquals(1, second.gets);
        assertNull(lazy.from(null), "unbound");
        assertSame("crypto-2", lazy.from(second));
        assertEquals(2, second.gets);
    }

    @Test
    void aServiceThatWasGoneIsAskedForAgain() {
        LazyService<String> lazy = new LazyService<>();
        Objects objects = new Objects(null);
        assertNull(lazy.from(objects));
        objects.service = "crypto";
        assertSame("crypto", lazy.from(objects));
        assertEquals(2, objects.gets);
    }
}
