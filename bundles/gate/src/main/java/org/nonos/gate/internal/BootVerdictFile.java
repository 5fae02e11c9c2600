// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The byte format of the boot verdict cache, {@code <state>/gate/boot-verdicts} (docs/gate.md
 * "The boot verdict cache"): accepted verdicts about boot bundle jars, each under the fingerprint
 * of the trust anchor it was verified with. Format only; what is trusted and when is
 * {@link BootVerification}'s job.
 *
 * <pre>
 * nonos-gate-boot-verdicts 1                                                   (header, format version 1)
 * v &lt;anchor: 64 hex&gt; &lt;jar SHA-256: 64 hex&gt; &lt;digest&gt; &lt;detail: base64&gt; &lt;capabilities: base64 or -&gt;
 * </pre>
 *
 * Lines end with LF; fields are separated by one space; hex is lower case; base64 is RFC 4648 §4
 * with padding, of UTF-8 text without control characters (capabilities joined by LF). The parser
 * never throws: a file that is too large, or whose header is not exactly the one above, gives no
 * entries; a line that does not match exactly is skipped (and counted); the first entry for an
 * (anchor, jar) pair wins.
 */
final class BootVerdictFile {
    static final String HEADER = "nonos-gate-boot-verdicts 1";
    /** Bounds: the file is read whole at every boot. */
    static final int MAX_BYTES = 1 << 20;
    static final int MAX_ENTRIES = 4096;
    static final int MAX_DETAIL_BYTES = 512;
    static final int MAX_CAPABILITIES = 64;
    static final int MAX_CAPABILITY_BYTES = 128;

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]{1,16}:[0-9a-f]{64}");
    private static final Pattern BASE64 = Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

    /**
     * One accepted verdict.
     *
     * @param anchor the trust anchor's fingerprint ({@link AnchorFingerprint}), 64 hex
     * @param jarSha256 the SHA-256 of the jar file, 64 hex
     * @param digest the attestation's content digest, {@code <alg>:<64 hex>}
     * @param detail one line for a person (who attested it)
     * @param capabilities the capabilities granted
     */
    record Entry(String anchor, String jarSha256, String digest, String detail, List<String> capabilities) {
        Entry {
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(jarSha256, "jarSha256");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(detail, "detail");
            capabilities = List.copyOf(capabilities);
        }

        /** Whether this entry can be written so that {@link #parse} reads it back equal. */
        boolean writable() {
            return HEX64.matcher(anchor).matches() && HEX64.matcher(jarSha256).matches() && DIGEST.matcher(digest).matches()
                    && text(detail, MAX_DETAIL_BYTES) && capabilities.size() <= MAX_CAPABILITIES
                    && capabilities.stream().allMatch(c -> !c.isEmpty() && text(c, MAX_CAPABILITY_BYTES));
        }
    }

    /**
     * What a file held: the entries, how many lines were skipped as malformed, and whether the file
     * was one at all (within the size bound, with this version's header).
     */
    record Parsed(List<Entry> entries, int skipped, boolean recognised) {
        Parsed {
            entries = List.copyOf(entries);
        }
    }

    private BootVerdictFile() {
    }

    /** Reads a file's bytes; never throws. */
    static Parsed parse(byte[] bytes) {
        if (bytes == null || bytes.length > MAX_BYTES) {
            return new Parsed(List.of(), 0, false);
        }
        // Latin-1 maps each byte to one char, so a non-ASCII byte stays visible and fails the patterns.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.startsWith(HEADER + "\n")) {
            return new Parsed(List.of(), 0, false);
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        int skipped = 0;
        int from = HEADER.length() + 1;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            String line = nl < 0 ? text.substring(from) : text.substring(from, nl);
            from = nl < 0 ? text.length() : nl + 1;
            if (nl < 0) {
                skipped++; // an unterminated last line: a write cut short
                continue;
            }
            Entry e = line(line);
            if (e == null || out.size() >= MAX_ENTRIES) {
                skipped++;
                continue;
            }
            out.putIfAbsent(e.anchor() + " " + e.jarSha256(), e);
        }
        return new Parsed(new ArrayList<>(out.values()), skipped, true);
    }

    /** The file's bytes for these entries; entries that could not be read back are left out. */
    static byte[] emit(List<Entry> entries) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        Base64.Encoder b64 = Base64.getEncoder();
        int n = 0;
        for (Entry e : entries) {
            if (!e.writable() || n == MAX_ENTRIES) {
                continue;
            }
            n++;
            b.append("v ").append(e.anchor()).append(' ').append(e.jarSha256()).append(' ').append(e.digest()).append(' ')
                    .append(b64.encodeToString(e.detail().getBytes(StandardCharsets.UTF_8))).append(' ')
                    .append(e.capabilities().isEmpty() ? "-"
                            : b64.encodeToString(String.join("\n", e.capabilities()).getBytes(StandardCharsets.UTF_8)))
                    .append('\n');
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static Entry line(String line) {
        String[] f = line.split(" ", -1);
        if (f.length != 6 || !f[0].equals("v") || !HEX64.matcher(f[1]).matches() || !HEX64.matcher(f[2]).matches()
                || !DIGEST.matcher(f[3]).matches()) {
            return null;
        }
        String detail = base64Text(f[4], MAX_DETAIL_BYTES);
        if (detail == null) {
            return null;
        }
        List<String> caps;
        if (f[5].equals("-")) {
            caps = List.of();
        } else {
            String joined = base64Text(f[5], MAX_CAPABILITIES * (MAX_CAPABILITY_BYTES + 1));
            if (joined == null) {
                return null;
            }
            caps = List.of(joined.split("\n", -1));
            if (caps.size() > MAX_CAPABILITIES || caps.stream().anyMatch(c -> c.isEmpty() || !text(c, MAX_CAPABILITY_BYTES))) {
                return null;
            }
        }
        Entry e = new Entry(f[1], f[2], f[3], detail, caps);
        return e.writable() ? e : null;
    }

    /** Base64 of strict UTF-8 text of at most {@code max} bytes (control characters but LF refused), or null. */
    private static String base64Text(String field, int max) {
        if (field.isEmpty() || field.length() > (max + 2) / 3 * 4 || !BASE64.matcher(field).matches()) {
            return null;
        }
        byte[] raw = Base64.getDecoder().decode(field);
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if ((c < 0x20 && c != '\n') || c == 0x7f) {
                    return null;
                }
            }
            return s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Non-empty UTF-8 text of at most {@code max} bytes, without control characters. */
    private static boolean text(String s, int max) {
        if (s.isEmpty() || s.getBytes(StandardCharsets.UTF_8).length > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
