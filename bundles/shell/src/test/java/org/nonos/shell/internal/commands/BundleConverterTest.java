// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.Map;
import org.apache.felix.framework.FrameworkFactory;
import org.apache.felix.service.command.Converter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/** Bundle ids and symbolic names typed on the line become bundles for the framework commands. */
class BundleConverterTest {
    @TempDir
    Path dir;
    private Framework fw;
    private BundleConverter converter;

    @BeforeEach
    void start() throws Exception {
        fw = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE, dir.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        fw.start();
        converter = new BundleConverter(fw.getBundleContext());
    }

    @AfterEach
    void stop() throws Exception {
        fw.stop();
        fw.waitForStop(10_000);
    }

    @Test
    void idsAndSymbolicNamesBecomeBundles() throws Exception {
        assertSame(fw, converter.convert(Bundle.class, "0"));
        assertSame(fw, converter.convert(Bundle.class, 0L));
        assertSame(fw, converter.convert(Bundle.class, fw.getSymbolicName()));
        assertEquals("0", converter.format(fw, Converter.LINE, null).toString());
    }

    @Test
    void whatIsNoBundleIsLeftToOthers() throws Exception {
        assertNull(converter.convert(Bundle.class, "999"), "no such id");
        assertNull(converter.convert(Bundle.class, "no.such.bundle"));
        assertNull(converter.convert(Bundle.class, "99999999999999999999999"), "too long for an id: a name that is not there");
        assertNull(converter.convert(String.class, "0"), "only bundles");
        assertNull(converter.format("text", Converter.LINE, null));
    }
}
