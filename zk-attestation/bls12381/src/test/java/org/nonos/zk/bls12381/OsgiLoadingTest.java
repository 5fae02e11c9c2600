// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * The bundle inside Apache Felix: installed from the build's exploded output (bnd's manifest
 * and the embedded libblst.so in target/classes), it finds blst among its own resources,
 * extracts and loads it, and computes with it. jnr-ffi comes from the system bundle here, as
 * the distribution provides it to the kernel binding.
 */
class OsgiLoadingTest {
    @Test
    void bundleLoadsBlstInsideFelix(@TempDir Path dir) throws Exception {
        Path classes = Path.of("target", "classes").toAbsolutePath();
        assertTrue(Files.isRegularFile(classes.resolve("META-INF/MANIFEST.MF")), "bnd manifest missing");
        assertTrue(Files.isRegularFile(classes.resolve("supranational/blst/Linux/amd64/libblst.so")), "embedded blst missing");
        String jnr = "2.3.4";
        Map<String, String> config = Map.of(
                Constants.FRAMEWORK_STORAGE, dir.resolve("felix-cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                // The fuzz tests of this module load Jazzer's agent into the same JVM; it puts
                // its runtime on the boot class path and instruments every class, bundles' too.
                Constants.FRAMEWORK_BOOTDELEGATION, "com.code_intelligence.jazzer.*",
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                "jnr.ffi;version=" + jnr + ",jnr.ffi.annotations;version=" + jnr + ",jnr.ffi.types;version=" + jnr);
        Framework felix = new FrameworkFactory().newFramework(config);
        felix.start();
        try {
            Bundle b = felix.getBundleContext().installBundle("reference:" + classes.toUri());
            b.start();
            assertEquals(Bundle.ACTIVE, b.getState());
            assertEquals("org.nonos.zk.bls12381", b.getSymbolicName());
            Class<?> g1 = b.loadClass("org.nonos.zk.bls12381.G1Point");
            assertNotSame(G1Point.class, g1, "the class must come from the bundle, not the class path");
            Object generator = g1.getMethod("generator").invoke(null);
            Object doubled = g1.getMethod("add", g1).invoke(generator, generator);
            byte[] enc = (byte[]) g1.getMethod("toCompressed").invoke(doubled);
            assertEquals(HexFormat.of().formatHex(G1Point.generator().multiply(java.math.BigInteger.TWO).toCompressed()),
                    HexFormat.of().formatHex(enc));
        } finally {
            felix.stop();
            felix.waitForStop(10_000);
        }
    }
}
