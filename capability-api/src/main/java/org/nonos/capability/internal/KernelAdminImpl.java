// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.nonos.capability.Badge;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Domain;
import org.nonos.capability.KernelAdmin;
import org.nonos.capability.KernelError;
import org.nonos.capability.Rights;

/**
 * {@link KernelAdmin} for one calling domain. Every method first authorises: it makes an
 * {@code nk_call} through a capability of the caller's on the administrator endpoint (object id
 * from {@code adminObject}; -1 while there is none), so the kernel checks CALL, revocation and
 * expiry on each use and a revoked grant fails at once. Reading the domain table and the audit
 * log is then plain kernel reads ({@code nk_domain_list/info}, {@code nk_cap_list/info},
 * {@code nk_audit_read/verify/count}); derive and revoke run in the named domain's space, and the
 * kernel checks them as for that domain's own operations.
 */
final class KernelAdminImpl implements KernelAdmin {

    static final int MAX_RECORDS = 10_000;
    private static final Rights CALL = Rights.of(Rights.Right.CALL);

    private final DomainImpl caller;
    private final Kernel kernel;
    private final LongSupplier adminObject;
    /**
     * The handle that last authorised a call, with its object: handles are never reused, so while
     * nk_call accepts it, it is still this domain's capability on that object. Saves listing the
     * domain (an audited cap.list) on every call.
     */
    private volatile long[] last = {0, -1};

    KernelAdminImpl(DomainImpl caller, LongSupplier adminObject) {
        this.caller = caller;
        this.kernel = caller.kernel();
        this.adminObject = adminObject;
    }

    /** An authorised call through the caller's capability on the administrator endpoint, or the typed refusal. */
    private void authorise(String op) {
        long object = adminObject.getAsLong();
        if (object < 0) {
            throw caller.reject(op, KernelError.BAD_HANDLE, "the administrator endpoint is gone");
        }
        long[] l = last;
        if (l[1] == object && l[0] != 0 && kernel.lib().nk_call(caller.idValue(), l[0]) >= 0) {
            return;
        }
        long failure = 0;
        for (Capability c : caller.capabilities()) {
            CapabilityImpl ci = (CapabilityImpl) c;
            if (ci.objectId() == object && CALL.isSubsetOf(ci.rights())) {
                long r = kernel.lib().nk_call(caller.idValue(), ci.handle());
                if (r >= 0) {
                    last = new long[] {ci.handle(), object};
                    return;
                }
                failure = r; // revoked or expired since listed; the kernel audited it
            }
        }
        if (failure < 0) {
            throw kernel.failure(failure, op);
        }
        throw caller.reject(op, KernelError.RIGHTS, "this domain holds no capability on the administrator service");
    }

    @Override
    public List<DomainInfo> domains() {
        authorise("admin.domains");
        int[] count = new int[1];
        int[] ids = new int[64];
        while (true) {
            kernel.check(kernel.lib().nk_domain_list(ids, ids.length, count), "domain.list");
            if (count[0] <= ids.length) {
                break;
            }
            ids = new int[count[0] + 64];
        }
        List<DomainInfo> out = new ArrayList<>();
        for (int id : Arrays.copyOf(ids, count[0])) {
            out.add(domainInfo(id));
        }
        return List.copyOf(out);
    }

    private DomainInfo domainInfo(int id) {
        byte[] name = new byte[64]; // NK_NAME_MAX + NUL
        int[] parent = new int[1];
        int[] alive = new int[1];
        int[] caps = new int[1];
        long[] mem = new long[1];
        kernel.check(kernel.lib().nk_domain_info(id, name, name.length, parent, alive, caps, mem), "domain.info");
        int n = 0;
        while (n < name.length && name[n] != 0) {
            n++;
        }
        return new DomainInfo(new Domain.Id(id), new String(name, 0, n, StandardCharsets.US_ASCII), new Domain.Id(parent[0]),
                alive[0] != 0, caps[0], mem[0]);
    }

