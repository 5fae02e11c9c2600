// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nonos.gate.Decision;
import org.nonos.gate.Gate;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The shell's {@code gate} commands (Gogo scope {@code gate}): what the gate decided about each
 * bundle, and why a bundle is not active.
 */
public final class GateCommands {
    static final String SCOPE = "gate";
    static final String[] FUNCTIONS = {"status", "why"};

    private final Gate gate;
    private final BundleContext context;

    public GateCommands(Gate gate, BundleContext context) {
        this.gate = gate;
        this.context = context;
    }

    @Descriptor("the gate's decision about every installed bundle")
    public String status(
            @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json) {
        return render(json, gate.decisions());
    }

    @Descriptor("the gate's decision about one bundle")
    public String status(
            @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("bundle id") long id) {
        return render(json, List.of(decisionOrThrow(id)));
    }

    private String render(boolean json, List<Decision> list) {
        if (json) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "" : ",").append(toJson(list.get(i), state(list.get(i).bundleId())));
            }
            return b.append(']').toString();
        }
        StringBuilder b = new StringBuilder(String.format("%-4s %-10s %-8s %-13s %-18s %s%n", "id", "state", "gate",
                "trust", "reason", "bundle / digest"));
        for (Decision d : list) {
            b.append(String.format("%-4d %-10s %-8s %-13s %-18s %s %s%n", d.bundleId(), state(d.bundleId()),
                    d.accepted() ? "accepted" : "REJECTED", d.trust(), d.reason(), d.symbolicName(), shortDigest(d.digest())));
        }
        return b.toString().stripTrailing();
    }

    @Descriptor("why a bundle is or is not active")
    public String why(
            @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("bundle id") long id) {
        Decision d = decisionOrThrow(id);
        String state = state(id);
        if (json) {
            return toJson(d, state);
        }
        StringBuilder b = new StringBuilder();
        b.append("bundle ").append(id).append(' ').append(d.symbolicName()).append(" is ").append(state).append('\n');
        if (d.accepted()) {
            b.append("gate: accepted (").append(d.trust()).append("): ").append(d.detail()).append('\n');
            b.append("capabilities granted: ").append(d.capabilities().isEmpty() ? "none" : String.join(", ", d.capabilities()))
                    .append('\n');
            if (!"ACTIVE".equals(state)) {
                b.append("the gate does not hold it back: start it, or see 'lb' and the log for its own errors\n");
            }
        } else {
            b.append("gate: REJECTED, reason ").append(d.reason()).append(": ").append(d.detail()).append('\n');
            b.append("it cannot resolve or start until a revision with a valid attestation replaces it\n");
        }
        b.append("digest: ").append(d.digest().isEmpty() ? "none" : d.digest());
        return b.toString();
    }

    private Decision decisionOrThrow(long id) {
        Optional<Decision> d = gate.decision(id);
        if (d.isEmpty()) {
            throw new IllegalArgumentException(context.getBundle(id) == null ? "no bundle " + id
                    : "the gate has not judged bundle " + id + " yet (it has not tried to resolve)");
        }
        return d.get();
    }

    private String state(long id) {
        Bundle b = context.getBundle(id);
        if (b == null) {
            return "UNINSTALLED";
        }
        return switch (b.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }

    private static String shortDigest(String d) {
        return d.isEmpty() ? "-" : d.length() > 28 ? d.substring(0, 28) + "…" : d;
    }

    static String toJson(Decision d, String state) {
        StringBuilder b = new StringBuilder("{");
        b.append("\"id\":").append(d.bundleId());
        b.append(",\"symbolicName\":").append(quote(d.symbolicName()));
        b.append(",\"state\":").append(quote(state));
        b.append(",\"accepted\":").append(d.accepted());
        b.append(",\"trust\":").append(quote(d.trust().name()));
        b.append(",\"reason\":").append(quote(d.reason()));
        b.append(",\"detail\":").append(quote(d.detail()));
        b.append(",\"digest\":").append(quote(d.digest()));
        b.append(",\"capabilities\":[");
        for (int i = 0; i < d.capabilities().size(); i++) {
            b.append(i == 0 ? "" : ",").append(quote(d.capabilities().get(i)));
        }
        b.append("],\"epochMillis\":").append(d.epochMillis()).append('}');
        return b.toString();
    }

    /** A JSON string (RFC 8259 §7): quote, backslash and control characters escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
