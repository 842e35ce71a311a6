package org.diplomaticledger.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.projection.ParkedEvent;
import org.diplomaticledger.projection.ParkedEvents;
import org.diplomaticledger.projection.ProjectionHandlers;
import org.diplomaticledger.projection.ProjectionPositions;
import org.diplomaticledger.projection.ProjectionRebuilder;
import org.diplomaticledger.projection.RebuildStatus;
import org.diplomaticledger.projection.ResourceNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The projections page (AUDITOR, ADMIN; docs/dashboard.md): how far each projection has read the ledger (its lag),
 * the events it has parked, and a rebuild with a live progress bar. The same services as
 * {@code GET /api/v1/projections} and {@code POST /api/v1/projections/{name}/rebuild}: the page starts a rebuild with
 * {@link ProjectionRebuilder#start} and polls {@link ProjectionRebuilder#status}, the status the API answers, on a page
 * path ({@code /projections/{name}/rebuild}), since the browser has a session and not HTTP Basic.
 */
@Hidden
@Controller
class ProjectionsPageController {

    /** How many parked events the page lists per projection (the API lists a hundred). */
    private static final int PARKED_LISTED = 20;

    private final ProjectionHandlers handlers;
    private final ProjectionPositions positions;
    private final ProjectionRebuilder rebuilder;
    private final ParkedEvents parked;

    ProjectionsPageController(
            ProjectionHandlers handlers,
            ProjectionPositions positions,
            ProjectionRebuilder rebuilder,
            ParkedEvents parked) {
        this.handlers = handlers;
        this.positions = positions;
        this.rebuilder = rebuilder;
        this.parked = parked;
    }

    /** One projection as the page shows it. */
    record Row(
            String name,
            String slot,
            long position,
            long head,
            long lag,
            List<String> tables,
            long parkedCount,
            List<ParkedEvent> parked,
            RebuildStatus lastRebuild) {}

    @GetMapping("/projections")
    String projections(Model model) {
        long head = positions.head();
        List<Row> rows = handlers.all().stream()
                .map(live -> {
                    String name = live.projection().name();
                    long position = positions.position(name);
                    long count = parked.count(name);
                    return new Row(
                            name,
                            live.slot().get().name(),
                            position,
                            head,
                            Math.max(0, head - position),
                            live.projection().tables(),
                            count,
                            count == 0 ? List.of() : parked.list(name, PARKED_LISTED),
                            rebuilder.status(name).orElse(null));
                })
                .sorted(Comparator.comparing(Row::name))
                .toList();
        model.addAttribute("head", head);
        model.addAttribute("projections", rows);
        return "projections";
    }

    /** Starts a rebuild; answers its status at once (202), as the API's rebuild does. */
    @PostMapping("/projections/{name}/rebuild")
    @ResponseBody
    ResponseEntity<?> rebuild(@PathVariable String name) {
        known(name);
        try {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuilder.start(name));
        } catch (ProjectionRebuilder.RebuildAlreadyRunning running) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Map.of("detail", "a rebuild of " + name + " is running already"));
        }
    }

    /** The projection's last rebuild since this node started (what the page polls for its progress bar). */
    @GetMapping("/projections/{name}/rebuild")
    @ResponseBody
    ResponseEntity<RebuildStatus> status(@PathVariable String name) {
        known(name);
        return rebuilder
                .status(name)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    private void known(String name) {
        if (handlers.find(name).isEmpty()) {
            throw new ResourceNotFound("no projection '" + name + "'");
        }
    }
}
