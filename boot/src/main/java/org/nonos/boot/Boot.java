// SPDX-License-Identifier: Apache-2.0
package org.nonos.boot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;

/**
 * The entry point the {@code nonos} launcher calls through JNI once the JVM is up: starts the
 * Felix framework with the boot bundles of {@code system/} and waits until it stops.
 *
 * <p>Read this first. {@link #run} is the whole life of the system inside the JVM:
 * <ol>
 *   <li>build the framework properties ({@link BootProperties});</li>
 *   <li>init Felix, bring the installed bundles in step with system/ ({@link SystemBundles}),
 *       start the framework, and write the "framework started" line on the serial line;</li>
 *   <li>wait for the framework to stop. A stop with {@code STOPPED_UPDATE} (the system bundle
 *       was updated: the shell's {@code reboot}) is a warm boot: Felix restarts the same
 *       framework in the same JVM and kernel process, and the loop waits again. Any other stop
 *       ends the loop.</li>
 * </ol>
 * The launcher's signal thread calls {@link #requestStop} on SIGTERM/SIGINT.
 *
 * <p>Exit codes returned to the launcher: {@link #EXIT_OK} after a clean stop,
 * {@link #EXIT_FRAMEWORK} when the framework could not start or stopped on an error.
 */
public final class Boot {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FRAMEWORK = 5;

    /** Launcher property: set to "native" when {@link LauncherNatives} are bound. */
    static final String LAUNCHER = "nonos.launcher";
    /** Launcher property: CLOCK_MONOTONIC nanoseconds at the exec of {@code nonos}. */
    static final String T0_NS = "nonos.boot.t0.ns";
    /** Property: boot bundles installed as libraries but not started (symbolic names, comma separated). */
    static final String INSTALL_ONLY = "nonos.boot.install.only";
    /**
     * Property: boot bundles started at start level 1, before all others (symbolic names, comma
     * separated): the activation gate and what it needs (docs/gate.md "When the gate starts").
     */
    static final String EARLY = "nonos.boot.early";
    /** The line that tells a watcher of the serial line that the framework is up. */
    public static final String STARTED_MARKER = "nonos: framework started";

    private static final long RESTART_TIMEOUT_NS = 120_000_000_000L;
    private static final long STOP_AFTER_FAILURE_MS = 10_000L;
    private static final Object LOCK = new Object();
    private static Felix current;
    private static boolean stopRequested;
    private static volatile int warmBoots;

    private Boot() {
    }

    /**
     * Boots and runs the framework until it stops for good.
     *
     * @param launcherArgs {@code key=value} framework properties from the launcher
     * @return {@link #EXIT_OK} or {@link #EXIT_FRAMEWORK}
     */
    public static int run(String[] launcherArgs) {
        try {
            Map<String, String> props = BootProperties.load(launcherArgs);
            Felix felix = startFramework(props, t0(props));
            FrameworkEvent end;
            while (true) {
                end = felix.waitForStop(0);
                if (end.getType() != FrameworkEvent.STOPPED_UPDATE || stopWasRequested()) {
                    break;
                }
                // Warm boot: Felix restarts this same framework after an update of the system
                // bundle (OSGi Core R8 §4.6.5, Framework.update); the cache and its bundles stay.
                long since = System.nanoTime();
                warmBoots++;
                console("nonos: warm boot " + warmBoots);
                if (!awaitRestart(felix)) {
                    report("warm boot failed: the framework did not come back", null);
                    return EXIT_FRAMEWORK;
                }
                if (stopWasRequested()) {
                    felix.stop(); // a stop that came while the framework was down for the restart
                } else {
                    // Felix comes back at the beginning start level: the gate's check again, then the rest.
                    try {
                        GateCheck.raiseWhenGuarded(felix, props);
                    } catch (BundleException e) {
                        report("warm boot failed", e);
                        return EXIT_FRAMEWORK;
                    }
                    console(STARTED_MARKER + " in " + (System.nanoTime() - since) / 1_000_000L + " ms (warm boot)");
                }
            }
            synchronized (LOCK) {
                current = null;
            }
            if (end.getType() == FrameworkEvent.ERROR) {
                report("framework stopped on an error", end.getThrowable());
                return EXIT_FRAMEWORK;
            }
            return EXIT_OK;
        } catch (BundleException e) {
            report("framework stop failed", e);
            return EXIT_FRAMEWORK;
        } catch (BootException e) {
            if (stopWasRequested()) {
                // A stop during the boot (SIGTERM while bundles install) is a stop, not a failure.
                return EXIT_OK;
            }
            report("boot failed", e);
            return EXIT_FRAMEWORK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report("boot interrupted", e);
            return EXIT_FRAMEWORK;
        } catch (RuntimeException | LinkageError e) {
            if (stopWasRequested()) {
                // SIGTERM while bundles start: Felix tears bundle contexts down under the boot
                // (e.g. "Invalid BundleContext"). A stop that was asked for is a stop.
                return EXIT_OK;
            }
            report("framework failed", e);
            return EXIT_FRAMEWORK;
        }
    }

