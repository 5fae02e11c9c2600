// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jline.utils.InfoCmp;
import org.junit.jupiter.api.Test;

class TerminalTypesTest {
    @Test
    void aTypeJLineCarriesIsDescribedWithoutAskingTheHost() {
        // Before: nothing loaded, so JLine would start the host's infocmp for it.
        assertNull(InfoCmp.getLoadedInfoCmp("rxvt-basic"));
        TerminalTypes.preferBundled("rxvt-basic");
        assertNotNull(InfoCmp.getLoadedInfoCmp("rxvt-basic"));
        assertEquals(InfoCmp.getDefaultInfoCmp("rxvt-basic"), InfoCmp.getLoadedInfoCmp("rxvt-basic"));
    }

    @Test
    void anotherTypeIsLeftToTheHostsTerminfo() {
        TerminalTypes.preferBundled("nonos-no-such-terminal");
        assertNull(InfoCmp.getLoadedInfoCmp("nonos-no-such-terminal"));
        TerminalTypes.preferBundled(null);
    }
}
