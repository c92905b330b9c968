package io.preemptscope.cli;

import io.preemptscope.compare.Comparison;
import io.preemptscope.output.ComparisonJsonWriter;
import io.preemptscope.output.ComparisonTextWriter;
import io.preemptscope.output.JunitXmlWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import javax.xml.stream.XMLStreamException;
import picocli.CommandLine.Option;

/** {@code --format} of compare: a table to read, JSON for tools, or JUnit XML for CI. */
final class ComparisonFormat {
    enum Format { text, json, junit }

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default), json, or junit (JUnit XML: one testsuite per check set).")
    Format format = Format.text;

    static void write(Format format, Comparison c, boolean strict, PrintWriter out) throws IOException {
        switch (format) {
            case text -> ComparisonTextWriter.write(c, strict, out);
            case json -> ComparisonJsonWriter.write(c, strict, out);
            case junit -> {
                try {
                    JunitXmlWriter.write(c, strict, Instant.now(), hostname(), out);
                } catch (XMLStreamException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        }
    }

    /** The schema wants a host; CI shows it beside the suite. */
    static String hostname() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "localhost" : name;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
