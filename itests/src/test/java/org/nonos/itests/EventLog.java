// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measured-boot event log the launcher writes to {@code <state>/boot/measurements}:
 * {@code event <index> pcr=<n> sha256=<hex> <kind> <path>} lines, then {@code pcr <n> sha256=<hex>}.
 */
record EventLog(List<Event> events, Map<Integer, String> pcrs) {
    record Event(int index, int pcr, String sha256, String kind, String path) {
    }

    private static final Pattern EVENT = Pattern.compile("event (\\d+) pcr=(\\d+) sha256=([0-9a-f]{64}) (\\S+) (.+)");
    private static final Pattern PCR = Pattern.compile("pcr (\\d+) sha256=([0-9a-f]{64})");

    static EventLog read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        Map<Integer, String> pcrs = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher e = EVENT.matcher(line);
            Matcher p = PCR.matcher(line);
            if (e.matches()) {
                events.add(new Event(Integer.parseInt(e.group(1)), Integer.parseInt(e.group(2)), e.group(3),
                        e.group(4), e.group(5)));
            } else if (p.matches()) {
                pcrs.put(Integer.parseInt(p.group(1)), p.group(2));
            } else {
                throw new AssertionError("malformed event log line: " + line);
            }
        }
        return new EventLog(events, pcrs);
    }

    /** Replays the events: PCR_new = SHA-256(PCR_old || digest), from all-zero registers. */
    Map<Integer, String> replay() {
        Map<Integer, byte[]> regs = new TreeMap<>();
        for (int i : pcrs.keySet()) {
            regs.put(i, new byte[32]);
        }
        for (Event e : events) {
            regs.put(e.pcr(), sha256(regs.getOrDefault(e.pcr(), new byte[32]), HexFormat.of().parseHex(e.sha256())));
        }
        Map<Integer, String> out = new TreeMap<>();
        regs.forEach((k, v) -> out.put(k, HexFormat.of().formatHex(v)));
        return out;
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(sha256(Files.readAllBytes(file)));
    }
}
