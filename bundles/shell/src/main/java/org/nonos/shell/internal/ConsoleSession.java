// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import java.io.IOError;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.Widget;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.nonos.shell.internal.audit.AuditEvent;
import org.nonos.shell.internal.audit.AuditException;
import org.nonos.shell.internal.login.Account;
import org.nonos.shell.internal.login.Authenticator;
import org.nonos.shell.internal.login.PasswordCrypto;
import org.nonos.shell.internal.login.PasswordPolicy;

/**
 * Read this first: one session on the line, from the first byte to logout, hang-up or idle timeout.
 * <ol>
 * <li>a JLine terminal over the line's raw streams (JLine does the line discipline: echo, editing,
 * CR/LF);</li>
 * <li>first boot (no accounts): set the admin password, typed twice;</li>
 * <li>login: name, masked password, lockout (see {@link Authenticator});</li>
 * <li>commands: each line is audited, then run by Gogo; an error is one line, never a stack trace.</li>
 * </ol>
 * Nothing the peer sends can end the shell: every failure ends at most this session, and the loop in
 * {@link ConsoleLoop} starts the next one.
 */
public final class ConsoleSession {
    /** Why a session ended. */
    public enum End { LOGOUT, HANGUP, IDLE, CLOSED }

    static final int MAX_NAME = 64;
    static final String PROMPT_SUFFIX = "@nonos> ";

    private final ShellContext ctx;
    private final Endpoint endpoint;
    private final AtomicReference<End> forced = new AtomicReference<>();
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean busy;
    /** Set when the line being typed went past the limit; the line is then refused, never cut and run. */
    private volatile boolean tooLong;
    private volatile String user;
    private Terminal terminal;

    public ConsoleSession(ShellContext ctx, Endpoint endpoint) {
        this.ctx = ctx;
        this.endpoint = endpoint;
    }

    /** Runs the session to its end; never throws. */
    public End run() {
        ScheduledFuture<?> watchdog = null;
        try {
            TerminalTypes.preferBundled(ctx.config().terminalType());
            terminal = new ExternalTerminal("nonos-console", ctx.config().terminalType(), new Activity(endpoint.input()),
                endpoint.output(), StandardCharsets.UTF_8);
            terminal.setSize(new Size(80, 24));
            // No echo outside the line editor: bytes typed ahead of a password prompt must not be
            // echoed by the line discipline before the editor (which masks them) takes over.
            Attributes attrs = terminal.getAttributes();
            attrs.setLocalFlag(Attributes.LocalFlag.ECHO, false);
            terminal.setAttributes(attrs);
            Duration idle = ctx.config().idleTimeout();
            if (!idle.isZero()) {
                long period = Math.max(50, Math.min(1000, idle.toMillis() / 4));
                watchdog = ctx.timer().scheduleAtFixedRate(() -> checkIdle(idle), period, period, TimeUnit.MILLISECONDS);
            }
            return session();
        } catch (EndOfFileException | UserInterruptException e) {
            return end(End.LOGOUT);
        } catch (IOError | IOException | RuntimeException | AssertionError | StackOverflowError e) {
            // The line failed under us (hang-up, closed streams) or the peer sent something that broke a
            // reader: this session ends, the loop starts the next one.
            return end(endpoint.hungUp() ? End.HANGUP : End.CLOSED);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            if (terminal != null) {
                try {
                    terminal.close();
                } catch (IOException | RuntimeException e) {
                    // The line may be gone already; nothing left to tell anyone.
                }
            }
        }
    }

    private End end(End normal) {
        End f = forced.get();
        End why = f != null ? f : endpoint.hungUp() ? End.HANGUP : normal;
        if (user != null) {
            AuditEvent.Kind k = switch (why) {
                case HANGUP -> AuditEvent.Kind.HANGUP;
                case IDLE -> AuditEvent.Kind.IDLE_TIMEOUT;
                default -> AuditEvent.Kind.LOGOUT;
            };
            try {
                audit(k, "");
            } catch (RuntimeException e) {
                // The session is over either way; the audit failure was already visible to the user.
            }
        }
        return why;
    }

    private void checkIdle(Duration idle) {
        if (busy || forced.get() != null) {
            return;
        }
        if (System.nanoTime() - lastActivity > idle.toNanos()) {
            if (forced.compareAndSet(null, End.IDLE)) {
                try {
                    PrintWriter w = terminal.writer();
                    w.print("\nidle for " + idle.toSeconds() + " s: session closed\n");
                    w.flush();
                } catch (RuntimeException e) {
                    // Line already gone.
                }
                endpoint.close();
            }
        }
    }

    private End session() throws IOException {
        PrintWriter out = terminal.writer();
        out.println();
        out.println("NØNOS admin shell on " + ctx.lineName());
        out.flush();
        if (ctx.accounts().isEmpty() && !firstBoot()) {
            return end(End.LOGOUT);
        }
        Principal p = login();
        if (p == null) {
            return end(End.LOGOUT);
        }
        return commands(p);
    }

