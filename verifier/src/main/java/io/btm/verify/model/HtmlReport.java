package io.btm.verify.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML report: one self-contained file (style and script inlined, the timelines drawn as SVG
 * here) that loads nothing from anywhere, so a CI user can open it as a build artifact. A verdict
 * table, then per scenario its measurements, a timeline of logins, submits by verdict, job
 * switches, faults and drops with each time limit drawn as a band, and the end of the miner's output.
 */
final class HtmlReport {
    private static final int WIDTH = 960;
    private static final int LEFT = 70;
    private static final int LANE = 22;
    private static final int TOP = 34;
    /** Of a miner's command, what the header shows before it is opened: a classpath can run to pages. */
    private static final int COMMAND_SHOWN = 100;
    private static final Map<Timeline.Lane, String> LANE_NAMES = Map.of(Timeline.Lane.LOGIN, "logins", Timeline.Lane.SUBMIT, "submits",
            Timeline.Lane.JOB, "jobs", Timeline.Lane.FAULT, "faults", Timeline.Lane.DROP, "drops", Timeline.Lane.EVENT, "events");

    private HtmlReport() {
    }

    static String of(List<VerificationReport> reports) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
                .append("<title>verify-miner report</title>\n<style>\n").append(resource("report.css")).append("</style>\n</head>\n<body>\n")
                .append("<h1>verify-miner report</h1>\n");
        for (VerificationReport report : reports) {
            String command = report.command().toString();
            html.append("<details class=\"command\"><summary>dialect <b>").append(esc(report.dialect().label())).append("</b>: ")
                    .append(report.passed() ? "passed" : "failed").append(", <code>")
                    .append(esc(command.length() > COMMAND_SHOWN ? command.substring(0, COMMAND_SHOWN) + "…" : command))
                    .append("</code></summary><code>").append(esc(command)).append("</code></details>\n");
        }
        html.append("<label><input type=\"checkbox\" id=\"failed-only\"> failed scenarios only</label>\n");
        verdicts(html, reports);
        for (VerificationReport report : reports) {
            for (ScenarioResult result : report.results()) {
                scenario(html, report, result);
            }
        }
        return html.append("<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n").toString();
    }

    private static void verdicts(StringBuilder html, List<VerificationReport> reports) {
        html.append("<table id=\"verdicts\">\n<thead><tr><th>dialect</th><th>scenario</th><th>outcome</th><th>time</th>")
                .append("<th>measured (limit)</th><th>why</th></tr></thead>\n<tbody>\n");
        for (VerificationReport report : reports) {
            for (ScenarioResult r : report.results()) {
                html.append("<tr class=\"").append(outcome(r)).append("\" data-scenario=\"").append(esc(r.scenario().label())).append("\">")
                        .append("<td>").append(esc(report.dialect().label())).append("</td>")
                        .append("<td><a href=\"#").append(id(report, r)).append("\">").append(esc(r.scenario().label())).append("</a></td>")
                        .append("<td class=\"outcome\">").append(r.outcome()).append("</td>")
                        .append(String.format(Locale.ROOT, "<td>%.1f s</td>", r.took().toMillis() / 1000.0))
                        .append("<td>").append(measurements(r)).append("</td>")
                        .append("<td class=\"reason\">").append(esc(r.reason())).append("</td></tr>\n");
            }
        }
        html.append("</tbody>\n</table>\n");
    }

    private static String measurements(ScenarioResult r) {
        StringBuilder out = new StringBuilder();
        r.measurements().forEach((name, value) -> out.append(out.length() == 0 ? "" : "<br>").append(esc(name)).append(": ").append(esc(value)));
        return out.toString();
    }

    private static void scenario(StringBuilder html, VerificationReport report, ScenarioResult r) {
        html.append("<section class=\"scenario ").append(outcome(r)).append("\" id=\"").append(id(report, r)).append("\">\n<h2>")
                .append(esc(report.dialect().label())).append(" · ").append(esc(r.scenario().label())).append(" <span class=\"badge\">")
                .append(r.outcome()).append("</span></h2>\n<p>").append(esc(r.scenario().checks())).append("</p>\n");
        if (r.reason() != null) {
            html.append("<p class=\"reason\">").append(r.failed() ? "FAILED: " : "").append(esc(r.reason())).append("</p>\n");
        }
        Timeline timeline = r.timeline();
        if (!timeline.marks().isEmpty()) {
            html.append("<div class=\"run\">\n");
            svg(html, timeline);
            html.append("<details class=\"output\" open><summary>the miner's output</summary><pre>").append(esc(timeline.minerOutput()))
                    .append("</pre></details>\n</div>\n");
        }
        html.append("</section>\n");
    }

    /** The timeline: a lane per kind of mark, time limits as bands with their end drawn and named. */
    private static void svg(StringBuilder html, Timeline timeline) {
        long end = 1;
        for (Timeline.Mark mark : timeline.marks()) {
            end = Math.max(end, mark.atMillis());
        }
        for (Timeline.Threshold limit : timeline.thresholds()) {
            end = Math.max(end, limit.toMillis());
        }
        Timeline.Lane[] lanes = Timeline.Lane.values();
        int height = TOP + lanes.length * LANE + 24;
        double scale = (WIDTH - LEFT - 10) / (double) end;
        html.append(String.format(Locale.ROOT, "<svg class=\"timeline\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">%n", WIDTH, height, WIDTH, height));
        for (int i = 0; i < lanes.length; i++) {
            int y = TOP + i * LANE;
            html.append(String.format(Locale.ROOT, "<text class=\"lane\" x=\"4\" y=\"%d\">%s</text><line class=\"lane\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>%n",
                    y + 15, LANE_NAMES.get(lanes[i]), LEFT, WIDTH - 10, y + LANE, y + LANE));
        }
        long step = tickStep(end);
        for (long t = 0; t <= end; t += step) {
            double x = LEFT + t * scale;
            html.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\">%s s</text>%n", x, height - 6, t / 1000));
        }
        int row = 0;
        for (Timeline.Threshold limit : timeline.thresholds()) {
            double from = LEFT + limit.fromMillis() * scale;
            double to = LEFT + limit.toMillis() * scale;
            String label = esc(limit.label()) + String.format(Locale.ROOT, " (%.1f s)", (limit.toMillis() - limit.fromMillis()) / 1000.0);
            html.append(String.format(Locale.ROOT, "<g class=\"threshold\"><title>%s</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"/>"
                            + "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/><text x=\"%.1f\" y=\"%d\">%s</text></g>%n",
                    label, from, TOP, Math.max(1, to - from), lanes.length * LANE, to, to, TOP - 4, TOP + lanes.length * LANE,
                    Math.min(to, WIDTH - 200.0), 10 + 11 * (row++ % 2), label));
        }
        for (Timeline.Mark mark : timeline.marks()) {
            double x = LEFT + mark.atMillis() * scale;
            int y = TOP + mark.lane().ordinal() * LANE;
            String title = String.format(Locale.ROOT, "%.3f s: %s", mark.atMillis() / 1000.0, esc(mark.label()));
            if (mark.lane() == Timeline.Lane.SUBMIT) {
                String verdict = mark.label().equals("accepted") || mark.label().equals("block") ? "ok" : "bad";
                html.append(String.format(Locale.ROOT, "<line class=\"submit %s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"><title>%s</title></line>%n",
                        verdict, x, x, y + 4, y + LANE - 4, title));
            } else {
                html.append(String.format(Locale.ROOT, "<circle class=\"mark %s\" cx=\"%.1f\" cy=\"%d\" r=\"4\"><title>%s</title></circle>%n",
                        mark.lane().name().toLowerCase(Locale.ROOT), x, y + LANE / 2, title));
            }
        }
        html.append("</svg>\n");
    }

    /** A round step that puts five to ten ticks on the axis. */
    private static long tickStep(long endMillis) {
        long step = 1000;
        while (endMillis / step > 10) {
            step *= endMillis / step > 50 ? 5 : 2;
        }
        return step;
    }

    private static String outcome(ScenarioResult r) {
        return r.outcome().name().toLowerCase(Locale.ROOT);
    }

    private static String id(VerificationReport report, ScenarioResult r) {
        return "scenario-" + report.dialect().label() + "-" + r.scenario().label();
    }

    private static String esc(String text) {
        return VerificationReport.escape(text);
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
