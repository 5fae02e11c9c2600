// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.nonos.gate.internal.BootVerdictFile.Entry;

/**
 * The boot verdict cache's byte format: what is written reads back equal; whatever bytes the file
 * holds, the parser returns only well-formed entries and never throws (properties, jqwik: a failure
 * prints the seed, replayed with {@code @Property(seed = ...)}).
 */
class BootVerdictFileTest {
    private static final String A = "a".repeat(64);
    private static final String J = "0123456789abcdef".repeat(4);

    @Provide
    Arbitrary<BootVerdictFile.Entry> entries() {
        Arbitrary<String> hex = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
        Arbitrary<String> digest = Combinators.combine(Arbitraries.of("blake3", "sha256", "x1"), hex).as((a, h) -> a + ":" + h);
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars("éß→€😀".toCharArray())
                .ofMinLength(1).ofMaxLength(40).filter(s -> !s.isEmpty() && validUtf16(s));
        Arbitrary<List<String>> caps = text.list().ofMaxSize(5);
        return Combinators.combine(hex, hex, digest, text, caps).as(BootVerdictFile.Entry::new);
    }

    private static boolean validUtf16(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isHighSurrogate(s.charAt(i))) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 300)
    void whatIsWrittenReadsBackEqual(@ForAll @Size(max = 8) List<@From("entries") Entry> list) {
        List<BootVerdictFile.Entry> distinct = new ArrayList<>();
        for (BootVerdictFile.Entry e : list) {
            if (distinct.stream().noneMatch(d -> d.anchor().equals(e.anchor()) && d.jarSha256().equals(e.jarSha256()))) {
                distinct.add(e);
            }
        }
        BootVerdictFile.Parsed p = BootVerdictFile.parse(BootVerdictFile.emit(distinct));
        assertTrue(p.recognised());
        assertEquals(0, p.skipped());
        assertEquals(distinct, p.entries());
    }

    @Property(tries = 500)
    void anyMutationGivesOnlyWellFormedEntries(@ForAll @Size(min = 1, max = 4) List<@From("entries") Entry> list,
            @ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll byte value) {
        byte[] bytes = BootVerdictFile.emit(list);
        bytes[where % bytes.length] = value;
        BootVerdictFile.Parsed p = BootVerdictFile.parse(bytes);
        for (BootVerdictFile.Entry e : p.entries()) {
            assertTrue(e.writable(), e::toString);
        }
        assertTrue(p.entries().size() <= list.size());
    }

    @Property(tries = 500)
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 600) byte[] tail) {
        byte[] head = (BootVerdictFile.HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(tail, 0, bytes, head.length, tail.length);
        BootVerdictFile.parse(bytes).entries().forEach(e -> assertTrue(e.writable()));
        BootVerdictFile.parse(tail).entries().forEach(e -> assertTrue(e.writable()));
    }

    @Test
    void malformedFilesAndLinesAreIgnored() {
        String good = new String(BootVerdictFile.emit(List.of(new BootVerdictFile.Entry(A, J, "blake3:" + J, "attested by vendor dev",
                List.of("device:serial;rights=read")))), StandardCharsets.US_ASCII);
        assertEquals(1, parse(good).entries().size());
        assertTrue(!parse("nonos-gate-boot-verdicts 2\n" + good.substring(good.indexOf('\n') + 1)).recognised(),
                "another version is not read");
        assertTrue(!parse("").recognised());
        assertTrue(!BootVerdictFile.parse(null).recognised());
        assertTrue(!BootVerdictFile.parse(new byte[BootVerdictFile.MAX_BYTES + 1]).recognised(), "too large");
        String line = good.substring(good.indexOf('\n') + 1);
        String header = BootVerdictFile.HEADER + "\n";
        // Upper-case hex, a missing field, an extra space, bad base64, a cut-short last line: skipped.
        for (String bad : new String[] {line.replace(A, A.toUpperCase()), line.replaceFirst(" [^ ]+\n$", "\n"),
            line.replace(" ", "  "), line.replace("YXR0", "Y!R0"), line.substring(0, line.length() - 1),
            "v " + A + " " + J + " blake3:" + J + " " + java.util.Base64.getEncoder().encodeToString("a\u0001b".getBytes()) + " -\n"}) {
            BootVerdictFile.Parsed p = parse(header + bad);
            assertTrue(p.entries().isEmpty(), bad);
            assertEquals(1, p.skipped(), bad);
        }
        // The first entry for a jar under an anchor wins.
        BootVerdictFile.Parsed twice = parse(good + line.replace("YXR0ZXN0ZWQgYnkgdmVuZG9yIGRldg==", "b3RoZXI="));
        assertEquals(1, twice.entries().size());
        assertEquals("attested by vendor dev", twice.entries().get(0).detail());
    }

    @Test
    void entriesThatCannotBeReadBackAreNotWritten() {
        List<BootVerdictFile.Entry> bad = List.of(new BootVerdictFile.Entry("xyz", J, "blake3:" + J, "d", List.of()),
                new BootVerdictFile.Entry(A, J, "blake3:" + J, "two\nlines", List.of()),
                new BootVerdictFile.Entry(A, J, "blake3:" + J, "d", List.of("")));
        assertEquals(BootVerdictFile.HEADER + "\n", new String(BootVerdictFile.emit(bad), StandardCharsets.US_ASCII));
    }

    private static BootVerdictFile.Parsed parse(String s) {
        return BootVerdictFile.parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
