package org.diplomaticledger.projection.web;

import org.diplomaticledger.projection.ProjectionHandlers;
import org.diplomaticledger.projection.ProjectionPositions;
import org.diplomaticledger.projection.ProjectionRebuilder;
import org.diplomaticledger.projection.RebuildStatus;
import org.diplomaticledger.projection.Slot;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The projections: how far each has read the ledger, which slot answers, and rebuilds from the events alone.
 */
@RestController
class ProjectionController {

    /** A projection's state: the slot that answers, its position against the ledger's head, its last rebuild. */
    record ProjectionView(String name, Slot activeSlot, long position, long head, long lag, List<String> tables,
                          RebuildStatus lastRebuild) {
    }

    private final ProjectionHandlers handlers;
    private final ProjectionPositions positions;
    private final ProjectionRebuilder rebuilder;

    ProjectionController(ProjectionHandlers handlers, ProjectionPositions positions, ProjectionRebuilder rebuilder) {
        this.handlers = handlers;
        this.positions = positions;
        this.rebuilder = rebuilder;
    }

    @GetMapping("/api/v1/projections")
    List<ProjectionView> all() {
        long head = positions.head();
        return handlers.all().stream().map(live -> view(live.projection().name(), head)).toList();
    }

    @GetMapping("/api/v1/projections/{name}")
    ProjectionView one(@PathVariable String name) {
        return view(name, positions.head());
    }

    @PostMapping("/api/v1/projections/{name}/rebuild")
    ResponseEntity<RebuildStatus> rebuild(@PathVariable String name) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Location", "/api/v1/projections/" + name)
                .body(rebuilder.start(name));
    }

    private ProjectionView view(String name, long head) {
        ProjectionHandlers.Live live = handlers.get(name);
        long position = positions.position(name);
        return new ProjectionView(name, live.slot().get(), position, head, Math.max(0, head - position),
                live.projection().tables(), rebuilder.status(name).orElse(null));
    }
}
