// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import org.nonos.capability.Badge;
import org.nonos.capability.Capability;
import org.nonos.capability.Device;
import org.nonos.capability.Domain;
import org.nonos.capability.Endpoint;
import org.nonos.capability.KernelError;
import org.nonos.capability.Notification;
import org.nonos.capability.ObjectType;
import org.nonos.capability.Rights;

/**
 * A capability of one domain: its handle and the kernel's description at the time the view
 * was made (none of which can change for a live capability). Every operation goes to the
 * kernel, which checks it; arguments that cannot even be expressed to the kernel (null)
 * are refused here, and the refusal is audited in the kernel's log as well.
 */
final class CapabilityImpl implements Capability {

    private final DomainImpl domain;
    private final long handle;
    private final Info info;
    private volatile boolean closed;

    CapabilityImpl(DomainImpl domain, long handle, Info info) {
        this.domain = domain;
        this.handle = handle;
        this.info = info;
    }

    DomainImpl domainImpl() {
        return domain;
    }

    @Override
    public Domain.Id domain() {
        return domain.id();
    }

    @Override
    public long handle() {
        return handle;
    }

    @Override
    public ObjectType type() {
        return info.type();
    }

    @Override
    public Rights rights() {
        return info.rights();
    }

    @Override
    public Rights deriveMask() {
        return info.deriveMask();
    }

    @Override
    public Badge badge() {
        return info.badge();
    }

    @Override
    public long expiryMs() {
        return info.expiryMs();
    }

    /** The kernel object id this capability named when the view was made. */
    long objectId() {
        return info.objectId();
    }

    @Override
    public Info info() {
        return domain.info(handle);
    }

    @Override
    public Capability derive(Rights rights, Rights deriveMask) {
        return derive(rights, deriveMask, Badge.NONE, 0);
    }

    @Override
    public Capability derive(Rights rights, Rights deriveMask, Badge badge, long expiryMs) {
        if (rights == null || deriveMask == null || badge == null) {
            throw domain.reject("cap.derive", KernelError.INVAL, "rights, derive mask and badge must not be null");
        }
        long[] out = new long[1];
        Kernel k = domain.kernel();
        k.check(k.lib().nk_cap_derive(domain.idValue(), handle, rights.mask(), deriveMask.mask(),
                badge.value(), expiryMs, out), "cap.derive");
        // The kernel grants a derive exactly as asked or not at all (kernel.h, nk_cap_derive):
        // badge 0 and expiry 0 inherit the parent's. So the child's view needs no nk_cap_info
        // (an audited kernel operation of its own); DeriveTest checks it against the kernel.
        Info child = new Info(info.type(), rights, deriveMask, badge.isSet() ? badge : info.badge(),
                expiryMs != 0 ? expiryMs : info.expiryMs(), info.objectId());
        domain.learn(out[0], child);
        return new CapabilityImpl(domain, out[0], child);
    }

    @Override
    public long transfer(Domain.Id target) {
        if (target == null) {
            throw domain.reject("cap.transfer", KernelError.INVAL, "target domain must not be null");
        }
        long[] out = new long[1];
        Kernel k = domain.kernel();
        k.check(k.lib().nk_cap_transfer(domain.idValue(), handle, target.value(), out), "cap.transfer");
        return out[0];
    }

    @Override
    public void revoke() {
        Kernel k = domain.kernel();
        k.check(k.lib().nk_cap_revoke(domain.idValue(), handle), "cap.revoke");
    }

    @Override
    public void delete() {
        Kernel k = domain.kernel();
        k.check(k.lib().nk_cap_delete(domain.idValue(), handle), "cap.delete");
        closed = true;
        domain.forget(handle);
    }

    @Override
    public <S> Endpoint<S> endpoint(Class<S> serviceType) {
        if (serviceType == null) {
            throw domain.reject("call", KernelError.INVAL, "service type must not be null");
        }
        if (info.type() != ObjectType.ENDPOINT) {
            throw domain.reject("call", KernelError.WRONG_TYPE, "capability names a " + info.type() + ", not an endpoint");
        }
        return new EndpointImpl<>(this, domain.kernel(), domain.servers(), serviceType);
    }

    @Override
    public Notification notification() {
        if (info.type() != ObjectType.NOTIFICATION) {
            throw domain.reject("signal", KernelError.WRONG_TYPE,
                    "capability names a " + info.type() + ", not a notification");
        }
        return new NotificationImpl(this, domain.kernel());
    }

    @Override
    public Device device() {
        if (info.type() != ObjectType.DEVICE) {
            throw domain.reject("dev.read", KernelError.WRONG_TYPE, "capability names a " + info.type() + ", not a device");
        }
        return new DeviceImpl(this, domain);
    }

    /**
     * Deletes the capability once. A capability already gone (revoked from above, its
     * domain destroyed) is closed quietly: closing means "I no longer hold it", which holds.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Kernel k = domain.kernel();
        int status = k.lib().nk_cap_delete(domain.idValue(), handle);
        domain.forget(handle);
        if (status != 0) {
            KernelError e = Kernel.errorOf(status);
            if (e != KernelError.BAD_HANDLE && e != KernelError.REVOKED && e != KernelError.DEAD_DOMAIN
                    && e != KernelError.NO_DOMAIN) {
                throw k.failure(status, "cap.delete");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapabilityImpl c && c.domain.idValue() == domain.idValue() && c.handle == handle;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(handle) * 31 + domain.idValue();
    }

    @Override
    public String toString() {
        return "Capability[domain " + domain.idValue() + ", 0x" + Long.toHexString(handle) + ", " + info.type()
                + ", rights " + info.rights() + ", mask " + info.deriveMask() + ", " + info.badge()
                + (info.expires() ? ", expires " + info.expiryMs() : "") + "]";
    }
}
