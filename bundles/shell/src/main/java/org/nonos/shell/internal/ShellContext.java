// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import java.util.concurrent.ScheduledExecutorService;
import org.apache.felix.service.command.CommandProcessor;
import org.nonos.shell.internal.audit.AuditLog;
import org.nonos.shell.internal.login.AccountStore;
import org.nonos.shell.internal.login.Authenticator;
import org.nonos.shell.internal.login.PasswordHasher;

/** Everything a console session uses, passed in (nothing is looked up globally). */
public record ShellContext(ShellConfig config, AccountStore accounts, PasswordHasher hasher, Authenticator auth,
                           AuditLog audit, CommandProcessor processor, Sessions sessions, Sleeper sleeper,
                           ScheduledExecutorService timer, String lineName) {
}
