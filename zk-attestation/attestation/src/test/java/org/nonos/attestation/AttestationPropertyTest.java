// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.nonos.test.support.Mutation;

/**
 * Properties of the attestation parser ({@link Attestation#parse}, docs/attestation.md "Format"
 * and "Parsing rules"), which reads {@code META-INF/NONOS/ATTESTATION} from any bundle:
 * <ul>
 * <li>emit then parse is the identity, and parse then emit gives back the same bytes (one
 * attestation, one byte form);</li>
 * <li>an edited attestation (a flipped bit, a changed, dropped or inserted byte, a cut or an
 * extension) is refused with {@link MalformedException} or is another canonical attestation
 * that re-emits exactly the edited bytes; any other exception fails the property;</li>
 * <li>every proper prefix is refused;</li>
 * <li>a capability header parses to a request whose canonical text parses to the same request.</li>
 * </ul>
 * Attestations are random in every field (the parser does not check signatures or proofs: the
 * verifier does), drawn from jqwik's seeded random source.
 */
class AttestationPropertyTest {

    @Provide
    Arbitrary<Attestation> attestations() {
        return Arbitraries.randomValue(random -> {
            try {
                return AttestationJsonTest.random(random);
            } catch (MalformedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }

    @Property(tries = 50)
    void emitThenParseIsTheIdentity(@ForAll("attestations") Attestation a) throws MalformedException {
        byte[] json = a.emit();
        Attestation back = Attestation.parse(json);
        assertEquals(a, back);
        assertArrayEquals(json, back.emit());
        assertArrayEquals(a.signedMessage(), back.signedMessage());
    }

    @Property(tries = 300)
    void anEditedAttestationIsRefusedOrReEmitsItself(@ForAll("attestations") Attestation a, @ForAll("mutations") Mutation m) {
        byte[] damaged = m.apply(a.emit());
        Attestation parsed;
        try {
            parsed = Attestation.parse(damaged);
        } catch (MalformedException refused) {
            return;
        }
        assertArrayEquals(damaged, parsed.emit(), "accepted a non-canonical attestation");
    }

    @Property(tries = 100)
    void everyProperPrefixIsRefused(@ForAll("attestations") Attestation a, @ForAll @IntRange(min = 1) int cut) {
        byte[] json = a.emit();
        byte[] prefix = Arrays.copyOf(json, json.length - 1 - (cut - 1) % json.length);
        try {
            Attestation.parse(prefix);
            throw new AssertionError("a " + prefix.length + "-byte prefix of a " + json.length + "-byte attestation parsed");
        } catch (MalformedException expected) {
            // Refused: the wanted outcome.
        }
    }

    @Property(tries = 200)
    void aCapabilityHeaderIsRefusedOrHasOneCanonicalForm(@ForAll("masks") long mask, @ForAll("mutations") Mutation m) throws MalformedException {
        String canonical = CapabilityRequest.ofMask(mask).canonical();
        assertEquals(mask, CapabilityRequest.parse(canonical).mask());
        String edited = new String(m.apply(canonical.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
        CapabilityRequest parsed;
        try {
            parsed = CapabilityRequest.parse(edited);
        } catch (MalformedException refused) {
            return;
        }
        CapabilityRequest again = CapabilityRequest.parse(parsed.canonical());
        assertEquals(parsed.mask(), again.mask());
        assertEquals(parsed.canonical(), again.canonical());
    }

    @Provide
    Arbitrary<Long> masks() {
        return Arbitraries.longs().map(x -> x & CapabilityTable.DEFINED_BITS);
    }
}
