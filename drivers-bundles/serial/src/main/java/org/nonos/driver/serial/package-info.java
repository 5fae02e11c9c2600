// SPDX-License-Identifier: Apache-2.0
/**
 * A serial line as the admin shell sees it: a {@link org.nonos.driver.serial.SerialLine} hands out one
 * {@link org.nonos.driver.serial.SerialConnection} per login session (byte streams in raw mode), ends it
 * with a {@link org.nonos.driver.serial.HangupException} when the peer goes away, and re-opens the line
 * for the next session.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nonos.driver.serial;
