package org.diplomaticledger.presence.api;

import java.util.regex.Pattern;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.Slugs;

/**
 * Readable identifiers. A presence is the sending state's presence in the receiving state: {@code RU-US}.
 * A mission is {@code SENDING-RECEIVING-KIND[-ORGANISATION]-CITY}: {@code RU-US-EMBASSY-WASHINGTON},
 * {@code RU-US-CONSULATE-GENERAL-NEW-YORK}, {@code RU-US-PERMANENT-MISSION-UN-NEW-YORK}.
 */
public final class PresenceIds {

    /** Its first two parts are the sending and receiving states: ISO's two letters, or a former or ledger code of four to eight. */
    public static final String MISSION_ID_PATTERN =
            "^([A-Z]{2}|[A-Z]{4,8})-([A-Z]{2}|[A-Z]{4,8})-[A-Z0-9]+(-[A-Z0-9]+)*$";

    private static final Pattern MISSION_ID = Pattern.compile(MISSION_ID_PATTERN);

    private PresenceIds() {}

    public static String presence(CountryCode sending, CountryCode receiving) {
        return sending.value() + "-" + receiving.value();
    }

    public static String mission(
            CountryCode sending, CountryCode receiving, MissionKind kind, String city, String organisation) {
        String org = organisation == null || organisation.isBlank() ? "" : Slugs.upper(organisation) + "-";
        return presence(sending, receiving) + "-" + kind.idPart() + "-" + org + Slugs.upper(city);
    }

    /** A person's id: the one given, else the slug of the name ({@code alexander-darchiev}); null when neither is given. */
    public static String person(String personId, String name) {
        if (personId == null && name != null && !name.isBlank()) {
            return Slugs.lower(name);
        }
        return personId;
    }

    /** As {@link #person}, for commands about someone already known: one of the two must be given. */
    public static String requiredPerson(String personId, String name) {
        String id = person(personId, name);
        if (id == null) {
            throw new InvalidValueException("personId, name: name the person, by personId or by name");
        }
        return id;
    }

    /** The presence a mission belongs to: the first two parts of its id. */
    public static String presenceOfMission(String missionId) {
        if (missionId == null || !MISSION_ID.matcher(missionId).matches()) {
            throw new InvalidValueException(
                    "expected a mission id such as RU-US-EMBASSY-WASHINGTON, got '" + missionId + "'");
        }
        return sendingOf(missionId) + "-" + receivingOf(missionId);
    }

    /** The sending state's code in a presence id ({@code RU-US}) or mission id: its first part. */
    public static String sendingOf(String presenceOrMissionId) {
        return presenceOrMissionId.substring(0, presenceOrMissionId.indexOf('-'));
    }

    /** The receiving state's code in a presence id ({@code RU-US}) or mission id: its second part. */
    public static String receivingOf(String presenceOrMissionId) {
        int first = presenceOrMissionId.indexOf('-');
        int second = presenceOrMissionId.indexOf('-', first + 1);
        return presenceOrMissionId.substring(first + 1, second < 0 ? presenceOrMissionId.length() : second);
    }

    /** The presence a command is about: its mission's when it names one, else the two states'. */
    public static String presenceOf(String missionId, CountryCode sending, CountryCode receiving) {
        if (missionId != null) {
            String presence = presenceOfMission(missionId);
            if ((sending != null && !presence.startsWith(sending.value() + "-"))
                    || (receiving != null && !presence.endsWith("-" + receiving.value()))) {
                throw new InvalidValueException(
                        "mission " + missionId + " does not belong to the presence of " + sending + " in " + receiving);
            }
            return presence;
        }
        if (sending == null || receiving == null) {
            throw new InvalidValueException("name either a missionId, or the sendingState and the receivingState");
        }
        return presence(sending, receiving);
    }
}
