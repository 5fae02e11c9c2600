// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import org.apache.felix.service.command.Descriptor;
import org.nonos.crypto.CryptoService;
import org.nonos.crypto.SelfTestReport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo shell commands of the crypto service: {@code crypto:selftest}. */
@Component(service = CryptoCommands.class,
        property = {"osgi.command.scope=crypto", "osgi.command.function=selftest"})
public final class CryptoCommands {
    private final CryptoService crypto;

    @Activate
    public CryptoCommands(@Reference(name = "crypto") CryptoService crypto) {
        this.crypto = crypto;
    }

    @Descriptor("re-run the crypto service's known-answer self-tests")
    public String selftest() {
        SelfTestReport report = crypto.selfTest();
        StringBuilder out = new StringBuilder();
        for (SelfTestReport.Result r : report.results()) {
            out.append(r.passed() ? "PASS " : "FAIL ").append(r.name());
            if (!r.passed()) {
                out.append(": ").append(r.detail());
            }
            out.append('\n');
        }
        out.append(report.passed() ? "self-test passed" : "SELF-TEST FAILED");
        return out.toString();
    }
}
