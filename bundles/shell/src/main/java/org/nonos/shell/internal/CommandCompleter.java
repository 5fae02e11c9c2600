// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.felix.service.command.CommandProcessor;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completion of command names (the first word), from the commands Gogo knows at that moment. */
final class CommandCompleter implements Completer {
    private final CommandProcessor processor;

    CommandCompleter(CommandProcessor processor) {
        this.processor = processor;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() != 0) {
            return;
        }
        for (String name : names()) {
            candidates.add(new Candidate(name));
        }
    }

    private Set<String> names() {
        Set<String> out = new TreeSet<>();
        if (processor instanceof org.apache.felix.gogo.runtime.CommandProcessorImpl impl) {
            for (String qualified : impl.getCommands()) {
                out.add(qualified);
                int colon = qualified.indexOf(':');
                if (colon >= 0) {
                    out.add(qualified.substring(colon + 1));
                }
            }
        }
        out.add("logout");
        return out;
    }
}
