// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial;

/** Parity bit of a character frame (termios PARENB/PARODD). */
public enum Parity {
    NONE, EVEN, ODD
}
