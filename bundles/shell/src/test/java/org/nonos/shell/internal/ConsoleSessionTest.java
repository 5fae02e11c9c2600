// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.shell.internal.commands.AuditCommands;
import org.nonos.shell.internal.commands.PowerCommands;
import org.nonos.shell.internal.commands.SysCommands;
import org.nonos.shell.internal.login.Account;
import org.nonos.shell.internal.login.Argon2Profile;
import org.nonos.shell.internal.login.MutableClock;

/** Whole sessions over piped streams, with the real Gogo runtime and the real commands. */
@Timeout(60)
class ConsoleSessionTest {
    private static final Argon2Profile SMALL = new Argon2Profile(64, 1, 1);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;
    private final MutableClock clock = new MutableClock();
    private final List<Duration> slept = new ArrayList<>();
    private final List<String> power = new ArrayList<>();
    /** The session's screen when the power action was asked for: the command's message must be on it already. */
    private final List<String> screenAtPower = new ArrayList<>();
    private volatile SessionHarness onScreen;
    private ThreadIOImpl threadIo;
    private CommandProcessorImpl processor;
    private ScheduledExecutorService timer;
    private KernelFixture kernel;

    @BeforeEach
    void setUp() {
        threadIo = new ThreadIOImpl();
        threadIo.start();
        processor = new CommandProcessorImpl(threadIo);
        timer = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
        processor.stop();
        threadIo.stop();
    }

    private ShellContext context(Duration idle, Path passwordFile) throws Exception {
        ShellConfig cfg = new ShellConfig(state, passwordFile, SMALL, idle, Duration.ofSeconds(30), Duration.ofMinutes(10),
            Duration.ofMillis(5), "dumb", 4096);
        // Sleeping advances the test's clock instead of the wall clock: the lockout costs no time.
        Sleeper sleeper = d -> {
            synchronized (slept) {
                slept.add(d);
            }
            clock.advance(d);
        };
        kernel = new KernelFixture();
        ShellContext ctx = ShellComponent.setUp(cfg, processor, "ttyS0", clock, sleeper, timer, () -> kernel.domain,
                org.nonos.shell.internal.login.TestCrypto.PASSWORDS);
        processor.addCommand("nonos", new SysCommands(key -> key.equals("nonos.state") ? state.toString() : null), "sys");
        processor.addCommand("nonos", new AuditCommands(() -> kernel.admin), "audit");
        PowerCommands pc = new PowerCommands(ctx.sessions(), ctx.audit(), new Power() {
            @Override
            public void shutdown() {
                power.add("shutdown");
                screenAtPower.add(onScreen == null ? "" : onScreen.all());
            }

            @Override
            public void reboot() {
                power.add("reboot");
                screenAtPower.add(onScreen == null ? "" : onScreen.all());
            }
        });
        processor.addCommand("nonos", pc, "shutdown");
        processor.addCommand("nonos", pc, "reboot");
        return ctx;
    }

