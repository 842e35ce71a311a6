package org.diplomaticledger.projection.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.diplomaticledger.projection.ParkedEvent;
import org.diplomaticledger.projection.ParkedEvents;
import org.diplomaticledger.projection.ProjectionHandlers;
import org.diplomaticledger.projection.ProjectionPositions;
import org.diplomaticledger.projection.ProjectionRebuilder;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.projection.RebuildStatus;
import org.diplomaticledger.projection.Slot;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The projections: how far each has read the ledger, which slot answers, and rebuilds from the events alone.
 */
@RestController
@Tag(
        name = "Projections",
        description = "The read models: how far each has read the ledger, which slot answers, and rebuilds "
                + "from the events alone")
class ProjectionController {

    /**
     * A projection's state: the slot that answers, its position against the ledger's head, its last rebuild, and the
     * events it has parked (how many, and the first hundred in ledger order).
     */
    record ProjectionView(
            String name,
            Slot activeSlot,
            long position,
            long head,
            long lag,
            List<String> tables,
            RebuildStatus lastRebuild,
            long parkedCount,
            List<ParkedEvent> parked) {}

    private static final int PARKED_LISTED = 100;
    private static final String NO_SUCH_PROJECTION = "No projection of this name";
    private static final String WRITE_ROLES = "Needs the role AUDITOR or ADMIN (HTTP Basic).";
    private static final String WRITE_FORBIDDEN = "The user lacks the role AUDITOR or ADMIN";
    private static final String NAME =
            "The projection's name: expulsions, heads-of-mission, relations, staffing or talks";

    private final ProjectionHandlers handlers;
    private final ProjectionPositions positions;
    private final ProjectionRebuilder rebuilder;
    private final ParkedEvents parkedEvents;

    ProjectionController(
            ProjectionHandlers handlers,
            ProjectionPositions positions,
            ProjectionRebuilder rebuilder,
            ParkedEvents parkedEvents) {
        this.handlers = handlers;
        this.positions = positions;
        this.rebuilder = rebuilder;
        this.parkedEvents = parkedEvents;
    }

    @Operation(
            operationId = "listProjections",
            summary = "How far each projection has read the ledger",
            description = """
            Every projection (the read models behind GET /api/v1/**): the slot that answers, the ledger position it has \
            applied against the ledger's head, its lag, its tables and its last rebuild.

            """ + ReadDocs.READ_ROLES,
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "OK",
                        content = @Content(mediaType = "application/json")),
                @ApiResponse(
                        responseCode = "403",
                        description = ReadDocs.FORBIDDEN,
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping("/api/v1/projections")
    List<ProjectionView> all() {
        long head = positions.head();
        return handlers.all().stream()
                .map(live -> view(live.projection().name(), head))
                .toList();
    }

    @Operation(
            operationId = "getProjection",
            summary = "One projection's position, slot and last rebuild",
            description = """
            One projection: its active slot, its position against the ledger's head, its lag, its tables and the state \
            of its last rebuild (with whether the rebuilt tables were identical to the live ones).

            """ + ReadDocs.READ_ROLES,
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "OK",
                        content = @Content(mediaType = "application/json")),
                @ApiResponse(
                        responseCode = "404",
                        description = NO_SUCH_PROJECTION,
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "403",
                        description = ReadDocs.FORBIDDEN,
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping("/api/v1/projections/{name}")
    ProjectionView one(@Parameter(description = NAME, example = "talks") @PathVariable String name) {
        return view(name, positions.head());
    }

    @Operation(
            operationId = "rebuildProjection",
            summary = "Rebuild a projection from the events alone",
            description = """
            Starts rebuilding the projection into its idle slot from the ledger's events, then switches reads to it; \
            answers 202 at once with the rebuild's status and a Location to follow it (GET /api/v1/projections/{name}).

            """ + WRITE_ROLES,
            responses = {
                @ApiResponse(
                        responseCode = "202",
                        description = "OK",
                        content = @Content(mediaType = "application/json")),
                @ApiResponse(
                        responseCode = "404",
                        description = NO_SUCH_PROJECTION,
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "403",
                        description = WRITE_FORBIDDEN,
                        content = @Content(mediaType = "application/problem+json"))
            })
    @PostMapping("/api/v1/projections/{name}/rebuild")
    ResponseEntity<RebuildStatus> rebuild(@Parameter(description = NAME, example = "talks") @PathVariable String name) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Location", "/api/v1/projections/" + name)
                .body(rebuilder.start(name));
    }

    @Operation(
            operationId = "retryParkedEvents",
            summary = "Run a projection's parked events again",
            description = """
            Runs every parked sequence of the projection again (docs/projections/README.md#parked-events), each \
            aggregate's events in ledger order: an event that goes through is applied and leaves the queue with the \
            events behind it; one that fails again stays parked, with its retry count up, and so do the events behind \
            it. Answers when done, with what is still parked.

            """ + WRITE_ROLES,
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "OK",
                        content = @Content(mediaType = "application/json")),
                @ApiResponse(
                        responseCode = "404",
                        description = NO_SUCH_PROJECTION,
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "403",
                        description = WRITE_FORBIDDEN,
                        content = @Content(mediaType = "application/problem+json"))
            })
    @PostMapping("/api/v1/projections/{name}/parked/retry")
    ParkedEvents.Retry retryParked(
            @Parameter(description = NAME, example = "staffing") @PathVariable String name,
            jakarta.servlet.http.HttpServletRequest request) {
        // Checked here as well as wherever the security configuration names this path: a retry writes the read
        // models, which is for the roles that may rebuild them.
        if (!request.isUserInRole("AUDITOR") && !request.isUserInRole("ADMIN")) {
            throw new AccessDeniedException("retrying parked events needs the role AUDITOR or ADMIN");
        }
        return parkedEvents.retry(name);
    }

    private ProjectionView view(String name, long head) {
        ProjectionHandlers.Live live = handlers.get(name);
        long position = positions.position(name);
        long parkedCount = parkedEvents.count(name);
        return new ProjectionView(
                name,
                live.slot().get(),
                position,
                head,
                Math.max(0, head - position),
                live.projection().tables(),
                rebuilder.status(name).orElse(null),
                parkedCount,
                parkedCount == 0 ? List.of() : parkedEvents.list(name, PARKED_LISTED));
    }
}
