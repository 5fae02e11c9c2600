// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.nonos.capability.Badge;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.DeviceKind;
import org.nonos.capability.Domain;
import org.nonos.capability.Endpoint;
import org.nonos.capability.KernelError;
import org.nonos.capability.ObjectType;
import org.nonos.capability.Rights;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * One kernel domain seen from Java. Besides the {@link Domain} operations it carries the
 * root-only ones (object and domain creation) that the kernel refuses to every other domain
 * with {@link KernelError#NOT_ROOT}; only the runtime and the tests of this bundle reach them.
 */
public final class DomainImpl implements Domain {

    private final Kernel kernel;
    private final ServerTable servers;
    private final Directory directory;
    private final Id id;
    private final int idValue;
    private final String name;
    /** handle → the kernel's record of it, for handles of this domain seen so far. */
    private final Map<Long, Capability.Info> known = new ConcurrentHashMap<>();
    private static final int PRUNE_MIN = 1024;
    /** Size of {@link #known} at which it is next pruned (a stale read only delays pruning). */
    private volatile int pruneAt = PRUNE_MIN;

    DomainImpl(Kernel kernel, Directory directory, int id, String name) {
        this.kernel = kernel;
        this.servers = kernel.servers();
        this.directory = directory;
        this.id = new Id(id);
        this.idValue = id;
        this.name = name;
    }

    /** The root domain of this process's kernel, outside any framework. */
    public static DomainImpl root() {
        return root(Directory.NONE);
    }

    /** A root domain sharing the kernel but answering framework questions through {@code directory}. */
    static DomainImpl root(Directory directory) {
        return new DomainImpl(Kernel.get(), directory, Kernel.ROOT_DOMAIN, "root");
    }

    Kernel kernel() {
        return kernel;
    }

    ServerTable servers() {
        return servers;
    }

    int idValue() {
        return idValue;
    }

    @Override
    public Id id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long nowMs() {
        return kernel.nowMs();
    }

    /** The kernel's record of one of this domain's handles. */
    Capability.Info info(long handle) {
        return infoOf(kernel, idValue, handle);
    }

    /** The kernel's record of handle {@code handle} of domain {@code domain}. */
    static Capability.Info infoOf(Kernel kernel, int domain, long handle) {
        int[] type = new int[1];
        int[] rights = new int[1];
        int[] mask = new int[1];
        long[] badge = new long[1];
        long[] expiry = new long[1];
        long[] object = new long[1];
        kernel.check(kernel.lib().nk_cap_info(domain, handle, type, rights, mask, badge, expiry, object), "cap.info");
        return new Capability.Info(objectType(type[0]), Rights.ofMask(rights[0]), Rights.ofMask(mask[0]),
                Badge.of(badge[0]), expiry[0], object[0]);
    }

    static ObjectType objectType(int code) {
        for (ObjectType t : ObjectType.values()) {
            if (t.code() == code) {
                return t;
            }
        }
        throw new IllegalStateException("kernel returned an object type this binding does not know: " + code);
    }

    @Override
    public Capability capability(long handle) {
        Capability.Info i = info(handle);
        learn(handle, i);
        return new CapabilityImpl(this, handle, i);
    }

    @Override
    public List<Capability> capabilities() {
        List<Capability> out = new ArrayList<>();
        long now = -1;
        for (long h : liveHandles()) {
            Capability.Info i = knownInfo(h);
            if (i == null) {
                continue;
            }
            if (i.expires()) {
                now = now < 0 ? nowMs() : now;
                if (now >= i.expiryMs()) {
                    continue;
                }
            }
            out.add(new CapabilityImpl(this, h, i));
        }
        return List.copyOf(out);
    }

    /** The live handles of this domain. */
    long[] handles() {
        return handlesOf(kernel, idValue);
    }

    /** The live handles of domain {@code domain}. */
    static long[] handlesOf(Kernel kernel, int domain) {
        int[] count = new int[1];
        long[] buf = new long[64];
        while (true) {
            kernel.check(kernel.lib().nk_cap_list(domain, buf, buf.length, count), "cap.list");
            if (count[0] <= buf.length) {
                return Arrays.copyOf(buf, count[0]);
            }
            buf = new long[count[0] + 64];
        }
    }

    /**
     * The live handles, forgetting what is known of handles that are gone. Handles are never
     * reused (kernel.h: generation and a keyed tag), and nothing about a live capability
     * changes but its liveness and, with the clock, its expiry: so what {@link #info} said of
     * a handle stays true while the kernel lists it.
     */
    private long[] liveHandles() {
        long[] live = handles();
        Set<Long> alive = new HashSet<>();
        for (long h : live) {
            alive.add(h);
        }
        known.keySet().retainAll(alive);
        return live;
    }

    /** What is known of a live handle, asked of the kernel once; null when it is gone or expired. */
    private Capability.Info knownInfo(long handle) {
        Capability.Info i = known.get(handle);
        if (i == null) {
            try {
                i = info(handle);
            } catch (CapabilityException goneSinceListed) {
                return null; // revoked, deleted or expired between list and info
            }
            known.put(handle, i);
        }
        return i;
    }

    /**
     * Records what the kernel said of one of this domain's handles. Handles that die through
     * a revoke elsewhere are only noticed when the domain's handles are listed, so the record
     * is pruned against the kernel's list whenever it has grown to twice what was live.
     */
    void learn(long handle, Capability.Info info) {
        known.put(handle, info);
        if (known.size() > pruneAt) {
            pruneAt = Math.max(PRUNE_MIN, 2 * liveHandles().length);
        }
    }

    /** How many handles this domain keeps a record of (for tests of the pruning). */
    int knownCount() {
        return known.size();
    }

    /** Forgets a handle this domain deleted. */
    void forget(long handle) {
        known.remove(handle);
    }

    /**
     * True when this domain holds a live, unexpired capability on {@code objectId} with every
     * right in {@code needed}. Liveness comes from the kernel on every call (one
     * {@code nk_cap_list}), so a revoked capability never counts; a handle's fixed properties
     * are asked of the kernel once per handle.
     */
    boolean holds(long objectId, Rights needed) {
        long now = -1;
        for (long h : liveHandles()) {
            Capability.Info i = knownInfo(h);
            if (i != null && i.objectId() == objectId && needed.isSubsetOf(i.rights())) {
                if (!i.expires()) {
                    return true;
                }
                now = now < 0 ? nowMs() : now;
                if (now < i.expiryMs()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public Id idOf(Bundle bundle) {
        if (bundle == null) {
            throw reject("domain.lookup", KernelError.INVAL, "bundle must not be null");
        }
        return directory.idOf(bundle);
    }

    @Override
    public Optional<Capability> capabilityFor(ServiceReference<?> guardedService) {
        if (guardedService == null) {
            throw reject("cap.lookup", KernelError.INVAL, "service reference must not be null");
        }
        OptionalLong object = directory.guardOf(guardedService);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        for (Capability c : capabilities()) {
            if (((CapabilityImpl) c).objectId() == object.getAsLong()) {
                return Optional.of(c);
            }
        }
        return Optional.empty(); // none held, or only expired ones
    }

    @Override
    public <S> Endpoint.Serving serve(Capability endpoint, Class<S> serviceType, S server) {
        if (endpoint == null || serviceType == null || server == null) {
            throw reject("serve", KernelError.INVAL, "endpoint, type and server must not be null");
        }
        if (!serviceType.isInstance(server)) {
            throw reject("serve", KernelError.INVAL, "server is not a " + serviceType.getName());
        }
        return register(endpoint, server);
    }

    @Override
    public <S> Endpoint.Serving serveBadged(Capability endpoint, Class<S> serviceType,
            Function<? super Badge, ? extends S> perBadge) {
        if (endpoint == null || serviceType == null || perBadge == null) {
            throw reject("serve", KernelError.INVAL, "endpoint, type and per-badge server must not be null");
        }
        return register(endpoint, new ServerTable.PerBadge(perBadge));
    }

    /** Checks that {@code endpoint} is this domain's live endpoint capability with READ, then serves it. */
    private Endpoint.Serving register(Capability endpoint, Object server) {
        if (!(endpoint instanceof CapabilityImpl cap) || cap.domainImpl().idValue != idValue) {
            throw reject("serve", KernelError.BAD_HANDLE, "the capability is not one of this domain's");
        }
        Capability.Info now = info(cap.handle()); // live, not expired, and what it names
        if (now.type() != ObjectType.ENDPOINT) {
            throw reject("serve", KernelError.WRONG_TYPE, "capability names a " + now.type() + ", not an endpoint");
        }
        if (!now.rights().contains(Rights.Right.READ)) {
            throw reject("serve", KernelError.RIGHTS, "serving an endpoint needs READ (receive)");
        }
        ServerTable.Entry entry = servers.register(now.objectId(), server);
        return () -> servers.unregister(entry);
    }

    @Override
    public void audit(String event) {
        if (event == null || event.indexOf('\0') >= 0) {
            throw reject("event", KernelError.INVAL, "event text must not be null or hold a NUL");
        }
        kernel.check(kernel.lib().nk_audit_append(idValue, event), "event");
    }

    // ---- root-only operations (the kernel refuses them to any other domain)

    /** Creates a domain below this (root) domain. */
    public DomainImpl createDomain(String domainName, Directory dir) {
        checkText("domain.create", domainName);
        int[] out = new int[1];
        kernel.check(kernel.lib().nk_domain_create(idValue, domainName, out), "domain.create");
        return new DomainImpl(kernel, dir, out[0], domainName);
    }

    /** Creates a domain below this (root) domain, outside any framework. */
    public DomainImpl createDomain(String domainName) {
        return createDomain(domainName, directory);
    }

    /** Destroys {@code d}; its capabilities die with it. */
    public void destroy(Domain.Id d) {
        if (d == null) {
            throw reject("domain.destroy", KernelError.INVAL, "domain must not be null");
        }
        kernel.check(kernel.lib().nk_domain_destroy(idValue, d.value()), "domain.destroy");
    }

    public Capability createEndpoint() {
        long[] out = new long[1];
        kernel.check(kernel.lib().nk_endpoint_create(idValue, out), "endpoint.create");
        return capability(out[0]);
    }

    public Capability createNotification() {
        long[] out = new long[1];
        kernel.check(kernel.lib().nk_notification_create(idValue, out), "notification.create");
        return capability(out[0]);
    }

    /**
     * Registers host file descriptor {@code hostFd} as a device (the kernel keeps its own
     * duplicate; the caller may close its fd). Root only.
     */
    public Capability registerDevice(int hostFd, String deviceName, DeviceKind kind) {
        if (deviceName == null || kind == null) {
            throw reject("device.register", KernelError.INVAL, "name and kind must not be null");
        }
        checkText("device.register", deviceName);
        long[] out = new long[1];
        kernel.check(kernel.lib().nk_device_register(idValue, hostFd, deviceName, kind.code(), out), "device.register");
        return capability(out[0]);
    }

    /** Java text the kernel could not even see correctly (a NUL would cut it short) is refused here. */
    private void checkText(String op, String text) {
        if (text != null && text.indexOf('\0') >= 0) {
            throw reject(op, KernelError.INVAL, "text must not hold a NUL");
        }
    }

    /**
     * Refuses an operation on Java's side (its arguments cannot be expressed to the kernel):
     * the refusal is appended to the kernel's audit log like the kernel's own, then returned
     * for the caller to throw. Nothing has changed.
     */
    CapabilityException reject(String operation, KernelError error, String why) {
        String event = "rejected " + operation + " " + error.name() + ": " + why;
        if (event.length() > 1000) {
            event = event.substring(0, 1000);
        }
        kernel.lib().nk_audit_append(idValue, event.replace('\0', ' '));
        return new CapabilityException(error, operation + ": " + why);
    }

    @Override
    public String toString() {
        return "Domain[" + idValue + " " + name + "]";
    }
}
