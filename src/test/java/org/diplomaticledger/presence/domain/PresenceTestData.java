package org.diplomaticledger.presence.domain;

import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.presence.api.*;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.Provenance;

/**
 * Fixed dates, source, states and missions for the Presence fixture tests, and the events most tests start from,
 * so that each test shows only what matters to its rule.
 */
final class PresenceTestData {

    /** The day most facts take effect: the Istanbul round on embassy operations. */
    static final LocalDate ON = LocalDate.of(2025, 4, 10);

    static final Provenance SOURCE = new Provenance("State Department briefing", null);

    static final CountryCode RU = CountryCode.of("RU");
    static final CountryCode US = CountryCode.of("US");
    static final String PRESENCE = "RU-US";
    static final String EMBASSY = "RU-US-EMBASSY-WASHINGTON";
    static final String CONSULATE = "RU-US-CONSULATE-GENERAL-NEW-YORK";
    static final String UN_MISSION = "RU-US-PERMANENT-MISSION-UN-NEW-YORK";
    /** Russia's legation in Washington, as it was until it was raised to an embassy (1898). */
    static final String LEGATION = "RU-US-LEGATION-WASHINGTON";

    private PresenceTestData() {}

    /** A fixture of the presence, which reads back its events from the fixture's store ({@link PresenceEvents}). */
    static org.axonframework.test.aggregate.FixtureConfiguration<Presence> fixture() {
        org.axonframework.test.aggregate.AggregateTestFixture<Presence> fixture =
                new org.axonframework.test.aggregate.AggregateTestFixture<>(Presence.class);
        fixture.registerInjectableResource((PresenceEvents)
                presenceId -> fixture.getEventStore().readEvents(presenceId, 0).asStream());
        return fixture;
    }

    /** A day relative to {@link #ON}. */
    static LocalDate day(int offset) {
        return ON.plusDays(offset);
    }

    // ------------------------------------------------------------ missions

    static MissionOpened embassyOpened() {
        return new MissionOpened(
                PRESENCE, EMBASSY, RU, US, MissionKind.EMBASSY, "Washington", null, null, false, day(-365), SOURCE);
    }

    static MissionOpened consulateOpened() {
        return new MissionOpened(
                PRESENCE,
                CONSULATE,
                RU,
                US,
                MissionKind.CONSULATE_GENERAL,
                "New York",
                null,
                null,
                false,
                day(-365),
                SOURCE);
    }

    static MissionOpened unMissionOpened() {
        return new MissionOpened(
                PRESENCE,
                UN_MISSION,
                RU,
                US,
                MissionKind.PERMANENT_MISSION,
                "New York",
                "UN",
                null,
                false,
                day(-365),
                SOURCE);
    }

    static MissionOpened legationOpened() {
        return new MissionOpened(
                PRESENCE, LEGATION, RU, US, MissionKind.LEGATION, "Washington", null, null, false, day(-365), SOURCE);
    }

    /** The legation raised to an embassy on {@code on}. */
    static MissionRankChanged raised(LocalDate on) {
        return new MissionRankChanged(PRESENCE, LEGATION, MissionKind.LEGATION, MissionKind.EMBASSY, on, SOURCE);
    }

    static MissionSuspended suspended(String missionId) {
        return new MissionSuspended(PRESENCE, missionId, "security", day(-30), SOURCE);
    }

    static MissionClosed closed(String missionId) {
        return new MissionClosed(
                PRESENCE, missionId, ClosureReason.CONSENT_WITHDRAWN, US, day(-20), null, day(-30), SOURCE);
    }

    // ------------------------------------------------------------ staff

    static DiplomatAccredited accredited(String personId) {
        return accredited(EMBASSY, personId, StaffCategory.DIPLOMATIC);
    }

    static DiplomatAccredited accredited(String missionId, String personId, StaffCategory category) {
        return new DiplomatAccredited(
                PRESENCE, missionId, personId, nameOf(personId), null, category, day(-100), SOURCE);
    }

    static DiplomatDeparted departed(String personId) {
        return new DiplomatDeparted(
                PRESENCE, EMBASSY, personId, StaffCategory.DIPLOMATIC, null, false, day(-10), SOURCE);
    }

    static StaffCountReported counted(String missionId, StaffCategory category, int headcount) {
        return new StaffCountReported(PRESENCE, missionId, category, headcount, day(-50), SOURCE);
    }

    /** "Ivan Petrov" for {@code ivan-petrov}: the name an accreditation of that person carries. */
    static String nameOf(String personId) {
        StringBuilder name = new StringBuilder();
        for (String part : personId.split("-")) {
            name.append(name.isEmpty() ? "" : " ")
                    .append(Character.toUpperCase(part.charAt(0)))
                    .append(part.substring(1));
        }
        return name.toString();
    }

    // ------------------------------------------------------------ expulsions

    /** Named persons expelled from the embassy, accredited there as diplomats, to leave by {@code deadline}. */
    static DiplomatExpelled expelled(String expulsionId, LocalDate deadline, String... personIds) {
        List<ExpelledPerson> persons = java.util.Arrays.stream(personIds)
                .map(id -> new ExpelledPerson(id, nameOf(id), EMBASSY, StaffCategory.DIPLOMATIC))
                .toList();
        return new DiplomatExpelled(
                PRESENCE, expulsionId, US, RU, null, persons, null, null, deadline, null, null, day(-7), SOURCE);
    }

    /** A number of unnamed staff expelled from the embassy, to leave by {@code deadline}. */
    static DiplomatExpelled expelledCounted(String expulsionId, LocalDate deadline, int count) {
        return new DiplomatExpelled(
                PRESENCE,
                expulsionId,
                US,
                RU,
                EMBASSY,
                List.of(),
                count,
                StaffCategory.UNSPECIFIED,
                deadline,
                null,
                null,
                day(-7),
                SOURCE);
    }

    // ------------------------------------------------------------ ceilings

    /** A ceiling in force since {@code since}, imposed when no staff were known. */
    static StaffCeilingImposed ceiling(
            String ceilingId, String missionId, StaffCategory category, int limit, LocalDate since) {
        return new StaffCeilingImposed(
                PRESENCE, ceilingId, US, missionId, category, limit, null, 0, 0, null, null, since, SOURCE);
    }
}
