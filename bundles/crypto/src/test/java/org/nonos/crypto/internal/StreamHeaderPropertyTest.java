// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;
import org.nonos.test.support.Mutation;

/**
 * Properties of the streaming-AEAD header ({@link StreamHeader}, docs/crypto.md "Streaming
 * AEAD"): it round-trips, and a damaged header is refused with {@code MALFORMED_ENCODING} or is
 * another valid header that re-emits itself.
 */
class StreamHeaderPropertyTest {

    @Provide
    Arbitrary<StreamHeader> headers() {
        return Combinators.combine(Arbitraries.integers().between(StreamHeader.MIN_CHUNK, StreamHeader.MAX_CHUNK),
                Arbitraries.bytes().array(byte[].class).ofSize(StreamHeader.PREFIX_LENGTH)).as(StreamHeader::new);
    }

    @Property(tries = 200)
    void emitThenParseIsTheIdentity(@ForAll("headers") StreamHeader h) {
        byte[] bytes = h.emit();
        assertEquals(StreamHeader.LENGTH, bytes.length);
        StreamHeader back = StreamHeader.parse(bytes);
        assertEquals(h.chunkSize(), back.chunkSize());
        assertArrayEquals(h.noncePrefix(), back.noncePrefix());
        assertArrayEquals(bytes, back.emit());
    }

    @Property(tries = 300)
    void aDamagedHeaderIsRefusedOrReEmitsItself(@ForAll("headers") StreamHeader h, @ForAll("mutations") Mutation m) {
        byte[] damaged = m.apply(h.emit());
        try {
            assertArrayEquals(damaged, StreamHeader.parse(damaged).emit());
        } catch (CryptoException e) {
            assertEquals(CryptoError.MALFORMED_ENCODING, e.error(), e.getMessage());
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }
}
