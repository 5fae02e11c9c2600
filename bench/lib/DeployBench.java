// SPDX-License-Identifier: Apache-2.0
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The harness of bench/deploy (see there). Run as a single-file program:
 * {@code java DeployBench.java --runs N --dist DIR --keys DIR --work DIR}.
 */
public final class DeployBench {
    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            a.put(argv[i].substring(2), argv[i + 1]);
        }
        int runs = Integer.parseInt(a.get("runs"));
        Path dist = Path.of(a.get("dist"));
        Path keys = Path.of(a.get("keys"));
        Path work = Path.of(a.get("work"));
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        Path staging = Files.createDirectories(work.resolve("staging"));
        Path state = work.resolve("state");

        // Distinct bundles, so that each deploy is a fresh install verified from scratch.
        System.err.println("bench/deploy: attesting " + runs + " driver bundles");
        List<Path> jars = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path plain = staging.resolve("plain-" + i + ".jar");
            Files.write(plain, bundle("bench.driver" + i, i));
            Path out = staging.resolve("bench-" + i + ".jar");
            run(List.of(dist.resolve("bin/nonos-sign").toString(), "attest", plain.toString(), "--keys",
                    keys.resolve("vendor").toString(), "--path", keys.resolve("vendor.path").toString(),
                    "--proving-key", keys.resolve("proving.key").toString(), "--out", out.toString(), "--quiet"));
            jars.add(out);
        }

        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/nonos").toString(), "--serial", "stdio", "--state",
                state.toString(), "--deploy", deploy.toString(), "--admin-password-file",
                work.resolve("admin-password").toString());
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.redirectOutput(work.resolve("stdout").toFile());
        pb.redirectError(work.resolve("stderr").toFile());
        Process nonos = pb.start();
        try {
            Path audit = state.resolve("audit.log");
            AuditTail tail = new AuditTail(audit);
            tail.await("deploy.watching", 120_000);
            Thread.sleep(2_000); // let the boot settle (JIT, lazy bundles)
            long[] outside = new long[runs];
            long[] inside = new long[runs];
            for (int i = 0; i < runs; i++) {
                Path staged = Files.copy(jars.get(i), deploy.resolve(".bench-" + i + ".jar.part"));
                String name = "bench-" + i + ".jar";
                long t0 = System.nanoTime();
                Files.move(staged, deploy.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                String line = tail.await("deploy.active%20" + name + "%20", 30_000);
                outside[i] = System.nanoTime() - t0;
                int ms = line.indexOf("ms=");
                inside[i] = Long.parseLong(line.substring(ms + 3).split("[ %]")[0]);
                System.err.printf("bench/deploy: %s active after %.1f ms (deployer: %d ms)%n", name, outside[i] / 1e6, inside[i]);
                Thread.sleep(200);
            }
            Arrays.sort(outside);
            Arrays.sort(inside);
            System.out.printf("RESULT deploy_to_active_median=%.1f ms%n", outside[runs / 2] / 1e6);
            System.out.printf("RESULT deploy_to_active_p90=%.1f ms%n", outside[(int) Math.min(runs - 1, Math.ceil(runs * 0.9) - 1)] / 1e6);
            System.out.printf("RESULT deploy_to_active_min=%.1f ms%n", outside[0] / 1e6);
            System.out.printf("RESULT deployer_event_to_active_median=%d ms%n", inside[runs / 2]);
        } finally {
            nonos.destroy();
            if (!nonos.waitFor(30, TimeUnit.SECONDS)) {
                nonos.destroyForcibly();
            }
        }
    }

    /** A bundle with no code: a manifest asking for read on the serial line, and a resource. */
    static byte[] bundle(String name, int i) throws IOException {
        Manifest m = new Manifest();
        Attributes at = m.getMainAttributes();
        at.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        at.putValue("Bundle-ManifestVersion", "2");
        at.putValue("Bundle-SymbolicName", name);
        at.putValue("Bundle-Version", "1.0." + i);
        at.putValue("NonOS-Capabilities", "device:serial;rights=read");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            jar.putNextEntry(new JarEntry("data/driver.bin"));
            byte[] data = new byte[32 * 1024];
            new java.util.Random(i).nextBytes(data);
            jar.write(data);
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
    }

    /** Follows the kernel's audit log file from where it last read. */
    static final class AuditTail {
        private final Path file;
        private long offset;
        private final StringBuilder pending = new StringBuilder();

        AuditTail(Path file) {
            this.file = file;
        }

        /** The first new line containing {@code text}; polls the file every 0.2 ms. */
        String await(String text, long timeoutMs) throws IOException, InterruptedException {
            long end = System.nanoTime() + timeoutMs * 1_000_000L;
            while (true) {
                if (Files.exists(file)) {
                    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                        long len = f.length();
                        if (len > offset) {
                            byte[] b = new byte[(int) (len - offset)];
                            f.seek(offset);
                            f.readFully(b);
                            offset = len;
                            pending.append(new String(b, StandardCharsets.UTF_8));
                        }
                    }
                    int nl;
                    while ((nl = pending.indexOf("\n")) >= 0) {
                        String line = pending.substring(0, nl);
                        pending.delete(0, nl + 1);
                        if (line.contains(text)) {
                            return line;
                        }
                    }
                }
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("no audit record with " + text + " within " + timeoutMs + " ms");
                }
                Thread.sleep(0, 200_000);
            }
        }
    }
}
