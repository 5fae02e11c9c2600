// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nonos.test.support.Seeded;

class RightsTest {

    @Test
    void maskRoundTripsAndUnknownBitsAreRefused() {
        Seeded.check("Rights.ofMask(m).mask() == m for every defined mask", 200, (r, i) -> {
            int m = r.nextInt(Rights.ALL.mask() + 1);
            assertEquals(m, Rights.ofMask(m).mask());
            assertEquals(Rights.ofMask(m), Rights.of(Rights.ofMask(m).toList().toArray(new Rights.Right[0])));
        });
        CapabilityException e = assertThrows(CapabilityException.class, () -> Rights.ofMask(1 << 9));
        assertEquals(KernelError.INVAL, e.error());
        assertThrows(CapabilityException.class, () -> Rights.ofMask(-1));
        assertEquals(KernelError.INVAL, assertThrows(CapabilityException.class, () -> Rights.of((Rights.Right) null)).error());
    }

    @Test
    void setAlgebra() {
        Rights rw = Rights.of(Rights.Right.READ, Rights.Right.WRITE);
        Rights r = Rights.of(Rights.Right.READ);
        assertTrue(r.isSubsetOf(rw));
        assertFalse(rw.isSubsetOf(r));
        assertEquals(r, rw.intersect(Rights.of(Rights.Right.READ, Rights.Right.CALL)));
        assertEquals(rw, r.union(Rights.of(Rights.Right.WRITE)));
        assertEquals(r, rw.without(Rights.Right.WRITE));
        assertTrue(Rights.NONE.isEmpty());
        assertTrue(Rights.ALL.contains(Rights.Right.MAP));
        assertFalse(r.contains(null));
    }

    @Test
    void badgeZeroIsUnset() {
        assertFalse(Badge.of(0).isSet());
        assertEquals(Badge.NONE, Badge.of(0));
        assertTrue(Badge.of(-1).isSet());
    }
}
