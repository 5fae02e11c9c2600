// SPDX-License-Identifier: Apache-2.0
package org.nonos.deploy.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.nonos.gate.Decision;
import org.nonos.gate.Gate;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * What hot deploy does with one jar of the deploy directory, once its content is complete
 * ({@link DeployWatcher} decides when): verify, then install, update or uninstall.
 *
 * <p>Read this first. The jar's bytes are read once; the gate verifies those bytes and the
 * framework installs those same bytes (from a stream), so the file can change in between without
 * an unverified revision reaching the framework. (The gate's hook checks the installed revision
 * again when it resolves; the digest cache makes that cheap.) The bundle's location is the jar's
 * {@code file:} URI, which is how a jar and its bundle find each other, across restarts too.
 * <ul>
 *   <li>new jar, accepted: install and start;</li>
 *   <li>changed jar, accepted: update in place (the bundle keeps its id, its domain, its data),
 *       then refresh that bundle alone;</li>
 *   <li>rejected (new or changed): the jar moves to {@code rejected/} with {@code <name>.reason};
 *       a bundle already running from an earlier accepted jar keeps running;</li>
 *   <li>removed jar: uninstall, then refresh.</li>
 * </ul>
 * Every step is one audit record ({@code deploy.*}).
 */
public final class Deployer {
    /** Subdirectory of the deploy directory for rejected jars and their reasons. */
    public static final String REJECTED = "rejected";
    private static final long REFRESH_TIMEOUT_MS = 30_000;

    private final BundleContext context;
    private final Gate gate;
    private final Path dir;
    private final Consumer<String> audit;

    public Deployer(BundleContext context, Gate gate, Path dir, Consumer<String> audit) {
        this.context = context;
        this.gate = gate;
        this.dir = dir;
        this.audit = audit;
    }

    public Path directory() {
        return dir;
    }

    /** Is this a file name hot deploy acts on? {@code *.jar}, not hidden (editors' and copiers' temporaries are). */
    public static boolean watched(Path name) {
        String n = name.getFileName().toString();
        return n.endsWith(".jar") && !n.startsWith(".");
    }

    /** The bundle installed from this jar, if any. */
    public Bundle bundleOf(Path jar) {
        return context.getBundle(location(jar));
    }

    static String location(Path jar) {
        return jar.toAbsolutePath().normalize().toUri().toString();
    }

    /**
     * A complete jar appeared or changed.
     *
     * @param jar the file in the deploy directory
     * @param bytes its whole content, read once
     * @param t0 {@link System#nanoTime()} when the first event about it arrived (for the audit record)
     */
    public void deploy(Path jar, byte[] bytes, long t0) {
        String name = jar.getFileName().toString();
        Decision d = gate.verify(bytes);
        Bundle existing = bundleOf(jar);
        if (!d.accepted()) {
            audit.accept("deploy.rejected " + name + " digest=" + nonEmpty(d.digest()) + " reason=" + d.reason()
                    + " detail=" + d.detail() + (existing != null ? " (bundle " + existing.getBundleId() + " keeps running)" : ""));
            reject(jar, d);
            return;
        }
        try {
            Bundle b;
            if (existing == null) {
                b = context.installBundle(location(jar), new ByteArrayInputStream(bytes));
                audit.accept("deploy.installed " + name + " bundle=" + b.getBundleId() + " " + b.getSymbolicName()
                        + " digest=" + d.digest());
            } else {
                b = existing;
                b.update(new ByteArrayInputStream(bytes));
                refresh(List.of(b));
                audit.accept("deploy.updated " + name + " bundle=" + b.getBundleId() + " " + b.getSymbolicName()
                        + " digest=" + d.digest());
            }
            if (b.getHeaders().get(org.osgi.framework.Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
            audit.accept("deploy.active " + name + " bundle=" + b.getBundleId() + " ms="
                    + (System.nanoTime() - t0) / 1_000_000);
        } catch (BundleException | IllegalStateException | SecurityException e) {
            audit.accept("deploy.failed " + name + " digest=" + d.digest() + " error=" + e.getMessage());
        }
    }

    /** The jar is gone from the deploy directory: uninstall its bundle. */
    public void undeploy(Path jar) {
        Bundle b = bundleOf(jar);
        if (b == null) {
            return;
        }
        String name = jar.getFileName().toString();
        try {
            b.uninstall();
            refresh(List.of(b));
            audit.accept("deploy.removed " + name + " bundle=" + b.getBundleId());
        } catch (BundleException | IllegalStateException e) {
            audit.accept("deploy.failed " + name + " uninstall error=" + e.getMessage());
        }
    }

    /** A jar that will never be a complete jar (no end of central directory after it settled). */
    public void incomplete(Path jar, String why) {
        audit.accept("deploy.rejected " + jar.getFileName() + " digest=none reason=MALFORMED_JAR detail=" + why);
        reject(jar, null, "MALFORMED_JAR", why);
    }

    /**
     * At start: bundles installed from this directory whose jar is gone are uninstalled (the
     * framework cache outlived them). Jars present are handed to the watcher by the caller.
     */
    public void removeOrphans() {
        String prefix = dir.toAbsolutePath().normalize().toUri().toString();
        for (Bundle b : context.getBundles()) {
            String loc = b.getLocation();
            if (loc.startsWith(prefix) && !loc.substring(prefix.length()).contains("/")) {
                Path jar = dir.resolve(loc.substring(prefix.length()));
                if (!Files.exists(jar)) {
                    undeploy(jar);
                }
            }
        }
    }

    /** The jars now in the directory. */
    public List<Path> jars() throws IOException {
        List<Path> out = new java.util.ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (watched(p) && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private void reject(Path jar, Decision d) {
        reject(jar, d, d.reason(), d.detail());
    }

    private void reject(Path jar, Decision d, String reason, String detail) {
        Path rejected = dir.resolve(REJECTED);
        String name = jar.getFileName().toString();
        StringBuilder why = new StringBuilder();
        why.append("reason: ").append(reason).append('\n');
        why.append("detail: ").append(detail).append('\n');
        why.append("digest: ").append(d == null ? "none" : nonEmpty(d.digest())).append('\n');
        if (d != null && !d.symbolicName().isEmpty()) {
            why.append("bundle: ").append(d.symbolicName()).append('\n');
        }
        try {
            Files.createDirectories(rejected);
            // The reason first: whoever sees the jar in rejected/ finds its reason beside it.
            Files.writeString(rejected.resolve(name + ".reason"), why, StandardCharsets.UTF_8);
            try {
                Files.move(jar, rejected.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(jar, rejected.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            audit.accept("deploy.failed " + name + " cannot move to rejected/: " + e.getMessage());
        }
    }

    /** Refreshes and waits for the framework to finish (PACKAGES_REFRESHED). */
    private void refresh(List<Bundle> bundles) {
        FrameworkWiring fw = context.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        fw.refreshBundles(bundles, e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        try {
            if (!done.await(REFRESH_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                audit.accept("deploy.failed refresh did not finish in " + REFRESH_TIMEOUT_MS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String nonEmpty(String s) {
        return s.isEmpty() ? "none" : s;
    }
}
