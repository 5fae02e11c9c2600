// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.nio.file.Path;
import org.nonos.attestation.TrustAnchorException;
import org.nonos.crypto.CryptoService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Makes the attestation verifier when the crypto service appears: loads the trust anchor from
 * {@value #TRUST_DIR} (default {@code <home>/etc/trust}) with the owner's public key from
 * {@value #OWNER_KEY} (default {@code <home>/etc/owner.pub}: configuration, outside the
 * directory it vouches for), then puts the verifier in force. A missing or bad anchor leaves the
 * gate refusing every unmeasured bundle with reason {@code NO_TRUST_ANCHOR}: fail closed.
 */
final class VerifierSetup {
    static final String TRUST_DIR = "nonos.trust.dir";
    static final String OWNER_KEY = "nonos.trust.owner";

    private final BundleContext context;
    private final PendingCheck check;
    private final TrustControl trust;
    private final AuditSink audit;
    private final ServiceTracker<CryptoService, CryptoService> tracker;

    VerifierSetup(BundleContext context, PendingCheck check, TrustControl trust, AuditSink audit) {
        this.context = context;
        this.check = check;
        this.trust = trust;
        this.audit = audit;
        this.tracker = new ServiceTracker<>(context, CryptoService.class, null) {
            @Override
            public CryptoService addingService(ServiceReference<CryptoService> ref) {
                CryptoService crypto = super.addingService(ref);
                if (crypto != null && !check.isReady()) {
                    load(crypto);
                }
                return crypto;
            }
        };
    }

    void open() {
        tracker.open();
    }

    void close() {
        tracker.close();
    }

    private void load(CryptoService crypto) {
        String home = context.getProperty("nonos.home");
        Path dir = path(TRUST_DIR, home, "etc/trust");
        Path owner = path(OWNER_KEY, home, "etc/owner.pub");
        if (dir == null || owner == null) {
            fail("no trust anchor configured (" + TRUST_DIR + ", " + OWNER_KEY + ", or nonos.home)");
            return;
        }
        try {
            trust.load(dir, owner, crypto);
        } catch (TrustAnchorException e) {
            fail("trust anchor " + dir + " refused: " + e.getMessage());
        }
    }

    private void fail(String why) {
        check.failed("NO_TRUST_ANCHOR", why);
        audit.append("gate.anchor " + why);
    }

    private Path path(String property, String home, String fallback) {
        String v = context.getProperty(property);
        if (v != null && !v.isBlank()) {
            return Path.of(v);
        }
        return home == null ? null : Path.of(home, fallback);
    }
}
