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
import org.nonos.crypto.KeyType;
import org.nonos.test.support.Mutation;

/**
 * Properties of the private-key serialisation ({@link KeyCodec}, docs/crypto.md "Formats"): the
 * encoding of every key type round-trips, and any damaged encoding is either refused with
 * {@code MALFORMED_ENCODING} or is itself a valid encoding that re-emits byte for byte. jqwik
 * prints the seed of a failure; docs/crypto.md "Tests" says how to replay it.
 */
class KeyCodecPropertyTest {

    @Provide
    Arbitrary<KeyCodec> keys() {
        return Arbitraries.of(KeyType.class).flatMap(type -> Arbitraries.bytes().array(byte[].class)
                .ofSize(type.privateLength()).map(material -> new KeyCodec(type, material)));
    }

    @Property(tries = 200)
    void emitThenParseIsTheIdentity(@ForAll("keys") KeyCodec key) {
        byte[] encoded = key.emit();
        assertEquals(KeyCodec.HEADER + key.type().privateLength(), encoded.length);
        KeyCodec back = KeyCodec.parse(encoded);
        assertEquals(key.type(), back.type());
        assertArrayEquals(key.material(), back.material());
        assertArrayEquals(encoded, back.emit());
    }

    @Property(tries = 300)
    void aDamagedEncodingIsRefusedOrReEmitsItself(@ForAll("keys") KeyCodec key, @ForAll("mutations") Mutation m) {
        byte[] damaged = m.apply(key.emit());
        try {
            KeyCodec parsed = KeyCodec.parse(damaged);
            assertArrayEquals(damaged, parsed.emit());
            // What parses is a key the service takes as it is.
            new ServiceKey(parsed.type(), parsed.material()).close();
        } catch (CryptoException e) {
            assertEquals(CryptoError.MALFORMED_ENCODING, e.error(), e.getMessage());
        }
    }

    @Property(tries = 200)
    void everyShorterPrefixIsRefused(@ForAll("keys") KeyCodec key, @ForAll("cuts") int cut) {
        byte[] encoded = key.emit();
        byte[] prefix = java.util.Arrays.copyOf(encoded, cut % encoded.length);
        try {
            KeyCodec.parse(prefix);
            throw new AssertionError("a " + prefix.length + "-byte prefix of a " + encoded.length + "-byte key parsed");
        } catch (CryptoException e) {
            assertEquals(CryptoError.MALFORMED_ENCODING, e.error());
        }
    }

    @Property(tries = 300)
    void arbitraryBytesAreRefusedOrReEmitThemselves(@ForAll("header") byte[] header, @ForAll("tails") byte[] tail) {
        byte[] data = new byte[header.length + tail.length];
        System.arraycopy(header, 0, data, 0, header.length);
        System.arraycopy(tail, 0, data, header.length, tail.length);
        try {
            assertArrayEquals(data, KeyCodec.parse(data).emit());
        } catch (CryptoException e) {
            assertEquals(CryptoError.MALFORMED_ENCODING, e.error());
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }

    /** Mostly plausible headers ("NK", version 0..2, type code 0..10), so that tails get looked at. */
    @Provide
    Arbitrary<byte[]> header() {
        return Combinators.combine(Arbitraries.of((byte) 'N', (byte) 'n'), Arbitraries.of((byte) 'K', (byte) 0),
                Arbitraries.bytes().between((byte) 0, (byte) 2), Arbitraries.bytes().between((byte) 0, (byte) 10))
                .as((a, b, c, d) -> new byte[] {a, b, c, d});
    }

    @Provide
    Arbitrary<byte[]> tails() {
        return Arbitraries.oneOf(Arbitraries.of(KeyType.class).flatMap(t -> Arbitraries.bytes().array(byte[].class)
                .ofSize(t.privateLength())), Arbitraries.bytes().array(byte[].class).ofMaxSize(100));
    }
}
