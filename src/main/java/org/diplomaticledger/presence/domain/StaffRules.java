package org.diplomaticledger.presence.domain;

import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.history.api.JudgedRevision;
import org.diplomaticledger.presence.api.*;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.RuleViolation;

/**
 * The rules of a {@link Presence}'s staff commands (accreditations, departures, counts, expulsions, ceilings), judged
 * on its missions, its {@link StaffBook} and its {@link Expulsions}: each answers the event the presence applies. A
 * view made for one command, which changes none of them.
 */
final class StaffRules {

    /** The presence's id; null while a presence-level command creates it (its handlers pass the command's). */
    private final String presenceId;

    private final MissionDirectory missions;
    private final StaffBook staff;
    private final Expulsions expulsions;

    StaffRules(String presenceId, MissionDirectory missions, StaffBook staff, Expulsions expulsions) {
        this.presenceId = presenceId;
        this.missions = missions;
        this.staff = staff;
        this.expulsions = expulsions;
    }

    // ---------------------------------------------------------------- named and counted staff

    DiplomatAccredited accredited(AccreditDiplomat command) {
        missions.named(command.missionId()).requireOpenOn("accredit staff", command.effectiveDate());
        if (command.category() == StaffCategory.UNSPECIFIED) {
            throw new RuleViolation(
                    "category-required",
                    "category",
                    "a named accreditation states the category: DIPLOMATIC, ADMINISTRATIVE_TECHNICAL, SERVICE or LOCAL_HIRE");
        }
        staff.requireAccreditable(
                command.personId(),
                command.missionId(),
                command.name(),
                command.category(),
                command.effectiveDate(),
                presenceId);
        staffFits(
                presenceId,
                "DiplomatAccredited",
                command.effectiveDate(),
                StaffTimeline.Kind.ACCREDITED,
                command.personId(),
                command.missionId(),
                command.category(),
                0);
        return new DiplomatAccredited(
                presenceId,
                command.missionId(),
                command.personId(),
                command.name(),
                command.rank(),
                command.category(),
                command.effectiveDate(),
                command.source());
    }

    /** A named person, or a number of counted staff, left the mission: two cases with rules of their own. */
    LedgerEvent departed(RecordDeparture command) {
        missions.named(command.missionId()).requireOpenedBy(command.effectiveDate());
        Expulsion named = command.expulsionId() == null ? null : expulsions.recorded(command.expulsionId(), presenceId);
        return command.personId() != null ? namedDeparted(command, named) : countedDeparted(command, named);
    }

    /** The person leaves under the expulsion the command names, else under the one that expelled them, if any. */
    private DiplomatDeparted namedDeparted(RecordDeparture command, Expulsion named) {
        StaffBook.Departing departing =
                staff.departing(command.personId(), command.missionId(), command.effectiveDate());
        StaffBook.Person person = departing.person();
        Expulsion expulsion = expulsions.leftUnder(named, command.personId(), departing.stintExpulsion());
        Expulsion.requireInEffectOn(expulsion, command.effectiveDate());
        staff.careers.settle(departing.contradiction(), command.personId(), presenceId);
        staffFits(
                presenceId,
                "DiplomatDeparted",
                command.effectiveDate(),
                StaffTimeline.Kind.DEPARTED,
                command.personId(),
                command.missionId(),
                person.category(),
                0);
        return new DiplomatDeparted(
                presenceId,
                command.missionId(),
                command.personId(),
                person.category(),
                expulsion == null ? null : expulsion.expulsionId(),
                expulsion != null && expulsion.isOverdueOn(command.effectiveDate()),
                command.effectiveDate(),
                command.source());
    }

