// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountFileTest {
    private static final PasswordHasher HASHER = new PasswordHasher(PasswordHasherTest.SMALL, TestCrypto.PASSWORDS);

    private static Map<String, Account> sample() {
        Map<String, Account> m = new LinkedHashMap<>();
        m.put("admin", new Account("admin", Account.Role.ADMIN, HASHER.hash("admin-password".toCharArray())));
        m.put("ops_1", new Account("ops_1", Account.Role.OPERATOR, HASHER.hash("operator-pass".toCharArray())));
        return m;
    }

    @Test
    void roundTrip() throws Exception {
        Map<String, Account> m = sample();
        byte[] file = AccountFile.emit(m);
        String text = new String(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("nonos-accounts 1\naccount admin admin $argon2id$v=19$m=64,t=1,p=1$"), text);
        assertTrue(text.matches("(?s).*\nsha256 [0-9a-f]{64}\n"), text);
        assertEquals(m, AccountFile.parse(file));
    }

    @Test
    void everyDefectIsAClearError() {
        byte[] good = AccountFile.emit(sample());
        String text = new String(good, StandardCharsets.UTF_8);
        assertMessage("empty", new byte[0]);
        assertMessage("cut short", java.util.Arrays.copyOf(good, good.length - 1));
        assertMessage("no checksum", java.util.Arrays.copyOf(good, text.indexOf("sha256")));
        byte[] flipped = good.clone();
        flipped[30] ^= 1;
        assertMessage("checksum does not match", flipped);
        assertMessage("version '2' is not supported", reseal(text.replace("nonos-accounts 1", "nonos-accounts 2")));
        assertMessage("not an account file", reseal(text.replace("nonos-accounts 1", "hello")));
        assertMessage("line 2: unknown role", reseal(text.replace("account admin admin", "account admin root")));
        assertMessage("line 2: bad account name", reseal(text.replace("account admin admin", "account Admin admin")));
        assertMessage("line 3: account 'admin' twice", reseal(text.replace("account ops_1 operator", "account admin operator")));
        assertMessage("line 2: algorithm 'x' is not argon2id", reseal(text.replace("$argon2id$", "$x$")));
        assertMessage("line 2: expected", reseal(text.replace("account admin admin ", "account admin admin  ")));
    }

    /** Recomputes the checksum so that the defect under test is the only one. */
    private static byte[] reseal(String text) {
        String body = text.substring(0, text.lastIndexOf("sha256 "));
        try {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            byte[] sum = java.security.MessageDigest.getInstance("SHA-256").digest(b);
            return (body + "sha256 " + java.util.HexFormat.of().formatHex(sum) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertMessage(String part, byte[] file) {
        AccountFileException e = assertThrows(AccountFileException.class, () -> AccountFile.parse(file));
        assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should say '" + part + "'");
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void storeWritesAtomicallyWithOwnerOnlyAccessAndReadsBack(@TempDir Path dir) throws Exception {
        AccountStore s = AccountStore.open(dir);
        assertTrue(s.isEmpty());
        Account a = sample().get("admin");
        s.put(a);
        Path f = dir.resolve(AccountStore.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertFalse(Files.exists(dir.resolve("accounts.new")));
        AccountStore again = AccountStore.open(dir);
        assertEquals(a, again.find("admin").orElseThrow());
    }

    @Test
    void damagedStoreRefusesToOpen(@TempDir Path dir) throws Exception {
        AccountStore.open(dir).put(sample().get("admin"));
        Path f = dir.resolve(AccountStore.FILE_NAME);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
        AccountFileException e = assertThrows(AccountFileException.class, () -> AccountStore.open(dir));
        assertTrue(e.getMessage().contains("account file"), e.getMessage());
    }

    @Test
    void passwordFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pw");
        Files.writeString(f, "a good password\n");
        assertEquals("a good password", new String(PasswordFile.read(f)));
        Files.writeString(f, "crlf-password\r\n");
        assertEquals("crlf-password", new String(PasswordFile.read(f)));
        Files.writeString(f, "short\n");
        assertTrue(assertThrows(java.io.IOException.class, () -> PasswordFile.read(f)).getMessage().contains("too short"));
        Files.writeString(f, "two\nlines here\n");
        assertTrue(assertThrows(java.io.IOException.class, () -> PasswordFile.read(f)).getMessage().contains("control"));
        Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'});
        assertTrue(assertThrows(java.io.IOException.class, () -> PasswordFile.read(f)).getMessage().contains("UTF-8"));
        java.io.IOException missing = assertThrows(java.io.IOException.class, () -> PasswordFile.read(dir.resolve("none")));
        assertTrue(missing.getMessage().contains("cannot be read"));
    }
}
