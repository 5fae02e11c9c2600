// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where the time of one small AEAD call goes (bench/crypto-aead-calls): the service's
 * XChaCha20-Poly1305 seal beside ways of driving the JDK's ChaCha20-Poly1305 directly, each in
 * nanoseconds of thread CPU time per call (best of three 1 s rounds after 2 s of warm-up), with
 * a fresh nonce per call as real use has. Prints "CPU &lt;variant&gt; &lt;ns&gt;" lines.
 *
 * <p>Variants: the service path; one cached cipher per thread (as the service does) with
 * {@code doFinal(byte[])}, into a preallocated array, into a fresh array, through heap and direct
 * ByteBuffers, and with {@code update} + {@code doFinal}; a new cipher per call; an empty message
 * (the fixed cost of init + doFinal); HChaCha20 alone; and the whole XChaCha20 seal into a
 * caller-supplied buffer.
 */
public final class AeadCallCost {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile Object sink;

    private interface Call {
        void run(long i) throws Exception;
    }

    private AeadCallCost() {}

    private static double nanosPerCall(Call call) throws Exception {
        long i = 0;
        long warmEnd = THREADS.getCurrentThreadCpuTime() + 2_000_000_000L;
        while (THREADS.getCurrentThreadCpuTime() < warmEnd) {
            call.run(i++);
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long n = 0;
            while (THREADS.getCurrentThreadCpuTime() - c0 < 1_000_000_000L) {
                for (int k = 0; k < 32; k++) {
                    call.run(i++);
                }
                n += 32;
            }
            best = Math.min(best, (THREADS.getCurrentThreadCpuTime() - c0) / (double) n);
        }
        return best;
    }

    private static void counter(byte[] nonce, long i) {
        for (int b = 0; b < 8; b++) {
            nonce[b] = (byte) (i >>> (8 * b));
        }
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        byte[] key = new byte[32];
        byte[] xnonce = new byte[24];
        byte[] nonce = new byte[12];
        byte[] msg = new byte[size];
        byte[] out = new byte[size + Aead.TAG_LENGTH];
        byte[] empty = new byte[0];
        ByteBuffer directIn = ByteBuffer.allocateDirect(size);
        ByteBuffer directOut = ByteBuffer.allocateDirect(size + Aead.TAG_LENGTH);
        ByteBuffer heapIn = ByteBuffer.wrap(msg);
        ByteBuffer heapOut = ByteBuffer.wrap(out);
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        SecretKeySpec keySpec = new SecretKeySpec(key, "ChaCha20");

        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("service_sealX", i -> {
            counter(xnonce, i);
            sink = Aead.sealX(key, xnonce, empty, msg);
        });
        calls.put("jdk_cached_doFinal_array", i -> {
            counter(nonce, i);
            cipher.init(Cipher.ENCRYPT_MODE, keySpec, new IvParameterSpec(nonce));
            sink = cipher.doFinal(msg);
        });
        calls.put("jdk_cached_doFinal_into_preallocated", i -> {
            counter(nonce, i);
            cipher.init(Cipher.ENCRYPT_MODE, keySpec, new IvParameterSpec(nonce));
            cipher.doFinal(msg, 0, size, out, 0);
        });
        calls.put("jdk_cached_doFinal_into_fresh_array", i -> {
            counter(nonce, i);
            cipher.init(Cipher.ENCRYPT_MODE, keySpec, new IvParameterSpec(nonce));
            byte[] o = new byte[size + Aead.TAG_LENGTH];
            cipher.doFinal(msg, 0, size, o, 0);
            sink = o;
        });
        calls.put("jdk_cached_update_doFinal_preallocated", i -> {
            counter(nonce, i);
            cipher.init(Cipher.ENCRYPT_MODE, keySpec, new IvParameterSpec(nonce));
            int written = cipher.update(msg, 0, size, out, 0);
            cipher.doFinal(out, written);
        });
        calls.put("jdk_cached_doFinal_heap_bytebuffer", i -> {
            counter(nonce, i);
            cipher.init(Cipher.ENCRYPT_MODE, keySpec, new IvParameterSpec(nonce));
            heapIn.clear();
            heapOut.clear();
            cipher.doFinal(heapIn, heapOut);
        });
        calls.put("jdk_cached_doFinal_direct_bytebuffer", i -> {
            counter(nonce, i);
            cipher.init(Cipher.ENCRYPT_MODE, keySpec, new IvParameterSpec(nonce));
            directIn.clear();
            directOut.clear();
            cipher.doFinal(directIn, directOut);
        });
        calls.put("jdk_new_cipher_per_call", i -> {
            counter(nonce, i);
            Cipher fresh = Cipher.getInstance("ChaCha20-Poly1305");
            fresh.init(Cipher.ENCRYPT_MODE, keySpec, new IvParameterSpec(nonce));
            sink = fresh.doFinal(msg);
        });
        calls.put("jdk_cached_empty_message", i -> {
            counter(nonce, i);
            cipher.init(Cipher.ENCRYPT_MODE, keySpec, new IvParameterSpec(nonce));
            sink = cipher.doFinal(empty);
        });
        calls.put("hchacha20_subkey", i -> {
            counter(xnonce, i);
            sink = HChaCha20.subkey(key, xnonce, 0);
        });
        calls.put("xchacha_seal_into_caller_buffer", i -> {
            counter(xnonce, i);
            byte[] subkey = HChaCha20.subkey(key, xnonce, 0);
            System.arraycopy(xnonce, 16, nonce, 4, 8);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(subkey, "ChaCha20"), new IvParameterSpec(nonce));
            cipher.doFinal(msg, 0, size, out, 0);
            Arrays.fill(subkey, (byte) 0);
        });
        for (Map.Entry<String, Call> e : calls.entrySet()) {
            System.out.printf("CPU %s %.0f%n", e.getKey(), nanosPerCall(e.getValue()));
        }
    }
}
