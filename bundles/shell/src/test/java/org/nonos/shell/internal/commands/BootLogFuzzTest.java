// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.commands;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** The boot event log parser on arbitrary text: a log or {@link IllegalArgumentException}. */
class BootLogFuzzTest {
    @FuzzTest
    void parse(byte[] data) {
        try {
            BootLog.parse(new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException expected) {
            // Malformed line, reported with its number.
        }
    }
}
