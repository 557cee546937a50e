package io.btm.verify.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.pool.model.Dialect;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A miner's results in one dialect, scenario by scenario, and the four ways to read them: a summary
 * for a person, JUnit XML for any CI, JSON for tools, and an HTML page with timelines. Immutable.
 */
public record VerificationReport(MinerCommand command, Dialect dialect, List<ScenarioResult> results) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public VerificationReport {
        results = List.copyOf(results);
    }

    /** True when no scenario failed (skipped ones do not count against the miner). */
    public boolean passed() {
        return results.stream().noneMatch(ScenarioResult::failed);
    }

    public long count(ScenarioResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** A line per scenario: outcome, name, time, the numbers, and why where it failed or was skipped. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append("verify-miner, dialect ").append(dialect.label()).append(": ").append(command).append('\n');
        for (ScenarioResult r : results) {
            out.append(String.format(Locale.ROOT, "  %-4s %-14s %5.1f s  ", r.outcome(), r.scenario().label(), r.took().toMillis() / 1000.0));
            out.append(measurements(r.measurements()));
            if (r.reason() != null) {
                out.append(r.measurements().isEmpty() ? "" : "; ").append(r.outcome() == ScenarioResult.Outcome.FAIL ? "FAILED: " : "")
                        .append(r.reason());
            }
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "  %d passed, %d failed, %d skipped%n", count(ScenarioResult.Outcome.PASS),
                count(ScenarioResult.Outcome.FAIL), count(ScenarioResult.Outcome.SKIP)));
        return out.toString();
    }

    private static String measurements(Map<String, String> measured) {
        StringBuilder out = new StringBuilder();
        measured.forEach((name, value) -> out.append(out.length() == 0 ? "" : ", ").append(name).append(' ').append(value));
        return out.toString();
    }

    /** JUnit XML for several dialects' reports: a testsuite each, a testcase per scenario. */
    public static String junitXml(List<VerificationReport> reports) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
        for (VerificationReport report : reports) {
            double seconds = report.results.stream().mapToLong(r -> r.took().toMillis()).sum() / 1000.0;
            xml.append(String.format(Locale.ROOT, "  <testsuite name=\"verify-miner %s\" tests=\"%d\" failures=\"%d\" skipped=\"%d\" errors=\"0\" time=\"%.3f\">%n",
                    escape(report.dialect.label()), report.results.size(), report.count(ScenarioResult.Outcome.FAIL),
                    report.count(ScenarioResult.Outcome.SKIP), seconds));
            xml.append("    <properties><property name=\"command\" value=\"").append(escape(report.command.toString())).append("\"/></properties>\n");
            for (ScenarioResult r : report.results) {
                xml.append(String.format(Locale.ROOT, "    <testcase classname=\"verify-miner.%s\" name=\"%s\" time=\"%.3f\">",
                        escape(report.dialect.label()), escape(r.scenario().label()), r.took().toMillis() / 1000.0));
                if (r.outcome() == ScenarioResult.Outcome.FAIL) {
                    xml.append("\n      <failure message=\"").append(escape(r.reason())).append("\"/>");
                } else if (r.outcome() == ScenarioResult.Outcome.SKIP) {
                    xml.append("\n      <skipped message=\"").append(escape(r.reason())).append("\"/>");
                }
                xml.append("\n      <system-out>").append(escape(measurements(r.measurements()))).append("</system-out>\n    </testcase>\n");
            }
            xml.append("  </testsuite>\n");
        }
        return xml.append("</testsuites>\n").toString();
    }

    /** JSON for several dialects' reports. */
    public static String json(List<VerificationReport> reports) {
        ArrayNode array = NODES.arrayNode();
        for (VerificationReport report : reports) {
            ObjectNode node = array.addObject().put("dialect", report.dialect.label()).put("passed", report.passed());
            ArrayNode command = node.putArray("command");
            report.command.words().forEach(command::add);
            ArrayNode scenarios = node.putArray("scenarios");
            for (ScenarioResult r : report.results) {
                ObjectNode s = scenarios.addObject().put("name", r.scenario().label()).put("outcome", r.outcome().name().toLowerCase(Locale.ROOT))
                        .put("seconds", r.took().toMillis() / 1000.0).put("reason", r.reason());
                ObjectNode measured = s.putObject("measurements");
                r.measurements().forEach(measured::put);
            }
        }
        return array.toPrettyString();
    }

    /** One self-contained HTML file for several dialects' reports: see {@link HtmlReport}. */
    public static String html(List<VerificationReport> reports) {
        return HtmlReport.of(reports);
    }

    /** Text for XML and HTML: markup characters escaped, control characters other than tab and newline left out. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
