// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Converter;
import org.nonos.capability.Domain;
import org.nonos.capability.KernelAdmin;
import org.nonos.crypto.CryptoService;
import org.nonos.driver.serial.SerialLine;
import org.nonos.shell.internal.audit.AuditEvent;
import org.nonos.shell.internal.audit.AuditLog;
import org.nonos.shell.internal.audit.KernelAuditLog;
import org.nonos.shell.internal.commands.AuditCommands;
import org.nonos.shell.internal.commands.BundleConverter;
import org.nonos.shell.internal.commands.CapsCommands;
import org.nonos.shell.internal.commands.PowerCommands;
import org.nonos.shell.internal.commands.SysCommands;
import org.nonos.shell.internal.login.Account;
import org.nonos.shell.internal.login.AccountStore;
import org.nonos.shell.internal.login.Authenticator;
import org.nonos.shell.internal.login.Lockout;
import org.nonos.shell.internal.login.PasswordCrypto;
import org.nonos.shell.internal.login.PasswordFile;
import org.nonos.shell.internal.login.HeapTrim;
import org.nonos.shell.internal.login.PasswordHasher;
import org.nonos.shell.internal.login.SecretEquality;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The admin shell on the console line. Every login, failure and command is recorded in the kernel's
 * audit log through the shell's own domain (no record, no action). Activation only starts a thread:
 * opening the account file and the first-boot password file happen there, off the boot path. A setup that fails
 * (damaged account file, unusable state directory) is told on the line to whoever connects, in one
 * line, and nobody can log in until it is repaired: fail closed.
 */
@Component(immediate = true)
public final class ShellComponent {
    static final long JOIN_MS = 5000;

    @Reference(target = "(nonos.serial.role=console)")
    private SerialLine line;

    @Reference
    private CommandProcessor processor;

    /** This bundle's protection domain, when the capability API runs: kernel audit log, {@code caps}. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY)
    private volatile Domain domain;

    /**
     * The administrator's view of the kernel ({@code caps}, {@code audit}): a guarded service the
     * shell sees only while its domain holds the capability the capability API grants to the bundles
     * named in {@code org.nonos.capability.admin.bundles}.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY)
    private volatile KernelAdmin admin;

    /**
     * The crypto service, for passwords (Argon2id and salts). Optional and dynamic: the shell
     * answers the line before the service has finished its power-on self-test; a password check
     * waits for it ({@link PasswordCrypto#of(Supplier, Duration)}). Bound as service objects, so
     * that binding does not get the service: the crypto service is a delayed component whose
     * activation runs its self-test, and that must not run on the framework's start-level thread
     * while the shell activates. The service is got when the first password is set or checked.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY)
    private volatile ComponentServiceObjects<CryptoService> crypto;
    private final LazyService<CryptoService> cryptoService = new LazyService<>();

    /** How long setting or checking a password waits for the crypto service. */
    static final Duration CRYPTO_WAIT = Duration.ofSeconds(60);

    private final List<ServiceRegistration<?>> commands = new ArrayList<>();
    private ScheduledExecutorService timer;
    private volatile ConsoleLoop loop;
    private Thread thread;

    @Activate
    void activate(BundleContext context) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nonos-shell-timer");
            t.setDaemon(true);
            return t;
        });
        thread = new Thread(() -> start(context), "nonos-console");
        thread.setDaemon(true);
        thread.start();
    }

    @Deactivate
    void deactivate() {
        ConsoleLoop l = loop;
        if (l != null) {
            l.stop();
        }
        if (thread != null) {
            thread.interrupt();
            // Let the session end while this bundle's classes can still be loaded (a warm boot
            // invalidates the wiring right after deactivation).
            try {
                thread.join(JOIN_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ServiceRegistration<?> r : commands) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // Already gone with the bundle.
            }
        }
        commands.clear();
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void start(BundleContext context) {
        ShellContext ctx;
        try {
            ctx = setUp(context);
        } catch (IOException | RuntimeException e) {
            String msg = "nonos shell: cannot start: " + CommandErrors.clean(e.getMessage());
            System.err.println(msg);
            runLoop(new ConsoleLoop(line, endpoint -> () -> refuse(endpoint, msg)));
            return;
        }
        Sessions sessions = ctx.sessions();
        register(context, new SysCommands(context::getProperty), "sys");
        register(context, new AuditCommands(() -> admin), "audit");
        register(context, new PowerCommands(sessions, ctx.audit(), new FrameworkPower(context)), "shutdown", "reboot");
        register(context, new CapsCommands(() -> admin, sessions, ctx.audit()), "caps");
        commands.add(context.registerService(Converter.class, new BundleConverter(context), null));
        runLoop(new ConsoleLoop(line, endpoint -> () -> new ConsoleSession(ctx, endpoint).run()));
    }

    private void runLoop(ConsoleLoop l) {
        loop = l;
        if (!Thread.currentThread().isInterrupted()) {
            l.run();
        }
    }

    private void refuse(Endpoint e, String msg) {
        try {
            e.output().write(("\r\n" + msg + "\r\n").getBytes(StandardCharsets.UTF_8));
            Thread.sleep(ConsoleLoop.RETRY_MS * 5);
        } catch (IOException ex) {
            // Hung up.
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    ShellContext setUp(BundleContext context) throws IOException {
        ShellConfig config = ShellConfig.from(context::getProperty);
        return setUp(config, processor, line.name(), Clock.systemUTC(), Sleeper.REAL, timer, () -> domain,
                PasswordCrypto.of(() -> cryptoService.from(crypto), CRYPTO_WAIT));
    }

    /** Builds the shell's state from its configuration; also the entry point of tests. */
    static ShellContext setUp(ShellConfig config, CommandProcessor processor, String lineName, Clock clock,
                              Sleeper sleeper, ScheduledExecutorService timer, Supplier<Domain> kernel,
                              PasswordCrypto passwords) throws IOException {
        AccountStore accounts = AccountStore.open(config.stateDir());
        AuditLog audit = new KernelAuditLog(kernel);
        PasswordHasher hasher = new PasswordHasher(config.argon2(), passwords, SecretEquality.CONSTANT_TIME,
                HeapTrim.ofTheJvm());
        if (accounts.isEmpty() && config.passwordFile() != null) {
            char[] pw = PasswordFile.read(config.passwordFile());
            try {
                Account admin = new Account("admin", Account.Role.ADMIN, hasher.hash(pw));
                audit.append(new AuditEvent(lineName, "admin", AuditEvent.Kind.SETUP, "admin password set from the password file"));
                accounts.put(admin);
            } finally {
                Arrays.fill(pw, '\0');
            }
        }
        Lockout lockout = new Lockout(clock, config.lockoutBase(), config.lockoutMax());
        Authenticator auth = new Authenticator(accounts, hasher, lockout, audit, lineName);
        return new ShellContext(config, accounts, hasher, auth, audit, processor, new Sessions(), sleeper, timer, lineName);
    }

    private void register(BundleContext context, Object command, String... functions) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(CommandProcessor.COMMAND_SCOPE, "nonos");
        props.put(CommandProcessor.COMMAND_FUNCTION, functions);
        commands.add(context.registerService(command.getClass().getName(), command, props));
    }

}
