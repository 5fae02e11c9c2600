// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nonos.capability.KernelError;
import org.nonos.capability.Device;
import org.nonos.capability.DeviceKind;
import org.nonos.capability.ObjectType;
import org.nonos.capability.Rights;

/**
 * The Java constants against the kernel's one ABI definition
 * ({@code kernel-native/include/nonos/nk_abi.def}): same names, same values, nothing missing
 * on either side. The file's format is fixed by its own header comment.
 */
class AbiDefinitionTest {

    private static final Pattern ENTRY = Pattern.compile(
            "^(NK_ERROR|NK_RIGHT|NK_OBJTYPE|NK_DEVKIND|NK_AUDIT_OP)\\(([A-Z0-9_]+), (\\d+), \"[^\"]*\"\\)$");
    private static final Pattern CONST = Pattern.compile("^NK_CONST\\(([A-Z0-9_]+), (\\d+)\\)$");

    /** kind → (name → value), in file order. */
    private static Map<String, Map<String, Long>> definitions() throws IOException {
        String root = System.getProperty("nonos.root");
        assertNotNull(root, "system property nonos.root must name the repository root");
        Path def = Path.of(root, "kernel-native", "include", "nonos", "nk_abi.def");
        assertTrue(Files.isRegularFile(def), "the kernel ABI definition must exist: " + def);
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (String line : Files.readAllLines(def)) {
            String l = line.strip();
            Matcher m = ENTRY.matcher(l);
            if (m.matches()) {
                out.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>()).put(m.group(2), Long.parseLong(m.group(3)));
                continue;
            }
            Matcher c = CONST.matcher(l);
            if (c.matches()) {
                out.computeIfAbsent("NK_CONST", k -> new LinkedHashMap<>()).put(c.group(1), Long.parseLong(c.group(2)));
            }
        }
        return out;
    }

    @Test
    void kernelErrorsMatchTheDefinition() throws IOException {
        Map<String, Long> kernel = new LinkedHashMap<>(definitions().get("NK_ERROR"));
        assertEquals(0L, kernel.remove("OK"), "NK_OK must be 0");
        Map<String, Long> java = new LinkedHashMap<>();
        for (KernelError e : KernelError.values()) {
            java.put("E_" + e.name(), (long) e.code());
        }
        assertEquals(kernel, java);
    }

    @Test
    void rightsMatchTheDefinition() throws IOException {
        Map<String, Long> kernel = definitions().get("NK_RIGHT");
        Map<String, Long> java = new LinkedHashMap<>();
        for (Rights.Right r : Rights.Right.values()) {
            java.put(r.name(), (long) Integer.numberOfTrailingZeros(r.bit()));
            assertEquals(1, Integer.bitCount(r.bit()), r + " must be one bit");
        }
        assertEquals(kernel, java);
        assertEquals(definitions().get("NK_CONST").get("RIGHTS_ALL"), (long) Rights.ALL.mask());
    }

    @Test
    void objectTypesMatchTheDefinition() throws IOException {
        Map<String, Long> java = new LinkedHashMap<>();
        for (ObjectType t : ObjectType.values()) {
            java.put(t.name(), (long) t.code());
        }
        assertEquals(definitions().get("NK_OBJTYPE"), java);
    }

    @Test
    void deviceKindsMatchTheDefinition() throws IOException {
        Map<String, Long> java = new LinkedHashMap<>();
        for (DeviceKind k : DeviceKind.values()) {
            java.put(k.name(), (long) k.code());
        }
        assertEquals(definitions().get("NK_DEVKIND"), java);
        assertEquals(definitions().get("NK_CONST").get("DEV_IO_MAX"), (long) Device.IO_MAX);
    }

    @Test
    void lineConstantsMatchTheDefinition() throws IOException {
        Map<String, Long> c = definitions().get("NK_CONST");
        assertEquals(c.get("DEV_WAIT_MAX"), Device.WAIT_MAX_MS);
        for (Device.Event e : Device.Event.values()) {
            assertEquals(c.get("DEV_" + e.name()), (long) e.bit(), e.name());
        }
        for (Device.Parity p : Device.Parity.values()) {
            assertEquals(c.get("PARITY_" + p.name()), (long) p.code(), p.name());
        }
    }

    /**
     * Every function the binding declares is in kernel.h with as many parameters (types are
     * checked by the tests that call them; a missing symbol would only fail at first call).
     */
    @Test
    void bindingFunctionsAreDeclaredInTheHeader() throws IOException {
        Path header = Path.of(System.getProperty("nonos.root"), "kernel-native", "include", "nonos", "kernel.h");
        String text = Files.readString(header).replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("\\s+", " ");
        Map<String, Integer> declared = new TreeMap<>();
        Matcher m = Pattern.compile("NK_API [^;(]*?\\b(nk_\\w+)\\s*\\(([^)]*)\\)").matcher(text);
        while (m.find()) {
            String params = m.group(2).strip();
            declared.put(m.group(1), params.equals("void") || params.isEmpty() ? 0 : params.split(",").length);
        }
        assertTrue(declared.size() > 20, "kernel.h declares the kernel's functions: " + declared.keySet());
        for (Method method : NkLib.class.getDeclaredMethods()) {
            assertTrue(declared.containsKey(method.getName()), method.getName() + " is not declared in kernel.h");
            assertEquals(declared.get(method.getName()), method.getParameterCount(), method.getName() + " parameters");
        }
    }

    @Test
    void bindingConstantsMatchTheDefinition() throws IOException {
        Map<String, Long> c = definitions().get("NK_CONST");
        assertEquals(c.get("ABI_VERSION"), (long) Kernel.ABI_VERSION);
        assertEquals(c.get("ROOT_DOMAIN"), (long) Kernel.ROOT_DOMAIN);
        assertEquals(c.get("MAX_OBJECTS"), (long) Kernel.MAX_OBJECTS);
        assertTrue(Kernel.LINE_MAX >= c.get("EVENT_MAX") * 3 + 512, "an audit line holds a whole escaped event");
    }
}
