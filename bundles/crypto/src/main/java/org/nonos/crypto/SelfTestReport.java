// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto;

import java.util.List;

/**
 * The outcome of the known-answer self-tests.
 *
 * @param results one line per test, in the order run
 */
public record SelfTestReport(List<Result> results) {
    public SelfTestReport {
        results = List.copyOf(results);
    }

    /** One known-answer test: its name, whether it passed, and a detail on failure. */
    public record Result(String name, boolean passed, String detail) {}

    public boolean passed() {
        return results.stream().allMatch(Result::passed);
    }
}