    @Override
    public List<CapabilityEntry> capabilities(Domain.Id d) {
        authorise("admin.caps");
        requireDomain("admin.caps", d);
        List<CapabilityEntry> out = new ArrayList<>();
        for (long h : DomainImpl.handlesOf(kernel, d.value())) {
            try {
                out.add(new CapabilityEntry(d, h, DomainImpl.infoOf(kernel, d.value(), h)));
            } catch (CapabilityException goneOrExpired) {
                // deleted, revoked or expired between list and info: not live
            }
        }
        return List.copyOf(out);
    }

    @Override
    public CapabilityEntry derive(Domain.Id d, long handle, Rights rights, Rights deriveMask, Badge badge, long expiryMs) {
        authorise("admin.derive");
        requireDomain("admin.derive", d);
        if (rights == null || deriveMask == null || badge == null) {
            throw caller.reject("admin.derive", KernelError.INVAL, "rights, derive mask and badge must not be null");
        }
        caller.audit("admin derive domain=" + d.value() + " cap=0x" + Long.toHexString(handle) + " rights=" + rights.mask()
                + " mask=" + deriveMask.mask());
        long[] out = new long[1];
        kernel.check(kernel.lib().nk_cap_derive(d.value(), handle, rights.mask(), deriveMask.mask(), badge.value(),
                expiryMs, out), "cap.derive");
        return new CapabilityEntry(d, out[0], DomainImpl.infoOf(kernel, d.value(), out[0]));
    }

    @Override
    public void revoke(Domain.Id d, long handle) {
        authorise("admin.revoke");
        requireDomain("admin.revoke", d);
        caller.audit("admin revoke domain=" + d.value() + " cap=0x" + Long.toHexString(handle));
        kernel.check(kernel.lib().nk_cap_revoke(d.value(), handle), "cap.revoke");
    }

    private void requireDomain(String op, Domain.Id d) {
        if (d == null) {
            throw caller.reject(op, KernelError.INVAL, "domain must not be null");
        }
    }

    @Override
    public long auditCount() {
        authorise("admin.audit");
        return kernel.auditCount();
    }

    @Override
    public List<AuditRecord> auditTail(int n) {
        authorise("admin.audit");
        checkLimit(n);
        long count = kernel.auditCount();
        List<AuditRecord> rs = AuditRecords.parseAll(kernel.auditRead(Math.max(1, count - n + 1)));
        return List.copyOf(rs.subList(Math.max(0, rs.size() - n), rs.size()));
    }

    @Override
    public List<AuditRecord> auditFrom(long seq) {
        authorise("admin.audit");
        if (seq < 1) {
            throw caller.reject("admin.audit", KernelError.INVAL, "sequence numbers start at 1");
        }
        return AuditRecords.parseAll(kernel.auditRead(seq));
    }

    @Override
    public List<AuditRecord> auditSearch(String text, int limit) {
        authorise("admin.audit");
        checkLimit(limit);
        if (text == null || text.isEmpty()) {
            throw caller.reject("admin.audit", KernelError.INVAL, "search text must not be empty");
        }
        String needle = text.toLowerCase(Locale.ROOT);
        List<AuditRecord> hits = new ArrayList<>();
        for (AuditRecord r : AuditRecords.parseAll(kernel.auditRead(1))) {
            if (r.op().toLowerCase(Locale.ROOT).contains(needle) || r.result().toLowerCase(Locale.ROOT).contains(needle)
                    || r.text().toLowerCase(Locale.ROOT).contains(needle)) {
                hits.add(r);
            }
        }
        return List.copyOf(hits.subList(Math.max(0, hits.size() - limit), hits.size()));
    }

    private void checkLimit(int n) {
        if (n < 1 || n > MAX_RECORDS) {
            throw caller.reject("admin.audit", KernelError.INVAL, "count " + n + " is outside 1.." + MAX_RECORDS);
        }
    }

    @Override
    public long auditVerify() {
        authorise("admin.audit");
        return kernel.auditVerify();
    }
}
