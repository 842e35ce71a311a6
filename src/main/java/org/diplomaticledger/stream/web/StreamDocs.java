package org.diplomaticledger.stream.web;

/** Texts of the stream's OpenAPI description (its examples are in openapi/examples/stream.json). */
final class StreamDocs {

    static final String TYPE = "Only these event types: names (`DiplomatExpelled`) or CloudEvents types "
            + "(`org.diplomaticledger.DiplomatExpelled.v1`), repeated or comma-separated";
    static final String STATE = "Only events concerning this state (ISO 3166 alpha-2 or alpha-3) as sending or "
            + "receiving state of a presence, one of the two states of relations, or a party to talks";
    static final String AGGREGATE = "Only events of this aggregate (the CloudEvent's `subject`): a presence `RU-US`, "
            + "relations `RELATIONS-RU-US`, talks `istanbul-2025-04-10`";

    private StreamDocs() {}
}
