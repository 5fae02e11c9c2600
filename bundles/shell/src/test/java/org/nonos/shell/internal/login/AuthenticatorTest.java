// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.capability.KernelAdmin;
import org.nonos.shell.internal.KernelFixture;
import org.nonos.shell.internal.audit.AuditException;

class AuthenticatorTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();
    private KernelFixture kernel;
    private Authenticator auth;

    @BeforeEach
    void setUp() throws Exception {
        PasswordHasher hasher = new PasswordHasher(PasswordHasherTest.SMALL, TestCrypto.PASSWORDS);
        AccountStore store = AccountStore.open(dir);
        store.put(new Account("admin", Account.Role.ADMIN, hasher.hash("right-password".toCharArray())));
        kernel = new KernelFixture();
        auth = new Authenticator(store, hasher, new Lockout(clock, Duration.ofSeconds(30), Duration.ofMinutes(10)), kernel.audit, "ttyS0");
    }

    @Test
    void successIsAuditedWithoutThePassword() throws Exception {
        char[] pw = "right-password".toCharArray();
        assertTrue(auth.attempt("admin", pw).ok());
        assertEquals(new String(new char[pw.length]), new String(pw), "the password array is wiped");
        List<KernelAdmin.AuditRecord> rs = kernel.shellRecords();
        assertEquals(1, rs.size());
        assertTrue(rs.get(0).text().startsWith("shell.login line=ttyS0 user=admin"), rs.get(0).text());
        assertFalse(kernel.shellLog().contains("right-password"));
    }

    @Test
    void withoutTheCryptoServiceNothingIsCheckedAndNothingCounts() throws Exception {
        AccountStore store = AccountStore.open(dir);
        Lockout lockout = new Lockout(clock, Duration.ofSeconds(30), Duration.ofMinutes(10));
        PasswordHasher none = new PasswordHasher(PasswordHasherTest.SMALL, PasswordCrypto.of(() -> null, Duration.ZERO));
        Authenticator noCrypto = new Authenticator(store, none, lockout, kernel.audit, "ttyS0");
        int before = kernel.shellRecords().size();
        char[] pw = "right-password".toCharArray();
        assertThrows(PasswordCrypto.CryptoUnavailableException.class, () -> noCrypto.attempt("admin", pw));
        assertEquals(new String(new char[pw.length]), new String(pw), "the password array is wiped all the same");
        assertEquals(0, lockout.failures(), "not a failed login");
        assertEquals(before, kernel.shellRecords().size(), "and no login record");
    }

    @Test
    void fiveFailuresLockTheLineEvenForTheRightPassword() throws Exception {
        for (int i = 1; i <= 4; i++) {
            Authenticator.Outcome o = auth.attempt("admin", ("wrong" + i).toCharArray());
            assertFalse(o.ok());
            assertEquals(Duration.ZERO, o.lockedFor());
        }
        Authenticator.Outcome fifth = auth.attempt("admin", "wrong5".toCharArray());
        assertEquals(Duration.ofSeconds(30), fifth.lockedFor());
        Authenticator.Outcome during = auth.attempt("admin", "right-password".toCharArray());
        assertFalse(during.ok(), "locked: not even checked");
        assertEquals(Duration.ofSeconds(30), during.lockedFor());
        clock.advance(Duration.ofSeconds(31));
        assertEquals(Duration.ofSeconds(60), auth.attempt("admin", "wrong6".toCharArray()).lockedFor(), "growing delay");
        clock.advance(Duration.ofSeconds(61));
        assertTrue(auth.attempt("admin", "right-password".toCharArray()).ok());
        assertEquals(0, auth.lockout().failures());
        String log = kernel.shellLog();
        assertTrue(log.contains("shell.locked line=ttyS0"), log);
        for (int i = 1; i <= 6; i++) {
            assertFalse(log.contains("wrong" + i), "no typed password in the audit log");
        }
    }

    @Test
    void unknownNamesAreNotRecorded() throws Exception {
        assertFalse(auth.attempt("my-secret-typed-as-name", "x".toCharArray()).ok());
        assertFalse(auth.attempt("Bad Name!", "x".toCharArray()).ok());
        String log = kernel.shellLog();
        assertFalse(log.contains("my-secret"), log);
        assertTrue(log.contains("<unknown>"), log);
    }

    @Test
    void unwritableAuditRefusesTheLogin() throws Exception {
        // The kernel refuses records of a destroyed domain: no record, no login.
        org.nonos.capability.internal.DomainImpl.root().destroy(kernel.domain.id());
        assertThrows(AuditException.class, () -> auth.attempt("admin", "right-password".toCharArray()));
    }
}
