// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import org.nonos.capability.Domain;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;

/** Test bundles that ask for capabilities, and their domains: what the grant tests install and inspect. */
final class GrantedBundles {
    private GrantedBundles() {
    }

    /** Installs an attested bundle (DigestCheck's stand-in attestation) requesting {@code capabilities}. */
    static Bundle install(Framework framework, String name, String capabilities) throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put("NonOS-Capabilities", capabilities);
        headers.put("Import-Package", "org.osgi.framework,org.nonos.capability;version=\"[1.0,2)\"");
        byte[] jar = DigestCheck.attest(TestJars.bundle(name, "1.0.0", Map.of("x.txt", name), headers));
        return framework.getBundleContext().installBundle("test:" + name, new ByteArrayInputStream(jar));
    }

    /** The kernel domain of a started bundle, as the bundle itself gets it. */
    static Domain domainOf(Bundle b) {
        BundleContext ctx = b.getBundleContext();
        return ctx.getService(ctx.getServiceReference(Domain.class));
    }
}
