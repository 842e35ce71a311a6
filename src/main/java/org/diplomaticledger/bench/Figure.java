package org.diplomaticledger.bench;

/**
 * One measured figure beside its baseline, both taken in the same run on the same database. {@code ratio} is
 * {@code value / baseline} unless the scenario says otherwise in {@code ratioMeaning}.
 */
public record Figure(
        String scenario,
        String name,
        double value,
        String unit,
        String baselineName,
        double baseline,
        String baselineUnit,
        double ratio,
        String ratioMeaning) {

    /** A figure whose ratio is value divided by baseline. */
    public static Figure of(
            String scenario,
            String name,
            double value,
            String unit,
            String baselineName,
            double baseline,
            String baselineUnit,
            String ratioMeaning) {
        return new Figure(
                scenario,
                name,
                value,
                unit,
                baselineName,
                baseline,
                baselineUnit,
                baseline == 0 ? Double.NaN : value / baseline,
                ratioMeaning);
    }
}
