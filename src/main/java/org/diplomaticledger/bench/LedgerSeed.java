package org.diplomaticledger.bench;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * The ledger the read and rebuild scenarios measure, written through the real import API in chunks (the write path
 * users have): 50 presences (ten European sending states in five receiving states), each with an embassy, then, one
 * day after another in effective-date order within each presence, mostly staff counts, with an ambassador appointed
 * and later ended every 20 days and a counted expulsion every 20 days. Line {@code i} is always the same command, so
 * a ledger grown in steps is the same as one written at once.
 */
final class LedgerSeed {

    static final List<String> SENDING = List.of("FR", "DE", "IT", "ES", "PL", "NL", "BE", "AT", "SE", "NO");
    /** Each of them existed on {@link #FIRST_DAY}: the register of states refuses a state before it existed. */
    static final List<String> RECEIVING = List.of("JP", "BR", "IN", "MX", "CA");

    static final int PRESENCES = SENDING.size() * RECEIVING.size();
    static final LocalDate FIRST_DAY = LocalDate.of(1950, 1, 1);
    private static final String SOURCE = "Benchmark seed: as reported by the foreign ministry of the sending state";

    private LedgerSeed() {}

    static String sending(int presence) {
        return SENDING.get(presence / RECEIVING.size());
    }

    static String receiving(int presence) {
        return RECEIVING.get(presence % RECEIVING.size());
    }

    static String missionId(int presence) {
        return sending(presence) + "-" + receiving(presence) + "-EMBASSY-CAPITAL";
    }

    /** The effective day of line {@code i}. */
    static LocalDate day(long line) {
        return FIRST_DAY.plusDays(line / PRESENCES);
    }

    /** Lines {@code from} (inclusive) to {@code to} (exclusive) as NDJSON. */
    static byte[] lines(long from, long to) {
        StringBuilder ndjson = new StringBuilder((int) (to - from) * 260);
        for (long i = from; i < to; i++) {
            line(i, ndjson);
            ndjson.append('\n');
        }
        return ndjson.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(long i, StringBuilder out) {
        int presence = (int) (i % PRESENCES);
        long k = i / PRESENCES;
        String s = sending(presence);
        String r = receiving(presence);
        LocalDate day = day(i);
        if (k == 0) {
            out.append("{\"command\":\"OpenMission\",\"payload\":{\"sendingState\":\"")
                    .append(s)
                    .append("\",\"receivingState\":\"")
                    .append(r)
                    .append("\",\"kind\":\"EMBASSY\",\"city\":\"Capital\",\"effectiveDate\":\"")
                    .append(day)
                    .append("\",\"source\":\"")
                    .append(SOURCE)
                    .append("\"}}");
            return;
        }
        switch ((int) (k % 20)) {
            case 5 ->
                out.append("{\"command\":\"AppointAmbassador\",\"payload\":{\"missionId\":\"")
                        .append(missionId(presence))
                        .append("\",\"name\":\"Envoy ")
                        .append(k)
                        .append("\",\"effectiveDate\":\"")
                        .append(day)
                        .append("\",\"source\":\"")
                        .append(SOURCE)
                        .append("\"}}");
            case 15 ->
                out.append("{\"command\":\"EndAmbassadorship\",\"payload\":{\"missionId\":\"")
                        .append(missionId(presence))
                        .append("\",\"name\":\"Envoy ")
                        .append(k - 10)
                        .append("\",\"reason\":\"Tour ended\",\"effectiveDate\":\"")
                        .append(day)
                        .append("\",\"source\":\"")
                        .append(SOURCE)
                        .append("\"}}");
            case 10 ->
                out.append("{\"command\":\"ExpelDiplomat\",\"payload\":{\"sendingState\":\"")
                        .append(s)
                        .append("\",\"receivingState\":\"")
                        .append(r)
                        .append("\",\"count\":2,\"expulsionId\":\"bench-")
                        .append(s.toLowerCase())
                        .append('-')
                        .append(r.toLowerCase())
                        .append('-')
                        .append(k)
                        .append("\",\"departureDeadline\":\"")
                        .append(day.plusDays(7))
                        .append("\",\"effectiveDate\":\"")
                        .append(day)
                        .append("\",\"source\":\"")
                        .append(SOURCE)
                        .append("\"}}");
            default ->
                out.append("{\"command\":\"RecordStaffCount\",\"payload\":{\"sendingState\":\"")
                        .append(s)
                        .append("\",\"receivingState\":\"")
                        .append(r)
                        .append("\",\"headcount\":")
                        .append(40 + (k * 7919) % 120)
                        .append(",\"effectiveDate\":\"")
                        .append(day)
                        .append("\",\"source\":\"")
                        .append(SOURCE)
                        .append("\"}}");
        }
    }
}
