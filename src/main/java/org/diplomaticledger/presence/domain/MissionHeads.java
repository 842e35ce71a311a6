package org.diplomaticledger.presence.domain;

import java.time.LocalDate;
import java.util.function.Function;
import org.diplomaticledger.presence.api.*;
import org.diplomaticledger.presence.domain.HeadsTimeline.HeadFact;
import org.diplomaticledger.presence.domain.HeadsTimeline.Step;
import org.diplomaticledger.presence.domain.MissionTimeline.Standing;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.RuleViolation;

/**
 * The rules of a {@link Mission}'s heads (agrément, appointment, credentials, recall, return, end, chargé d'affaires):
 * what they need of the mission on the day (open, of a kind that has a head), then each step judged among its heads'
 * steps in effective time ({@link HeadsTimeline}, whose {@link Heads} hold each tenure's own rules). Each answers the
 * event the presence applies. A view made for one command, which changes nothing of the mission.
 */
final class MissionHeads {

    private final String missionId;
    private final MissionTimeline timeline;
    private final Ranks ranks;
    private final HeadsTimeline heads;
    /** The check of the mission's heads at the end of a batch judged as a whole, reading the mission as it then is. */
    private final Function<Object, RuleViolation> atTheEnd;

    MissionHeads(
            String missionId,
            MissionTimeline timeline,
            Ranks ranks,
            HeadsTimeline heads,
            Function<Object, RuleViolation> atTheEnd) {
        this.missionId = missionId;
        this.timeline = timeline;
        this.ranks = ranks;
        this.heads = heads;
        this.atTheEnd = atTheEnd;
    }

    // ---------------------------------------------------------------- agrément, appointment, credentials

    AgrementRequested agrementRequested(RequestAgrement command) {
        requireEmbassy("request agrément", command.effectiveDate());
        requireStep(
                "AgrementRequested",
                command.effectiveDate(),
                HeadFact.of(Step.AGREMENT_REQUESTED, command.personId(), command.name()));
        return new AgrementRequested(
                command.presenceId(),
                missionId,
                command.personId(),
                command.name(),
                ranks.classOn(command.headClass(), command.effectiveDate()),
                command.effectiveDate(),
                command.source());
    }

    AgrementGranted agrementGranted(GrantAgrement command) {
        requireEmbassy("grant agrément", command.effectiveDate());
        requireStep(
                "AgrementGranted",
                command.effectiveDate(),
                HeadFact.of(Step.AGREMENT_GRANTED, command.personId(), command.name()));
        Headship head = headsOn(command.effectiveDate()).currentTenure(command.personId());
        return new AgrementGranted(
                command.presenceId(),
                missionId,
                command.personId(),
                head.nameOr(command.name()),
                head.agrement() == Headship.Agrement.REQUESTED,
                command.effectiveDate(),
                command.source());
    }

    AgrementRefused agrementRefused(RefuseAgrement command) {
        requireEmbassy("refuse agrément", command.effectiveDate());
        requireStep(
                "AgrementRefused",
                command.effectiveDate(),
                HeadFact.of(Step.AGREMENT_REFUSED, command.personId(), command.name()));
        Headship head = headsOn(command.effectiveDate()).currentTenure(command.personId());
        return new AgrementRefused(
                command.presenceId(),
                missionId,
                command.personId(),
                head.nameOr(command.name()),
                command.reason(),
                head.agrement() == Headship.Agrement.REQUESTED,
                command.effectiveDate(),
                command.source());
    }

    AmbassadorAppointed appointed(AppointAmbassador command) {
        requireHeaded("appoint a head of mission", command.effectiveDate());
        requireStep(
                "AmbassadorAppointed",
                command.effectiveDate(),
                HeadFact.of(Step.APPOINTED, command.personId(), command.name()));
        boolean agrementReported = headsOn(command.effectiveDate())
                        .currentTenure(command.personId())
                        .agrement()
                == Headship.Agrement.GRANTED;
        return new AmbassadorAppointed(
                command.presenceId(),
                missionId,
                command.personId(),
                command.name(),
                ranks.classOn(command.headClass(), command.effectiveDate()),
                agrementReported,
                command.effectiveDate(),
                command.source());
    }

