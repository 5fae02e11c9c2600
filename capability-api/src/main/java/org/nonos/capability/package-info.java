// SPDX-License-Identifier: Apache-2.0
/**
 * The Java face of the NØNOS capability kernel.
 *
 * <p>Every bundle runs in its own protection {@link org.nonos.capability.Domain}, obtained
 * as an OSGi service (a service factory hands each bundle its own, never another's). A
 * {@link org.nonos.capability.Capability} is a handle into the kernel's capability space of
 * one domain: it carries {@link org.nonos.capability.Rights}, a derive mask, a
 * {@link org.nonos.capability.Badge} and an optional expiry, and can be derived (rights only
 * shrink), transferred, revoked and deleted. Calls through an
 * {@link org.nonos.capability.Endpoint} are authorised by the kernel on every call and then
 * dispatched to the serving Java object without copying. Every refusal surfaces as a
 * {@link org.nonos.capability.CapabilityException} carrying the kernel's
 * {@link org.nonos.capability.KernelError}. A {@link org.nonos.capability.Device} does host I/O
 * through a device capability; {@link org.nonos.capability.KernelAdmin} is the administrator's
 * view of all domains and of the kernel's audit log (a guarded service).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.nonos.capability;
