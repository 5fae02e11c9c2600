// SPDX-License-Identifier: Apache-2.0
package org.nonos.test.support;

import java.util.jar.Attributes;
import java.util.jar.Manifest;

/** The manifests of the bundle jars that tests build (OSGi Core R8 §3.2.1: the required headers). */
public final class TestBundles {
    private TestBundles() {
    }

    /** A bundle manifest (Bundle-ManifestVersion 2) naming only the symbolic name and version. */
    public static Manifest manifest(String symbolicName, String version) {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        return m;
    }
}