    /** Asks the running framework to stop for good (no warm boot). Safe from any thread. */
    public static void requestStop() {
        Felix f;
        synchronized (LOCK) {
            stopRequested = true;
            f = current;
        }
        if (f != null) {
            try {
                f.stop();
            } catch (BundleException e) {
                report("framework stop failed", e);
            }
        }
    }

    private static boolean stopWasRequested() {
        synchronized (LOCK) {
            return stopRequested;
        }
    }

    /** Forgets an earlier stop request, so that one JVM can run several boots (tests). */
    static void clearStopRequest() {
        synchronized (LOCK) {
            stopRequested = false;
        }
    }

    /** The running framework, or null (tests). */
    static Felix currentForTest() {
        synchronized (LOCK) {
            return current;
        }
    }

    /** How many warm boots this process has done. */
    public static int warmBoots() {
        return warmBoots;
    }

    /** Waits (bounded) until the restarting framework is active again, or stopping for good. */
    private static boolean awaitRestart(Felix felix) throws InterruptedException {
        long deadline = System.nanoTime() + RESTART_TIMEOUT_NS;
        while (System.nanoTime() < deadline) {
            int state = felix.getState();
            if (state == Bundle.ACTIVE || stopWasRequested()) {
                return true;
            }
            Thread.sleep(2);
        }
        return false;
    }

    /** The launcher's exec time ({@value #T0_NS}), or now when it is not given. */
    private static long t0(Map<String, String> props) throws BootException {
        String t0 = props.get(T0_NS);
        if (t0 == null || t0.isEmpty()) {
            return System.nanoTime();
        }
        try {
            return Long.parseLong(t0);
        } catch (NumberFormatException e) {
            throw new BootException(T0_NS + " is not a number: " + t0, e);
        }
    }

    private static Felix startFramework(Map<String, String> props, long since) throws BootException {
        trace(props, "boot class entered");
        if (nativeLauncher() && warmBoots == 0) {
            FfiWarmUp.start();
            ClassArchive.dropIfUnmapped(props.get(ClassArchive.PROPERTY));
        }
        Map<String, Object> config = new HashMap<>(props);
        config.put("felix.log.logger", new ConsoleLogger());
        Felix felix = new Felix(config);
        List<Bundle> bundles;
        try {
            felix.init();
            trace(props, "framework initialised");
            synchronized (LOCK) {
                current = felix;
                if (stopRequested) {
                    felix.stop();
                    return felix;
                }
            }
            traceEvents(felix, props);
            bundles = SystemBundles.sync(felix.getBundleContext(), Path.of(props.get(BootProperties.SYSTEM_DIR)),
                    names(props, INSTALL_ONLY), names(props, EARLY));
            trace(props, "boot bundles installed");
            SystemBundles.resolveEarly(felix.getBundleContext(), bundles, names(props, EARLY));
            trace(props, "early bundles resolved");
            felix.start();
            trace(props, "start level 1 active (the gate and what it needs)");
            GateCheck.raiseWhenGuarded(felix, props);
            trace(props, "guarded: start level 2 requested");
        } catch (BundleException e) {
            stopAfterFailedStart(felix);
            throw new BootException("framework failed to start: " + e.getMessage(), e);
        } catch (BootException | RuntimeException | LinkageError e) {
            stopAfterFailedStart(felix);
            throw e;
        }
        long ms = (System.nanoTime() - since) / 1_000_000L;
        console(STARTED_MARKER + " in " + ms + " ms (" + bundles.size() + " boot bundles)");
        return felix;
    }

