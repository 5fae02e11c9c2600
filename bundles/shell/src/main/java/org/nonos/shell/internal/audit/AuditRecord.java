// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.audit;

import java.time.Instant;

/** One record of the chained log, as stored: sequence number from 1, time, event, and its chain hash. */
public record AuditRecord(long seq, Instant time, String line, String user, String kind, String detail, String hash) {
}
