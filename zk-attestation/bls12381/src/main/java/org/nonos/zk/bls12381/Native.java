// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/** Native-memory helpers for blst's array arguments. */
final class Native {
    private Native() {}

    /**
     * blst's "array of pointers" argument for one contiguous array: {base, NULL}
     * (src/multi_scalar.c: a NULL second pointer means the elements follow each other).
     */
    static Pointer contiguous(Runtime rt, Pointer base) {
        Pointer ptrs = Memory.allocateDirect(rt, 2L * rt.addressSize(), true);
        ptrs.putPointer(0, base);
        ptrs.putAddress(rt.addressSize(), 0L);
        return ptrs;
    }
}
