package org.diplomaticledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.client.ApiClient;
import org.diplomaticledger.client.ApiException;
import org.diplomaticledger.client.api.CommandsApi;
import org.diplomaticledger.client.api.ExpulsionsApi;
import org.diplomaticledger.client.api.HistoryApi;
import org.diplomaticledger.client.api.StaffingApi;
import org.diplomaticledger.client.api.TalksApi;
import org.diplomaticledger.client.model.AccreditDiplomat;
import org.diplomaticledger.client.model.CommandReceipt;
import org.diplomaticledger.client.model.DelegationMember;
import org.diplomaticledger.client.model.ExpelDiplomat;
import org.diplomaticledger.client.model.ExpulsionView;
import org.diplomaticledger.client.model.History;
import org.diplomaticledger.client.model.HistoryEntry;
import org.diplomaticledger.client.model.ImposeStaffCeiling;
import org.diplomaticledger.client.model.MissionStaffingView;
import org.diplomaticledger.client.model.NameDelegation;
import org.diplomaticledger.client.model.OpenMission;
import org.diplomaticledger.client.model.PageExpulsionView;
import org.diplomaticledger.client.model.PresenceStaffingDetail;
import org.diplomaticledger.client.model.Problem;
import org.diplomaticledger.client.model.Provenance;
import org.diplomaticledger.client.model.RecordDeparture;
import org.diplomaticledger.client.model.RecordStaffCount;
import org.diplomaticledger.client.model.ScheduleTalks;
import org.diplomaticledger.client.model.TalksDetail;
import org.diplomaticledger.client.model.Venue;
import org.diplomaticledger.projection.ProjectionHandlers;
import org.diplomaticledger.projection.ProjectionPositions;
import org.diplomaticledger.support.LedgerClient;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The README's tour, through a Java client that the build generates from docs/openapi.json (openapi-generator,
 * pom.xml): if the description lacked a schema, a parameter or a media type, this would not compile or not read the
 * answers. The same first steps as README.md's "A short tour" (the mission in Kazan, the ceiling, the expulsion, the
 * talks in Ankara), then a presence, its history and the expulsions, every answer read as a typed object.
 */
class TourThroughGeneratedClientTest extends LedgerIntegrationTest {

    @Autowired
    private ProjectionHandlers handlers;

    @Autowired
    private ProjectionPositions positions;

    private static final LocalDate EXPELLED_ON = LocalDate.of(2030, 1, 1);
    private static final String KAZAN = "TR-RU-CONSULATE-GENERAL-KAZAN";

