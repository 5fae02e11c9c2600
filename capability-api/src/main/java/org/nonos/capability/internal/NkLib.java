// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.int64_t;
import jnr.ffi.types.u_int32_t;
import jnr.ffi.types.u_int64_t;

/**
 * The jnr-ffi binding of {@code kernel-native/include/nonos/kernel.h}, one method per kernel
 * function, names as in the header. Only plain scalars and arrays-as-pointers cross: out
 * parameters are one-element (or caller-sized) primitive arrays. Status codes are raw ints
 * here and nowhere else; {@link Kernel} maps them to {@link org.nonos.capability.KernelError}.
 *
 * <p>The library is loaded with errno saving off ({@code LibraryOption.IgnoreError}): the
 * kernel reports through its return values, and not saving errno keeps {@code nk_call}
 * lean.
 */
public interface NkLib {

    int nk_init(String auditPath);

    int nk_shutdown();

    @u_int64_t long nk_now_ms();

    @u_int32_t int nk_abi_version();

    String nk_strerror(int status);

    int nk_domain_create(@u_int32_t int parent, String name, @Out int[] out);

    int nk_domain_destroy(@u_int32_t int caller, @u_int32_t int d);

    int nk_domain_info(@u_int32_t int d, @Out byte[] name, @u_int32_t int nameCap, @Out int[] parent,
            @Out int[] alive, @Out int[] caps, @Out long[] mem);

    int nk_domain_list(@Out int[] out, @u_int32_t int max, @Out int[] count);

    int nk_endpoint_create(@u_int32_t int caller, @Out long[] out);

    int nk_notification_create(@u_int32_t int caller, @Out long[] out);

    int nk_cap_derive(@u_int32_t int d, @u_int64_t long src, @u_int32_t int rights, @u_int32_t int deriveMask,
            @u_int64_t long badge, @int64_t long expiryMs, @Out long[] out);

    int nk_cap_transfer(@u_int32_t int from, @u_int64_t long cap, @u_int32_t int to, @Out long[] outInTarget);

    int nk_cap_revoke(@u_int32_t int d, @u_int64_t long cap);

    int nk_cap_delete(@u_int32_t int d, @u_int64_t long cap);

    int nk_cap_info(@u_int32_t int d, @u_int64_t long cap, @Out int[] type, @Out int[] rights,
            @Out int[] deriveMask, @Out long[] badge, @Out long[] expiry, @Out long[] objectId);

    int nk_cap_list(@u_int32_t int d, @Out long[] out, @u_int32_t int max, @Out int[] count);

    /** The hot path: primitive arguments only, nothing allocated. */
    @int64_t long nk_call(@u_int32_t int d, @u_int64_t long ep);

    int nk_signal(@u_int32_t int d, @u_int64_t long ntfn);

    int nk_wait(@u_int32_t int d, @u_int64_t long ntfn, @int64_t long timeoutMs, @Out long[] bits);

    int nk_poll(@u_int32_t int d, @u_int64_t long ntfn, @Out long[] bits);

    int nk_device_register(@u_int32_t int caller, int hostFd, String name, @u_int32_t int kind, @Out long[] out);

    @int64_t long nk_dev_read(@u_int32_t int d, @u_int64_t long cap, @Out byte[] buf, @u_int64_t long len,
            @int64_t long offset);

    @int64_t long nk_dev_write(@u_int32_t int d, @u_int64_t long cap, @In byte[] buf, @u_int64_t long len,
            @int64_t long offset);

    int nk_dev_wait(@u_int32_t int d, @u_int64_t long cap, @u_int32_t int events, @int64_t long timeoutMs,
            @Out int[] revents);

    @int64_t long nk_dev_read_nb(@u_int32_t int d, @u_int64_t long cap, @Out byte[] buf, @u_int64_t long len);

    @int64_t long nk_dev_write_nb(@u_int32_t int d, @u_int64_t long cap, @In byte[] buf, @u_int64_t long len);

    int nk_dev_line_set(@u_int32_t int d, @u_int64_t long cap, @u_int32_t int baud, @u_int32_t int dataBits,
            @u_int32_t int parity, @u_int32_t int stopBits, @u_int32_t int modem);

    int nk_dev_line_restore(@u_int32_t int d, @u_int64_t long cap);

    int nk_dev_info(@u_int32_t int d, @u_int64_t long cap, @Out int[] kind, @Out byte[] name, @u_int32_t int nameCap);

    int nk_audit_append(@u_int32_t int d, String event);

    int nk_audit_verify(@Out long[] recordsChecked);

    int nk_audit_read(@u_int64_t long fromSeq, @Out byte[] buf, @u_int64_t long cap, @Out long[] used);

    @u_int64_t long nk_audit_count();

    int nk_audit_flush();

}
