package org.diplomaticledger.stream.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of {@code GET /api/v1/events}: the CloudEvents, where the next page starts, and how far the ledger is. */
@Schema(description = "A page of the ledger's events, in ledger order")
record EventPage(
        @ArraySchema(schema = @Schema(ref = StreamOpenApi.CLOUD_EVENT_REF))
        List<JsonNode> events,

        @Schema(description = "Pass it as `after` for the next page")
        long next,

        @Schema(description = "Whether events after `next` can already be read")
        boolean more,

        @Schema(
                description =
                        "How many events this request examined (at most `ledger.stream.page-scan-limit` while filtering)")
        int scanned,

        @Schema(description = "The ledger position settled when the page was read")
        long position) {}
