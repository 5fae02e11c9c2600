// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A terminal on the system's serial line: opens the pseudo-terminal's device path the launcher
 * printed, as a terminal emulator would, puts it in raw mode without echo ({@code stty -F}), and
 * reads everything the system writes into a transcript that {@link #expect} searches.
 */
final class Terminal implements AutoCloseable {
    private final String path;
    private final FileInputStream in;
    private final FileOutputStream out;
    private final StringBuffer transcript = new StringBuffer();
    private int mark;

    Terminal(String path) throws IOException, InterruptedException {
        this.path = path;
        this.in = new FileInputStream(path);
        this.out = new FileOutputStream(path);
        Process stty = new ProcessBuilder("stty", "-F", path, "raw", "-echo").redirectErrorStream(true).start();
        if (!stty.waitFor(10, TimeUnit.SECONDS) || stty.exitValue() != 0) {
            throw new IOException("stty -F " + path + " raw -echo failed: "
                    + new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        Thread t = new Thread(this::pump, "terminal-" + path);
        t.setDaemon(true);
        t.start();
    }

    private void pump() {
        // A reader decodes across reads: a UTF-8 character split between two reads stays whole.
        char[] buf = new char[4096];
        try (java.io.Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            int n;
            while ((n = r.read(buf)) > 0) {
                transcript.append(buf, 0, n);
            }
        } catch (IOException e) {
            // EIO: the system closed its side of the line (shutdown); the transcript stays.
        }
    }

    /**
     * Waits until the transcript, after what earlier expects consumed, matches regex.
     *
     * @return the match
     * @throws AssertionError with the transcript when the timeout passes first
     */
    Matcher expect(String regex, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            String s = transcript.toString();
            Matcher m = p.matcher(s);
            if (m.find(mark)) {
                mark = m.end();
                return m;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no match for /" + regex + "/ on " + path + " within " + timeout
                        + "; transcript:\n" + s);
            }
            Thread.sleep(10);
        }
    }

    /** Types a line and Enter (carriage return, as a terminal sends in raw mode). */
    void sendLine(String line) throws IOException {
        out.write((line + "\r").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    String transcript() {
        return transcript.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            in.close();
        }
    }
}
