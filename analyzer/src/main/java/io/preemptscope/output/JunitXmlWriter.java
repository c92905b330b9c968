package io.preemptscope.output;

import io.preemptscope.compare.CheckResult;
import io.preemptscope.compare.CheckSetResult;
import io.preemptscope.compare.Comparison;
import io.preemptscope.compare.Verdict;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The comparison as JUnit XML for CI (Jenkins, GitLab): one {@code <testsuite>} per check set, one
 * {@code <testcase>} per check; a failed check carries its numbers and the sentence. It satisfies
 * the strict Apache Ant schema (properties, system-out and system-err present, timestamp without
 * a zone), which the laxer Jenkins and GitLab readers accept too. An inconclusive check passes
 * unless --strict, and is listed in the suite's system-out either way.
 */
public final class JunitXmlWriter {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private JunitXmlWriter() {}

    public static void write(Comparison c, boolean strict, Instant when, String hostname, PrintWriter out)
            throws XMLStreamException {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuites");
        xml.writeCharacters("\n");
        List<CheckSetResult> sets = c.checkSets();
        for (int i = 0; i < sets.size(); i++) {
            suite(xml, sets.get(i), i, c, strict, when, hostname);
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        xml.flush();
        out.flush();
    }

    private static void suite(XMLStreamWriter xml, CheckSetResult set, int id, Comparison c, boolean strict,
            Instant when, String hostname) throws XMLStreamException {
        long failures = set.checks().stream().filter(r -> failed(r, strict)).count();
        xml.writeCharacters("  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", set.name());
        xml.writeAttribute("package", "preemptscope.compare");
        xml.writeAttribute("id", Integer.toString(id));
        xml.writeAttribute("timestamp", TIMESTAMP.format(when.truncatedTo(ChronoUnit.SECONDS)));
        xml.writeAttribute("hostname", hostname);
        xml.writeAttribute("tests", Integer.toString(set.checks().size()));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("time", "0");
        xml.writeCharacters("\n    ");
        xml.writeStartElement("properties");
        property(xml, "baseline", String.join(", ", c.baseline().runs()));
        property(xml, "baseline.goVersion", c.baseline().goVersion());
        property(xml, "baseline.asyncPreemption", c.baseline().asyncPreemption());
        property(xml, "candidate", String.join(", ", c.candidate().runs()));
        property(xml, "candidate.goVersion", c.candidate().goVersion());
        property(xml, "candidate.asyncPreemption", c.candidate().asyncPreemption());
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
        for (CheckResult r : set.checks()) {
            testcase(xml, set.name(), r, strict);
        }
        xml.writeCharacters("\n    ");
        xml.writeStartElement("system-out");
        StringBuilder text = new StringBuilder();
        for (CheckResult r : set.checks()) {
            text.append(r.name()).append(": ").append(r.verdict().label()).append(": ").append(r.sentence()).append('\n');
        }
        for (String note : c.notes()) {
            text.append("note: ").append(note).append('\n');
        }
        xml.writeCharacters(text.toString());
        xml.writeEndElement();
        xml.writeCharacters("\n    ");
        xml.writeStartElement("system-err");
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void testcase(XMLStreamWriter xml, String suite, CheckResult r, boolean strict)
            throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", r.name());
        xml.writeAttribute("classname", "preemptscope." + suite);
        xml.writeAttribute("time", "0");
        if (failed(r, strict)) {
            xml.writeStartElement("failure");
            xml.writeAttribute("type", r.verdict() == Verdict.FAIL ? "regression" : "inconclusive");
            xml.writeAttribute("message", r.sentence());
            xml.writeCharacters(String.format(java.util.Locale.ROOT, "baseline: %s%ncandidate: %s%nchange: %s%n%s%n",
                    r.baseline(), r.candidate(), r.change(), r.sentence()));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n      ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value == null ? "" : value);
    }

    private static boolean failed(CheckResult r, boolean strict) {
        return r.verdict() == Verdict.FAIL || (strict && r.verdict() == Verdict.INCONCLUSIVE);
    }
}