    /**
     * Stops a framework whose boot failed after {@code init}: its threads (event dispatch, start
     * level, resolver) would otherwise keep the JVM from ending, and the launcher would wait for them
     * until its timeout. Bounded; a framework that does not stop in time is left to the launcher.
     */
    private static void stopAfterFailedStart(Felix felix) {
        synchronized (LOCK) {
            if (current == felix) {
                current = null;
            }
        }
        try {
            felix.stop();
            felix.waitForStop(STOP_AFTER_FAILURE_MS);
        } catch (BundleException | RuntimeException e) {
            report("framework stop after the failed boot failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** With nonos.boot.trace=true (NONOS_BOOT_TRACE=1 for the launcher): phase times on stderr. */
    private static void trace(Map<String, String> props, String what) {
        String t0 = props.get(T0_NS);
        if ("true".equals(props.get("nonos.boot.trace")) && t0 != null) {
            // Not printf: its first use loads the locale's number formats, which the trace would time.
            long tenths = (System.nanoTime() - Long.parseLong(t0)) / 100_000L;
            System.err.println("nonos: trace: " + tenths / 10 + "." + tenths % 10 + " ms " + what);
        }
    }

    /**
     * Under trace: the time each bundle starts and each service is registered, so that a slow
     * activator or component shows up by name.
     */
    private static void traceEvents(Felix felix, Map<String, String> props) {
        if (!"true".equals(props.get("nonos.boot.trace"))) {
            return;
        }
        felix.getBundleContext().addBundleListener((org.osgi.framework.SynchronousBundleListener) e -> {
            if (e.getType() == org.osgi.framework.BundleEvent.STARTING
                    || e.getType() == org.osgi.framework.BundleEvent.STARTED) {
                trace(props, (e.getType() == org.osgi.framework.BundleEvent.STARTING ? "starting " : "started ")
                        + e.getBundle().getSymbolicName() + " [" + Thread.currentThread().getName() + "]");
            }
        });
        felix.getBundleContext().addServiceListener(e -> {
            if (e.getType() == org.osgi.framework.ServiceEvent.REGISTERED) {
                trace(props, "service " + String.join(",", (String[]) e.getServiceReference().getProperty("objectClass"))
                        + " [" + Thread.currentThread().getName() + "]");
            }
        });
    }

    /** Symbolic names listed in {@value #INSTALL_ONLY}, comma separated. */
    static Set<String> installOnly(Map<String, String> props) {
        return names(props, INSTALL_ONLY);
    }

    /** Symbolic names listed in property {@code key}, comma separated. */
    static Set<String> names(Map<String, String> props, String key) {
        String v = props.getOrDefault(key, "");
        Set<String> out = new HashSet<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static boolean nativeLauncher() {
        return "native".equals(System.getProperty(LAUNCHER));
    }

    /** A line for the administrator: on the serial line under the launcher, else on stdout. */
    static void console(String line) {
        if (nativeLauncher()) {
            LauncherNatives.serialWrite((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        } else {
            System.out.println(line);
        }
    }

    /** One clear line on the launcher's standard error, then each cause on its own line. */
    static void report(String what, Throwable t) {
        StringBuilder sb = new StringBuilder("nonos: ").append(what);
        if (t != null) {
            sb.append(": ").append(t.getMessage() == null ? t.getClass().getName() : t.getMessage());
            for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                sb.append(System.lineSeparator()).append("nonos:   caused by: ").append(c);
            }
        }
        System.err.println(sb);
        System.err.flush();
    }
}