    @Test
    void theReadmeTourRunsThroughTheGeneratedClient() throws Exception {
        CommandsApi clerk = new CommandsApi(client("clerk"));

        // Write: a mission, a diplomat, a ceiling of one.
        CommandReceipt opened = clerk.commandOpenMission(
                new OpenMission()
                        .sendingState("TR")
                        .receivingState("RU")
                        .kind(OpenMission.KindEnum.CONSULATE_GENERAL)
                        .city("Kazan")
                        .effectiveDate(LocalDate.of(1996, 1, 1))
                        .source(source("Turkish MFA")),
                null,
                null);
        assertThat(opened.getCommand()).isEqualTo("OpenMission");
        assertThat(opened.getAggregateId()).isEqualTo("TR-RU");
        assertThat(opened.getIds()).containsEntry("missionId", KAZAN);
        assertThat(opened.getEvents()).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo("MissionOpened");
            assertThat(event.getSequenceNumber()).isZero();
            assertThat(event.getPosition()).isEqualTo(opened.getPosition());
        });
        clerk.commandAccreditDiplomat(
                new AccreditDiplomat()
                        .missionId(KAZAN)
                        .name("Consul A")
                        .category(AccreditDiplomat.CategoryEnum.DIPLOMATIC)
                        .source(source("Turkish MFA")),
                null,
                null);
        clerk.commandImposeStaffCeiling(
                new ImposeStaffCeiling()
                        .sendingState("TR")
                        .receivingState("RU")
                        .limit(1)
                        .source(source("Russian MFA statement")),
                null,
                null);

        // A second accreditation would break the ceiling: 409, a problem naming the rule and the field.
        Problem ceiling = problem(
                409,
                () -> clerk.commandAccreditDiplomat(
                        new AccreditDiplomat()
                                .missionId(KAZAN)
                                .name("Consul B")
                                .category(AccreditDiplomat.CategoryEnum.DIPLOMATIC)
                                .source(source("Turkish MFA")),
                        null,
                        null));
        assertThat(ceiling.getType()).hasToString("urn:diplomatic-ledger:problem:ceiling-exceeded");
        assertThat(ceiling.getRule()).isEqualTo("ceiling-exceeded");
        assertThat(ceiling.getField()).isEqualTo("missionId");

        CommandReceipt expelled = clerk.commandExpelDiplomat(
                new ExpelDiplomat()
                        .missionId(KAZAN)
                        .personIds(List.of("consul-a"))
                        .departureDeadline(LocalDate.of(2030, 1, 8))
                        .effectiveDate(EXPELLED_ON)
                        .source(source("TASS citing the Russian MFA")),
                null,
                null);
        assertThat(expelled.getEvents()).extracting(event -> event.getType()).contains("DiplomatExpelled");

        // Talks in a diplomats-only format refuse a delegation headed by a non-diplomat.
        clerk.commandScheduleTalks(
                new ScheduleTalks()
                        .talksId("ankara-tour")
                        .parties(List.of("TR", "RU"))
                        .venue(new Venue().city("Ankara").country("TR"))
                        .date(LocalDate.of(2030, 2, 1))
                        .scope("consular operations")
                        .format(ScheduleTalks.FormatEnum.DIPLOMATS_ONLY)
                        .source(source("Reuters")),
                null,
                null);
        Problem delegation = problem(
                409,
                () -> clerk.commandNameDelegation(
                        new NameDelegation()
                                .talksId("ankara-tour")
                                .state("RU")
                                .head(new DelegationMember()
                                        .name("A business envoy")
                                        .diplomat(false))
                                .source(source("Reuters")),
                        null,
                        null));
        assertThat(delegation.getRule()).isEqualTo("delegation-not-diplomats-only");

        // A retry with the same Idempotency-Key answers the first answer and writes nothing.
        RecordStaffCount count = new RecordStaffCount()
                .sendingState("TR")
                .receivingState("RU")
                .headcount(12)
                .source(source("Anadolu"));
        CommandReceipt first = clerk.commandRecordStaffCount(count, "tour-1", null);
        long events = eventCount();
        CommandReceipt again = clerk.commandRecordStaffCount(count, "tour-1", null);
        assertThat(again.getCommandId()).isEqualTo(first.getCommandId());
        assertThat(again.getPosition()).isEqualTo(first.getPosition());
        assertThat(eventCount()).isEqualTo(events);

        // Bad input names the field; a wrong role is 403; both as problems.
        Problem narnia = problem(
                400,
                () -> clerk.commandOpenMission(
                        new OpenMission()
                                .sendingState("Narnia")
                                .receivingState("RU")
                                .kind(OpenMission.KindEnum.EMBASSY)
                                .city("Cair Paravel")
                                .source(source("x")),
                        null,
                        null));
        assertThat(narnia.getField()).isEqualTo("sendingState");
        Problem analystWrites = problem(
                403,
                () -> new CommandsApi(client("analyst"))
                        .commandOpenMission(
                                new OpenMission()
                                        .sendingState("TR")
                                        .receivingState("RU")
                                        .kind(OpenMission.KindEnum.EMBASSY)
                                        .city("Ankara")
                                        .source(source("x")),
                                null,
                                null));
        assertThat(analystWrites.getStatus()).isEqualTo(403);

        // The reads below ask for their own writes (atLeast) and wait at most the test profile's 5 s for them. Two
        // test JVMs share two cores, and the tests before this one in the same ledger may have left a projection
        // busy (a large back-filled import): let every projection apply the tour's writes first, so that this test
        // reads the answers rather than timing a neighbour's catch-up.
        awaitProjections(first.getPosition());

        // Read the presence, reading our own writes (atLeast), today and as of the expulsion.
        StaffingApi staffing = new StaffingApi(client("analyst"));
        PresenceStaffingDetail today = staffing.getPresence("TR", "RU", null, first.getPosition(), null, null, null);
        assertThat(today.getPresence().getPresenceId()).isEqualTo("TR-RU");
        assertThat(today.getPresence().getSendingState()).isEqualTo("TR");
        assertThat(today.getPresence().getReported().getHeadcount()).isEqualTo(12);
        assertThat(today.getPresence().getCeilings())
                .singleElement()
                .satisfies(c -> assertThat(c.getLimit()).isEqualTo(1));
        assertThat(today.getPresence().getMissions().getOpen()).isEqualTo(1);
        MissionStaffingView kazan = today.getMissions().get(0);
        assertThat(kazan.getMissionId()).isEqualTo(KAZAN);
        assertThat(kazan.getStatus()).isEqualTo("OPEN");
        assertThat(kazan.getStatusSince()).isEqualTo(LocalDate.of(1996, 1, 1));
        assertThat(kazan.getNamed().getDiplomatic()).isEqualTo(1);

        PresenceStaffingDetail onTheDay =
                staffing.getPresence("TR", "RU", null, first.getPosition(), null, EXPELLED_ON, null);
        assertThat(onTheDay.getPresence().getExpelled().getDue()).isEqualTo(1);
        CommandReceipt left = clerk.commandRecordDeparture(
                new RecordDeparture()
                        .missionId(KAZAN)
                        .personId("consul-a")
                        .effectiveDate(LocalDate.of(2030, 1, 5))
                        .source(source("Anadolu")),
                null,
                null);
        awaitProjections(left.getPosition());
        PresenceStaffingDetail afterwards =
                staffing.getPresence("TR", "RU", null, left.getPosition(), null, LocalDate.of(2030, 1, 6), null);
        assertThat(afterwards.getPresence().getExpelled().getDue()).isZero();
        assertThat(afterwards.getMissions().get(0).getNamed().getDiplomatic()).isZero();

        // The presence's history, as a clerk finds the event a correction would name.
        History history = new HistoryApi(client("clerk")).presenceHistory("TR", "RU", null, null);
        assertThat(history.getAggregateId()).isEqualTo("TR-RU");
        assertThat(history.getItems())
                .extracting(HistoryEntry::getType)
                .contains(
                        "MissionOpened",
                        "DiplomatAccredited",
                        "StaffCeilingImposed",
                        "DiplomatExpelled",
                        "StaffCountReported",
                        "DiplomatDeparted");
        HistoryEntry reported = history.getItems().stream()
                .filter(entry -> entry.getType().equals("StaffCountReported"))
                .findFirst()
                .orElseThrow();
        assertThat(reported.getActor()).isEqualTo("clerk");
        assertThat(reported.getEventId()).isEqualTo(first.getEvents().get(0).getEventId());
        assertThat(reported.getStatus()).isEqualTo("RECORDED");

        // The expulsions: who expelled whom, and whether they left.
        PageExpulsionView expulsions = new ExpulsionsApi(client("analyst"))
                .listExpulsions(
                        null,
                        null,
                        "TR",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        left.getPosition(),
                        null,
                        LocalDate.of(2030, 1, 6),
                        null);
        assertThat(expulsions.getTotal()).isEqualTo(1);
        ExpulsionView expulsion = expulsions.getItems().get(0);
        assertThat(expulsion.getDeclaredBy()).isEqualTo("RU");
        assertThat(expulsion.getAgainst()).isEqualTo("TR");
        assertThat(expulsion.getMissionId()).isEqualTo(KAZAN);
        assertThat(expulsion.getEffectiveDate()).isEqualTo(EXPELLED_ON);
        assertThat(expulsion.getTotalExpelled()).isEqualTo(1);
        assertThat(expulsion.getDeparted()).isEqualTo(1);
        assertThat(expulsion.getStillDue()).isZero();

        TalksDetail talks =
                new TalksApi(client("analyst")).getTalks("ankara-tour", left.getPosition(), null, null, null);
        assertThat(talks.getTalks().getStatus()).isEqualTo("SCHEDULED");
        assertThat(talks.getTalks().getVenue().getCity()).isEqualTo("Ankara");
        assertThat(talks.getTalks().getParties()).containsExactlyInAnyOrder("TR", "RU");
    }

    /**
     * The generated client as a program would configure it: the ledger's address and a user (HTTP Basic, whose
     * password is its name in the test profile). A list read offers JSON and CSV, and the generated client sends
     * {@code Accept: application/json, text/csv}, to which the ledger answers CSV: ask for JSON only (docs/api.md).
     */
    /** Until every projection has applied the ledger up to the position (a set-up step, not a timed check). */
    private void awaitProjections(long position) {
        for (ProjectionHandlers.Live live : handlers.all()) {
            String name = live.projection().name();
            assertThat(positions.await(name, position, Duration.ofMinutes(2)))
                    .as(name)
                    .isTrue();
        }
    }

    private ApiClient client(String user) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> {
            request.setHeader("Authorization", LedgerClient.basic(user, user));
            request.setHeader("Accept", "application/json, application/problem+json");
        });
        return client;
    }

    private static Provenance source(String text) {
        return new Provenance().text(text);
    }

    /** The problem a refused call answered, read with the client's own model. */
    private Problem problem(int status, Executable call) throws IOException {
        ApiException refused = assertThrows(ApiException.class, call);
        assertThat(refused.getCode()).as(refused.getResponseBody()).isEqualTo(status);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        Problem problem = new ApiClient().getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(status);
        return problem;
    }
}