    private CountedStaffDeparted countedDeparted(RecordDeparture command, Expulsion expulsion) {
        Expulsion.requireInEffectOn(expulsion, command.effectiveDate());
        if (expulsion != null) {
            expulsion.requireCountedDue(command.count());
        }
        staffFits(
                presenceId,
                "CountedStaffDeparted",
                command.effectiveDate(),
                StaffTimeline.Kind.COUNTED,
                null,
                command.missionId(),
                command.category(),
                -command.count());
        return new CountedStaffDeparted(
                presenceId,
                command.missionId(),
                command.category(),
                command.count(),
                command.expulsionId(),
                expulsion != null && expulsion.isOverdueOn(command.effectiveDate()),
                command.effectiveDate(),
                command.source());
    }

    /** A headcount reported for the presence {@code id} (the command's, which may create it). */
    StaffCountReported reported(String id, RecordStaffCount command) {
        requireKnownIfNamed(command.missionId(), command.effectiveDate());
        staffFits(
                id,
                "StaffCountReported",
                command.effectiveDate(),
                StaffTimeline.Kind.REPORTED,
                null,
                command.missionId(),
                command.category(),
                command.headcount());
        return new StaffCountReported(
                id,
                command.missionId(),
                command.category(),
                command.headcount(),
                command.effectiveDate(),
                command.source());
    }

    /** Counted staff arriving or leaving the presence {@code id} (the command's, which may create it). */
    StaffCountChanged changed(String id, RecordStaffChange command) {
        requireKnownIfNamed(command.missionId(), command.effectiveDate());
        staffFits(
                id,
                "StaffCountChanged",
                command.effectiveDate(),
                StaffTimeline.Kind.COUNTED,
                null,
                command.missionId(),
                command.category(),
                command.change());
        return new StaffCountChanged(
                id,
                command.missionId(),
                command.category(),
                command.change(),
                command.reason(),
                command.effectiveDate(),
                command.source());
    }

    // ---------------------------------------------------------------- expulsions

    /** An expulsion of the presence {@code id}'s staff (the command's, which may create it). */
    DiplomatExpelled expelled(String id, ExpelDiplomat command) {
        requireKnownIfNamed(command.missionId(), command.effectiveDate());
        expulsions.requireNew(command.expulsionId(), command.answersExpulsionId(), id);
        Presence.requireNotBefore(command.departureDeadline(), command.effectiveDate(), "departureDeadline");
        List<ExpelledPerson> persons = staff.expellable(
                command.personIds(), command.missionId(), command.expulsionId(), command.effectiveDate(), id);
        return new DiplomatExpelled(
                id,
                command.expulsionId(),
                CountryCode.of(PresenceIds.receivingOf(id)),
                CountryCode.of(PresenceIds.sendingOf(id)),
                command.missionId(),
                persons,
                command.count(),
                command.count() == null ? null : command.category(),
                command.departureDeadline(),
                command.answersExpulsionId(),
                command.reason(),
                command.effectiveDate(),
                command.source());
    }

    // ---------------------------------------------------------------- ceilings

    /** A ceiling on the presence {@code id} (the command's, which may create it), or on one of its missions. */
    StaffCeilingImposed imposed(String id, ImposeStaffCeiling command) {
        if (command.missionId() != null) {
            MissionTimeline.Standing then = missions.named(command.missionId()).on(command.effectiveDate());
            if (!then.opened() || then.status() == MissionStatus.CLOSED) {
                throw new RuleViolation(
                        then.opened() ? "mission-closed" : "mission-not-open",
                        "missionId",
                        "mission " + command.missionId() + " is " + then.describe() + " on " + command.effectiveDate());
            }
        }
        StaffTimeline timeline = staff.timeline;
        if (timeline.last().ceilings.containsKey(command.ceilingId())) {
            throw new RuleViolation(
                    "ceiling-already-recorded", "ceilingId", "ceiling " + command.ceilingId() + " is already recorded");
        }
        Presence.requireNotBefore(command.complyBy(), command.effectiveDate(), "complyBy");
        StaffState then = timeline.on(command.effectiveDate());
        Ceiling replaced = then.inForceFor(command.missionId(), command.category());
        int headcount = then.headcount(command.missionId(), command.category());
        new StaffJudge(timeline, id)
                .requireFits(
                        StaffTimeline.StaffFact.candidate(
                                "StaffCeilingImposed",
                                command.effectiveDate(),
                                StaffTimeline.Kind.CEILING_IMPOSED,
                                command.ceilingId(),
                                command.missionId(),
                                command.category(),
                                command.limit()),
                        "StaffCeilingImposed " + command.ceilingId() + " on " + command.effectiveDate());
        return new StaffCeilingImposed(
                id,
                command.ceilingId(),
                CountryCode.of(PresenceIds.receivingOf(id)),
                command.missionId(),
                command.category(),
                command.limit(),
                command.complyBy(),
                headcount,
                Math.max(0, headcount - command.limit()),
                replaced == null ? null : replaced.ceilingId(),
                command.reason(),
                command.effectiveDate(),
                command.source());
    }

