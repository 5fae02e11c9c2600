// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * Loads blst once per class loader.
 *
 * <p>Where the library comes from, first match wins:
 * <ol>
 *   <li>the system property {@code nonos.blst.lib}: an absolute path to a libblst shared
 *       library (for distributions that ship blst themselves);</li>
 *   <li>the resource {@code supranational/blst/<OS>/<arch>/libblst.so} (the layout of the
 *       {@code tech.pegasys:jblst} jar). The bundle embeds those resources (bnd
 *       {@code -includeresource}, see bnd.bnd), so the same lookup works on a plain class path
 *       and inside an OSGi framework, where it resolves against this bundle's own content.
 *       The resource is copied into a fresh directory only its owner can read (under
 *       {@code nonos.blst.dir} when set, e.g. the bundle's data area, else the system temporary
 *       directory), the copy is hashed and compared with the resource before it is loaded,
 *       and it is loaded by absolute path.</li>
 * </ol>
 * jnr-ffi, not {@code System.loadLibrary}, opens the library, so no JNI class-loader binding
 * is involved and several bundles may each load their own copy.
 */
public final class BlstLibrary {
    private static volatile Blst instance;
    private static volatile Runtime runtime;

    private BlstLibrary() {}

    /** The bound library; loads it on first use. */
    public static Blst get() {
        Blst b = instance;
        if (b == null) {
            synchronized (BlstLibrary.class) {
                b = instance;
                if (b == null) {
                    b = load();
                    runtime = Runtime.getRuntime(b);
                    instance = b;
                }
            }
        }
        return b;
    }

    /** The jnr-ffi runtime of the bound library (for native memory). */
    public static Runtime runtime() {
        get();
        return runtime;
    }

    private static Blst load() {
        String explicit = System.getProperty("nonos.blst.lib");
        Path lib = explicit != null && !explicit.isBlank() ? Path.of(explicit) : extract();
        return LibraryLoader.create(Blst.class).failImmediately().load(lib.toAbsolutePath().toString());
    }

    /** The resource path of the library for this platform, in the jblst jar's layout. */
    static String resourceName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String a = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "aarch64";
            default -> throw new IllegalStateException("no blst library for architecture " + arch);
        };
        if (os.contains("linux")) {
            return "supranational/blst/Linux/" + a + "/libblst.so";
        }
        if (os.contains("mac")) {
            return "supranational/blst/Mac/" + (a.equals("amd64") ? "x86_64" : a) + "/libblst.dylib";
        }
        throw new IllegalStateException("no blst library for " + os);
    }

    private static Path extract() {
        String name = resourceName();
        byte[] bytes;
        try (InputStream in = BlstLibrary.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("blst library resource " + name + " not found");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name, e);
        }
        try {
            String base = System.getProperty("nonos.blst.dir");
            Path parent = base != null && !base.isBlank() ? Files.createDirectories(Path.of(base))
                    : Path.of(System.getProperty("java.io.tmpdir"));
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            Path dir = posix
                    ? Files.createTempDirectory(parent, "nonos-blst-",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory(parent, "nonos-blst-");
            Path file = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
            Files.copy(new java.io.ByteArrayInputStream(bytes), file, StandardCopyOption.REPLACE_EXISTING);
            if (!Arrays.equals(sha256(bytes), sha256(Files.readAllBytes(file)))) {
                throw new IllegalStateException("extracted blst library differs from its resource");
            }
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("extracting the blst library", e);
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
