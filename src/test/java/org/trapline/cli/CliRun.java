package org.trapline.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the CLI through {@link Main#run}: its exit status and what it printed. */
record CliRun(int status, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(status, out.toString(), err.toString());
    }

    /** Everything printed, for checks that care about neither stream. */
    String all() {
        return out + err;
    }
}