    StaffCeilingLifted lifted(LiftStaffCeiling command) {
        StaffTimeline timeline = staff.timeline;
        Ceiling ceiling = timeline.on(command.effectiveDate())
                .inForceToLift(
                        command.ceilingId(),
                        command.missionId(),
                        command.category(),
                        command.effectiveDate(),
                        timeline.last(),
                        presenceId);
        new StaffJudge(timeline, presenceId)
                .requireFits(
                        StaffTimeline.StaffFact.candidate(
                                "StaffCeilingLifted",
                                command.effectiveDate(),
                                StaffTimeline.Kind.CEILING_LIFTED,
                                ceiling.ceilingId(),
                                ceiling.missionId(),
                                ceiling.category(),
                                0),
                        "StaffCeilingLifted " + ceiling.ceilingId() + " on " + command.effectiveDate());
        return new StaffCeilingLifted(
                presenceId,
                ceiling.ceilingId(),
                ceiling.missionId(),
                ceiling.category(),
                command.reason(),
                command.effectiveDate(),
                command.source());
    }

    /** A closure ends the mission's ceilings: refused if a lifting of one recorded for a later day then fails. */
    void requireClosable(CloseMission command) {
        new StaffJudge(staff.timeline, presenceId)
                .requireFits(
                        StaffTimeline.StaffFact.candidate(
                                "MissionClosed",
                                command.effectiveDate(),
                                StaffTimeline.Kind.MISSION_CLOSED,
                                null,
                                command.missionId(),
                                null,
                                0),
                        "MissionClosed of " + command.missionId() + " on " + command.effectiveDate());
    }

    // ---------------------------------------------------------------- corrections

    /**
     * A correction or retraction of one of the presence's events, refused if it moves or removes a fact of a career so
     * that it breaks a rule it did not, or moves, removes or changes a staff or ceiling fact so that the ceilings
     * refuse a fact they did not.
     */
    void requireRevisable(JudgedRevision revision) {
        RuleViolation wrong =
                revision.keepsItsDay() ? null : staff.careers.revised(revision.eventId(), revision.movedTo());
        if (wrong == null) {
            wrong = new StaffJudge(staff.timeline, presenceId).revised(revision.event());
        }
        if (wrong != null) {
            throw wrong;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A staff fact judged against the ceilings where it falls in effective time. */
    private void staffFits(
            String id,
            String type,
            LocalDate on,
            StaffTimeline.Kind kind,
            String personId,
            String missionId,
            StaffCategory category,
            int number) {
        new StaffJudge(staff.timeline, id)
                .requireFits(
                        StaffTimeline.StaffFact.candidate(type, on, kind, personId, missionId, category, number),
                        type + (personId == null ? "" : " of " + personId) + " on " + on);
    }

    /** The mission a presence-level command may name, which must be recorded, and opened by the day, if it does. */
    private void requireKnownIfNamed(String missionId, LocalDate on) {
        if (missionId != null) {
            missions.named(missionId).requireOpenedBy(on);
        }
    }
}
