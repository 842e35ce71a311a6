package org.diplomaticledger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run's figures: a table on the console, and the same as JSON under the output directory. */
final class Report {

    private Report() {}

    static void print(List<ScenarioResult> results, Map<String, Object> run, PrintStream out) {
        out.println();
        out.printf("diplomatic-ledger bench on %s, %s%n", run.get("database"), run.get("databaseVersion"));
        String[] header = {"", "figure", "value", "baseline (same run, same database)", "baseline", "ratio"};
        List<String[]> rows = new ArrayList<>();
        for (ScenarioResult result : results) {
            if (result.error != null) {
                rows.add(new String[] {result.name, "FAILED: " + result.error, "", "", "", ""});
            }
            for (Figure figure : result.figures) {
                rows.add(new String[] {
                    result.name,
                    figure.name(),
                    number(figure.value()) + " " + figure.unit(),
                    figure.baselineName(),
                    number(figure.baseline()) + " " + figure.baselineUnit(),
                    Double.isNaN(figure.ratio()) ? "-" : number(figure.ratio()) + "×"
                });
            }
        }
        int[] widths = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            widths[c] = header[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        printRow(out, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append("-".repeat(width)).append("  ");
        }
        out.println(rule.toString().stripTrailing());
        String scenario = null;
        for (String[] row : rows) {
            if (scenario != null && !scenario.equals(row[0])) {
                out.println();
            }
            scenario = row[0];
            printRow(out, row, widths);
        }
        out.println();
    }

    private static void printRow(PrintStream out, String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            boolean right = c == 2 || c == 4 || c == 5;
            String cell = row[c];
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(right ? pad + cell : cell + pad).append("  ");
        }
        out.println(line.toString().stripTrailing());
    }

    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 0.1 || magnitude == 0) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    /** Writes {@code bench-<database>-<time>.json} and a copy named {@code bench-<database>.json}; the first's path. */
    static Path write(
            List<ScenarioResult> results, Map<String, Object> run, Path directory, String stamp, ObjectMapper json)
            throws Exception {
        Map<String, Object> document = new LinkedHashMap<>(run);
        Map<String, Object> scenarios = new LinkedHashMap<>();
        for (ScenarioResult result : results) {
            Map<String, Object> scenario = new LinkedHashMap<>();
            scenario.put("title", result.title);
            scenario.put("seconds", result.seconds);
            scenario.put("error", result.error);
            scenario.put("figures", result.figures);
            scenario.put("details", result.details);
            scenarios.put(result.name, scenario);
        }
        document.put("scenarios", scenarios);
        Files.createDirectories(directory);
        Path file = directory.resolve("bench-" + run.get("database") + "-" + stamp + ".json");
        byte[] bytes = json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(document);
        Files.write(file, bytes);
        Files.write(directory.resolve("bench-" + run.get("database") + ".json"), bytes);
        return file;
    }
}
