package io.preemptscope.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * compare --format junit against the Apache Ant JUnit schema (junit-schema/README.md says where
 * it comes from), the strictest of the dialects CI servers read.
 */
class JunitXmlSchemaTest {
    /** The schema's copy lives in this namespace; JUnit files have none, so the test moves ours into it. */
    private static final String SCHEMA_NS = "urn:junit.baev.github.com";

    private static Document validated(String... args) throws Exception {
        Cli.Result r = Cli.run(args);
        assertThat(r.status()).as(r.err()).isIn(0, 1);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
        Document inNamespace = (Document) doc.cloneNode(true);
        intoSchemaNamespace(inNamespace, inNamespace.getDocumentElement());
        URL xsd = JunitXmlSchemaTest.class.getResource("/junit-schema/junit.xsd");
        Validator v = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator();
        v.validate(new DOMSource(inNamespace));
        return doc;
    }

    private static void intoSchemaNamespace(Document doc, Element e) {
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                intoSchemaNamespace(doc, child);
            }
        }
        doc.renameNode(e, SCHEMA_NS, e.getLocalName() == null ? e.getNodeName() : e.getLocalName());
    }

    private static String sample(String name) {
        return Corpus.samples().resolve(name).toString();
    }

    @Test
    void failedChecksOfBothSetsValidateAndCarryTheirNumbers() throws Exception {
        Document doc = validated("compare", "--format", "junit", "--checks", "go1.14-preemption", "--checks",
                "no-regression", sample("asmspin-apo.strace.txt"), sample("asmspin-default.strace.txt"));
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element preemption = (Element) suites.item(0);
        assertThat(preemption.getAttribute("name")).isEqualTo("go1.14-preemption");
        assertThat(preemption.getAttribute("tests")).isEqualTo("7");
        assertThat(preemption.getAttribute("failures")).isEqualTo("2");
        Element failure = (Element) preemption.getElementsByTagName("failure").item(0);
        Node testcase = failure.getParentNode();
        assertThat(((Element) testcase).getAttribute("name")).isEqualTo("candidate-async-preemptions");
        assertThat(failure.getAttribute("message")).contains("SIGURG_DELIVERED_NO_PREEMPT");
        assertThat(failure.getTextContent()).startsWith("baseline: -\ncandidate: 102 (slice ran on)\n");
    }

    @Test
    void inconclusiveChecksAreFailuresOnlyUnderStrictAndStillValidate() throws Exception {
        Document lenient = validated("compare", "--format", "junit", sample("spin-apo.strace.txt"),
                sample("spin-apo.strace.txt"));
        Document strict = validated("compare", "--format", "junit", "--strict", sample("spin-apo.strace.txt"),
                sample("spin-apo.strace.txt"));
        assertThat(lenient.getElementsByTagName("failure").getLength()).isZero();
        assertThat(lenient.getElementsByTagName("system-out").item(0).getTextContent())
                .contains("latency-p50: inconclusive: neither side shows a preemption latency");
        assertThat(strict.getElementsByTagName("failure").getLength()).isEqualTo(2);
        assertThat(((Element) strict.getElementsByTagName("failure").item(0)).getAttribute("type"))
                .isEqualTo("inconclusive");
    }
}
