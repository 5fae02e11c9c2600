// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial;

import java.io.IOException;

/**
 * The line cannot be connected again: it was closed, or it is the process's standard input and that
 * reached its end. A session loop stops when it sees this.
 */
public class LineGoneException extends IOException {
    private static final long serialVersionUID = 1L;

    public LineGoneException(String message) {
        super(message);
    }
}
