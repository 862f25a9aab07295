package dev.trialbench.bench.gate;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The gate's result as JUnit XML, which CI systems display as tests: one {@code <testsuite>} per tier,
 * one {@code <testcase>} per check. A regression is a {@code <failure>}, a figure that could not be
 * measured an {@code <error>}; the message names the statement or cell. An improvement passes, with
 * its message in {@code <system-out>}. Stateless.
 */
public final class JunitXml {

    private JunitXml() {
    }

    public static String render(GateReport report) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "trialbench gate");
            counts(xml, report.checks().size(), report.count(GateVerdict.REGRESSION), report.count(GateVerdict.NOT_MEASURED));
            for (int tier : report.tiersWithChecks()) {
                suite(xml, report, tier);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing JUnit XML to a string cannot fail", e);
        }
        return text.toString();
    }

    private static void suite(XMLStreamWriter xml, GateReport report, int tier) throws XMLStreamException {
        var checks = report.checks(tier);
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", "trialbench gate, " + Check.tierTitle(tier));
        counts(xml, checks.size(), checks.stream().filter(check -> check.verdict() == GateVerdict.REGRESSION).count(),
                checks.stream().filter(check -> check.verdict() == GateVerdict.NOT_MEASURED).count());
        xml.writeAttribute("skipped", "0");
        for (Check check : checks) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", "trialbench.gate.tier" + tier);
            xml.writeAttribute("name", check.name());
            String detail = "expected: " + check.expected() + "\nmeasured: " + check.measured() + "\ntolerance: "
                    + check.tolerance() + "\ndirection: " + check.direction().text() + "\nrun: " + report.run();
            switch (check.verdict()) {
                case REGRESSION -> outcome(xml, "failure", check, detail);
                case NOT_MEASURED -> outcome(xml, "error", check, detail);
                case IMPROVED -> {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters("IMPROVED: " + check.message() + "\n" + detail);
                    xml.writeEndElement();
                }
                default -> {
                }
            }
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void outcome(XMLStreamWriter xml, String element, Check check, String detail) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeAttribute("message", check.message());
        xml.writeAttribute("type", check.verdict().name());
        xml.writeCharacters(detail);
        xml.writeEndElement();
    }

    private static void counts(XMLStreamWriter xml, long tests, long failures, long errors) throws XMLStreamException {
        xml.writeAttribute("tests", String.valueOf(tests));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", String.valueOf(errors));
    }
}
