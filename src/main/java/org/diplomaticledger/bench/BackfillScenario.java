package org.diplomaticledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * R1: back-filling one presence's history. The same {@code facts} staff counts (one a day) are imported through
 * {@code POST /api/v1/imports} onto a fresh presence each time: in date order, shuffled, and in reverse. Measured:
 * from the first import request until the {@code staffing} projection has applied the last fact (its position in
 * {@code GET /api/v1/projections/staffing} reaches the import's position). A tenth of the facts in each order goes
 * first, untimed, on presences of their own: otherwise the in-order figure, measured first, paid for the JVM's warm-up.
 */
final class BackfillScenario implements Scenario {

    private static final LocalDate FIRST = LocalDate.of(2000, 1, 1);

    @Override
    public String name() {
        return "R1";
    }

    @Override
    public String title() {
        return "Back-fill one presence in date order vs shuffled vs reverse: staffing catch-up time";
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        int facts = context.sizes.facts();
        List<Integer> inOrder = new ArrayList<>();
        for (int i = 0; i < facts; i++) {
            inOrder.add(i);
        }
        List<Integer> shuffled = new ArrayList<>(inOrder);
        Collections.shuffle(shuffled, context.random);
        List<Integer> reverse = new ArrayList<>(inOrder);
        Collections.reverse(reverse);

        // Untimed, so that no order is measured on a cold JVM (the first back-fill of a run compiles the paths all
        // three take): a tenth of the facts in each order, on presences of their own.
        int warmUp = Math.max(1, facts / 10);
        backfill(context, null, "warm-up in order", "PE", inOrder.subList(0, warmUp));
        backfill(
                context,
                null,
                "warm-up shuffled",
                "UY",
                shuffled.stream().filter(f -> f < warmUp).toList());
        backfill(context, null, "warm-up reverse", "BO", reverse.subList(facts - warmUp, facts));

        double[] ordered = backfill(context, result, "in order", "MX", inOrder);
        double[] random = backfill(context, result, "shuffled", "AR", shuffled);
        double[] reversed = backfill(context, result, "reverse", "CL", reverse);

        String baseline = "the same facts in date order";
        result.add(
                "in order: catch-up",
                ordered[0],
                "s",
                "in order: the import requests alone",
                ordered[1],
                "s",
                "catch-up / import time");
        result.add("shuffled: catch-up", random[0], "s", baseline, ordered[0], "s", "shuffled / in order");
        result.add("reverse: catch-up", reversed[0], "s", baseline, ordered[0], "s", "reverse / in order");
        result.add(
                "shuffled: facts absorbed per second",
                facts / random[0],
                "facts/s",
                baseline,
                facts / ordered[0],
                "facts/s",
                "shuffled rate / in-order rate");
        result.detail("facts", facts);
        result.detail("presences", List.of("GB-MX (in order)", "GB-AR (shuffled)", "GB-CL (reverse)"));
    }

    /** Imports the facts in the given order; {catch-up seconds, import seconds}. */
    private static double[] backfill(
            BenchContext context, ScenarioResult result, String label, String receiving, List<Integer> order)
            throws Exception {
        context.awaitProjections("the ledger before R1 " + label);
        context.progress("R1: %,d facts %s", order.size(), label);
        long start = System.nanoTime();
        long position = -1;
        for (int from = 0; from < order.size(); from += context.sizes.chunk()) {
            StringBuilder ndjson = new StringBuilder();
            for (int i = from; i < Math.min(order.size(), from + context.sizes.chunk()); i++) {
                int fact = order.get(i);
                ndjson.append(
                                "{\"command\":\"RecordStaffCount\",\"payload\":{\"sendingState\":\"GB\",\"receivingState\":\"")
                        .append(receiving)
                        .append("\",\"headcount\":")
                        .append(100 + (fact * 37) % 90)
                        .append(",\"effectiveDate\":\"")
                        .append(FIRST.plusDays(fact))
                        .append("\",\"source\":\"Benchmark back-fill: an archive found in no particular order\"}}\n");
            }
            JsonNode receipt = context.ledger.http.parse(LedgerHttp.require(
                    context.ledger.http.postNdjson(
                            LedgerHttp.CLERK,
                            "/api/v1/imports",
                            ndjson.toString().getBytes(StandardCharsets.UTF_8)),
                    "R1 import"));
            position = Math.max(position, receipt.path("position").asLong());
        }
        long imported = System.nanoTime();
        if (!context.ledger.await("staffing", position, context.sizes.catchUpTimeout(), Duration.ofMillis(20))) {
            throw new IllegalStateException(
                    "staffing did not apply the " + label + " back-fill within " + context.sizes.catchUpTimeout());
        }
        long caughtUp = System.nanoTime();
        double catchUp = (caughtUp - start) / 1e9;
        double importSeconds = (imported - start) / 1e9;
        if (result == null) {
            return new double[] {catchUp, importSeconds};
        }
        result.detail(label.replace(' ', '-') + ".catchUpSeconds", catchUp);
        result.detail(label.replace(' ', '-') + ".importSeconds", importSeconds);
        result.detail(label.replace(' ', '-') + ".lagAfterImportSeconds", (caughtUp - imported) / 1e9);
        return new double[] {catchUp, importSeconds};
    }
}