    private LineReader reader(boolean history) {
        LineReaderBuilder b = LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("nonos")
            .variable(LineReader.DISABLE_HISTORY, !history)
            .variable(LineReader.HISTORY_SIZE, history ? 500 : 0)
            .option(LineReader.Option.BRACKETED_PASTE, false)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            // One line is one command: an open quote or bracket never turns the editor into a
            // multi-line prompt that swallows the next lines (Gogo reports the syntax error instead).
            .parser(new DefaultParser().eofOnUnclosedQuote(false).eofOnEscapedNewLine(false).eofOnUnclosedBracket());
        if (history) {
            b.completer(new CommandCompleter(ctx.processor()));
        }
        LineReader r = b.build();
        // A bracketed-paste start (ESC [200~) makes the editor take every byte as pasted text until
        // the paste end (ESC [201~): from garbage on the line that end may never come, and the line
        // would stop answering. Paste mode is off (above), so the start is no key of ours at all.
        for (var keys : r.getKeyMaps().values()) {
            keys.unbind(LineReaderImpl.BRACKETED_PASTE_BEGIN);
        }
        limitLength(r, history ? ctx.config().maxLine() : Math.max(MAX_NAME, PasswordPolicy.MAX));
        return r;
    }

    /**
     * Drops typing past the limit, silently (a beep per byte would send a flood back), so a flood on
     * the line cannot grow a buffer without end; the command is then refused as too long.
     */
    private void limitLength(LineReader r, int max) {
        Widget insert = r.getWidgets().get(LineReader.SELF_INSERT);
        r.getWidgets().put(LineReader.SELF_INSERT, () -> {
            if (r.getBuffer().length() >= max) {
                tooLong = true;
                return true;
            }
            return insert.apply();
        });
    }

    /** First boot: the admin password, twice. Returns false when the session ended without one. */
    private boolean firstBoot() {
        PrintWriter out = terminal.writer();
        out.println("First boot: no accounts yet. Choose the password of the 'admin' account.");
        out.flush();
        LineReader r = reader(false);
        for (int attempt = 0; attempt < 3; attempt++) {
            char[] a = r.readLine("New admin password: ", '\0').toCharArray();
            char[] b = r.readLine("Repeat the password: ", '\0').toCharArray();
            try {
                if (!Arrays.equals(a, b)) {
                    out.println("The passwords differ; try again.");
                    out.flush();
                    continue;
                }
                String why = PasswordPolicy.check(a);
                if (why != null) {
                    out.println("Refused: " + why + ".");
                    out.flush();
                    continue;
                }
                if (!ctx.accounts().isEmpty()) {
                    out.println("An admin password was set meanwhile.");
                    out.flush();
                    return true;
                }
                try {
                    // Hash first: the record says the password was set only when it can be.
                    Account admin = new Account("admin", Account.Role.ADMIN, ctx.hasher().hash(a));
                    ctx.audit().append(new AuditEvent(ctx.lineName(), "admin", AuditEvent.Kind.SETUP, "admin password set on the console"));
                    ctx.accounts().put(admin);
                } catch (PasswordCrypto.CryptoUnavailableException e) {
                    out.println("error: cannot set the password: " + oneLine(e));
                    out.flush();
                    return false;
                } catch (IOException e) {
                    out.println("error: cannot save the account: " + oneLine(e));
                    out.flush();
                    return false;
                }
                out.println("Admin password set. Log in as 'admin'.");
                out.flush();
                return true;
            } finally {
                Arrays.fill(a, '\0');
                Arrays.fill(b, '\0');
            }
        }
        return false;
    }

    /** Login prompts until a success; null when the session ended. */
    private Principal login() throws IOException {
        PrintWriter out = terminal.writer();
        LineReader r = reader(false);
        while (true) {
            Duration locked = ctx.auth().lockout().remaining();
            if (!locked.isZero()) {
                out.println("Login locked after repeated failures; try again in " + roundUp(locked) + " s.");
                out.flush();
                waitOut(locked);
                continue;
            }
            String name = r.readLine("login: ").strip();
            if (name.isEmpty()) {
                continue;
            }
            char[] pw = r.readLine("Password: ", '\0').toCharArray();
            Authenticator.Outcome o;
            try {
                o = ctx.auth().attempt(name.length() > MAX_NAME ? "" : name, pw);
            } catch (AuditException e) {
                out.println("error: login refused: the audit log cannot be written (" + oneLine(e) + ")");
                out.flush();
                pause(ctx.config().failurePause());
                continue;
            } catch (PasswordCrypto.CryptoUnavailableException e) {
                // Not a failed login (nothing was checked): say why and ask again.
                out.println("error: login unavailable: " + oneLine(e));
                out.flush();
                pause(ctx.config().failurePause());
                continue;
            }
            if (o.ok()) {
                Account a = o.account().get();
                user = a.name();
                return new Principal(a.name(), a.role(), ctx.lineName());
            }
            out.println("Login incorrect.");
            if (!o.lockedFor().isZero()) {
                out.println("Too many failures: the line is locked for " + roundUp(o.lockedFor()) + " s.");
            }
            out.flush();
            pause(ctx.config().failurePause());
        }
    }