    /**
     * Either step of VCDR Art. 13; functions start with whichever comes first. The predecessor and whether functions
     * start here are the timeline's on that day, as its fold derives them again whenever a step is back-filled.
     */
    LedgerEvent credentialsPresented(PresentCredentials command) {
        requireHeaded("present credentials", command.effectiveDate());
        boolean copy = command.step() == CredentialsStep.COPY_TO_FOREIGN_MINISTRY;
        requireStep(
                copy ? "CredentialsCopyPresented" : "CredentialsPresented",
                command.effectiveDate(),
                HeadFact.of(
                        copy ? Step.COPY_PRESENTED : Step.CREDENTIALS_PRESENTED, command.personId(), command.name()));
        Heads then = headsOn(command.effectiveDate());
        Headship head = then.currentTenure(command.personId());
        String predecessor = then.predecessorOf(command.personId());
        if (copy) {
            return new CredentialsCopyPresented(
                    command.presenceId(),
                    missionId,
                    command.personId(),
                    head.nameOr(command.name()),
                    head.appointed(),
                    predecessor,
                    command.effectiveDate(),
                    command.source());
        } else {
            boolean startsHere = then.functionsStartWithCredentials(command.personId());
            return new CredentialsPresented(
                    command.presenceId(),
                    missionId,
                    command.personId(),
                    head.nameOr(command.name()),
                    head.appointed(),
                    startsHere,
                    startsHere ? predecessor : null,
                    command.effectiveDate(),
                    command.source());
        }
    }

    // ---------------------------------------------------------------- recall, return, end, chargé d'affaires

    AmbassadorRecalled recalled(RecallAmbassador command) {
        requireStep(
                "AmbassadorRecalled",
                command.effectiveDate(),
                new HeadFact(Step.RECALLED, command.personId(), null, command.kind()));
        return new AmbassadorRecalled(
                command.presenceId(),
                missionId,
                command.personId(),
                command.kind(),
                command.reason(),
                command.effectiveDate(),
                command.source());
    }

    AmbassadorReturned returned(ReturnAmbassador command) {
        requireStep(
                "AmbassadorReturned", command.effectiveDate(), HeadFact.of(Step.RETURNED, command.personId(), null));
        return new AmbassadorReturned(
                command.presenceId(), missionId, command.personId(), command.effectiveDate(), command.source());
    }

    AmbassadorshipEnded ended(EndAmbassadorship command) {
        requireStep("AmbassadorshipEnded", command.effectiveDate(), HeadFact.of(Step.ENDED, command.personId(), null));
        return new AmbassadorshipEnded(
                command.presenceId(),
                missionId,
                command.personId(),
                command.reason(),
                command.effectiveDate(),
                command.source());
    }

    ChargeDAffairesAppointed chargeDAffairesAppointed(AppointChargeDAffaires command) {
        requireHeaded("appoint a chargé d'affaires", command.effectiveDate());
        requireStep(
                "ChargeDAffairesAppointed",
                command.effectiveDate(),
                HeadFact.of(Step.CHARGE_D_AFFAIRES_APPOINTED, command.personId(), command.name()));
        return new ChargeDAffairesAppointed(
                command.presenceId(),
                missionId,
                command.personId(),
                command.name(),
                command.rank(),
                headsOn(command.effectiveDate()).current(),
                command.effectiveDate(),
                command.source());
    }

    // ---------------------------------------------------------------- helpers

    /** Its heads as they stood on a day. */
    private Heads headsOn(LocalDate day) {
        return heads.on(day, missionId);
    }

    /**
     * A step of a tenure judged where it falls among the heads' steps: refused by its own rule at once, or if a step
     * recorded for a later day would then break a rule (unless a batch judged as a whole is open: then at its end).
     */
    private void requireStep(String type, LocalDate on, HeadFact fact) {
        heads.requireFits(type, on, fact, missionId, atTheEnd);
    }

    /** Heads of mission take up office at embassies, legations and permanent missions opened and not closed on the day. */
    private void requireHeaded(String action, LocalDate on) {
        MissionKind then =
                timeline.requireOpenedNotClosed(missionId, action, on).kind();
        if (!then.hasHeadOfMission()) {
            throw new RuleViolation(
                    "no-head-of-mission-here",
                    "missionId",
                    missionId + " is a " + then + " on " + on
                            + "; heads of mission lead embassies, legations and permanent missions");
        }
    }

    /** Agrément is for the head of an embassy or a legation, not closed on the day (it may be sought before it opens). */
    private void requireEmbassy(String action, LocalDate on) {
        Standing standing = timeline.requireNotClosed(missionId, action, on);
        MissionKind then = standing.opened() ? standing.kind() : ranks.on(on); // before it opens: as it will open
        if (!then.hasHeadOfMission()) {
            throw new RuleViolation(
                    "no-head-of-mission-here",
                    "missionId",
                    missionId + " is a " + then + " on " + on
                            + "; heads of mission lead embassies, legations and permanent missions");
        }
        if (!then.isLegationOrEmbassy()) {
            throw new RuleViolation(
                    "agrement-only-for-embassies",
                    "missionId",
                    "agrément is given for the head of an " + "embassy or a legation (VCDR Art. 4); " + missionId
                            + " is a " + then + " on " + on);
        }
    }
}
