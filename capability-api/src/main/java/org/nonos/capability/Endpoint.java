// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability;

import java.util.function.Consumer;
import java.util.function.Function;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Calls through an endpoint capability. Every call is first authorised by the kernel
 * ({@code nk_call}: the capability's rights, expiry and revocation are checked, the call is
 * audited on refusal), which answers with the endpoint's object index; the call is then
 * dispatched in the calling thread to the Java object serving that endpoint, arguments
 * passed as they are (no message is copied). A capability revoked or expired fails its very
 * next call.
 *
 * @param <S> the type of the serving object
 */
@ProviderType
public interface Endpoint<S> {

    /** The capability this endpoint calls through. */
    Capability capability();

    /**
     * Authorises a call and applies {@code call} to the serving object.
     *
     * @throws CapabilityException when the kernel refuses the call, or no object serves the endpoint
     */
    <R> R call(Function<? super S, ? extends R> call);

    /** As {@link #call(Function)}, for calls without a result. */
    void run(Consumer<? super S> call);

    /** The registration of a serving object; closing it stops serving. */
    interface Serving extends AutoCloseable {
        @Override
        void close();
    }
}
