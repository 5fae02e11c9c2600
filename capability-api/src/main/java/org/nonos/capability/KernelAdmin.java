// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The administrator's view of the kernel: every domain and its capabilities, derive and revoke
 * inside any domain, and the kernel's hash-chained audit log.
 *
 * <p>A capability-guarded service ({@link Domain#GUARDED}): a bundle sees it only while its
 * domain holds a capability with {@link Rights.Right#CALL} on the administrator endpoint, and
 * every method below first makes an authorised kernel call through that capability, so a
 * revoked grant fails the next call at once ({@link KernelError#REVOKED} or
 * {@link KernelError#BAD_HANDLE}; {@link KernelError#RIGHTS} when the domain holds none). The
 * capability bundle grants it at install to the bundles named in the framework property
 * {@link #ADMIN_BUNDLES}.
 *
 * <p>Derive and revoke act in the named domain's own capability space under the kernel's
 * rules (rights only shrink; revoke needs {@link Rights.Right#REVOKE}); the kernel records them
 * under that domain, and this service first appends an event naming the administrator's domain.
 */
@ProviderType
public interface KernelAdmin {

    /** Framework property: comma-separated bundle symbolic names granted the administrator capability. */
    String ADMIN_BUNDLES = "org.nonos.capability.admin.bundles";

    /** A domain as the kernel describes it ({@code nk_domain_info}). */
    record DomainInfo(Domain.Id id, String name, Domain.Id parent, boolean alive, int capabilities, long memoryBytes) {
    }

    /** One live capability of one domain. */
    record CapabilityEntry(Domain.Id domain, long handle, Capability.Info info) {
    }

    /**
     * One record of the kernel's audit log (format in docs/kernel.md):
     * {@code <seq> <time_ms> <domain> <op> <object> <result> :<text> <hash>}; {@code text} is
     * unescaped (UTF-8), {@code hash} the record's chain hash in hex.
     */
    record AuditRecord(long seq, long timeMs, Domain.Id domain, String op, long object, String result, String text,
            String hash) {
    }

    /** Every domain ever created, live and destroyed, by id. */
    List<DomainInfo> domains();

    /** The live, unexpired capabilities of domain {@code d} ({@link KernelError#NO_DOMAIN} if none such). */
    List<CapabilityEntry> capabilities(Domain.Id d);

    /** Derives a child of {@code handle} in {@code d} (the rules of {@link Capability#derive}). */
    CapabilityEntry derive(Domain.Id d, long handle, Rights rights, Rights deriveMask, Badge badge, long expiryMs);

    /** Deletes every descendant of {@code handle} of {@code d}, in every domain (needs REVOKE on it). */
    void revoke(Domain.Id d, long handle);

    /** Number of records in the kernel's audit log. */
    long auditCount();

    /** The last {@code n} records (1..10000), oldest first. */
    List<AuditRecord> auditTail(int n);

    /** The records with sequence number at least {@code seq}, oldest first. */
    List<AuditRecord> auditFrom(long seq);

    /**
     * The records whose op, result or text contains {@code text} (case-insensitive), oldest
     * first, at most the last {@code limit} (1..10000) of them.
     */
    List<AuditRecord> auditSearch(String text, int limit);

    /**
     * Checks the whole chain against the kernel's head: the number of records checked, or
     * {@link CapabilityException} with {@link KernelError#AUDIT} when it is broken.
     */
    long auditVerify();
}
