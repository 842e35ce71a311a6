package org.diplomaticledger.stream.web;

/** Texts and examples of the stream's OpenAPI description. */
final class StreamDocs {

    static final String TYPE = "Only these event types: names (`DiplomatExpelled`) or CloudEvents types "
            + "(`org.diplomaticledger.DiplomatExpelled.v1`), repeated or comma-separated";
    static final String STATE = "Only events concerning this state (ISO 3166 alpha-2 or alpha-3) as sending or "
            + "receiving state of a presence, one of the two states of relations, or a party to talks";
    static final String AGGREGATE = "Only events of this aggregate (the CloudEvent's `subject`): a presence `RU-US`, "
            + "relations `RELATIONS-RU-US`, talks `istanbul-2025-04-10`";

    static final String CLOUD_EVENT = "{\"specversion\":\"1.0\",\"id\":\"5b0e4c1e-1b7a-4a59-9a52-6f3e0f0b8d21\","
            + "\"source\":\"urn:diplomatic-ledger\",\"type\":\"org.diplomaticledger.DiplomatExpelled.v1\","
            + "\"datacontenttype\":\"application/json\","
            + "\"dataschema\":\"http://localhost:8080/schemas/DiplomatExpelled.v1.json\",\"subject\":\"RU-US\","
            + "\"time\":\"2026-11-30T18:02:11.402Z\",\"ledgerposition\":\"121\",\"sequence\":\"40\","
            + "\"effectivedate\":\"2016-12-29\",\"actor\":\"demo-loader\",\"correlationid\":\"demo-2016\","
            + "\"cameocode\":\"174\",\"data\":{\"presenceId\":\"RU-US\",\"expulsionId\":\"us-2016-35\",\"headcount\":35,"
            + "\"departureDeadline\":\"2017-01-01\",\"effectiveDate\":\"2016-12-29\","
            + "\"source\":{\"text\":\"US State Department\"}}}";

    static final String SSE_EXAMPLE = ": stream after position 120\n\nid: 121\nevent: DiplomatExpelled\ndata: "
            + CLOUD_EVENT + "\n\n: heartbeat\n\n";

    static final String PAGE_EXAMPLE = "{\"events\":[" + CLOUD_EVENT + "],\"next\":121,\"more\":true,\"scanned\":1,"
            + "\"position\":240}";

    static final String NDJSON_EXAMPLE = CLOUD_EVENT + "\n";

    private StreamDocs() {
    }
}
