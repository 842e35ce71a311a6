package org.diplomaticledger.history.web;

import io.swagger.v3.oas.annotations.Parameter;

/** Which page of a history to read: the query parameters every history takes, bound by name. */
record HistoryPage(
        @Parameter(description = "Page number, from 0", example = "0")
        Integer page,

        @Parameter(
                description =
                        "Events per page, 1 to 1000 (100 by default; with Accept: text/csv up to 100000, all by default)",
                example = "100")
        Integer size) {}
