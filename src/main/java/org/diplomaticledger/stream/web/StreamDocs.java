package org.diplomaticledger.stream.web;

/** Texts and examples of the stream's OpenAPI description. */
final class StreamDocs {

    static final String TYPE = "Only these event types: names (`DiplomatExpelled`) or CloudEvents types "
            + "(`org.diplomaticledger.DiplomatExpelled.v1`), repeated or comma-separated";
    static final String STATE = "Only events concerning this state (ISO 3166 alpha-2 or alpha-3) as sending or "
            + "receiving state of a presence, one of the two states of relations, or a party to talks";
    static final String AGGREGATE = "Only events of this aggregate (the CloudEvent's `subject`): a presence `RU-US`, "
            + "relations `RELATIONS-RU-US`, talks `istanbul-2025-04-10`";

    /** A real CloudEvent as the ledger wrote it (positions and ids from a test run). */
    static final String CLOUD_EVENT = "{\"specversion\":\"1.0\",\"id\":\"ab7e74f9-198a-4b35-beeb-393203379db6\","
            + "\"source\":\"urn:diplomatic-ledger\",\"type\":\"org.diplomaticledger.MissionOpened.v1\","
            + "\"datacontenttype\":\"application/json\","
            + "\"dataschema\":\"http://localhost:8080/schemas/MissionOpened.v1.json\",\"subject\":\"KH-LA\","
            + "\"time\":\"2026-11-30T19:00:13.64Z\",\"actor\":\"clerk\",\"sequence\":\"7\",\"ledgerposition\":\"15\","
            + "\"correlationid\":\"1b266351-ccb5-4db5-b6da-e7ede3a6470f\",\"effectivedate\":\"1999-03-01\","
            + "\"data\":{\"presenceId\":\"KH-LA\",\"missionId\":\"KH-LA-CONSULATE-PAKSE\",\"sendingState\":\"KH\","
            + "\"receivingState\":\"LA\",\"kind\":\"CONSULATE\",\"city\":\"Pakse\",\"reopened\":false,"
            + "\"effectiveDate\":\"1999-03-01\",\"source\":{\"text\":\"Cambodian MFA\"}}}";

    static final String SSE_EXAMPLE = ": stream after position 14\n\nid: 15\nevent: MissionOpened\ndata: "
            + CLOUD_EVENT + "\n\n: heartbeat\n\n";

    static final String PAGE_EXAMPLE = "{\"events\":[" + CLOUD_EVENT + "],\"next\":15,\"more\":true,\"scanned\":1,"
            + "\"position\":240}";

    static final String NDJSON_EXAMPLE = CLOUD_EVENT + "\n";

    private StreamDocs() {
    }
}
