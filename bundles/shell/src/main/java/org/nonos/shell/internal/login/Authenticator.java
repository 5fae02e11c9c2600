// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.nonos.shell.internal.audit.AuditEvent;
import org.nonos.shell.internal.audit.AuditException;
import org.nonos.shell.internal.audit.AuditLog;

/**
 * Decides logins on one line: lockout first, then the password check (a decoy check for unknown
 * names, so the time taken does not tell them apart), then the audit record. A login whose audit
 * record cannot be written is refused. Unknown names are recorded as {@code <unknown>}: a password
 * typed at the name prompt by mistake must not end up in the log.
 */
public final class Authenticator {
    /** Outcome of one attempt. */
    public record Outcome(Optional<Account> account, Duration lockedFor) {
        public boolean ok() {
            return account.isPresent();
        }
    }

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final Lockout lockout;
    private final AuditLog audit;
    private final String line;

    public Authenticator(AccountStore accounts, PasswordHasher hasher, Lockout lockout, AuditLog audit, String line) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.lockout = lockout;
        this.audit = audit;
        this.line = line;
    }

    public Lockout lockout() {
        return lockout;
    }

    /**
     * Tries a login; the password array is wiped before returning.
     *
     * @return the account on success; otherwise empty, with the lock this failure caused (or the lock
     *         still running, when the line was locked and nothing was checked)
     * @throws AuditException the audit log is unwritable: no login happens
     */
    public Outcome attempt(String name, char[] password) throws AuditException {
        try {
            Duration left = lockout.remaining();
            if (!left.isZero()) {
                return new Outcome(Optional.empty(), left);
            }
            Optional<Account> account = Account.isValidName(name) ? accounts.find(name) : Optional.empty();
            boolean ok = account.isPresent()
                ? hasher.verify(password, account.get().password())
                : hasher.verifyDecoy(password);
            if (ok) {
                audit.append(new AuditEvent(line, name, AuditEvent.Kind.LOGIN, account.get().role().name().toLowerCase()));
                lockout.success();
                return new Outcome(account, Duration.ZERO);
            }
            Duration lock = lockout.failure();
            String who = account.isPresent() ? name : "<unknown>";
            audit.append(new AuditEvent(line, who, AuditEvent.Kind.LOGIN_FAILED, "failure " + lockout.failures()));
            if (!lock.isZero()) {
                audit.append(new AuditEvent(line, who, AuditEvent.Kind.LOCKED, "locked for " + lock.toSeconds() + " s"));
            }
            return new Outcome(Optional.empty(), lock);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
