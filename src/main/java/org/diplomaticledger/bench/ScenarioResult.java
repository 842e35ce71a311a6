package org.diplomaticledger.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one scenario measured: its figures, and details kept in the JSON only (counts, per-step timings). */
final class ScenarioResult {

    final String name;
    final String title;
    final List<Figure> figures = new ArrayList<>();
    final Map<String, Object> details = new LinkedHashMap<>();
    double seconds;
    String error;

    ScenarioResult(Scenario scenario) {
        this.name = scenario.name();
        this.title = scenario.title();
    }

    Figure add(
            String figure,
            double value,
            String unit,
            String baselineName,
            double baseline,
            String baselineUnit,
            String ratioMeaning) {
        Figure added = Figure.of(name, figure, value, unit, baselineName, baseline, baselineUnit, ratioMeaning);
        figures.add(added);
        return added;
    }

    void detail(String key, Object value) {
        details.put(key, value);
    }
}
