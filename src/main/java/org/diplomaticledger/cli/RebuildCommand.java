package org.diplomaticledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rebuild NAME}: starts a projection's rebuild on a running ledger ({@code POST /api/v1/projections/{name}/rebuild})
 * and follows it ({@code GET /api/v1/projections/{name}}) with a progress bar until it has switched (exit 0) or failed
 * (exit 1). A rebuild already running is followed instead.
 */
@Command(
        name = "rebuild",
        sortOptions = false,
        description = {
            "Rebuilds a projection of a running ledger from its events (POST /api/v1/projections/NAME/rebuild) and "
                    + "follows it with a progress bar until SWITCHED (exit 0) or FAILED (exit 1) (role AUDITOR or ADMIN)."
        })
final class RebuildCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    LedgerCommandLine cli;

    @Parameters(
            paramLabel = "NAME",
            description = "The projection: expulsions, heads-of-mission, relations, staffing or talks")
    String name;

    @Mixin
    Connection connection;

    @Option(
            names = "--interval",
            paramLabel = "MS",
            defaultValue = "500",
            description = "How often to ask how far it is, in milliseconds (default 500)")
    long intervalMillis;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress bar")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (intervalMillis < 10) {
            throw CliFailure.usage("--interval must be at least 10 ms");
        }
        LedgerApi api = connection.api();
        String path = "/api/v1/projections/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        LedgerApi.Answer started;
        try {
            started = api.post(path + "/rebuild", "application/json", new byte[0], Map.of(), Duration.ofMinutes(2));
        } catch (IOException e) {
            throw api.unreachable(e);
        }
        String startedAt = null;
        if (started.status() == 409) {
            cli.err.println(name + " is already being rebuilt: following that rebuild");
        } else if (!started.ok()) {
            throw new CliFailure(LedgerApi.refusal(started.status(), started.body()));
        } else {
            startedAt = started.json().path("startedAt").asText(null);
        }
        Progress progress = new Progress(cli.err, "events", 0, !quiet);
        progress.start(0);
        while (true) {
            JsonNode status = status(api, path, startedAt);
            if (status != null) {
                String state = status.path("state").asText();
                long done = status.path("done").asLong();
                progress.total(status.path("total").asLong());
                String note = "into slot " + status.path("into").asText();
                if (!state.equals("RUNNING")) {
                    progress.finish(done, note);
                    return finished(status);
                }
                progress.update(done, note);
            }
            Thread.sleep(intervalMillis);
        }
    }

    /** The rebuild's status: ours (by its start), or, after a 409, the one running; null while it is not visible yet. */
    private JsonNode status(LedgerApi api, String path, String startedAt) throws InterruptedException {
        LedgerApi.Answer answer;
        try {
            answer = api.get(path);
        } catch (IOException e) {
            throw new CliFailure(
                    api.unreachable(e).getMessage() + "; the rebuild goes on without being followed: GET " + path);
        }
        if (!answer.ok()) {
            throw new CliFailure(LedgerApi.refusal(answer.status(), answer.body()));
        }
        JsonNode rebuild = answer.json().path("lastRebuild");
        if (rebuild.isMissingNode() || rebuild.isNull()) {
            return null;
        }
        return startedAt == null || startedAt.equals(rebuild.path("startedAt").asText()) ? rebuild : null;
    }

    private int finished(JsonNode status) {
        String state = status.path("state").asText();
        if (!state.equals("SWITCHED")) {
            cli.err.println(name + " " + state + ": " + status.path("error").asText("(no error given)")
                    + " — the slot that answered before still answers");
            return 1;
        }
        double eventsPerSecond = status.path("eventsPerSecond").asDouble();
        cli.out.printf(
                Locale.ROOT,
                "%s SWITCHED to slot %s: %,d events rebuilt (%,.0f events/s)%s%s%n",
                name,
                status.path("into").asText(),
                status.path("done").asLong(),
                eventsPerSecond,
                status.path("identical").isBoolean()
                        ? (status.path("identical").asBoolean()
                                ? "; every table identical to the slot it replaced"
                                : "; tables differ from the slot it replaced: " + differing(status))
                        : "",
                status.path("parked").size() > 0
                        ? "; " + status.path("parked").size() + " events parked (GET /api/v1/projections/" + name + ")"
                        : "");
        return 0;
    }

    private static String differing(JsonNode status) {
        StringBuilder tables = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = status.path("tables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> table = it.next();
            if (!table.getValue().path("identical").asBoolean()) {
                tables.append(tables.isEmpty() ? "" : ", ")
                        .append(table.getKey())
                        .append(" (")
                        .append(table.getValue().path("liveRows").asLong())
                        .append(" rows before, ")
                        .append(table.getValue().path("rebuiltRows").asLong())
                        .append(" rebuilt)");
            }
        }
        return tables.toString();
    }
}
