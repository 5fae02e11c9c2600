// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.nonos.itests.driver.PingDriver;

/**
 * The test driver bundle, built from this module's test classes, and attested the way a vendor
 * does it: with {@code nonos-sign attest} run from the distribution's own jars, the development
 * vendor's keys and path that the distribution build left in {@code distribution/target/dev-keys}.
 */
final class DriverJars {
    private DriverJars() {
    }

    static Path devKeys() {
        Path d = Nonos.home().getParent().resolve("dev-keys");
        if (!Files.isDirectory(d)) {
            throw new AssertionError("the distribution build did not leave its development keys in " + d);
        }
        return d;
    }

    /** The ping driver as a bundle jar, requesting read on the serial line. */
    static byte[] pingDriver(String version) throws IOException, URISyntaxException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "test.ping.driver");
        a.putValue("Bundle-Version", version);
        a.putValue("Bundle-Activator", PingDriver.class.getName());
        a.putValue("Import-Package", "org.osgi.framework");
        a.putValue("NonOS-Capabilities", "device:serial;rights=read");
        Path classes = Path.of(PingDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String pkg = PingDriver.class.getPackageName().replace('.', '/');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            jar.putNextEntry(new JarEntry(pkg + "/PingDriver.class"));
            jar.write(Files.readAllBytes(classes.resolve(pkg).resolve("PingDriver.class")));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("README.txt"));
            jar.write(("test driver " + version + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    /**
     * A bundle of one activator class of this module's test classes, with the given imports and
     * {@code NonOS-Capabilities} header.
     */
    static byte[] bundle(String symbolicName, Class<?> activator, String imports, String capabilities)
            throws IOException, URISyntaxException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", activator.getName());
        a.putValue("Import-Package", imports);
        a.putValue("NonOS-Capabilities", capabilities);
        Path classes = Path.of(activator.getProtectionDomain().getCodeSource().getLocation().toURI());
        String file = activator.getName().replace('.', '/') + ".class";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            jar.putNextEntry(new JarEntry(file));
            jar.write(Files.readAllBytes(classes.resolve(file)));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Runs {@code nonos-sign attest} with the development vendor: its exit code and output. */
    static Attested tryAttest(Path in, Path out) throws IOException, InterruptedException {
        Path keys = devKeys();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), "org.nonos.attestation.internal.tools.NonosSign", "attest", in.toString(),
                "--keys", keys.resolve("vendor").toString(), "--path", keys.resolve("vendor.path").toString(),
                "--proving-key", keys.resolve("proving.key").toString(), "--out", out.toString(), "--quiet"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("nonos-sign attest did not finish: " + output);
        }
        return new Attested(p.exitValue(), output);
    }

    /** Runs a tool of the distribution ({@code NonosRegistry}, {@code NonosSign}) and returns its output; it must succeed. */
    static String tool(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), "org.nonos.attestation.internal.tools." + tool));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(tool + " " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    /** What {@code nonos-sign attest} said. */
    record Attested(int exit, String output) {
    }

    /** Attests {@code in} into {@code out} with the development vendor, through the nonos-sign tool. */
    static void attest(Path in, Path out) throws IOException, InterruptedException {
        Path keys = devKeys();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), "org.nonos.attestation.internal.tools.NonosSign", "attest", in.toString(),
                "--keys", keys.resolve("vendor").toString(), "--path", keys.resolve("vendor.path").toString(),
                "--proving-key", keys.resolve("proving.key").toString(), "--out", out.toString(), "--quiet"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("nonos-sign attest failed: " + output);
        }
    }

    /** The attestation tools' class path, as bin/nonos-sign and bin/nonos-registry have it: lib/tools/. */
    private static String classPath() throws IOException {
        List<String> jars = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Nonos.home().resolve("lib/tools"), "*.jar")) {
            ds.forEach(p -> jars.add(p.toString()));
        }
        jars.sort(null);
        return String.join(":", jars);
    }

    /** The same jar with one byte of one entry's content changed (the attestation left as it was). */
    /** Drops a jar into deploy/ the way an operator should: written beside, renamed into place. */
    static void drop(Path deploy, String name, byte[] jar) throws IOException {
        Path part = java.nio.file.Files.write(deploy.resolve("." + name + ".part"), jar);
        java.nio.file.Files.move(part, deploy.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static byte[] tampered(byte[] jar) throws IOException {
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(jar))) {
            java.util.zip.ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        byte[] readme = entries.get("README.txt");
        readme[0] ^= 0x20;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
            for (java.util.Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
