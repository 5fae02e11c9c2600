// SPDX-License-Identifier: Apache-2.0
package org.nonos.deploy.internal;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.osgi.framework.Bundle;

/**
 * Watches the deploy directory with the JDK's {@link WatchService} (inotify on Linux: the thread
 * sleeps in the kernel until something changes; nothing polls the directory) and hands each jar
 * to the {@link Deployer} once it is complete.
 *
 * <p>Read this first: when is a jar complete? A copier writes a file in several steps, and inotify
 * reports each. A jar is taken when (1) no event about it came for {@link #settleMs} and (2) it
 * opens as a zip, which needs its end-of-central-directory record, the last bytes a writer
 * writes; and its size did not change while it was read. A file renamed into the directory
 * (the atomic way) passes at once. A file that stays incomplete for {@code incompleteMs} after its
 * last event is rejected as malformed. Everything runs on this one thread, so the deployer's
 * actions never overlap.
 */
public final class DeployWatcher implements Runnable, AutoCloseable {
    /** Default: a file that is still not a whole jar this long after its last event is rejected. */
    static final long INCOMPLETE_MS = 5_000;

    /** One jar with events not yet acted on. */
    private final class Pending {
        final long firstNs;
        long lastEventNs;
        long checkNs;

        Pending(long now) {
            firstNs = now;
            event(now);
        }

        void event(long now) {
            lastEventNs = now;
            checkNs = now + TimeUnit.MILLISECONDS.toNanos(settleMs);
        }
    }

    private final Deployer deployer;
    private final long settleMs;
    private final long incompleteMs;
    private final WatchService watch;
    private final Map<Path, Pending> pending = new LinkedHashMap<>();
    private final Set<Path> movedAway = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Registers the directory (created if missing) and takes up the jars already in it.
     *
     * @param settleMs quiet time after the last event before a jar is examined
     * @param incompleteMs how long after its last event a file that is not a whole jar is rejected
     */
    public DeployWatcher(Deployer deployer, long settleMs, long incompleteMs) throws IOException {
        this.deployer = deployer;
        this.settleMs = settleMs;
        this.incompleteMs = incompleteMs;
        Path dir = deployer.directory();
        Files.createDirectories(dir);
        this.watch = dir.getFileSystem().newWatchService();
        dir.register(watch, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        this.thread = new Thread(this, "nonos-deploy");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    @Override
    public void run() {
        try {
            deployer.removeOrphans();
            initialScan();
            while (!closed) {
                WatchKey key = pending.isEmpty() ? watch.take() : watch.poll(nextDueMs(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    collect(key);
                }
                actOnSettled();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the bundle is stopping
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                System.err.println("nonos: deploy: watcher stopped: " + e);
            }
        }
    }

    private void initialScan() throws IOException {
        long now = System.nanoTime();
        for (Path jar : deployer.jars()) {
            Bundle b = deployer.bundleOf(jar);
            if (b != null && Files.getLastModifiedTime(jar).toMillis() <= b.getLastModified()) {
                continue; // installed from this very file already
            }
            pending.put(jar, new Pending(now - TimeUnit.MILLISECONDS.toNanos(settleMs)));
        }
    }

    private void collect(WatchKey key) throws IOException {
        Path dir = deployer.directory();
        long now = System.nanoTime();
        for (WatchEvent<?> ev : key.pollEvents()) {
            if (ev.kind() == OVERFLOW) {
                // The kernel's queue overflowed: every jar is looked at again, and gone ones uninstalled.
                deployer.removeOrphans();
                for (Path jar : deployer.jars()) {
                    pending.computeIfAbsent(jar, p -> new Pending(now)).event(now);
                }
                continue;
            }
            Path name = (Path) ev.context();
            if (!Deployer.watched(name)) {
                continue;
            }
            Path jar = dir.resolve(name);
            if (ev.kind() == ENTRY_DELETE && movedAway.remove(jar)) {
                continue; // our own move to rejected/
            }
            pending.computeIfAbsent(jar, p -> new Pending(now)).event(now);
        }
        if (!key.reset()) {
            throw new IOException("the deploy directory " + dir + " is no longer watchable (removed?)");
        }
    }

    private long nextDueMs() {
        long now = System.nanoTime();
        long due = Long.MAX_VALUE;
        for (Pending p : pending.values()) {
            due = Math.min(due, p.checkNs - now);
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(due) + 1);
    }

    private void actOnSettled() throws IOException {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Path, Pending>> it = pending.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Path, Pending> e = it.next();
            Path jar = e.getKey();
            Pending p = e.getValue();
            if (now < p.checkNs) {
                continue;
            }
            if (!Files.exists(jar)) {
                it.remove();
                deployer.undeploy(jar);
                continue;
            }
            if (!Files.isRegularFile(jar)) {
                it.remove();
                continue;
            }
            byte[] bytes = completeJar(jar);
            if (bytes != null) {
                it.remove();
                deploy(jar, bytes, p.firstNs);
            } else if (now - p.lastEventNs > TimeUnit.MILLISECONDS.toNanos(incompleteMs)) {
                it.remove();
                movedAway.add(jar);
                deployer.incomplete(jar, "not a complete jar " + incompleteMs + " ms after it was last written");
            } else {
                // Not complete yet: look again when the writer's next event comes, or at the deadline.
                p.checkNs = now + TimeUnit.MILLISECONDS.toNanos(incompleteMs) / 8;
            }
        }
    }

    private void deploy(Path jar, byte[] bytes, long t0) {
        movedAway.add(jar); // in case the deployer rejects it and moves it away
        deployer.deploy(jar, bytes, t0);
        if (Files.exists(jar)) {
            movedAway.remove(jar);
        }
    }

    /** The jar's bytes when it is a complete zip that did not change while read; else null. */
    static byte[] completeJar(Path jar) throws IOException {
        long before;
        try {
            before = Files.size(jar);
            try (ZipFile z = new ZipFile(jar.toFile())) {
                z.size(); // opening needs the end-of-central-directory record
            }
            byte[] bytes = Files.readAllBytes(jar);
            return bytes.length == before && Files.size(jar) == before ? bytes : null;
        } catch (ZipException e) {
            return null;
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watch.close();
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
