package io.monstack.e2e;

import io.monstack.support.ExporterKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names and types e2e/exporters/METRICS.md reports per exporter (its tables, under a
 * "## ID ..." heading per exporter), so the test can hold the report to the live exporters.
 */
final class MetricFacts {
    static final Path FILE = Path.of("e2e", "exporters", "METRICS.md");
    private static final Pattern SECTION = Pattern.compile("^## (\\w+)\\b.*");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-zA-Z_:][a-zA-Z0-9_:]*)`\\s*\\|\\s*(counter|gauge|histogram|summary|untyped)\\s*\\|.*");
    private static final Pattern TYPE = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$");

    record Fact(String name, String type) {
        /** A series of the metric that exists whenever the metric does (a histogram's base name has none). */
        String seriesName() {
            return type.equals("histogram") ? name + "_count" : name;
        }
    }

    private MetricFacts() {
    }

    /** The rows of the exporter's section; empty if it has none. */
    static List<Fact> of(ExporterKind kind) {
        List<Fact> facts = new ArrayList<>();
        String section = null;
        try {
            for (String line : Files.readAllLines(FILE)) {
                Matcher s = SECTION.matcher(line);
                if (s.matches()) {
                    section = s.group(1).toLowerCase(Locale.ROOT);
                    continue;
                }
                Matcher r = ROW.matcher(line);
                if (r.matches() && kind.id().equals(section)) {
                    facts.add(new Fact(r.group(1), r.group(2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return facts;
    }

    /** Metric name -> type, from a page's # TYPE lines. */
    static Map<String, String> types(String page) {
        Map<String, String> types = new HashMap<>();
        Matcher m = TYPE.matcher(page);
        while (m.find()) {
            types.put(m.group(1), m.group(2));
        }
        return types;
    }
}