    private static CompletableFuture<ConsoleSession.End> start(ShellContext ctx, SessionHarness h) {
        CompletableFuture<ConsoleSession.End> f = new CompletableFuture<>();
        Thread t = new Thread(() -> f.complete(new ConsoleSession(ctx, h).run()), "session-under-test");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** The JSON document in a stretch of screen: from the first opening to the last closing bracket. */
    private static String jsonIn(String screen, char open, char close) {
        int a = screen.indexOf(open, screen.indexOf('\n'));
        int b = screen.lastIndexOf(close);
        if (a < 0 || b < a) {
            throw new AssertionError("no JSON in:\n" + screen);
        }
        return screen.substring(a, b + 1);
    }

    private static void withAdmin(ShellContext ctx) throws Exception {
        ctx.accounts().put(new Account("admin", Account.Role.ADMIN, ctx.hasher().hash("right-password".toCharArray())));
    }

    private static void login(SessionHarness h) throws Exception {
        h.await("login: ");
        h.type("admin\r");
        h.await("Password: ");
        h.type("right-password\r");
        h.await("admin@nonos> ");
    }

    @Test
    void firstBootThenCommandsThenLogout() throws Exception {
        ShellContext ctx = context(Duration.ZERO, null);
        SessionHarness h = new SessionHarness();
        onScreen = h;
        CompletableFuture<ConsoleSession.End> end = start(ctx, h);
        h.await("First boot");
        h.await("New admin password: ");
        h.type("first-try-1\r");
        h.await("Repeat the password: ");
        h.type("first-try-2\r");
        h.await("The passwords differ");
        h.await("New admin password: ");
        h.type("short\r");
        h.await("Repeat the password: ");
        h.type("short\r");
        h.await("Refused: password too short");
        h.type("the-admin-pw\r");
        h.await("Repeat the password: ");
        h.type("the-admin-pw\r");
        h.await("Admin password set");
        h.await("login: ");
        h.type("admin\r");
        h.await("Password: ");
        h.type("the-admin-pw\r");
        h.await("admin@nonos> ");

        h.type("sys memory\r");
        assertTrue(h.await("admin@nonos> ").contains("memory   heap "));
        h.type("sys --json threads\r");
        String out = h.await("admin@nonos> ");
        assertTrue(JSON.readTree(jsonIn(out, '{', '}')).get("live").asInt() > 0);
        h.type("no-such-command 1 2\r");
        String err = h.await("admin@nonos> ");
        assertTrue(err.contains("error: unknown command 'no-such-command'"), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        h.type("sys bogus\r");
        assertTrue(h.await("admin@nonos> ").contains("error: sys: unknown topic 'bogus'"));
        h.type("audit verify\r");
        assertTrue(h.await("admin@nonos> ").contains("audit chain intact"));
        h.type("audit --json tail 10\r");
        String tail = h.await("admin@nonos> ");
        JsonNode records = JSON.readTree(jsonIn(tail, '[', ']'));
        boolean found = false;
        for (JsonNode r : records) {
            found |= r.get("text").asText().equals("shell.command line=ttyS0 user=admin audit --json tail 10");
        }
        assertTrue(found, "the command is in the kernel's log before it runs: " + records);
        h.type("reboot\r");
        assertTrue(h.await("admin@nonos> ").contains("system is rebooting"));
        assertEquals(List.of("reboot"), power);
        // Said and flushed before the stop is asked for: the stop closes the session at once.
        assertTrue(screenAtPower.get(0).endsWith("system is rebooting\r\n") || screenAtPower.get(0).endsWith("system is rebooting\n"),
                "the line when the reboot was asked for: " + screenAtPower.get(0));
        h.type("logout\r");
        assertEquals(ConsoleSession.End.LOGOUT, end.get(10, TimeUnit.SECONDS));

        String log = kernel.shellLog();
        for (String kind : new String[] {"SETUP", "LOGIN", "COMMAND", "COMMAND_FAILED", "REBOOT", "LOGOUT"}) {
            assertTrue(log.contains("shell." + kind.toLowerCase(java.util.Locale.ROOT) + " line="), kind + " in\n" + log);
        }
        for (String secret : new String[] {"the-admin-pw", "first-try", "short"}) {
            assertFalse(log.contains(secret), "secret '" + secret + "' in the audit log");
        }
        assertFalse(h.all().contains("the-admin-pw"), "passwords are not echoed");
    }

    @Test
    void fiveFailuresLockTheLineWithAGrowingDelay() throws Exception {
        ShellContext ctx = context(Duration.ZERO, null);
        withAdmin(ctx);
        SessionHarness h = new SessionHarness();
        CompletableFuture<ConsoleSession.End> end = start(ctx, h);
        for (int i = 1; i <= 5; i++) {
            h.await("login: ");
            h.type("admin\r");
            h.await("Password: ");
            h.type("wrong-" + i + "\r");
            h.await("Login incorrect.");
        }
        h.await("the line is locked for 30 s.");
        h.await("Login locked after repeated failures; try again in 30 s.");
        h.await("login: ");
        h.type("admin\r");
        h.await("Password: ");
        h.type("wrong-6\r");
        h.await("the line is locked for 60 s.");
        h.await("login: ");
        h.type("admin\r");
        h.await("Password: ");
        h.type("right-password\r");
        h.await("admin@nonos> ");
        synchronized (slept) {
            // The lock waits are what is left of the lock after the pause that follows each failure.
            assertTrue(slept.stream().anyMatch(d -> d.toSeconds() == 29 || d.toSeconds() == 30), slept.toString());
            assertTrue(slept.stream().anyMatch(d -> d.toSeconds() == 59 || d.toSeconds() == 60), slept.toString());
        }
        h.type("\u0004");
        assertEquals(ConsoleSession.End.LOGOUT, end.get(10, TimeUnit.SECONDS));
        String log = kernel.shellLog();
        assertTrue(log.contains("shell.locked line=ttyS0") && log.contains("locked for 30 s"), log);
        assertFalse(log.contains("wrong-"), log);
    }

    @Test
    void aPasteStartWithoutItsEndDoesNotSwallowTheLine() throws Exception {
        ShellContext ctx = context(Duration.ZERO, null);
        withAdmin(ctx);
        SessionHarness h = new SessionHarness();
        CompletableFuture<ConsoleSession.End> end = start(ctx, h);
        login(h);
        h.type("\u001b[200~\r"); // a paste start, and never its end (ESC [201~)
        h.type("sys uptime\r");
        h.await("uptime   ");
        h.await("admin@nonos> ");
        h.type("logout\r");
        assertEquals(ConsoleSession.End.LOGOUT, end.get(30, TimeUnit.SECONDS));
    }

    @Test
    void garbageAndVeryLongLinesDoNotHurtTheShell() throws Exception {
        ShellContext ctx = context(Duration.ZERO, null);
        withAdmin(ctx);
        SessionHarness h = new SessionHarness();
        CompletableFuture<ConsoleSession.End> end = start(ctx, h);
        login(h);
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("garbage seed=" + seed);
        Random rnd = new Random(seed);
        byte[] junk = new byte[4096];
        rnd.nextBytes(junk);
        for (int i = 0; i < junk.length; i++) {
            // ^D on an empty line is a logout and ^C an interrupt: both are legitimate, not garbage.
            if (junk[i] == 4 || junk[i] == 3) {
                junk[i] = 'x';
            }
        }
        h.type(junk);
        // Enough line ends to leave any prefix or quoting state the junk may have started (^V, ^X, ESC).
        h.type("\r\r\rsys uptime\r");
        try {
            h.await("uptime   ");
        } catch (AssertionError e) {
            List<String> log = kernel.shellLog().lines().toList();
            for (String l : log.subList(Math.max(0, log.size() - 6), log.size())) {
                System.out.println("AUDIT " + l);
            }
            throw e;
        }
        long t0 = System.nanoTime();
        h.type("x".repeat(50_000) + "\r");
        h.await("error: line too long");
        System.out.println("50000-character line refused after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        h.type("{ unbalanced ( \" quote\r");
        h.await("error: unexpected");
        h.type("sys uptime\r");
        h.await("uptime   ");
        h.await("admin@nonos> ");
        h.type("logout\r");
        assertEquals(ConsoleSession.End.LOGOUT, end.get(30, TimeUnit.SECONDS), "seed=" + seed);
        // Whatever the junk redirected with '>' landed in the state directory, not in the working one.
        try (var files = Files.list(Path.of("").toAbsolutePath())) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.stream().allMatch(n -> n.equals("pom.xml") || n.equals("src") || n.equals("target")
                || n.equals("bnd.bnd") || n.startsWith(".")), "seed=" + seed + " wrote into the working directory: " + names);
        }
        // Errors are single lines: never a stack trace.
        assertFalse(h.all().contains("\tat ") || h.all().contains("\n\tat") || h.all().contains("Caused by"), "seed=" + seed);
    }

    @Test
    void hangupMidCommandEndsTheSessionAndIsAudited() throws Exception {
        ShellContext ctx = context(Duration.ZERO, null);
        withAdmin(ctx);
        SessionHarness h = new SessionHarness();
        CompletableFuture<ConsoleSession.End> end = start(ctx, h);
        login(h);
        h.type("sys thr");
        Thread.sleep(100);
        h.hangUp();
        assertEquals(ConsoleSession.End.HANGUP, end.get(10, TimeUnit.SECONDS));
        assertTrue(kernel.shellLog().contains("shell.hangup line="));
    }

    @Test
    void idleSessionsTimeOut() throws Exception {
        ShellContext ctx = context(Duration.ofSeconds(1), null);
        withAdmin(ctx);
        SessionHarness h = new SessionHarness();
        CompletableFuture<ConsoleSession.End> end = start(ctx, h);
        login(h);
        assertEquals(ConsoleSession.End.IDLE, end.get(10, TimeUnit.SECONDS));
        assertTrue(h.all().contains("idle for 1 s: session closed"));
        assertTrue(kernel.shellLog().contains("shell.idle_timeout line="));
    }

    @Test
    void passwordFileSetsTheAdminForUnattendedInstalls() throws Exception {
        Path pw = state.resolve("admin.pw");
        Files.writeString(pw, "unattended-pw\n");
        ShellContext ctx = context(Duration.ZERO, pw);
        assertTrue(ctx.accounts().find("admin").isPresent());
        SessionHarness h = new SessionHarness();
        CompletableFuture<ConsoleSession.End> end = start(ctx, h);
        h.await("login: ");
        assertFalse(h.all().contains("First boot"));
        h.type("admin\runattended-pw\r");
        h.await("admin@nonos> ");
        h.type("exit\r");
        assertEquals(ConsoleSession.End.LOGOUT, end.get(10, TimeUnit.SECONDS));
    }
}
