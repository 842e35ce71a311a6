package org.diplomaticledger.presence.api;

/** A named person an expulsion declared persona non grata, with the mission and category they held. */
public record ExpelledPerson(String personId, String name, String missionId, StaffCategory category) {}
