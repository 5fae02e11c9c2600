// SPDX-License-Identifier: Apache-2.0
package org.nonos.boot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Keeps the framework's installed bundles in step with the boot bundles of {@code system/}.
 *
 * <p>Bundles are installed by reference ({@code reference:file:...}) so the framework reads them
 * in place instead of copying them into its cache: on a warm cache nothing is written at boot.
 * A jar that changed since the last boot (size or modification time) is updated; a bundle that
 * was installed from {@code system/} but whose jar is gone is uninstalled, and so is one installed
 * from the {@code system/} of an earlier boot that lay elsewhere ({@link BootBundleRecord}). Bundles
 * installed from anywhere else (hot deploy, the shell) are left alone.
 */
public final class SystemBundles {
    /** Jars of system/ that are not bundles to install: the framework itself is on the class path. */
    private static final String FRAMEWORK_PREFIX = "org.apache.felix.framework";

    private SystemBundles() {
    }

    /** The boot bundle jars of {@code dir}, sorted by file name (the start order). */
    public static List<Path> jars(Path dir) throws BootException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path p : ds) {
                if (!p.getFileName().toString().startsWith(FRAMEWORK_PREFIX)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new BootException("cannot list the boot bundles in " + dir + ": " + e.getMessage(), e);
        }
        out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return out;
    }

    /**
     * Installs, updates and uninstalls so that the bundles from {@code dir} are exactly its jars,
     * then marks every one that is not a fragment, and not named in {@code installOnly} (symbolic
     * names of bundles that serve only as libraries), for start. Call it while the framework is in
     * STARTING state: the bundles activate when the framework starts.
     *
     * @return the bundles of system/, in start order
     */
    public static List<Bundle> sync(BundleContext ctx, Path dir, Set<String> installOnly) throws BootException {
        return sync(ctx, dir, installOnly, Set.of());
    }

    /** Start level of the bundles named in {@code early}: the gate and what it needs (docs/gate.md). */
    public static final int EARLY_START_LEVEL = 1;
    /** Start level of every other boot bundle: they resolve after the gate's hook is registered. */
    public static final int BOOT_START_LEVEL = 2;

    /**
     * As {@link #sync(BundleContext, Path, Set)}, and puts the bundles whose symbolic names are in
     * {@code early} at start level {@value #EARLY_START_LEVEL}, every other boot bundle at
     * {@value #BOOT_START_LEVEL}: the framework activates (and so resolves) a level completely
     * before it moves to the next, so the activation gate's resolver hook is registered before
     * any bundle of the later level resolves. With {@code early} empty every bundle keeps the
     * framework's default level.
     */
    public static List<Bundle> sync(BundleContext ctx, Path dir, Set<String> installOnly, Set<String> early)
            throws BootException {
        List<Path> jars = jars(dir);
        String prefix = location(dir.resolve("x")).replaceFirst("x$", "");
        BootBundleRecord record = BootBundleRecord.of(ctx);
        Set<String> wanted = new HashSet<>();
        for (Path jar : jars) {
            wanted.add(location(jar));
        }
        // Boot bundles of this system/ and of an earlier one (the distribution moved, or a new version
        // was unpacked beside the old one with the same state directory). Those no longer wanted go
        // first: a jar of the new place has the same symbolic name and version as its old copy, and
        // the framework refuses to install a second bundle with both the same.
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle b : ctx.getBundles()) {
            String loc = b.getLocation();
            if (b.getBundleId() == 0 || !(loc.startsWith(prefix) || record.isBootBundle(loc))) {
                continue;
            }
            if (wanted.contains(loc)) {
                installed.put(loc, b);
                continue;
            }
            try {
                b.uninstall();
            } catch (BundleException e) {
                throw new BootException("cannot uninstall removed boot bundle " + loc + ": " + e.getMessage(), e);
            }
        }
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            String loc = location(jar);
            Bundle b = installed.remove(loc);
            try {
                if (b == null) {
                    b = ctx.installBundle(loc);
                } else if (b.getLastModified() < Files.getLastModifiedTime(jar).toMillis()) {
                    b.update();
                }
            } catch (BundleException | IOException | SecurityException e) {
                throw new BootException("cannot install boot bundle " + jar.getFileName() + ": "
                        + e.getMessage(), e);
            }
            bundles.add(b);
        }
        record.write(wanted);
        if (!early.isEmpty()) {
            for (Bundle b : bundles) {
                b.adapt(BundleStartLevel.class).setStartLevel(early.contains(b.getSymbolicName())
                        ? EARLY_START_LEVEL : BOOT_START_LEVEL);
            }
        }
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null && !installOnly.contains(b.getSymbolicName())) {
                try {
                    b.start();
                } catch (BundleException e) {
                    throw new BootException("cannot start boot bundle " + b.getSymbolicName() + ": "
                            + e.getMessage(), e);
                }
            }
        }
        return bundles;
    }

    /**
     * Resolves the bundles named in {@code early} together, in one pass of the resolver, before the
     * framework starts them: started one by one, each is resolved in a pass of its own (about 20 ms
     * more in a boot, medians of 15 alternating boots). The other boot bundles stay unresolved until
     * their start level, after the activation gate's resolver hook is in place. A bundle that does not
     * resolve here is reported when the framework starts it.
     */
    public static void resolveEarly(BundleContext ctx, List<Bundle> bundles, Set<String> early) {
        List<Bundle> first = bundles.stream().filter(b -> early.contains(b.getSymbolicName())).toList();
        if (!first.isEmpty()) {
            ctx.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class).resolveBundles(first);
        }
    }

    static String location(Path jar) {
        return "reference:" + jar.toAbsolutePath().normalize().toUri();
    }
}