    private static long roundUp(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }

    private void waitOut(Duration d) throws IOException {
        pause(d);
    }

    private void pause(Duration d) throws IOException {
        if (d.isZero()) {
            return;
        }
        try {
            ctx.sleeper().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (forced.get() != null || endpoint.hungUp()) {
            throw new IOException("session ended");
        }
    }

    private End commands(Principal p) {
        PrintWriter out = terminal.writer();
        PrintStream ps = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
        // Commands get an empty standard input: the line belongs to the editor, and a command (or a
        // pipeline typed by mistake) waiting for input must never swallow what the admin types next.
        CommandSession gogo = ctx.processor().createSession(InputStream.nullInputStream(), ps, ps);
        // Relative paths (Gogo's '>' redirection, install file:...) resolve in the state directory,
        // never in whatever directory the process happened to start in.
        gogo.currentDir(ctx.config().stateDir());
        ctx.sessions().bind(gogo, p);
        try {
            out.println("Welcome, " + p.user() + ". Type 'help' for commands, 'logout' to leave.");
            out.flush();
            LineReader r = reader(true);
            while (true) {
                String line;
                tooLong = false;
                try {
                    line = r.readLine(p.user() + PROMPT_SUFFIX);
                } catch (UserInterruptException e) {
                    continue;
                }
                if (tooLong) {
                    out.println("error: line too long (at most " + ctx.config().maxLine() + " characters): not run");
                    out.flush();
                    continue;
                }
                String cmd = line.strip();
                if (cmd.isEmpty()) {
                    continue;
                }
                if (cmd.equals("logout") || cmd.equals("exit")) {
                    return end(End.LOGOUT);
                }
                run(gogo, cmd, out, ps);
            }
        } finally {
            ctx.sessions().unbind(gogo);
            gogo.close();
        }
    }

    private void run(CommandSession gogo, String cmd, PrintWriter out, PrintStream ps) {
        try {
            audit(AuditEvent.Kind.COMMAND, cmd);
        } catch (RuntimeException e) {
            out.println("error: command not run: the audit log cannot be written (" + oneLine(e.getCause()) + ")");
            out.flush();
            return;
        }
        busy = true;
        try {
            Object result = gogo.execute(cmd);
            ps.flush();
            if (result != null) {
                CharSequence text = gogo.format(result, Converter.INSPECT);
                if (text != null && !text.isEmpty()) {
                    out.println(text);
                }
            }
        } catch (Exception | AssertionError | StackOverflowError | LinkageError e) {
            // Gogo's parser asserts on some malformed input and recurses on nesting: whatever a line
            // does to it ends as one error line, like any other failure of a command.
            ps.flush();
            String msg = CommandErrors.describe(e);
            out.println("error: " + msg);
            try {
                audit(AuditEvent.Kind.COMMAND_FAILED, msg);
            } catch (RuntimeException ignored) {
                out.println("error: the audit log cannot be written");
            }
        } finally {
            busy = false;
            lastActivity = System.nanoTime();
            out.flush();
        }
    }

    private void audit(AuditEvent.Kind kind, String detail) {
        try {
            ctx.audit().append(new AuditEvent(ctx.lineName(), user, kind, detail));
        } catch (AuditException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static String oneLine(Throwable e) {
        return CommandErrors.clean(e == null ? "unknown error" : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /**
     * The session's view of the line's input: counts bytes as activity for the idle timeout, and drops
     * the bytes of a line past the length limit before they reach the line editor (whose work per key
     * grows with the line), keeping the end of line so that the editor returns and the line is refused.
     */
    private final class Activity extends InputStream {
        private final InputStream in;
        private final int limit;
        private int sinceEol;

        Activity(InputStream in) {
            this.in = in;
            this.limit = Math.max(ctx.config().maxLine(), PasswordPolicy.MAX) + 16;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                int n = in.read(b, off, len);
                if (n <= 0) {
                    return n;
                }
                lastActivity = System.nanoTime();
                int kept = 0;
                for (int i = 0; i < n; i++) {
                    byte c = b[off + i];
                    if (c == '\r' || c == '\n' || c == 3 || c == 4) {
                        sinceEol = 0;
                    } else if (++sinceEol > limit) {
                        tooLong = true;
                        continue;
                    }
                    b[off + kept++] = c;
                }
                if (kept > 0) {
                    return kept;
                }
            }
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }
    }
}
