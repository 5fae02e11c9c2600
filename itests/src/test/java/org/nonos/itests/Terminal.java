// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A terminal on the system's serial line: opens the pseudo-terminal's device path the launcher
 * printed, as a terminal emulator would, puts it in raw mode without echo ({@code stty -F}), and
 * reads everything the system writes into a transcript that {@link #expect} searches.
 *
 * <p>The reading is done by a {@code cat} of the device in a child process: a Java thread blocked in
 * a read would keep the device open after {@link #close}, and Linux reports the hang-up to the
 * system's side only when the last descriptor of the terminal side is closed (pty(7)). Killing the
 * reader and closing the writer is a real hang-up, as when a terminal emulator's window closes.
 */
final class Terminal implements AutoCloseable {
    private final String path;
    /** The process whose standard output is what the system writes: {@code cat} of the device, or {@code script}. */
    private final Process reader;
    private final OutputStream out;
    private final StringBuffer transcript = new StringBuffer();
    private int mark;

    Terminal(String path) throws IOException, InterruptedException {
        this(path, new FileOutputStream(path), null);
    }

    private Terminal(String path, OutputStream out, Process peer) throws IOException, InterruptedException {
        this.path = path;
        this.out = out;
        if (peer == null) {
            Process stty = new ProcessBuilder("stty", "-F", path, "raw", "-echo").redirectErrorStream(true).start();
            if (!stty.waitFor(10, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                out.close();
                throw new IOException("stty -F " + path + " raw -echo failed: "
                        + new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            peer = new ProcessBuilder("cat", path).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        }
        this.reader = peer;
        Thread t = new Thread(this::pump, "terminal-" + path);
        t.setDaemon(true);
        t.start();
    }

    /**
     * A terminal on the other side of a new pseudo-terminal that the system opens as a tty by its
     * path ({@code --serial PATH[:baud]}), as it would a serial port: util-linux {@code script}
     * makes the pair, keeps a process on the device side, and relays the master side over its
     * standard input and output. {@link #path} is the device to give the system.
     */
    static Terminal ttyPair() throws IOException, InterruptedException {
        Process script = new ProcessBuilder("script", "--quiet", "--flush", "--return", "--command",
                "tty; exec sleep 3600", "/dev/null").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = script.getInputStream().read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        if (!line.toString().startsWith("/dev/")) {
            script.destroyForcibly();
            throw new IOException("script did not name its pseudo-terminal: " + line);
        }
        return new Terminal(line.toString(), script.getOutputStream(), script);
    }

    /** The device path of the system's side of the line. */
    String path() {
        return path;
    }

    private void pump() {
        // A reader decodes across reads: a UTF-8 character split between two reads stays whole.
        char[] buf = new char[4096];
        try (java.io.Reader r = new java.io.InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8)) {
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

    /** How long one step of a dialogue may take on a loaded machine. */
    static final Duration STEP = Duration.ofSeconds(60);
    /** The admin shell's prompt. */
    static final String PROMPT = "admin@nonos> ";

    /** Waits for the boot's "framework started" line, then logs in as admin up to the shell's prompt. */
    void bootAndLogin(String password) throws IOException, InterruptedException {
        expect("nonos: framework started", Nonos.BOOT_TIMEOUT);
        expect("login: ", STEP);
        sendLine("admin");
        expect("Password: ", STEP);
        sendLine(password);
        expect(PROMPT, STEP);
    }

    /**
     * Runs a command until its output matches (hot deploy and the gate are asynchronous), at most
     * 40 times, and returns the match; the shell's prompt after it is read too.
     */
    Matcher until(String command, String regex) throws IOException, InterruptedException {
        AssertionError last = null;
        for (int i = 0; i < 40; i++) {
            sendLine(command);
            try {
                Matcher m = expect(regex + "|" + PROMPT, STEP);
                if (!m.group().equals(PROMPT)) {
                    expect(PROMPT, STEP);
                    return m;
                }
            } catch (AssertionError e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("'" + command + "' never printed " + regex + "\n" + transcript(), last);
    }

    /** Types a line and Enter (carriage return, as a terminal sends in raw mode). */
    void sendLine(String line) throws IOException {
        out.write((line + "\r").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Types raw bytes (anything: binary, escape sequences, invalid UTF-8). */
    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    String transcript() {
        return transcript.toString();
    }

    /** Hangs up: the reader ends and the writer closes, so no descriptor of the terminal side is left. */
    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            reader.destroyForcibly();
            try {
                reader.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
