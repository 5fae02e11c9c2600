// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher's measured-boot event log ({@code <state>/boot/measurements}, named by the framework
 * property {@code nonos.boot.measurements}), as the launcher writes it (kernel-native/launcher/src/measure.h):
 *
 * <pre>
 * event &lt;index&gt; pcr=&lt;n&gt; sha256=&lt;64 hex&gt; &lt;description&gt;
 * pcr &lt;n&gt; sha256=&lt;64 hex&gt;
 * </pre>
 *
 * Format only: {@link #parse} turns text into records or throws {@link IllegalArgumentException} naming
 * the line.
 */
public record BootLog(List<Event> events, List<Register> registers) {
    /** One measured object. */
    public record Event(int index, int pcr, String sha256, String description) {
    }

    /** A register's final value. */
    public record Register(int pcr, String sha256) {
    }

    private static final Pattern EVENT = Pattern.compile("event (\\d{1,6}) pcr=(\\d{1,3}) sha256=([0-9a-f]{64}) (.*)");
    private static final Pattern PCR = Pattern.compile("pcr (\\d{1,3}) sha256=([0-9a-f]{64})");

    public static BootLog parse(String text) {
        List<Event> events = new ArrayList<>();
        List<Register> registers = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty() && i == lines.length - 1) {
                break;
            }
            Matcher m = EVENT.matcher(l);
            if (m.matches()) {
                events.add(new Event(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3), m.group(4)));
                continue;
            }
            m = PCR.matcher(l);
            if (m.matches()) {
                registers.add(new Register(Integer.parseInt(m.group(1)), m.group(2)));
                continue;
            }
            throw new IllegalArgumentException("boot event log line " + (i + 1) + " is malformed");
        }
        return new BootLog(List.copyOf(events), List.copyOf(registers));
    }
}
