// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.util.List;
import java.util.Optional;
import org.nonos.attestation.Attestation;
import org.nonos.attestation.AttestationVerifier;
import org.nonos.attestation.MalformedException;
import org.nonos.attestation.RegistryEntry;
import org.nonos.attestation.RejectReason;
import org.nonos.attestation.TrustAnchor;
import org.nonos.attestation.Verdict;

/**
 * The attestation check under the current trust anchor and a window of recent roots
 * (docs/attestation.md "The window of recent roots").
 *
 * <p>An attestation made against the current root is verified as always. One made against an
 * earlier root that is still in the window (one of the last registry versions the owner signed,
 * at the current epoch: advancing the epoch closes the window) is verified completely against
 * that earlier anchor (signature, proof with that root and epoch, vendor and allowed mask then),
 * and then its vendor must still be in the <em>current</em> registry with the same signing key,
 * still allowed what it requested and not expired: a revoked vendor is refused even within the
 * window ({@code UNKNOWN_VENDOR}). Anything else is the current verifier's rejection.
 */
final class WindowCheck implements AttestationCheck {
    private final AttestationVerifier current;
    private final List<AttestationVerifier> window;

    /** {@code window}: verifiers of earlier anchors, newest first; only those at the current epoch are used. */
    WindowCheck(AttestationVerifier current, List<AttestationVerifier> window) {
        this.current = current;
        long epoch = current.anchor().epoch();
        this.window = window.stream().filter(w -> w.anchor().epoch() == epoch
                && Long.compareUnsigned(w.anchor().serial(), current.anchor().serial()) < 0).toList();
    }

    List<AttestationVerifier> window() {
        return window;
    }

    @Override
    public Outcome check(JarContent content) {
        Verdict v = current.verify(content.jar());
        if (v instanceof Verdict.Rejected r && r.reason() == RejectReason.WRONG_ROOT) {
            Optional<AttestationVerifier> earlier = earlierFor(content);
            if (earlier.isPresent()) {
                return VerifierCheck.outcome(withinWindow(earlier.get(), earlier.get().verify(content.jar())));
            }
        }
        return VerifierCheck.outcome(v);
    }

    /** The window's verifier whose anchor has the root and epoch the attestation names. */
    private Optional<AttestationVerifier> earlierFor(JarContent content) {
        byte[] entry = content.entries().get(Attestation.ENTRY);
        if (entry == null) {
            return Optional.empty();
        }
        Attestation a;
        try {
            a = Attestation.parse(entry);
        } catch (MalformedException e) {
            return Optional.empty();
        }
        return window.stream().filter(w -> w.anchor().root().equals(a.registryRoot()) && w.anchor().epoch() == a.epoch())
                .findFirst();
    }

    /** An earlier anchor's verdict, held against the current registry's entry for the vendor. */
    private Verdict withinWindow(AttestationVerifier earlier, Verdict v) {
        if (!(v instanceof Verdict.Accepted a)) {
            return v;
        }
        TrustAnchor then = earlier.anchor();
        TrustAnchor now = current.anchor();
        String serialThen = Long.toUnsignedString(then.serial());
        String serialNow = Long.toUnsignedString(now.serial());
        Optional<RegistryEntry> entryThen = then.vendors().stream().filter(e -> e.name().equals(a.vendor())).findFirst();
        Optional<RegistryEntry> entryNow = entryThen.flatMap(e -> now.vendorBySigningKey(e.signingKeyDigest()));
        if (entryNow.isEmpty()) {
            return new Verdict.Rejected(RejectReason.UNKNOWN_VENDOR, "vendor " + a.vendor() + " attested against registry serial "
                    + serialThen + " but is not in the current registry (serial " + serialNow + "): revoked",
                    Optional.of(a.bundleDigest()));
        }
        RegistryEntry e = entryNow.get();
        if ((a.grantedMask() & ~e.allowedMask()) != 0) {
            return new Verdict.Rejected(RejectReason.CAPABILITIES_EXCEED, "vendor " + e.name()
                    + " is no longer allowed everything the bundle requested (registry serial " + serialNow + ")",
                    Optional.of(a.bundleDigest()));
        }
        if (Long.compareUnsigned(now.epoch(), e.expiry()) > 0) {
            return new Verdict.Rejected(RejectReason.EXPIRED, "vendor " + e.name() + " expired at epoch "
                    + Long.toUnsignedString(e.expiry()), Optional.of(a.bundleDigest()));
        }
        return new Verdict.Accepted(a.bundleDigest(), a.vendor() + " (against earlier registry serial " + serialThen
                + ", within the window)", a.grantedMask(), a.granted(), a.attestation());
    }
}
