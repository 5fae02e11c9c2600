// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Function;
import org.nonos.capability.Badge;

/**
 * Object index → serving Java object, for endpoint dispatch without copying.
 *
 * <p>{@code nk_call} answers with the endpoint's object id: {@code (generation << 32) | index},
 * never reused (kernel.h, "Object ids"). The low 32 bits index this table; the entry keeps
 * the whole id, so a server registered for an endpoint that was since freed (and whose table
 * index the kernel reused) is never reached through the new endpoint.
 *
 * <p>Two levels of {@value #CHUNK}-entry chunks, created on first use, so an idle system does
 * not carry a table for {@link Kernel#MAX_OBJECTS} objects. Readers take no lock: entries and
 * chunks are published with release stores and read with acquire loads (plain loads on x86).
 * Writers (serve, stop serving) are rare and synchronise on the table.
 */
final class ServerTable {

    static final int CHUNK_BITS = 10;
    static final int CHUNK = 1 << CHUNK_BITS;

    /** One serving registration: the serving object, or a {@link PerBadge}. */
    record Entry(long objectId, Object server) {
    }

    /** An endpoint served per badge: the object for a badge is {@code perBadge.apply(badge)}. */
    record PerBadge(Function<? super Badge, ?> perBadge) {
    }

    private static final VarHandle CHUNKS = MethodHandles.arrayElementVarHandle(Entry[][].class);
    private static final VarHandle ENTRIES = MethodHandles.arrayElementVarHandle(Entry[].class);

    private final Entry[][] chunks = new Entry[(Kernel.MAX_OBJECTS + CHUNK - 1) / CHUNK][];

    /** The object serving {@code objectId}, or null when none does. */
    Object server(long objectId) {
        long index = objectId & 0xffff_ffffL;
        if (index >= Kernel.MAX_OBJECTS) {
            return null;
        }
        Entry[] chunk = (Entry[]) CHUNKS.getAcquire(chunks, (int) (index >>> CHUNK_BITS));
        if (chunk == null) {
            return null;
        }
        Entry e = (Entry) ENTRIES.getAcquire(chunk, (int) (index & (CHUNK - 1)));
        return e != null && e.objectId == objectId ? e.server : null;
    }

    /** Registers {@code server} for {@code objectId}, replacing whatever served it before. */
    synchronized Entry register(long objectId, Object server) {
        long index = objectId & 0xffff_ffffL;
        if (index >= Kernel.MAX_OBJECTS) {
            throw new IllegalArgumentException("object index out of the kernel's range: " + index);
        }
        int c = (int) (index >>> CHUNK_BITS);
        Entry[] chunk = chunks[c];
        if (chunk == null) {
            chunk = new Entry[CHUNK];
            CHUNKS.setRelease(chunks, c, chunk);
        }
        Entry e = new Entry(objectId, server);
        ENTRIES.setRelease(chunk, (int) (index & (CHUNK - 1)), e);
        return e;
    }

    /** Removes {@code entry} if it still is the registration for its object. */
    synchronized void unregister(Entry entry) {
        long index = entry.objectId & 0xffff_ffffL;
        Entry[] chunk = chunks[(int) (index >>> CHUNK_BITS)];
        int i = (int) (index & (CHUNK - 1));
        if (chunk != null && chunk[i] == entry) {
            ENTRIES.setRelease(chunk, i, (Entry) null);
        }
    }
}
